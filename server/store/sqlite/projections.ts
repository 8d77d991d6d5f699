import type BetterSqlite3 from 'better-sqlite3';
import {
  agentStatusKey,
  reduceAgentStatus,
  type AgentStatus,
  changedMessageId,
  messageOf,
  reduceCitizen,
  reduceConversation,
  reduceMessage,
  foldWords,
  type Citizen,
  type Conversation,
  type JournalEvent,
  type Message,
  isCitizenProfileEvent,
  upgradeLegacyCitizen,
} from '../../../shared/index.js';
import { foldMerge, standingRecord } from '../../../shared/citizen-merge.js';
import type { JournalTable } from './journal.js';
import type { MeasureMinutes } from '../../domain/reports/report-row.js';
import { reportRowsTable } from './report-rows.js';

// Projections are folds of the journal through the shared reducers. Each keeps a watermark (last
// seq applied) and skips events at or below it, so applying the same events twice is harmless and
// a projection added by a later migration catches up from 0 at open.

interface Projection {
  readonly name: string;
  apply(event: JournalEvent): void;
  clear(): void;
}

function citizensProjection(db: BetterSqlite3.Database): Projection {
  const get = db.prepare<[string], { body: string }>('SELECT body FROM citizens WHERE id = ?');
  const put = db.prepare<[string, string]>(
    'INSERT INTO citizens (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
  );
  // First holder wins: claims are the gate, and a projection must never fail on a committed event
  // (the MongoDB adapter applies projections after the commit and could not refuse it either).
  const link = db.prepare<[string, string, string]>(
    'INSERT INTO identities (kind, value, citizen_id) VALUES (?, ?, ?) ON CONFLICT (kind, value) DO NOTHING',
  );
  const moveAll = db.prepare<[string, string]>('UPDATE identities SET citizen_id = ? WHERE citizen_id = ?');
  const moveOne = db.prepare<[string, string, string, string]>('UPDATE identities SET citizen_id = ? WHERE kind = ? AND value = ? AND citizen_id = ?');
  // An identity taken off a citizen is free again: its row goes, so the next holder's link lands.
  const unlink = db.prepare<[string, string, string]>('DELETE FROM identities WHERE kind = ? AND value = ? AND citizen_id = ?');
  const read = (id: string): Citizen | undefined => {
    const row = get.get(id);
    return row ? upgradeLegacyCitizen(JSON.parse(row.body) as Citizen) : undefined;
  };
  const write = (c: Citizen) => put.run(c.id, JSON.stringify(c));
  return {
    name: 'citizens',
    apply(event) {
      if (event.type === 'citizen.merged' || event.type === 'citizen.unmerged') {
        const { survivorId, mergedId } = event.payload;
        const [survivor, merged] = [read(survivorId), read(mergedId)];
        if (!survivor || !merged) return;
        const after = foldMerge(survivor, merged, event);
        write(after.survivor);
        write(after.merged);
        if (event.type === 'citizen.merged') moveAll.run(survivorId, mergedId);
        else for (const i of event.payload.identities) moveOne.run(mergedId, i.kind, i.value, survivorId);
        return;
      }
      if (event.type !== 'citizen.created' && event.type !== 'identity.linked' && !isCitizenProfileEvent(event)) return;
      const found = read(event.citizenId);
      // An identity or an edit filed under a record merged meanwhile goes to the record that stands for it.
      const before = found && event.type !== 'citizen.created' ? standingRecord(found, read) : found;
      const after = reduceCitizen(before, event);
      if (!after || after === before) return;
      write(after);
      if (event.type === 'identity.unlinked') unlink.run(event.payload.identity.kind, event.payload.identity.value, after.id);
      for (const identity of after.identities) link.run(identity.kind, identity.value, after.id);
    },
    clear() {
      db.exec('DELETE FROM identities; DELETE FROM citizens;');
    },
  };
}

