import Database from 'better-sqlite3';
import { NewJournalEvent, type AgentStatus, type JournalEvent } from '../../../shared/index.js';
import { ClaimConflictError, StoreUnavailableError, systemClock, type Claim, type Clock, type Store } from '../../domain/ports.js';
import { directory } from './directory.js';
import { journalTable } from './journal.js';
import { migrate } from './migrations.js';
import { earlyReportsTable } from './early-reports.js';
import { outboxTable } from './outbox.js';
import { projections } from './projections.js';
import { queries } from './queries.js';
import { reportRowsTable } from './report-rows.js';
import { elapsedMinutes, type MeasureMinutes } from '../../domain/reports/report-row.js';
import { training } from './training.js';
import { answers } from './answers.js';
import { activitySlice, readAllSync, withActivity } from '../timeline-activity.js';

export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /** How long a writer waits for another process's lock before the append fails as unavailable. */
  busyTimeoutMs?: number;
  clock?: Clock;
  /** Business minutes for the reporting projection; elapsed minutes when not given. */
  measureMinutes?: MeasureMinutes;
  /** SQLite's sync level; FULL unless a benchmark compares it with NORMAL. */
  synchronous?: 'FULL' | 'NORMAL';
}

// SQLite result codes that mean "could not write now", not "this request is wrong": the caller
// (e.g. an inbound webhook) should ask its sender to retry.
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|PROTOCOL|NOMEM)/;

function unavailable(error: unknown): unknown {
  if (error instanceof Database.SqliteError && UNAVAILABLE.test(error.code)) {
    return new StoreUnavailableError(error.message, { cause: error });
  }
  if (error instanceof TypeError && /database connection is not open/.test(error.message)) {
    return new StoreUnavailableError(error.message, { cause: error });
  }
  return error;
}

/** Runs a synchronous store operation, reporting lock and I/O failures as StoreUnavailableError. */
async function guarded<T>(op: () => T): Promise<T> {
  try {
    return op();
  } catch (error) {
    throw unavailable(error);
  }
}

