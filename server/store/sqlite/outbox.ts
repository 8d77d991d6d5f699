import type BetterSqlite3 from 'better-sqlite3';
import type { MessageId } from '../../../shared/index.js';
import type { OutboxItem } from '../../domain/ports.js';

interface Row {
  message_id: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

export interface OutboxTable {
  lease(now: string, leaseUntil: string, limit: number): OutboxItem[];
  reschedule(messageId: MessageId, attempts: number, nextAttemptAt: string, lastError: string): void;
}

// Rows come and go with the journal (see the outbox projection); this module only touches the
// retry bookkeeping, so it never conflicts with a projection write.
export function outboxTable(db: BetterSqlite3.Database): OutboxTable {
  const lease = db.prepare<[{ now: string; leaseUntil: string; limit: number }], Row>(
    `UPDATE outbox SET lease_until = @leaseUntil
      WHERE message_id IN (
        SELECT message_id FROM outbox
         WHERE next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
         ORDER BY next_attempt_at, message_id LIMIT @limit)
      RETURNING message_id, attempts, next_attempt_at, last_error`,
  );
  const reschedule = db.prepare<[number, string, string, string]>(
    'UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, lease_until = NULL WHERE message_id = ?',
  );
  return {
    lease(now, leaseUntil, limit) {
      return lease
        .all({ now, leaseUntil, limit })
        .map((r) => ({ messageId: r.message_id as MessageId, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error }))
        .sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : 0));
    },
    reschedule(messageId, attempts, nextAttemptAt, lastError) {
      reschedule.run(attempts, nextAttemptAt, lastError, messageId);
    },
  };
}
