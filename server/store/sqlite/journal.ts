import type BetterSqlite3 from 'better-sqlite3';
import { upgradeLegacyEvent, type JournalEvent } from '../../../shared/journal.js';
import { ClaimConflictError, type Claim, type JournalQuery, type JournalSliceQuery } from '../../domain/ports.js';

export interface JournalRow {
  seq: number;
  at: string;
  type: string;
  /** Null for staff events (migration 5 made it nullable). */
  citizen_id: string | null;
  conversation_id: string | null;
  queue_id: string | null;
  actor: string;
  payload: string;
}

/** Rows were validated by NewJournalEvent before insertion, so they rebuild a JournalEvent as is (upgraded: see below). */
export function eventOfRow(row: JournalRow): JournalEvent {
  const event: Record<string, unknown> = {
    seq: row.seq,
    at: row.at,
    type: row.type,
    actor: JSON.parse(row.actor) as unknown,
    payload: JSON.parse(row.payload) as unknown,
  };
  if (row.citizen_id !== null) event.citizenId = row.citizen_id;
  if (row.conversation_id !== null) event.conversationId = row.conversation_id;
  if (row.queue_id !== null) event.queueId = row.queue_id;
  // Rows written before identity levels say `verified`: read with levels.
  return upgradeLegacyEvent(event as unknown as JournalEvent);
}

const COLUMNS = 'seq, at, type, citizen_id, conversation_id, queue_id, actor, payload';

export interface JournalTable {
  head(): number;
  insert(event: JournalEvent): void;
  /** Throws ClaimConflictError on the first key already owned; the caller's transaction rolls back. */
  claim(claims: readonly Claim[], seq: number): void;
  claimOwner(key: string): string | null;
  read(query: JournalQuery): JournalEvent[];
  /** Unfiltered page of the journal, for projection catch-up and rebuild. */
  readAfter(afterSeq: number, limit: number): JournalEvent[];
  /** One conversation's or citizen's events, through the journal_conversation / journal_citizen indexes. */
  slice(query: JournalSliceQuery): JournalEvent[];
}

export function journalTable(db: BetterSqlite3.Database): JournalTable {
  const head = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM journal');
  const insert = db.prepare<[number, string, string, string | null, string | null, string | null, string, string]>(
    `INSERT INTO journal (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const claimKey = db.prepare<[string, string, number]>(
    'INSERT INTO claims (key, owner, seq) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
  );
  const owner = db.prepare<[string], { owner: string }>('SELECT owner FROM claims WHERE key = ?');
  const after = db.prepare<[number, number], JournalRow>(
    `SELECT ${COLUMNS} FROM journal WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const ofConversation = db.prepare<[string, number, number], JournalRow>(
    `SELECT ${COLUMNS} FROM journal WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const ofCitizen = db.prepare<[string, number, number], JournalRow>(
    `SELECT ${COLUMNS} FROM journal WHERE citizen_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  // Typed slices walk the same indexes and filter on type: a citizen's events are few enough.
  const ofConversationTyped = db.prepare<[string, number, string, number], JournalRow>(
    `SELECT ${COLUMNS} FROM journal WHERE conversation_id = ? AND seq > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`,
  );
  const ofCitizenTyped = db.prepare<[string, number, string, number], JournalRow>(
    `SELECT ${COLUMNS} FROM journal WHERE citizen_id = ? AND seq > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`,
  );
  // "Currently assigned" reads the projection, so a reassignment moves the whole history of the
  // conversation out of the previous assignee's catch-up.
  const filtered = db.prepare<{ after: number; limit: number; queues: string | null; assignee: string | null }, JournalRow>(
    `SELECT ${COLUMNS} FROM journal
      WHERE seq > :after
        AND ((:queues IS NOT NULL AND queue_id IN (SELECT value FROM json_each(:queues)))
          OR (:assignee IS NOT NULL AND conversation_id IN (SELECT id FROM conversations WHERE assignee_id = :assignee)))
      ORDER BY seq LIMIT :limit`,
  );

  return {
    head: () => head.get()?.seq ?? 0,
    insert(event) {
      insert.run(
        event.seq,
        event.at,
        event.type,
        event.citizenId ?? null,
        event.conversationId ?? null,
        event.queueId ?? null,
        JSON.stringify(event.actor),
        JSON.stringify(event.payload),
      );
    },
    claim(claims, seq) {
      for (const c of claims) {
        if (claimKey.run(c.key, c.owner, seq).changes === 0) throw new ClaimConflictError(c.key);
      }
    },
    claimOwner: (key) => owner.get(key)?.owner ?? null,
    read(query) {
      const limit = Math.max(0, Math.floor(query.limit));
      if (limit === 0) return [];
      if (query.queueIds === undefined && query.assigneeId === undefined) {
        return after.all(query.afterSeq, limit).map(eventOfRow);
      }
      return filtered
        .all({
          after: query.afterSeq,
          limit,
          queues: query.queueIds === undefined ? null : JSON.stringify(query.queueIds),
          assignee: query.assigneeId ?? null,
        })
        .map(eventOfRow);
    },
    readAfter: (afterSeq, limit) => after.all(afterSeq, limit).map(eventOfRow),
    slice(query) {
      const limit = Math.max(0, Math.floor(query.limit));
      if (limit === 0) return [];
      if (query.types !== undefined) {
        const types = JSON.stringify(query.types);
        const typed =
          query.conversationId !== undefined
            ? ofConversationTyped.all(query.conversationId, query.afterSeq, types, limit)
            : ofCitizenTyped.all(query.citizenId, query.afterSeq, types, limit);
        return typed.map(eventOfRow);
      }
      const rows =
        query.conversationId !== undefined
          ? ofConversation.all(query.conversationId, query.afterSeq, limit)
          : ofCitizen.all(query.citizenId, query.afterSeq, limit);
      return rows.map(eventOfRow);
    },
  };
}
