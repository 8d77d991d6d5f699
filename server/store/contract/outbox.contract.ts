import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../domain/ports.js';
import {
  at,
  citizenCreated,
  conversationOpened,
  ids,
  messageEvent,
  messageOfRef,
  messageStatus,
  newConversation,
} from '../../testing/journal-events.js';

// OutboxStore: queued replies leased to one sender at a time, retried, and dropped once their
// status is journaled.

export function outboxContract(current: () => Store): void {
  describe('outbox', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    async function queuedReply(when: number) {
      const citizenId = ids.citizen();
      const ref = newConversation(citizenId, ids.queue());
      const reply = messageOfRef('message.sent', ref, { at: at(when) });
      await store.append([
        citizenCreated(citizenId),
        conversationOpened(ref, { at: at(when) }),
        messageEvent('message.received', messageOfRef('message.received', ref, { at: at(when) }), ref.queueId),
        messageEvent('note.added', messageOfRef('note.added', ref, { at: at(when) }), ref.queueId),
        messageEvent('message.sent', reply, ref.queueId),
      ]);
      return { ref, reply };
    }

    it('holds queued replies only, leased to one taker at a time', async () => {
      const { reply } = await queuedReply(1);
      expect(await store.leaseOutbox(at(0), at(5), 10)).toEqual([]);
      const leased = await store.leaseOutbox(at(2), at(5), 10);
      expect(leased).toEqual([{ messageId: reply.id, attempts: 0, nextAttemptAt: at(1), lastError: null }]);
      expect(await store.leaseOutbox(at(3), at(6), 10)).toEqual([]);
      // An expired lease (a worker that died mid-send) frees the item again.
      expect((await store.leaseOutbox(at(5), at(8), 10)).map((i) => i.messageId)).toEqual([reply.id]);
    });

    it('reschedules a failed attempt and releases its lease', async () => {
      const { reply } = await queuedReply(1);
      await store.leaseOutbox(at(2), at(9), 10);
      await store.rescheduleOutbox(reply.id, 1, at(4), 'connection refused');
      expect(await store.leaseOutbox(at(3), at(9), 10)).toEqual([]);
      expect(await store.leaseOutbox(at(4), at(9), 10)).toEqual([
        { messageId: reply.id, attempts: 1, nextAttemptAt: at(4), lastError: 'connection refused' },
      ]);
    });

    it('drops a reply once its status is known, keeping the provider id and the reason', async () => {
      const a = await queuedReply(1);
      const b = await queuedReply(2);
      await store.append([
        messageStatus(a.ref, a.reply.id, 'sent', at(3), { providerMessageId: 'wamid.ABC' }),
        messageStatus(b.ref, b.reply.id, 'failed', at(3), { reason: '550 unknown user' }),
      ]);
      expect(await store.leaseOutbox(at(9), at(10), 10)).toEqual([]);
      expect(await store.findMessageByExternalId('email', 'wamid.ABC')).toMatchObject({ id: a.reply.id, status: 'sent' });
      expect(await store.getMessage(b.reply.id)).toMatchObject({ status: 'failed', statusReason: '550 unknown user' });
    });
  });
}
