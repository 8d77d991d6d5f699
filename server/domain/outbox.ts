import type { DeliveryFailure } from '../../shared/delivery-failures.js';
import { joinsAutomatically } from '../../shared/identity-levels.js';
import type { Channel, Citizen, Conversation, Identity, JournalEvent, Message } from '../../shared/index.js';
import { recordDeliveryError } from './channel-health.js';
import { commit } from './commit.js';
import { messageStatusEvent } from './delivery-status.js';
import type { Clock, EventBus, OutboxItem, Store } from './ports.js';

/** One reply to put on the wire. */
export interface OutboundDelivery {
  message: Message;
  conversation: Conversation;
  citizen: Citizen;
  /** The citizen's address on the message's channel. */
  to: Identity;
  /** Stable across retries of the same message: providers that deduplicate use it. */
  idempotencyKey: string;
  /** 1 for the first try. */
  attempt: number;
}

export interface SendOutcome {
  /** The provider's id: delivery receipts and citizens' replies refer to it. */
  providerMessageId?: string;
  /** `delivered` when the channel confirms delivery at once (e.g. a web-chat socket). */
  status?: 'sent' | 'delivered';
}

/** The channel refused the message for good (unknown recipient, policy): retrying cannot help. */
export class PermanentSendError extends Error {
  readonly failure: DeliveryFailure;

  constructor(message: string, options: ErrorOptions & { failure?: DeliveryFailure } = {}) {
    super(message, options);
    this.failure = options.failure ?? 'provider_refused';
  }
}

/** Sends replies on one channel. Any error other than PermanentSendError is retried. */
export interface ChannelSender {
  readonly channel: Channel;
  send(delivery: OutboundDelivery): Promise<SendOutcome>;
}

export interface OutboxOptions {
  store: Store;
  bus: EventBus;
  clock: Clock;
  senders: readonly ChannelSender[];
  log: (msg: string, err?: unknown) => void;
  /** First retry delay; each further one doubles, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this many attempts the message is marked failed. */
  maxAttempts?: number;
  /** How long one instance holds an item it is sending. */
  leaseMs?: number;
  batch?: number;
}

/** The most recent address the citizen gave on that channel, preferring ones at level `channel` or above. */
export function recipientFor(citizen: Citizen, channel: Channel): Identity | undefined {
  const candidates = citizen.identities.filter((i) => i.kind === channel);
  return candidates.filter((i) => joinsAutomatically(i.level)).at(-1) ?? candidates.at(-1);
}

export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Delivers journaled replies. A reply is committed as `queued` before anything is sent (the
 * journal append is the commit point), so a crash loses no reply; the outcome is journaled as
 * `message.status`. A crash between sending and journaling sends again on restart, with the same
 * idempotency key, which providers that deduplicate (SMTP Message-ID, idempotent APIs) absorb.
 */
export class OutboxWorker {
  private readonly senders: Map<Channel, ChannelSender>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private again = false;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: OutboxOptions) {
    this.senders = new Map(options.senders.map((s) => [s.channel, s]));
  }

  /** Polls every `intervalMs`, and right away whenever a reply is queued. */
  start(intervalMs = 2000): void {
    this.timer = setInterval(() => void this.kick(), intervalMs);
    this.timer.unref();
    this.unsubscribe = this.options.bus.subscribe((event: JournalEvent) => {
      if (event.type === 'message.sent' && event.payload.message.status === 'queued') void this.kick();
    });
    void this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.running;
  }

  /** Runs one pass unless one is running; a kick during a pass schedules another right after. */
  kick(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.kick();
      }
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.runOnce();
      total += done;
      if (done < (this.options.batch ?? 20)) return total;
    }
  }

  /** Sends what is due now; returns how many items were handled. */
  async runOnce(): Promise<number> {
    const { store, clock, log } = this.options;
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + (this.options.leaseMs ?? 60_000)).toISOString();
    let items: OutboxItem[];
    try {
      items = await store.leaseOutbox(now.toISOString(), leaseUntil, this.options.batch ?? 20);
    } catch (err) {
      log('outbox: could not read the outbox', err);
      return 0;
    }
    for (const item of items) {
      try {
        await this.deliver(item);
      } catch (err) {
        // The lease expires and another pass retries; nothing is lost.
        log(`outbox: could not record the outcome of ${item.messageId}`, err);
      }
    }
    return items.length;
  }

  private async deliver(item: OutboxItem): Promise<void> {
    const { store } = this.options;
    const message = await store.getMessage(item.messageId);
    if (!message) return;
    const conversation = await store.getConversation(message.conversationId);
    const citizen = await store.getCitizen(message.citizenId);
    if (!conversation || !citizen) return;
    const attempt = item.attempts + 1;
    const sender = this.senders.get(message.channel);
    const to = recipientFor(citizen, message.channel);
    if (!sender) return this.record(conversation, message, 'failed', { reason: `the ${message.channel} channel is not configured`, failure: 'channel_not_configured' });
    if (!to) return this.record(conversation, message, 'failed', { reason: `the citizen has no ${message.channel} address`, failure: 'no_address' });
    try {
      const outcome = await sender.send({ message, conversation, citizen, to, idempotencyKey: message.id, attempt });
      await this.record(conversation, message, outcome.status ?? 'sent', {
        ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}),
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const final = err instanceof PermanentSendError || attempt >= (this.options.maxAttempts ?? 8);
      // For the channels page; a failure to note it must not stop the reply's own bookkeeping.
      await recordDeliveryError(store, message.channel, { at: this.options.clock.now().toISOString(), reason, final }).catch((e: unknown) =>
        this.options.log('outbox: could not note the delivery error', e),
      );
      if (final) {
        await this.record(conversation, message, 'failed', { reason, failure: err instanceof PermanentSendError ? err.failure : 'gave_up' });
        return;
      }
      const delay = retryDelayMs(attempt, this.options.baseDelayMs ?? 5000, this.options.maxDelayMs ?? 3_600_000);
      const next = new Date(this.options.clock.now().getTime() + delay).toISOString();
      await store.rescheduleOutbox(message.id, attempt, next, reason);
      this.options.log(`outbox: ${message.channel} send of ${message.id} failed (attempt ${attempt}), retry at ${next}: ${reason}`);
    }
  }

  private async record(
    conversation: Conversation,
    message: Message,
    status: 'sent' | 'delivered' | 'failed',
    extra: { reason?: string; failure?: DeliveryFailure; providerMessageId?: string },
  ): Promise<void> {
    const event = messageStatusEvent(message, conversation, { status, ...extra }, `${message.channel} sender`, this.options.clock.now().toISOString());
    await commit(this.options, [event]);
  }
}