/** The words of each citizen's display name, folded (shared/search.ts), for the search box. */
function citizenWordsProjection(db: BetterSqlite3.Database): Projection {
  const get = db.prepare<[string], { body: string }>('SELECT body FROM citizens WHERE id = ?');
  const add = db.prepare<[string, string]>('INSERT INTO citizen_words (word, citizen_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
  return {
    name: 'citizenWords',
    apply(event) {
      if (event.type !== 'citizen.created') return;
      // The citizens projection runs first; a name never changes once created.
      const row = get.get(event.citizenId);
      const name = row ? (JSON.parse(row.body) as Citizen).displayName : event.payload.displayName;
      for (const word of foldWords(name)) add.run(word, event.citizenId);
    },
    clear() {
      db.exec('DELETE FROM citizen_words');
    },
  };
}

function conversationsProjection(db: BetterSqlite3.Database): Projection {
  const get = db.prepare<[string], { body: string }>('SELECT body FROM conversations WHERE id = ?');
  const put = db.prepare<[string, string, string, string, string | null, string, string]>(
    `INSERT INTO conversations (id, citizen_id, queue_id, status, assignee_id, last_activity_at, body)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET citizen_id = excluded.citizen_id, queue_id = excluded.queue_id,
       status = excluded.status, assignee_id = excluded.assignee_id,
       last_activity_at = excluded.last_activity_at, body = excluded.body`,
  );
  return {
    name: 'conversations',
    apply(event) {
      if (event.conversationId === undefined) return;
      const row = get.get(event.conversationId);
      const before = row ? (JSON.parse(row.body) as Conversation) : undefined;
      const after = reduceConversation(before, event);
      if (!after || after === before) return;
      put.run(after.id, after.citizenId, after.queueId, after.status, after.assigneeId, after.lastActivityAt, JSON.stringify(after));
    },
    clear() {
      db.exec('DELETE FROM conversations');
    },
  };
}

function messagesProjection(db: BetterSqlite3.Database): Projection {
  // A message id already present keeps its first version (same rule as reduceTimeline).
  const insert = db.prepare<[string, string, string, string, string | null, string, string]>(
    `INSERT INTO messages (id, citizen_id, conversation_id, channel, external_id, at, body)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const index = db.prepare<[number | bigint, string, string]>('INSERT INTO messages_fts (rowid, subject, text) VALUES (?, ?, ?)');
  const get = db.prepare<[string], { body: string }>('SELECT body FROM messages WHERE id = ?');
  const update = db.prepare<[string, string | null, string]>('UPDATE messages SET body = ?, external_id = ? WHERE id = ?');
  // A call's text and summary change over its life; search must find the latest words.
  const reindex = db.prepare<[string, string]>(
    'UPDATE messages_fts SET text = ? WHERE rowid = (SELECT rowid FROM messages WHERE id = ?)',
  );
  // A message is the citizen's whose conversation it is: a sender filed under a record that was
  // merged while the filing ran still lands in the survivor's timeline.
  const ownerOf = db.prepare<[string], { citizen_id: string }>('SELECT citizen_id FROM conversations WHERE id = ?');
  const move = db.prepare<[string, string, string]>(
    "UPDATE messages SET citizen_id = ?, body = json_set(body, '$.citizenId', ?) WHERE conversation_id = ?",
  );
  return {
    name: 'messages',
    apply(event) {
      if (event.type === 'conversation.moved' && event.conversationId) {
        move.run(event.payload.toCitizenId, event.payload.toCitizenId, event.conversationId);
        return;
      }
      const filed = messageOf(event);
      if (filed) {
        const owner = ownerOf.get(filed.conversationId)?.citizen_id;
        const added = owner && owner !== filed.citizenId ? { ...filed, citizenId: owner as Message['citizenId'] } : filed;
        const result = insert.run(
          added.id,
          added.citizenId,
          added.conversationId,
          added.channel,
          added.externalId ?? null,
          added.at,
          JSON.stringify(added),
        );
        if (result.changes > 0) index.run(result.lastInsertRowid, added.subject ?? '', added.text);
        return;
      }
      const changed = changedMessageId(event);
      if (changed !== undefined) {
        const row = get.get(changed);
        if (!row) return;
        const before = JSON.parse(row.body) as Message;
        const after = reduceMessage(before, event);
        if (after === before) return;
        update.run(JSON.stringify(after), after.externalId ?? null, after.id);
        if (event.type === 'call.updated' || event.type === 'call.summarized') {
          reindex.run([after.text, after.call?.summary ?? ''].join('\n').trim(), after.id);
        }
      }
    },
    clear() {
      db.exec('DELETE FROM messages_fts; DELETE FROM messages;');
    },
  };
}

function agentStatusesProjection(db: BetterSqlite3.Database): Projection {
  const get = db.prepare<[string], { body: string }>('SELECT body FROM agent_statuses WHERE agent_id = ?');
  const put = db.prepare<[string, string]>(
    'INSERT INTO agent_statuses (agent_id, body) VALUES (?, ?) ON CONFLICT (agent_id) DO UPDATE SET body = excluded.body',
  );
  return {
    name: 'agent_statuses',
    apply(event) {
      const agentId = agentStatusKey(event);
      if (agentId === undefined) return;
      const row = get.get(agentId);
      const before = row ? (JSON.parse(row.body) as AgentStatus) : undefined;
      const after = reduceAgentStatus(before, event);
      if (!after || after === before) return;
      put.run(after.agentId, JSON.stringify(after));
    },
    clear() {
      db.exec('DELETE FROM agent_statuses');
    },
  };
}

function outboxProjection(db: BetterSqlite3.Database): Projection {
  const add = db.prepare<[string, string]>(
    'INSERT INTO outbox (message_id, next_attempt_at) VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING',
  );
  const remove = db.prepare<[string]>('DELETE FROM outbox WHERE message_id = ?');
  return {
    name: 'outbox',
    apply(event) {
      if (event.type === 'message.sent' && event.payload.message.status === 'queued') {
        add.run(event.payload.message.id, event.at);
      } else if (event.type === 'message.status' && event.payload.status !== 'queued') {
        remove.run(event.payload.messageId);
      }
    },
    clear() {
      db.exec('DELETE FROM outbox');
    },
  };
}

export interface Projections {
  /** Applies events (in seq order) to every projection whose watermark is below them. */
  apply(events: readonly JournalEvent[]): void;
  /** Re-applies whatever the journal holds past each watermark. Call inside a write transaction. */
  catchUp(): number;
  /** Empties every projection and folds the whole journal again. Call inside a write transaction. */
  rebuild(): number;
}

const BATCH = 1000;

export function projections(db: BetterSqlite3.Database, journal: JournalTable, measure: MeasureMinutes): Projections {
  const all = [citizensProjection(db), citizenWordsProjection(db), conversationsProjection(db), messagesProjection(db), outboxProjection(db), reportRowsTable(db, measure), agentStatusesProjection(db)];
  const readMarks = db.prepare<[], { name: string; seq: number }>('SELECT name, seq FROM projection_watermarks');
  const writeMark = db.prepare<[string, number]>(
    'INSERT INTO projection_watermarks (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq',
  );

  function marks(): Map<string, number> {
    const byName = new Map(readMarks.all().map((r) => [r.name, r.seq] as const));
    return new Map(all.map((p) => [p.name, byName.get(p.name) ?? 0]));
  }

  function apply(events: readonly JournalEvent[]): void {
    if (events.length === 0) return;
    const current = marks();
    for (const projection of all) {
      let mark = current.get(projection.name) ?? 0;
      for (const event of events) {
        if (event.seq <= mark) continue;
        projection.apply(event);
        mark = event.seq;
      }
      writeMark.run(projection.name, mark);
    }
  }

  function catchUp(): number {
    const from = Math.min(...marks().values());
    let after = from;
    let applied = 0;
    // Paged rather than iterated: better-sqlite3 refuses writes while an iterator is open.
    for (;;) {
      const page = journal.readAfter(after, BATCH);
      if (page.length === 0) return applied;
      apply(page);
      applied += page.length;
      after = page[page.length - 1]!.seq;
    }
  }

  return {
    apply,
    catchUp,
    rebuild() {
      for (const projection of all) {
        projection.clear();
        writeMark.run(projection.name, 0);
      }
      return catchUp();
    },
  };
}
