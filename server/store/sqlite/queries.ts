import type BetterSqlite3 from 'better-sqlite3';
import type {
  Channel,
  Citizen,
  CitizenId,
  Conversation,
  ConversationId,
  IdentityKind,
  Message,
  Page,
  TimelinePage,
} from '../../../shared/index.js';
import { upgradeLegacyCitizen } from '../../../shared/model.js';
import type {
  CitizenFound,
  CitizenSearch,
  ConversationFilter,
  ConversationQuery,
  MessageSearch,
  SearchVisibility,
  TimelineRange,
} from '../../domain/ports.js';
import { decodeCursor, encodeCursor, type SortKey } from '../cursor.js';
import { byDisplayName } from '../../domain/search/search-query.js';

// Read side of the projections. Bodies are the reducers' output written by projections.ts, so
// they are parsed back without re-validation.

type Body = { body: string };

function parse<T>(row: Body | undefined): T | null {
  return row ? (JSON.parse(row.body) as T) : null;
}

const citizenOf = (c: Citizen | null): Citizen | null => (c ? upgradeLegacyCitizen(c) : null);

/** Words of a free-text query, each quoted so FTS5 operators typed by a user are plain text. */
export function ftsQuery(text: string): string | null {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  return words.length === 0 ? null : words.map((w) => `"${w}"`).join(' ');
}

export interface Queries {
  getCitizen(id: CitizenId): Citizen | null;
  findCitizenByIdentity(kind: IdentityKind, value: string): Citizen | null;
  countCitizens(): number;
  lastInboundAt(channel: Channel): string | null;
  getConversation(id: ConversationId): Conversation | null;
  findActiveConversation(citizenId: CitizenId): Conversation | null;
  listConversations(query: ConversationQuery): Page<Conversation>;
  countConversations(query: ConversationFilter): number;
  listCitizenConversations(citizenId: CitizenId): Conversation[];
  getMessage(id: string): Message | null;
  findMessageByExternalId(channel: Channel, externalId: string): Message | null;
  timeline(citizenId: CitizenId, query: TimelineRange): TimelinePage;
  searchMessages(text: string, limit: number): Message[];
  searchCitizens(query: CitizenSearch): CitizenFound[];
  searchMessagePage(query: MessageSearch): Page<Message>;
}

/** The highest code point: `w <= x < w || TOP` is "x starts with w" as an index range (UTF-8 byte order). */
const TOP = 'char(1114111)';