export async function openSqliteStore(opts: SqliteStoreOptions): Promise<Store> {
  const db = new Database(opts.file);
  const clock = opts.clock ?? systemClock;
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    // WAL: readers (HTTP, catch-up) never block the single writer. FULL syncs the WAL at every
    // commit: an append that returned (SMTP 250, webhook 200) survives a power cut, not only a
    // process crash as with NORMAL, which syncs at checkpoints only. The cost is measured by
    // `npm run bench` (server/bench/ingest-bench.ts).
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw unavailable(error);
  }

  const journal = journalTable(db);
  const measure = opts.measureMinutes ?? elapsedMinutes;
  const projected = projections(db, journal, measure);
  const reports = reportRowsTable(db, measure);
  const read = queries(db);
  const staff = directory(db);
  const courses = training(db);
  const library = answers(db);
  const outbox = outboxTable(db);
  const early = earlyReportsTable(db);
  const agentStatuses = db.prepare<[], { body: string }>('SELECT body FROM agent_statuses ORDER BY agent_id');

  // A projection added by a migration (or a file written by an older build) starts behind.
  db.transaction(() => projected.catchUp()).immediate();

  // IMMEDIATE takes the write lock up front: a deferred transaction that reads MAX(seq) and then
  // upgrades could deadlock against another process doing the same.
  const appendTx = db.transaction((events: readonly NewJournalEvent[], claims: readonly Claim[]): JournalEvent[] => {
    const first = journal.head() + 1;
    const stored = events.map((e, i) => ({ ...e, seq: first + i }) as JournalEvent);
    // Claims first: a conflict throws before any event is written, and the rollback undoes the
    // claims already taken in this call.
    journal.claim(claims, first);
    for (const event of stored) journal.insert(event);
    projected.apply(stored);
    return stored;
  });

  return {
    async append(events, claims = []) {
      // Parse outside the transaction: a bad event is refused before any lock is taken.
      const parsed = events.map((e) => NewJournalEvent.parse(e));
      if (parsed.length === 0) return [];
      try {
        return appendTx.immediate(parsed, claims);
      } catch (error) {
        if (error instanceof ClaimConflictError) throw error;
        throw unavailable(error);
      }
    },
    readJournal: (query) => guarded(() => journal.read(query)),
    readJournalSlice: (query) => guarded(() => journal.slice(query)),
    // Every append commits in one serialised transaction, so no seq below the max is pending.
    headSeq: () => guarded(() => journal.head()),
    claimOwner: (key) => guarded(() => journal.claimOwner(key)),
    findMessageByExternalId: (channel, externalId) => guarded(() => read.findMessageByExternalId(channel, externalId)),
    findCitizenByIdentity: (kind, value) => guarded(() => read.findCitizenByIdentity(kind, value)),
    findActiveConversation: (citizenId) => guarded(() => read.findActiveConversation(citizenId)),
    getCitizen: (id) => guarded(() => read.getCitizen(id)),
    getConversation: (id) => guarded(() => read.getConversation(id)),
    getMessage: (id) => guarded(() => read.getMessage(id)),
    listConversations: (query) => guarded(() => read.listConversations(query)),
    countConversations: (query) => guarded(() => read.countConversations(query)),
    listCitizenConversations: (citizenId) => guarded(() => read.listCitizenConversations(citizenId)),
    timeline: (citizenId, query) =>
      guarded(() => {
        const page = read.timeline(citizenId, query);
        if (!query.activity) return page;
        return withActivity(page, query, readAllSync((afterSeq) => journal.slice(activitySlice(citizenId, afterSeq))));
      }),
    searchMessages: (text, limit) => guarded(() => read.searchMessages(text, limit)),
    searchCitizens: (query) => guarded(() => read.searchCitizens(query)),
    searchMessagePage: (query) => guarded(() => read.searchMessagePage(query)),
    countCitizens: () => guarded(() => read.countCitizens()),
    lastInboundAt: (channel) => guarded(() => read.lastInboundAt(channel)),
    listReportRows: (query) => guarded(() => reports.list(query)),
    listAgentStatuses: () => guarded(() => agentStatuses.all().map((r) => JSON.parse(r.body) as AgentStatus)),
    rebuildProjections: () =>
      guarded(() => {
        db.transaction(() => projected.rebuild()).immediate();
      }),

    leaseOutbox: (now, leaseUntil, limit) => guarded(() => outbox.lease(now, leaseUntil, limit)),
    rescheduleOutbox: (messageId, attempts, nextAttemptAt, lastError) =>
      guarded(() => outbox.reschedule(messageId, attempts, nextAttemptAt, lastError)),

    holdEarlyReport: (key, body, at) => guarded(() => early.hold(key, body, at)),
    earlyReports: (key) => guarded(() => early.list(key)),
    releaseEarlyReports: (key) => guarded(() => early.release(key)),

    saveQueue: (queue) => guarded(() => staff.saveQueue(queue)),
    listQueues: () => guarded(() => staff.listQueues()),
    saveAgent: (agent) => guarded(() => staff.saveAgent(agent)),
    patchAgent: (id, fields) => guarded(() => staff.patchAgent(id, fields)),
    getAgent: (id) => guarded(() => staff.getAgent(id)),
    findAgentByEmail: (email) => guarded(() => staff.findAgentByEmail(email)),
    listAgents: () => guarded(() => staff.listAgents()),
    saveSession: (session) => guarded(() => staff.saveSession(session)),
    getSession: (tokenHash) => guarded(() => staff.getSession(tokenHash, clock.now())),
    deleteSession: (tokenHash) => guarded(() => staff.deleteSession(tokenHash)),
    deleteSessionsOf: (agentId) => guarded(() => staff.deleteSessionsOf(agentId)),
    saveAccountToken: (token) => guarded(() => staff.saveAccountToken(token)),
    getAccountToken: (tokenHash) => guarded(() => staff.getAccountToken(tokenHash, clock.now())),
    deleteAccountToken: (tokenHash) => guarded(() => staff.deleteAccountToken(tokenHash)),
    useOnce: (key, expiresAt) => guarded(() => staff.useOnce(key, expiresAt, clock.now())),
    getSetting: (key) => guarded(() => staff.getSetting(key)),
    saveSetting: (key, value) => guarded(() => staff.saveSetting(key, value)),
    saveAnnotation: (annotation) => guarded(() => courses.saveAnnotation(annotation)),
    getAnnotation: (id) => guarded(() => courses.getAnnotation(id)),
    listAnnotations: (replay) => guarded(() => courses.listAnnotations(replay)),
    deleteAnnotation: (id) => guarded(() => courses.deleteAnnotation(id)),
    saveCourse: (course) => guarded(() => courses.saveCourse(course)),
    getCourse: (id) => guarded(() => courses.getCourse(id)),
    listCourses: (query = {}) => guarded(() => courses.listCourses(query)),
    deleteCourse: (id) => guarded(() => courses.deleteCourse(id)),
    saveAnswerVersion: (answer) => guarded(() => library.saveAnswerVersion(answer)),
    getAnswer: (id, version) => guarded(() => library.getAnswer(id, version)),
    listAnswers: (query = {}) => guarded(() => library.listAnswers(query)),
    listAnswerVersions: (id) => guarded(() => library.listAnswerVersions(id)),
    listAnswerUses: (range) => guarded(() => library.listAnswerUses(range)),

    ping: () =>
      guarded(() => {
        db.prepare('SELECT 1').get();
      }),
    async close() {
      if (db.open) db.close();
    },
  };
}
