import { elapsedMinutes, type MeasureMinutes } from '../../domain/reports/report-row.js';
import { listReportRows } from './report-rows.js';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { NewJournalEvent } from '../../../shared/index.js';
import { StoreUnavailableError, systemClock, type Clock, type Store } from '../../domain/ports.js';
import { MongoClaims } from './claims.js';
import { directory } from './directory.js';
import { earlyReports } from './early-reports.js';
import { MongoJournal, type JournalHooks } from './journal.js';
import { bindCollections } from './models.js';
import { unavailable } from './mongo-errors.js';
import { outbox as outboxOf } from './outbox.js';
import { Projector } from './projections.js';
import { queries } from './queries.js';
import { training } from './training.js';
import { answers } from './answers.js';
import { activitySlice, readAll, withActivity } from '../timeline-activity.js';

// The MongoDB adapter. No multi-document transactions (a server without a replica set, and
// MongoDB-compatible servers, must work): an append is
//   1. claims: one document per key, unique `_id` (claims.ts),
//   2. the commit: one journal document holding all the append's events, inserted at the head
//      (journal.ts), so the events commit together and seqs commit in order,
//   3. projections, applied after the commit and re-applied from their watermarks at start-up
//      (projections.ts).
// A crash after 1 leaves claims that other writers fence and take over; a crash after 2 leaves
// projections behind, caught up by the next writer or start-up.

export interface MongoStoreOptions {
  /** `mongodb://host:port/database`; the database in the path is used unless `dbName` is given. */
  uri: string;
  dbName?: string;
  clock?: Clock;
  /** How long a claim or an unprojected commit may stay pending before others take over. Default 5 s. */
  abandonAfterMs?: number;
  /** How long to look for a server before reporting the store unavailable. Default 5 s. */
  serverSelectionTimeoutMs?: number;
  /** Business minutes for the reporting projection; elapsed minutes when not given. */
  measureMinutes?: MeasureMinutes;
  /** Test hooks: pause before the journal insert, or skip projections as if crashing after the commit. */
  testHooks?: JournalHooks & { skipProjections?: boolean };
}

export async function openMongoStore(opts: MongoStoreOptions): Promise<Store> {
  const clock = opts.clock ?? systemClock;
  const abandonAfterMs = opts.abandonAfterMs ?? 5000;
  const conn = mongoose.createConnection(opts.uri, {
    ...(opts.dbName !== undefined ? { dbName: opts.dbName } : {}),
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMs ?? 5000,
    // Fail at once when the server is gone instead of queueing operations in memory.
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
    // Undefined fields are left out, as JSON.stringify does for the SQLite adapter.
    ignoreUndefined: true,
  });
  let closed = false;

  /** Reports connection failures, and use after close, as StoreUnavailableError. */
  async function guarded<T>(op: () => Promise<T>): Promise<T> {
    if (closed) throw new StoreUnavailableError('store is closed');
    try {
      return await op();
    } catch (error) {
      throw unavailable(error);
    }
  }

  try {
    await conn.asPromise();
  } catch (error) {
    await conn.close().catch(() => undefined);
    throw unavailable(error);
  }

  try {
    const c = await bindCollections(conn);
    const journal = new MongoJournal(c, opts.testHooks);
    await journal.init();
    const projector = new Projector(c, journal, {
      abandonAfterMs,
      skip: opts.testHooks?.skipProjections === true,
      measure: opts.measureMinutes ?? elapsedMinutes,
    });
    const claims = new MongoClaims(c, journal, { abandonAfterMs, visible: (seq) => projector.reach(seq) });
    // Whatever was committed but not projected (a crash, or a projection added by a later build).
    await projector.init();
    const read = queries(c);
    const staff = directory(c);
    const outbox = outboxOf(c);
    const courses = training(c);
    const library = answers(c);
    const early = earlyReports(c);

    return {
      async append(events, claimed = []) {
        // Parse first: a bad event is refused before any key is taken.
        const parsed = events.map((e) => NewJournalEvent.parse(e));
        if (parsed.length === 0) return [];
        return guarded(async () => {
          const appendId = randomUUID();
          await claims.acquire(claimed, appendId);
          // If the insert fails with its outcome unknown (connection lost), the claims stay
          // pending: the document may have landed, and only its appendId can tell.
          const doc = await journal.insert(parsed, appendId, claimed, (committed) => projector.committed(committed));
          await projector.reach(doc.last);
          return doc.events;
        });
      },
      readJournal: (query) => guarded(() => journal.read(query, (agentId) => read.assignedTo(agentId))),
      readJournalSlice: (query) => guarded(() => journal.slice(query)),
      headSeq: () => guarded(() => journal.head()),
      claimOwner: (key) => guarded(() => claims.owner(key)),
      findMessageByExternalId: (channel, externalId) => guarded(() => read.findMessageByExternalId(channel, externalId)),
      findCitizenByIdentity: (kind, value) => guarded(() => read.findCitizenByIdentity(kind, value)),
      findActiveConversation: (citizenId) => guarded(() => read.findActiveConversation(citizenId)),
      getCitizen: (id) => guarded(() => read.getCitizen(id)),
      getConversation: (id) => guarded(() => read.getConversation(id)),
      getMessage: (id) => guarded(() => read.getMessage(id)),
      listConversations: (query) => guarded(() => read.listConversations(query)),
      countConversations: (query) => guarded(() => read.countConversations(query)),
      listCitizenConversations: (citizenId) => guarded(() => read.listCitizenConversations(citizenId)),
      timeline: (citizenId, range) =>
        guarded(async () => {
          const page = await read.timeline(citizenId, range);
          if (!range.activity) return page;
          return withActivity(page, range, await readAll((afterSeq) => journal.slice(activitySlice(citizenId, afterSeq))));
        }),
      searchMessages: (text, limit) => guarded(() => read.searchMessages(text, limit)),
      searchCitizens: (query) => guarded(() => read.searchCitizens(query)),
      searchMessagePage: (query) => guarded(() => read.searchMessagePage(query)),
      countCitizens: () => guarded(() => read.countCitizens()),
      lastInboundAt: (channel) => guarded(() => read.lastInboundAt(channel)),
      listReportRows: (query) => guarded(() => listReportRows(c, query)),
      listAgentStatuses: () =>
        guarded(async () => (await c.agentStatuses.find({}).sort({ _id: 1 }).toArray()).map(({ _id: _i, _seq: _s, ...status }) => status)),
      rebuildProjections: () => guarded(() => projector.rebuild()),

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
        guarded(async () => {
          await conn.db?.admin().ping();
        }),
      async close() {
        if (closed) return;
        closed = true;
        await conn.close();
      },
    };
  } catch (error) {
    await conn.close().catch(() => undefined);
    throw unavailable(error);
  }
}
