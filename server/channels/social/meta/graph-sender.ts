import type { Channel } from '../../../../shared/index.js';
import { PermanentSendError, type ChannelSender, type OutboundDelivery, type SendOutcome } from '../../../domain/outbox.js';
import { TEXT_LIMITS } from '../../../../shared/channel-limits.js';

export interface GraphSettings {
  /** Base URL of the Graph API (META_GRAPH_URL); tests point it at a local fake. */
  graphUrl: string;
  /** e.g. v21.0 */
  version: string;
  /** Bearer token of the call. */
  accessToken: string;
  /** WhatsApp only: the id of the business number messages leave from. */
  phoneNumberId?: string | undefined;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type MetaChannel = Extract<Channel, 'whatsapp' | 'messenger' | 'instagram'>;

// Longest text each API takes in one message: refused here with a reason rather than by Meta.
const MAX_TEXT: Record<MetaChannel, number> = TEXT_LIMITS;

interface GraphError {
  error?: { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } };
}

function reasonOf(status: number, body: GraphError | null): string {
  const e = body?.error;
  if (!e) return `Graph API answered HTTP ${status}`;
  const detail = e.error_data?.details ? ` — ${e.error_data.details}` : '';
  return `${e.message ?? `HTTP ${status}`}${detail}${e.code !== undefined ? ` (code ${e.code})` : ''}`;
}

/**
 * Replies through Meta's Graph API: WhatsApp Cloud API on /{phone-number-id}/messages, Messenger
 * and Instagram on /me/messages with the Page token. A 4xx is Meta refusing this message (closed
 * window, blocked user, bad token): permanent, with Meta's message as the reason. A 429, a 5xx or
 * a network failure is retried by the outbox. The Graph API has no idempotency key, so a crash
 * between Meta's answer and the journal can send a reply twice.
 */
export class GraphSender implements ChannelSender {
  private readonly fetch: typeof fetch;

  constructor(
    readonly channel: MetaChannel,
    private readonly settings: GraphSettings,
  ) {
    this.fetch = settings.fetch ?? globalThis.fetch;
  }

  async send(delivery: OutboundDelivery): Promise<SendOutcome> {
    const text = delivery.message.text;
    if (text.length > MAX_TEXT[this.channel]) {
      throw new PermanentSendError(`too long for ${this.channel}: ${text.length} characters, at most ${MAX_TEXT[this.channel]}`, { failure: 'too_long' });
    }
    const { url, body } = this.request(delivery.to.value, text);
    let res: Response;
    try {
      res = await this.fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.settings.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new Error(`Graph API unreachable: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const json = (await res.json().catch(() => null)) as (GraphError & { messages?: { id?: string }[]; message_id?: string }) | null;
    if (res.status === 429 || res.status >= 500) throw new Error(reasonOf(res.status, json));
    if (!res.ok) throw new PermanentSendError(reasonOf(res.status, json));
    const providerMessageId = this.channel === 'whatsapp' ? json?.messages?.[0]?.id : json?.message_id;
    return providerMessageId ? { providerMessageId } : {};
  }

  private request(recipient: string, text: string): { url: string; body: unknown } {
    const base = `${this.settings.graphUrl.replace(/\/+$/, '')}/${this.settings.version}`;
    if (this.channel === 'whatsapp') {
      return {
        url: `${base}/${encodeURIComponent(this.settings.phoneNumberId ?? '')}/messages`,
        body: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          // The identity is E.164; the Cloud API takes the digits.
          to: recipient.replace(/^\+/, ''),
          type: 'text',
          text: { preview_url: false, body: text },
        },
      };
    }
    // An answer to the citizen's message, within Meta's standard messaging window.
    return { url: `${base}/me/messages`, body: { recipient: { id: recipient }, messaging_type: 'RESPONSE', message: { text } } };
  }
}
