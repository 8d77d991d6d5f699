import type { Channel, DeliveryStatus, JournalEvent, Message } from '../../shared/index.js';
import { KeyedQueue } from './keyed-queue.js';
import type { Clock, EventBus, Store } from './ports.js';
import { commit } from './commit.js';
import { messageStatusEvent, type StatusUpdate } from './delivery-status.js';

/** A provider's word on a message we sent (WhatsApp statuses, Messenger deliveries). */
export interface Receipt {
  channel: Channel;
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  reason?: string | undefined;
}

export type ReceiptOutcome = 'applied' | 'unchanged' | 'unknown';

const RANK: Record<DeliveryStatus, number> = { received: 0, queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * Receipts arrive out of order and more than once: a status only moves forward (sent → delivered
 * → read), a failure stands unless the message was already read, and a repeat changes nothing.
 */
export function receiptAdvances(current: DeliveryStatus, next: Receipt['status']): boolean {
  if (current === next || current === 'failed') return false;
  if (next === 'failed') return current !== 'read';
  return RANK[next] > RANK[current];
}

export interface ReceiptDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  log: (msg: string, err?: unknown) => void;
}

export async function applyReceipt(deps: ReceiptDeps, receipt: Receipt): Promise<ReceiptOutcome> {
  const message = await deps.store.findMessageByExternalId(receipt.channel, receipt.providerMessageId);
  if (!message) return 'unknown';
  return recordStatus(deps, message, {
    status: receipt.status,
    reason: receipt.reason,
    ...(receipt.status === 'failed' ? { failure: 'undeliverable' as const } : {}),
  }, `${receipt.channel} receipts`);
}

/**
 * Journals what a provider says of a message we sent, when it moves the message forward: the
 * path of every channel's receipts and of e-mail bounces (channels/email/dsn.ts finds the message).
 */
export async function recordStatus(
  deps: Pick<ReceiptDeps, 'store' | 'bus' | 'clock'>,
  message: Message,
  update: StatusUpdate,
  by: string,
): Promise<'applied' | 'unchanged'> {
  if (message.direction !== 'outbound' || !receiptAdvances(message.status, update.status)) return 'unchanged';
  const conversation = await deps.store.getConversation(message.conversationId);
  await commit(deps, [messageStatusEvent(message, conversation, update, by, deps.clock.now().toISOString())]);
  return 'applied';
}

/**
 * Applies receipts, holding for a while those about a provider id not yet known: the provider
 * may report "delivered" before the outbox has journaled the id its send call returned. A held
 * receipt is applied when that `message.status` with the id goes by, or dropped after `holdMs`
 * (a receipt is worth less than a webhook retry loop, and a message sent by other tools of the
 * account is never ours).
 */
export class ReceiptDesk {
  private readonly held = new Map<string, { receipt: Receipt; until: number }>();
  // "delivered" and "read" of one message often arrive in separate webhook calls a few ms apart.
  private readonly queue = new KeyedQueue();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly deps: ReceiptDeps,
    private readonly options: { holdMs?: number; maxHeld?: number } = {},
  ) {}

  start(): void {
    this.unsubscribe = this.deps.bus.subscribe((event: JournalEvent) => {
      if (event.type !== 'message.status' || !event.payload.providerMessageId) return;
      const key = event.payload.providerMessageId;
      const waiting = [...this.held.entries()].filter(([k]) => k.endsWith(`\u0000${key}`));
      for (const [k, { receipt }] of waiting) {
        this.held.delete(k);
        void this.receive(receipt).catch((err: unknown) => this.deps.log(`receipt for ${key} failed`, err));
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.held.clear();
  }

  receive(receipt: Receipt): Promise<ReceiptOutcome> {
    return this.queue.run(`${receipt.channel}:${receipt.providerMessageId}`, async () => {
      const outcome = await applyReceipt(this.deps, receipt);
      if (outcome === 'unknown') this.hold(receipt);
      return outcome;
    });
  }

  private hold(receipt: Receipt): void {
    const now = this.deps.clock.now().getTime();
    for (const [k, v] of this.held) if (v.until < now) this.held.delete(k);
    if (this.held.size >= (this.options.maxHeld ?? 10_000)) return;
    // Keyed by status too: "delivered" and "read" for the same id are both kept.
    this.held.set(`${receipt.status}\u0000${receipt.providerMessageId}`, { receipt, until: now + (this.options.holdMs ?? 300_000) });
  }
}
