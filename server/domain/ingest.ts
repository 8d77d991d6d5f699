import { InboundMessage, newId, type Message, type MessageId, type ParsedInboundMessage } from '../../shared/index.js';
import { invalidPayload } from './errors.js';
import { fileMessage, type Filed, type FiledUnder, type FilingDeps, type FilingRequest } from './filing.js';
import { channelLevel, eidasOf, normalizeOrReject } from './identity.js';

// What a channel hands over (already in the shared InboundMessage shape) becomes a received
// message in the citizen's conversation; the filing itself is filing.ts, shared with outbound calls.

export interface IngestDeps extends FilingDeps {
  /** Cleans channel HTML before it is stored; the console cleans again before rendering. */
  sanitizeHtml: (html: string) => string;
}

export type IngestResult = Filed;

export class IngestService {
  constructor(private readonly deps: IngestDeps) {}

  async ingest(raw: unknown): Promise<IngestResult> {
    const parsed = InboundMessage.safeParse(raw);
    if (!parsed.success) throw invalidPayload('inbound message', parsed.error.issues);
    const inbound = parsed.data;
    return this.file({
      identity: normalizeOrReject(inbound.from.kind, inbound.from.value, channelLevel(inbound.from), eidasOf(inbound.from)),
      alsoKnownAs: (inbound.alsoKnownAs ?? []).map((i) => normalizeOrReject(i.kind, i.value, channelLevel(i), eidasOf(i))),
      displayName: inbound.from.displayName,
      inbound,
      priority: inbound.priority,
      actor: 'citizen',
      externalId: inbound.externalId,
      message: (under) => this.toMessage(inbound, under),
    });
  }

  /**
   * Files a message that did not come through a channel's inbound shape (an outbound call a PBX
   * reports): the same path, with this service's store, queue rules and clock.
   */
  file(request: FilingRequest): Promise<Filed> {
    return fileMessage(this.deps, request);
  }

  private toMessage(inbound: ParsedInboundMessage, ctx: FiledUnder): Message {
    const html = inbound.html ? this.deps.sanitizeHtml(inbound.html) : undefined;
    return {
      id: newId<MessageId>('msg', Date.parse(ctx.at)),
      conversationId: ctx.conversationId,
      citizenId: ctx.citizenId,
      direction: 'inbound',
      channel: inbound.channel,
      kind: inbound.kind,
      author: { kind: 'citizen', id: ctx.citizenId, name: ctx.citizenName },
      ...(inbound.subject ? { subject: inbound.subject } : {}),
      text: inbound.text,
      ...(html ? { html } : {}),
      attachments: inbound.attachments ?? [],
      externalId: inbound.externalId,
      ...(inbound.providerAt ? { providerAt: inbound.providerAt } : {}),
      at: ctx.at,
      status: 'received',
      ...(inbound.call ? { call: inbound.call } : {}),
    };
  }
}
