import type { CitizenId, JournalEvent, Message, MessageId, NewJournalEvent } from '../../../shared/index.js';
import { DomainError } from '../../domain/errors.js';
import { ClaimConflictError, type Clock, type EventBus, type Store } from '../../domain/ports.js';
import { commit } from '../../domain/commit.js';

export interface ReadReceiptDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  log: (msg: string, err?: unknown) => void;
}

/** How long a read ack waits for the outbox to journal the send it overtook. */
const PENDING_MS = 60_000;

/**
 * Journals `message.status: read` when the citizen's widget has shown an agent reply.
 *
 * The web-chat sender pushes a reply to the widget before the outbox journals it as delivered,
 * so the widget's ack can overtake that status: writing `read` then would let `delivered` land
 * after it and win. Such an ack waits here until the send is journaled. A claim per message
 * makes the receipt exactly-once, even when several tabs (or instances) ack together.
 */
export class ReadReceipts {
  private readonly pending = new Map<MessageId, { citizenId: CitizenId; until: number }>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: ReadReceiptDeps) {}

  start(): () => void {
    this.unsubscribe = this.deps.bus.subscribe((event: JournalEvent) => {
      if (event.type !== 'message.status') return;
      const waiting = this.pending.get(event.payload.messageId);
      if (!waiting || (event.payload.status !== 'sent' && event.payload.status !== 'delivered')) return;
      this.pending.delete(event.payload.messageId);
      void this.markRead(waiting.citizenId, event.payload.messageId).catch((err: unknown) =>
        this.deps.log('web chat: could not journal a read receipt', err),
      );
    });
    return () => {
      this.unsubscribe?.();
      this.pending.clear();
    };
  }

  /** `citizenId` is the session's citizen: nobody acks a message that is not theirs. */
  async markRead(citizenId: CitizenId, messageId: string): Promise<void> {
    const message = await this.deps.store.getMessage(messageId);
    if (!message || message.citizenId !== citizenId || message.channel !== 'webchat' || message.direction !== 'outbound') {
      throw new DomainError('not_found', 'no such message in this chat');
    }
    if (message.status === 'read' || message.status === 'failed') return;
    if (message.status === 'queued') {
      this.expire();
      this.pending.set(message.id, { citizenId, until: this.deps.clock.now().getTime() + PENDING_MS });
      return;
    }
    await this.append(message);
  }

  private async append(message: Message): Promise<void> {
    const conversation = await this.deps.store.getConversation(message.conversationId);
    const event: NewJournalEvent = {
      at: this.deps.clock.now().toISOString(),
      actor: { kind: 'citizen', id: message.citizenId },
      citizenId: message.citizenId,
      conversationId: message.conversationId,
      ...(conversation ? { queueId: conversation.queueId } : {}),
      type: 'message.status',
      payload: { messageId: message.id, status: 'read' },
    };
    try {
      await commit(this.deps, [event], [{ key: `webchat-read:${message.id}`, owner: message.id }]);
    } catch (err) {
      if (err instanceof ClaimConflictError) return;
      throw err;
    }
  }

  private expire(): void {
    const now = this.deps.clock.now().getTime();
    for (const [id, p] of this.pending) if (p.until < now) this.pending.delete(id);
  }
}
