import { TEXT_LIMITS } from '../../../../shared/channel-limits.js';
import { PermanentSendError, type ChannelSender, type OutboundDelivery, type SendOutcome } from '../../../domain/outbox.js';

export interface TelegramSettings {
  /** TELEGRAM_API_URL; tests point it at a local fake. */
  apiUrl: string;
  botToken: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface BotApiAnswer {
  ok?: boolean;
  description?: string;
  error_code?: number;
  result?: { message_id?: number; chat?: { id?: number } };
}

const MAX_TEXT = TEXT_LIMITS.telegram;

/**
 * Replies through the Bot API's sendMessage. The chat of a private conversation is the user id
 * the citizen is known by. 429 and 5xx are retried (Telegram's flood control says when); any
 * other 4xx (blocked by the user, chat not found) is final, with Telegram's description.
 */
export class TelegramSender implements ChannelSender {
  readonly channel = 'telegram' as const;
  private readonly fetch: typeof fetch;

  constructor(private readonly settings: TelegramSettings) {
    this.fetch = settings.fetch ?? globalThis.fetch;
  }

  async send(delivery: OutboundDelivery): Promise<SendOutcome> {
    const text = delivery.message.text;
    if (text.length > MAX_TEXT) throw new PermanentSendError(`too long for Telegram: ${text.length} characters, at most ${MAX_TEXT}`, { failure: 'too_long' });
    const chatId = delivery.to.value;
    const url = `${this.settings.apiUrl.replace(/\/+$/, '')}/bot${this.settings.botToken}/sendMessage`;
    let res: Response;
    try {
      res = await this.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: chatId, text }),
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 15_000),
      });
    } catch (err) {
      // The URL holds the bot token: never let it reach a log or a status reason.
      throw new Error(`Telegram Bot API unreachable: ${err instanceof Error ? err.name : 'error'}`);
    }
    const json = (await res.json().catch(() => null)) as BotApiAnswer | null;
    const reason = `Telegram: ${json?.description ?? `HTTP ${res.status}`}`;
    if (res.status === 429 || res.status >= 500) throw new Error(reason);
    if (!res.ok || !json?.ok) throw new PermanentSendError(reason);
    const messageId = json.result?.message_id;
    return messageId !== undefined ? { providerMessageId: `${chatId}:${messageId}` } : {};
  }
}
