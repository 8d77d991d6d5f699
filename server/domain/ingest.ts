import {
  InboundMessage,
  newId,
  type CitizenId,
  type ConversationId,
  type Identity,
  type JournalEvent,
  type Message,
  type MessageId,
  type NewJournalEvent,
  type ParsedInboundMessage,
} from '../../shared/index.js';
import { DomainError, invalidPayload } from './errors.js';
import { findCitizen, hasIdentity, identityClaimKey, normalizeOrReject } from './identity.js';
import { ClaimConflictError, type Claim, type Clock, type EventBus, type Store } from './ports.js';
import { routeToQueue, type RoutingConfig } from './routing.js';
import { chooseConversation, nextConversationClaim, type ThreadChoice } from './threading.js';

export interface IngestDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  routing: RoutingConfig;
  /** Cleans channel HTML before it is stored; the console cleans again before rendering. */
  sanitizeHtml: (html: string) => string;
}

export interface IngestResult {
  status: 'accepted' | 'duplicate';
  message: Message;
  events: JournalEvent[];
}

// Claims lost to a concurrent ingest are retried from the top: the second pass sees what the
// winner committed (its citizen, its conversation) and joins it.
const MAX_ATTEMPTS = 5;

export class IngestService {
  constructor(private readonly deps: IngestDeps) {}

  async ingest(raw: unknown): Promise<IngestResult> {
    const parsed = InboundMessage.safeParse(raw);
    if (!parsed.success) throw invalidPayload('inbound message', parsed.error.issues);
    const inbound = parsed.data;
    const from = normalizeOrReject(inbound.from.kind, inbound.from.value, inbound.from.verified ?? false);
    const alsoKnownAs = (inbound.alsoKnownAs ?? []).map((i) => normalizeOrReject(i.kind, i.value, i.verified ?? false));

    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const existing = await this.deps.store.findMessageByExternalId(inbound.channel, inbound.externalId);
      if (existing) return { status: 'duplicate', message: existing, events: [] };
      try {
        return await this.commit(inbound, from, alsoKnownAs);
      } catch (err) {
        if (!(err instanceof ClaimConflictError)) throw err;
      }
    }
    throw new DomainError('unavailable', 'too many concurrent writes for this sender; retry later', { reason: 'too_many_writes' });
  }

  private async commit(inbound: ParsedInboundMessage, from: Identity, alsoKnownAs: Identity[]): Promise<IngestResult> {
    const { store, clock } = this.deps;
    const at = clock.now().toISOString();
    const events: NewJournalEvent[] = [];
    const claims: Claim[] = [];
    const citizen = await findCitizen(store, from, alsoKnownAs);
    const nowMs = clock.now().getTime();
    const citizenId: CitizenId = citizen?.id ?? newId<CitizenId>('cit', nowMs);
    const citizenName = citizen?.displayName ?? inbound.from.displayName?.trim() ?? from.value;

    // Identities to attach: the sender's, then others the channel gave us that nobody holds yet.
    const toLink: Identity[] = [];
    for (const identity of [from, ...alsoKnownAs]) {
      if (citizen && hasIdentity(citizen, identity)) continue;
      if (toLink.some((i) => i.kind === identity.kind && i.value === identity.value)) continue;
      if (identity !== from && (await store.claimOwner(identityClaimKey(identity))) !== null) continue;
      toLink.push(identity);
      claims.push({ key: identityClaimKey(identity), owner: citizenId });
    }

    const thread: ThreadChoice = citizen ? await chooseConversation(store, citizenId, inbound) : { kind: 'open' };
    const active = thread.kind === 'open' ? null : thread.conversation;
    const conversationId: ConversationId = active?.id ?? newId<ConversationId>('conv', nowMs);
    const queueId = active?.queueId ?? routeToQueue(this.deps.routing, inbound);
    const envelope = { at, actor: { kind: 'citizen' as const, id: citizenId }, citizenId, queueId };

    if (!citizen) {
      events.push({ ...envelope, type: 'citizen.created', payload: { displayName: citizenName, identities: toLink } });
    } else {
      for (const identity of toLink) events.push({ ...envelope, type: 'identity.linked', payload: { identity } });
    }

    if (!active) {
      claims.push(await nextConversationClaim(store, citizenId, conversationId));
      events.push({
        ...envelope,
        conversationId,
        type: 'conversation.opened',
        payload: {
          citizenName,
          queueId,
          channel: inbound.channel,
          priority: inbound.priority ?? 'normal',
          ...(inbound.subject ? { subject: inbound.subject } : {}),
        },
      });
    } else if (thread.kind === 'reopen') {
      // The same claim as opening one: a reopen and a concurrent new conversation cannot both win.
      claims.push(await nextConversationClaim(store, citizenId, conversationId));
      events.push({ ...envelope, conversationId, type: 'conversation.status', payload: { status: 'open', previousStatus: 'resolved' } });
    } else if (active.status === 'pending') {
      // The citizen answered: the conversation needs an agent again.
      events.push({ ...envelope, conversationId, type: 'conversation.status', payload: { status: 'open', previousStatus: 'pending' } });
    }

    const message = this.toMessage(inbound, { citizenId, conversationId, citizenName, at });
    claims.push({ key: `external:${inbound.channel}:${inbound.externalId}`, owner: message.id });
    events.push({ ...envelope, conversationId, type: 'message.received', payload: { message } });

    const committed = await store.append(events, claims);
    this.deps.bus.publish(committed);
    return { status: 'accepted', message, events: committed };
  }

  private toMessage(
    inbound: ParsedInboundMessage,
    ctx: { citizenId: CitizenId; conversationId: ConversationId; citizenName: string; at: string },
  ): Message {
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
