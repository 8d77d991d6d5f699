import type { MessageId } from '../../../shared/index.js';
import type { OutboxItem } from '../../domain/ports.js';
import type { Collections, OutboxDoc } from './models.js';
import { isDuplicateKey } from './mongo-errors.js';

// Retry bookkeeping of the outbox projection. Items come and go with the journal (projections.ts);
// leases are separate numbered documents so that taking one is a unique insert: of two instances
// asking at once, exactly one inserts lease n+1 (an update-based lease would be a compare-and-set,
// which FerretDB does not run atomically).

export interface Outbox {
  lease(now: string, leaseUntil: string, limit: number): Promise<OutboxItem[]>;
  reschedule(messageId: MessageId, attempts: number, nextAttemptAt: string, lastError: string): Promise<void>;
}

const itemOf = (doc: OutboxDoc): OutboxItem => ({
  messageId: doc._id as MessageId,
  attempts: doc.attempts,
  nextAttemptAt: doc.nextAttemptAt,
  lastError: doc.lastError,
});

export function outbox(c: Collections): Outbox {
  const latestLease = (messageId: string) => c.outboxLeases.find({ messageId }).sort({ n: -1 }).limit(1).next();

  return {
    async lease(now, leaseUntil, limit) {
      const taken: OutboxItem[] = [];
      if (limit < 1) return taken;
      // Due items in order; those leased by someone else are passed over, so read on past `limit`.
      const due = c.outbox.find({ nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1, _id: 1 });
      for await (const doc of due) {
        const current = await latestLease(doc._id);
        // ISO instants compared as strings, as the SQLite adapter does.
        if (current && current.until > now) continue;
        const n = current ? current.n + 1 : 0;
        try {
          await c.outboxLeases.insertOne({ _id: `${doc._id}:${n}`, messageId: doc._id, n, until: leaseUntil });
        } catch (error) {
          if (isDuplicateKey(error)) continue;
          throw error;
        }
        taken.push(itemOf(doc));
        if (taken.length >= limit) break;
      }
      await due.close();
      return taken;
    },
    async reschedule(messageId, attempts, nextAttemptAt, lastError) {
      await c.outbox.updateOne({ _id: messageId }, { $set: { attempts, nextAttemptAt, lastError } });
      // Releases the lease like the SQLite adapter (lease_until = NULL): the item is free at nextAttemptAt.
      const current = await latestLease(messageId);
      if (current) await c.outboxLeases.updateOne({ _id: current._id }, { $set: { until: '' } });
    },
  };
}