export function queries(db: BetterSqlite3.Database): Queries {
  const citizen = db.prepare<[string], Body>('SELECT body FROM citizens WHERE id = ?');
  const byIdentity = db.prepare<[string, string], Body>(
    'SELECT c.body FROM identities i JOIN citizens c ON c.id = i.citizen_id WHERE i.kind = ? AND i.value = ?',
  );
  const citizenCount = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM citizens');
  // Walks messages_channel from the newest back to the first inbound one: a few rows at most.
  const lastInbound = db.prepare<[string], { at: string }>(
    "SELECT at FROM messages WHERE channel = ? AND json_extract(body, '$.direction') = 'inbound' ORDER BY at DESC LIMIT 1",
  );
  const conversation = db.prepare<[string], Body>('SELECT body FROM conversations WHERE id = ?');
  const active = db.prepare<[string], Body>(
    `SELECT body FROM conversations WHERE citizen_id = ? AND status <> 'resolved'
     ORDER BY last_activity_at DESC, id DESC LIMIT 1`,
  );
  const ofCitizen = db.prepare<[string], Body>(
    'SELECT body FROM conversations WHERE citizen_id = ? ORDER BY last_activity_at DESC, id DESC',
  );
  // The inbox query is built from the filters actually given (and cached per combination) rather
  // than one statement with "(:x IS NULL OR …)" guards: with the guards SQLite can neither use an
  // index on a given filter nor start the walk at the cursor, so every page rescanned from the
  // top — quadratic over a large open backlog, which the routing rounds page through every second.
  const inboxStatements = new Map<string, BetterSqlite3.Statement<Record<string, unknown>, Body>>();
  function inboxStatement(clauses: readonly string[]): BetterSqlite3.Statement<Record<string, unknown>, Body> {
    const key = clauses.join(' AND ');
    let statement = inboxStatements.get(key);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>, Body>(
        `SELECT body FROM conversations ${key ? `WHERE ${key}` : ''} ORDER BY last_activity_at DESC, id DESC LIMIT :limit`,
      );
      inboxStatements.set(key, statement);
    }
    return statement;
  }
  const countStatements = new Map<string, BetterSqlite3.Statement<Record<string, unknown>, { n: number }>>();
  function countStatement(clauses: readonly string[]): BetterSqlite3.Statement<Record<string, unknown>, { n: number }> {
    const key = clauses.join(' AND ');
    let statement = countStatements.get(key);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM conversations ${key ? `WHERE ${key}` : ''}`);
      countStatements.set(key, statement);
    }
    return statement;
  }
  /** The WHERE of an inbox query, one clause per filter given (see inboxStatements on why). */
  function inboxWhere(query: ConversationFilter): { clauses: string[]; params: Record<string, unknown> } {
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    const where = (clause: string, values: Record<string, unknown>) => {
      clauses.push(clause);
      Object.assign(params, values);
    };
    if (query.status !== undefined) where('status = :status', { status: query.status });
    if (query.queueId !== undefined) where('queue_id = :queueId', { queueId: query.queueId });
    if (query.queueIds !== undefined) where('queue_id IN (SELECT value FROM json_each(:queueIds))', { queueIds: JSON.stringify(query.queueIds) });
    if (query.assigneeId !== undefined) where('assignee_id IS :assigneeId', { assigneeId: query.assigneeId });
    if (query.visibleTo !== undefined) {
      where('(queue_id IN (SELECT value FROM json_each(:visibleQueues)) OR assignee_id = :visibleAssignee)', {
        visibleQueues: JSON.stringify(query.visibleTo.queueIds),
        visibleAssignee: query.visibleTo.assigneeId,
      });
    }
    if (query.mentioned !== undefined) {
      where("EXISTS (SELECT 1 FROM json_each(body, '$.mentioned') WHERE json_extract(value, '$.agentId') = :mentioned)", { mentioned: query.mentioned });
    }
    if (query.channel !== undefined) where("EXISTS (SELECT 1 FROM json_each(body, '$.channels') WHERE value = :channel)", { channel: query.channel });
    return { clauses, params };
  }
  const message = db.prepare<[string], Body>('SELECT body FROM messages WHERE id = ?');
  const byExternal = db.prepare<[string, string], Body>(
    'SELECT body FROM messages WHERE channel = ? AND external_id = ? ORDER BY rowid LIMIT 1',
  );
  // `:convs` (a JSON array, or NULL for every conversation) keeps a limited caller to the
  // conversations they may open (shared/access.ts); the walk still runs on messages_timeline.
  const IN_CONVS = '(:convs IS NULL OR conversation_id IN (SELECT value FROM json_each(:convs)))';
  type Scope = { citizenId: string; convs: string | null };
  const newest = db.prepare<Scope & { limit: number }, Body & SortKey>(
    `SELECT body, at, id FROM messages WHERE citizen_id = :citizenId AND ${IN_CONVS} ORDER BY at DESC, id DESC LIMIT :limit`,
  );
  const older = db.prepare<Scope & { at: string; id: string; limit: number }, Body & SortKey>(
    `SELECT body, at, id FROM messages WHERE citizen_id = :citizenId AND ${IN_CONVS} AND (at, id) < (:at, :id) ORDER BY at DESC, id DESC LIMIT :limit`,
  );
  const newer = db.prepare<Scope & { at: string; id: string; beforeAt: string | null; beforeId: string | null; limit: number }, Body & SortKey>(
    `SELECT body, at, id FROM messages
      WHERE citizen_id = :citizenId AND ${IN_CONVS} AND (at, id) > (:at, :id)
        AND (:beforeAt IS NULL OR (at, id) < (:beforeAt, :beforeId))
      ORDER BY at, id LIMIT :limit`,
  );
  const hasOlder = db.prepare<Scope & { at: string; id: string }, { x: number }>(
    `SELECT 1 AS x FROM messages WHERE citizen_id = :citizenId AND ${IN_CONVS} AND (at, id) < (:at, :id) LIMIT 1`,
  );
  const hasNewer = db.prepare<Scope & { at: string; id: string }, { x: number }>(
    `SELECT 1 AS x FROM messages WHERE citizen_id = :citizenId AND ${IN_CONVS} AND (at, id) > (:at, :id) LIMIT 1`,
  );
  const search = db.prepare<[string, number], Body>(
    `SELECT m.body FROM messages_fts f JOIN messages m ON m.rowid = f.rowid
      WHERE messages_fts MATCH ? ORDER BY f.rank, m.at DESC LIMIT ?`,
  );

  // Search statements depend on how many words and which filters a query has: built once per shape.
  const searchStatements = new Map<string, BetterSqlite3.Statement<Record<string, unknown>, Body & SortKey & { kind?: string; value?: string }>>();
  function searchStatement(sql: string) {
    let statement = searchStatements.get(sql);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>, Body & SortKey & { kind?: string; value?: string }>(sql);
      searchStatements.set(sql, statement);
    }
    return statement;
  }
  /** A citizen is visible with at least one of their conversations (shared/access.ts). */
  const CITIZEN_VISIBLE = `EXISTS (SELECT 1 FROM conversations v WHERE v.citizen_id = c.id
    AND (v.queue_id IN (SELECT value FROM json_each(:visibleQueues)) OR v.assignee_id = :visibleAssignee))`;
  const visibilityParams = (visibleTo: SearchVisibility | undefined) =>
    visibleTo ? { visibleQueues: JSON.stringify(visibleTo.queueIds), visibleAssignee: visibleTo.assigneeId } : {};

  function searchCitizens(query: CitizenSearch): CitizenFound[] {
    const limit = Math.max(1, Math.floor(query.limit));
    const common = [`json_extract(c.body, '$.mergedInto') IS NULL`, ...(query.visibleTo ? [CITIZEN_VISIBLE] : [])];
    const found: CitizenFound[] = [];
    if (query.words.length > 0) {
      const params: Record<string, unknown> = { ...visibilityParams(query.visibleTo), limit };
      const sets = query.words.map((word, i) => {
        params[`w${i}`] = word;
        return `SELECT citizen_id FROM citizen_words WHERE word >= :w${i} AND word < :w${i} || ${TOP}`;
      });
      const sql = `SELECT c.body, c.id, '' AS at FROM citizens c WHERE c.id IN (${sets.join(' INTERSECT ')}) AND ${common.join(' AND ')}
        ORDER BY json_extract(c.body, '$.displayName'), c.id LIMIT :limit`;
      for (const row of searchStatement(sql).all(params)) found.push({ citizen: JSON.parse(row.body) as Citizen, matchedBy: 'name' });
    }
    for (const match of query.identities) {
      const params = { ...visibilityParams(query.visibleTo), kinds: JSON.stringify(match.kinds), value: match.value, limit };
      const value = match.prefix ? `i.value >= :value AND i.value < :value || ${TOP}` : 'i.value = :value';
      const sql = `SELECT c.body, c.id, '' AS at, i.kind, i.value FROM identities i JOIN citizens c ON c.id = i.citizen_id
        WHERE i.kind IN (SELECT value FROM json_each(:kinds)) AND ${value} AND ${common.join(' AND ')}
        ORDER BY json_extract(c.body, '$.displayName'), c.id LIMIT :limit`;
      for (const row of searchStatement(sql).all(params)) {
        found.push({ citizen: JSON.parse(row.body) as Citizen, matchedBy: row.kind as CitizenFound['matchedBy'], identityValue: row.value! });
      }
    }
    const once = new Map<string, CitizenFound>();
    for (const hit of found) if (!once.has(hit.citizen.id)) once.set(hit.citizen.id, hit);
    return [...once.values()].sort(byDisplayName).slice(0, limit);
  }

  function searchMessagePage(query: MessageSearch): Page<Message> {
    const limit = Math.max(1, Math.floor(query.limit));
    const cursor = query.cursor !== undefined ? decodeCursor('search', query.cursor) : null;
    if (query.words.length === 0) return { items: [], nextCursor: null };
    const params: Record<string, unknown> = { match: query.words.map((w) => `"${w.replaceAll('"', '""')}"`).join(' '), limit: limit + 1 };
    const where = ['messages_fts MATCH :match'];
    if (query.visibleTo) {
      where.push('(c.queue_id IN (SELECT value FROM json_each(:visibleQueues)) OR c.assignee_id = :visibleAssignee)');
      Object.assign(params, visibilityParams(query.visibleTo));
    }
    if (cursor) {
      where.push('(m.at, m.id) < (:at, :id)');
      Object.assign(params, { at: cursor.at, id: cursor.id });
    }
    // Every match is ranked by date, but with LIMIT SQLite keeps only the top rows while it
    // scans; the inner query ranks narrow rows (no body) and only the page's bodies are read
    // after it (ranking every matching body cost half as much again at 1M messages).
    const sql = `SELECT m.body, h.at, h.id FROM (
        SELECT m.rowid AS r, m.at, m.id FROM messages_fts f JOIN messages m ON m.rowid = f.rowid
        ${query.visibleTo ? 'JOIN conversations c ON c.id = m.conversation_id' : ''}
        WHERE ${where.join(' AND ')} ORDER BY m.at DESC, m.id DESC LIMIT :limit
      ) h JOIN messages m ON m.rowid = h.r ORDER BY h.at DESC, h.id DESC`;
    const rows = searchStatement(sql).all(params);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => JSON.parse(r.body) as Message),
      nextCursor: rows.length > limit && last ? encodeCursor('search', { at: last.at, id: last.id }) : null,
    };
  }

  function timeline(citizenId: CitizenId, query: TimelineRange): TimelinePage {
    const limit = Math.max(1, Math.floor(query.limit));
    // Decode both first so a malformed cursor is refused whichever direction is asked.
    const before = query.before !== undefined ? decodeCursor('timeline', query.before) : null;
    const after = query.after !== undefined ? decodeCursor('timeline', query.after) : null;
    const scope = { citizenId, convs: query.conversationIds ? JSON.stringify(query.conversationIds) : null };
    let rows: (Body & SortKey)[];
    if (after) {
      rows = newer.all({ ...scope, at: after.at, id: after.id, beforeAt: before?.at ?? null, beforeId: before?.id ?? null, limit });
    } else if (before) {
      rows = older.all({ ...scope, at: before.at, id: before.id, limit }).reverse();
    } else {
      rows = newest.all({ ...scope, limit }).reverse();
    }
    const first = rows[0];
    const last = rows[rows.length - 1];
    return {
      items: rows.map((r) => JSON.parse(r.body) as Message),
      olderCursor: first && hasOlder.get({ ...scope, at: first.at, id: first.id }) ? encodeCursor('timeline', first) : null,
      newerCursor: last && hasNewer.get({ ...scope, at: last.at, id: last.id }) ? encodeCursor('timeline', last) : null,
    };
  }

  return {
    // Rows projected before identity levels are read with levels (upgradeLegacyCitizen).
    getCitizen: (id) => citizenOf(parse<Citizen>(citizen.get(id))),
    findCitizenByIdentity: (kind, value) => citizenOf(parse<Citizen>(byIdentity.get(kind, value))),
    countCitizens: () => citizenCount.get()?.n ?? 0,
    lastInboundAt: (channel) => lastInbound.get(channel)?.at ?? null,
    getConversation: (id) => parse<Conversation>(conversation.get(id)),
    findActiveConversation: (citizenId) => parse<Conversation>(active.get(citizenId)),
    listCitizenConversations: (citizenId) => ofCitizen.all(citizenId).map((r) => JSON.parse(r.body) as Conversation),
    listConversations(query) {
      const limit = Math.max(1, Math.floor(query.limit));
      const cursor = query.cursor !== undefined ? decodeCursor('inbox', query.cursor) : null;
      const { clauses, params } = inboxWhere(query);
      params.limit = limit + 1; // one extra row: is there a next page?
      if (cursor) {
        clauses.push('(last_activity_at, id) < (:curAt, :curId)');
        Object.assign(params, { curAt: cursor.at, curId: cursor.id });
      }
      const rows = inboxStatement(clauses).all(params);
      const items = rows.slice(0, limit).map((r) => JSON.parse(r.body) as Conversation);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor('inbox', { at: last.lastActivityAt, id: last.id }) : null,
      };
    },
    countConversations(query) {
      const { clauses, params } = inboxWhere(query);
      return countStatement(clauses).get(params)?.n ?? 0;
    },
    getMessage: (id) => parse<Message>(message.get(id)),
    findMessageByExternalId: (channel, externalId) => parse<Message>(byExternal.get(channel, externalId)),
    timeline,
    searchCitizens,
    searchMessagePage,
    searchMessages(text, limit) {
      const match = ftsQuery(text);
      if (match === null || limit < 1) return [];
      return search.all(match, Math.floor(limit)).map((r) => JSON.parse(r.body) as Message);
    },
  };
}
