import { Schema, type Connection, type mongo } from 'mongoose';
import type { Answer } from '../../../shared/answers.js';
import type { AgentStatus, Annotation, Citizen, Conversation, Course, JournalEvent, Message, Queue } from '../../../shared/index.js';
import type { AccountToken, Claim, StoredAgent } from '../../domain/ports.js';
import type { ReportRow } from '../../domain/reports/report-row.js';

// Collections of the MongoDB store, as mongoose schemas (shape and indexes) over typed driver
// collections. Data goes through the driver collections so what is written is exactly the
// reducers' output: no casting, no minimising of empty objects, no version keys.
//
// Only unique-key inserts settle races here. FerretDB (the test stand-in) runs updates and
// deletes as read-then-write without isolation, so no invariant may depend on an update or a
// delete being atomic against a concurrent writer; on MongoDB they are, which only makes the
// rare overlaps described in projections.ts harmless there too.

/**
 * One append: its events, in one document so they commit together without a transaction.
 * `_id` is the first seq: the unique `_id` is what lets exactly one writer take a position.
 */
export interface JournalDoc {
  _id: number;
  last: number;
  appendId: string;
  claims: Claim[];
  events: JournalEvent[];
}

/**
 * Marks an append as abandoned. It shares the journal's unique `appendId` index, so a fence and
 * the append's own document exclude each other: whichever is inserted first decides its fate.
 * `_id` is a string, so journal queries on numeric `_id`/`last` never see it.
 */
export interface FenceDoc {
  _id: string;
  appendId: string;
  fencedAt: Date;
}

/**
 * A claim key held by an append, one document per generation (`_id` = `<gen>:<key>`). A later
 * generation is only inserted once the previous one is known abandoned, and claim documents are
 * never deleted, so the live holder is the first generation whose append is not fenced.
 */
export interface ClaimDoc {
  _id: string;
  key: string;
  gen: number;
  owner: string;
  appendId: string;
}

// `reportsV2`: report rows gained calendar, due times and breaches; a new name (and collection)
// makes an existing deployment fold them from seq 1 at open instead of keeping rows without them.
export const PROJECTIONS = ['citizens', 'citizenWords', 'conversations', 'messages', 'outbox', 'reportsV2', 'agentStatuses'] as const;
export type ProjectionName = (typeof PROJECTIONS)[number];

/**
 * The watermark of each projection (last seq applied), as fields of one document: moving them
 * all is one update per projected batch (an update costs FerretDB several milliseconds).
 */
export type WatermarkDoc = { _id: 'projections' } & Record<ProjectionName, number>;

/** `_seq`: the last journal seq applied to this document (the per-document idempotency guard). */
export type ReportRowDoc = ReportRow & { _id: string; _seq: number };
export type CitizenDoc = Citizen & { _id: string; _seq: number };
/** `_id` = the agent id; `_seq` as for the other projected documents. */
export type AgentStatusDoc = AgentStatus & { _id: string; _seq: number };
/** `_id` = `<kind>:<value>`; the first citizen to hold an identity keeps it (claims are the gate). */
export interface IdentityDoc {
  _id: string;
  citizenId: string;
}
/** `_id` = `<word>:<citizenId>`: a folded word of a citizen's display name (the search box). */
export interface CitizenWordDoc {
  _id: string;
  word: string;
  citizenId: string;
}
export type ConversationDoc = Conversation & { _id: string; _seq: number };
/** `words`: folded search words of subject, text and call summary (see search-words.ts). */
export type MessageDoc = Message & { _id: string; _seq: number; words: string[] };
/** `_id` = `<channel>:<externalId>`: an _id lookup rather than a query on two message fields. */
export interface ExternalIdDoc {
  _id: string;
  messageId: string;
}

/** A queued reply (projected from the journal) with its retry bookkeeping (written by the sender). */
export interface OutboxDoc {
  _id: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}
/**
 * Lease number `n` of an outbox item (`_id` = `<messageId>:<n>`): taking a lease is inserting the
 * next number, so two instances cannot both take it. `until` = '' once released.
 */
export interface OutboxLeaseDoc {
  _id: string;
  messageId: string;
  n: number;
  until: string;
}

/** A provider report held until what it is about is filed; `_id` = `<key>\n<sha256 of body>`. */
export interface EarlyReportDoc {
  _id: string;
  key: string;
  body: string;
  heldAt: string;
}

/** A one-time link or pending sign-in step, by its token's hash. */
export type AccountTokenDoc = AccountToken & { _id: string };
/** A key used once (`_id`): its insert is the single use, as claims are. */
export interface OnceDoc {
  _id: string;
  expiresAt: string;
}
export interface SettingDoc {
  _id: string;
  value: unknown;
}

export type QueueDoc = Queue & { _id: string };
export type AnnotationDoc = Annotation & { _id: string };
export type CourseDoc = Course & { _id: string };
export type AnswerVersionDoc = Answer & { _id: string };
export type AnswerDoc = Answer & { _id: string; words: string[] };
export type AgentDoc = StoredAgent & { _id: string; emailLower: string };
export interface SessionDoc {
  _id: string;
  agentId: string;
  expiresAt: string;
}

const options = { versionKey: false, strict: false, autoIndex: false, autoCreate: false } as const;
const Mixed = Schema.Types.Mixed;

const journal = new Schema(
  {
    _id: { type: Mixed },
    last: Number,
    appendId: { type: String, required: true },
    claims: [Mixed],
    events: [Mixed],
  },
  { ...options, collection: 'journal' },
);
journal.index({ appendId: 1 }, { unique: true, name: 'append_once' });
journal.index({ last: 1 }, { name: 'by_last' });
// Catch-up filters: events of these queues, or of conversations assigned to an agent.
journal.index({ 'events.queueId': 1, last: 1 }, { name: 'by_queue' });
journal.index({ 'events.conversationId': 1, last: 1 }, { name: 'by_conversation' });
// Replay slices: one citizen's events.
journal.index({ 'events.citizenId': 1, last: 1 }, { name: 'by_citizen' });

const claims = new Schema({ _id: String, key: String, gen: Number, owner: String, appendId: String }, { ...options, collection: 'claims' });

const watermarks = new Schema({ _id: String }, { ...options, collection: 'projection_watermarks' });

const citizens = new Schema({ _id: String, _seq: Number }, { ...options, collection: 'citizens' });
const identities = new Schema({ _id: String, citizenId: String }, { ...options, collection: 'identities' });
// A record's identities, which a merge moves to the survivor.
identities.index({ citizenId: 1 }, { name: 'of_citizen' });
const citizenWords = new Schema({ _id: String, word: String, citizenId: String }, { ...options, collection: 'citizen_words' });
citizenWords.index({ word: 1, citizenId: 1 }, { name: 'by_word' });

const conversations = new Schema(
  { _id: String, _seq: Number, citizenId: String, queueId: String, status: String, assigneeId: String, lastActivityAt: String, channels: [String] },
  { ...options, collection: 'conversations' },
);
conversations.index({ lastActivityAt: -1, _id: -1 }, { name: 'inbox' });
conversations.index({ queueId: 1, status: 1, lastActivityAt: -1, _id: -1 }, { name: 'inbox_queue' });
conversations.index({ assigneeId: 1, lastActivityAt: -1, _id: -1 }, { name: 'inbox_assignee' });
// The routing rounds read every open conversation each second, however long the history.
conversations.index({ status: 1, lastActivityAt: -1, _id: -1 }, { name: 'inbox_status' });
conversations.index({ citizenId: 1, lastActivityAt: -1, _id: -1 }, { name: 'of_citizen' });
// The inbox's "Mentions" view and the bell: few conversations per agent, newest first.
conversations.index({ 'mentioned.agentId': 1, lastActivityAt: -1, _id: -1 }, { name: 'inbox_mentioned', sparse: true });

const messages = new Schema(
  { _id: String, _seq: Number, citizenId: String, at: String, words: [String] },
  { ...options, collection: 'messages' },
);
messages.index({ citizenId: 1, at: 1, _id: 1 }, { name: 'timeline' });
// Multikey: a message matches a query when it holds every query word (portable stand-in for a
// text index, which FerretDB 1.x lacks).
messages.index({ words: 1 }, { name: 'search_words' });
// A conversation's messages, which a merge or unmerge moves to the other record together.
messages.index({ conversationId: 1 }, { name: 'of_conversation' });
// A channel's latest message (the channels page).
messages.index({ channel: 1, at: -1 }, { name: 'by_channel' });
// Replies written from a library answer, by time: the library's and the reports' usage counts.
messages.index({ 'answer.answerId': 1, at: 1 }, { name: 'answer_uses' });
const externalIds = new Schema({ _id: String, messageId: String }, { ...options, collection: 'message_external_ids' });

const outbox = new Schema(
  { _id: String, attempts: Number, nextAttemptAt: String, lastError: String },
  { ...options, collection: 'outbox' },
);
outbox.index({ nextAttemptAt: 1, _id: 1 }, { name: 'due' });
const outboxLeases = new Schema({ _id: String, messageId: String, n: Number, until: String }, { ...options, collection: 'outbox_leases' });
outboxLeases.index({ messageId: 1, n: -1 }, { name: 'latest' });

// The reporting projection: one row per conversation; reports read a range of openedAt.
const reportRows = new Schema({ _id: String, _seq: Number, openedAt: String }, { ...options, collection: 'report_rows_v2' });
reportRows.index({ openedAt: 1, _id: 1 }, { name: 'by_opened' });

const agentStatuses = new Schema({ _id: String, _seq: Number }, { ...options, collection: 'agent_statuses' });

const earlyReports = new Schema({ _id: String, key: String, body: String, heldAt: String }, { ...options, collection: 'early_reports' });
earlyReports.index({ key: 1 }, { name: 'of_key' });
earlyReports.index({ heldAt: 1 }, { name: 'by_age' });

const queues = new Schema({ _id: String, name: String }, { ...options, collection: 'queues' });
const agents = new Schema({ _id: String, emailLower: String, displayName: String }, { ...options, collection: 'agents' });
// One account per address whatever its case, as in the SQLite adapter.
agents.index({ emailLower: 1 }, { unique: true, name: 'email_once' });
const sessions = new Schema({ _id: String, agentId: String, expiresAt: String }, { ...options, collection: 'sessions' });
sessions.index({ agentId: 1 }, { name: 'of_agent' });
const accountTokens = new Schema({ _id: String, agentId: String, expiresAt: String }, { ...options, collection: 'account_tokens' });
accountTokens.index({ expiresAt: 1 }, { name: 'by_expiry' });
const onceKeys = new Schema({ _id: String, expiresAt: String }, { ...options, collection: 'once_keys' });
onceKeys.index({ expiresAt: 1 }, { name: 'by_expiry' });
const settings = new Schema({ _id: String }, { ...options, collection: 'settings' });

// Training material: staff data like the directory, kept by rebuilds.
const annotations = new Schema({ _id: String, seq: Number, createdAt: String }, { ...options, collection: 'annotations' });
annotations.index({ 'replay.kind': 1, 'replay.id': 1, seq: 1, createdAt: 1, _id: 1 }, { name: 'of_replay' });
const courses = new Schema({ _id: String, title: String, traineeIds: [String] }, { ...options, collection: 'courses' });
courses.index({ title: 1, _id: 1 }, { name: 'by_title' });
courses.index({ traineeIds: 1, title: 1, _id: 1 }, { name: 'of_trainee' });
// The answer library: every version (`_id` = "<id>:<version>", so a second save of one version
// fails on the key), and each answer's current version with its folded words for prefix search.
const answerVersions = new Schema({ _id: String, id: String, version: Number }, { ...options, collection: 'answer_versions' });
answerVersions.index({ id: 1, version: -1 }, { name: 'of_answer' });
const answers = new Schema({ _id: String, theme: String, language: String, archived: Boolean, words: [String] }, { ...options, collection: 'answers' });
answers.index({ words: 1 }, { name: 'by_word' });

const SCHEMAS = { journal, claims, watermarks, citizens, identities, citizenWords, conversations, messages, externalIds, outbox, outboxLeases, reportRows, agentStatuses, earlyReports, queues, agents, sessions, accountTokens, onceKeys, settings, annotations, courses, answerVersions, answers };

export interface Collections {
  journal: mongo.Collection<JournalDoc>;
  /** The same collection seen with its fences: they share the journal's appendId index. */
  journalOrFences: mongo.Collection<JournalDoc | FenceDoc>;
  claims: mongo.Collection<ClaimDoc>;
  watermarks: mongo.Collection<WatermarkDoc>;
  citizens: mongo.Collection<CitizenDoc>;
  identities: mongo.Collection<IdentityDoc>;
  citizenWords: mongo.Collection<CitizenWordDoc>;
  conversations: mongo.Collection<ConversationDoc>;
  messages: mongo.Collection<MessageDoc>;
  externalIds: mongo.Collection<ExternalIdDoc>;
  outbox: mongo.Collection<OutboxDoc>;
  outboxLeases: mongo.Collection<OutboxLeaseDoc>;
  reportRows: mongo.Collection<ReportRowDoc>;
  agentStatuses: mongo.Collection<AgentStatusDoc>;
  earlyReports: mongo.Collection<EarlyReportDoc>;
  queues: mongo.Collection<QueueDoc>;
  agents: mongo.Collection<AgentDoc>;
  sessions: mongo.Collection<SessionDoc>;
  accountTokens: mongo.Collection<AccountTokenDoc>;
  onceKeys: mongo.Collection<OnceDoc>;
  settings: mongo.Collection<SettingDoc>;
  annotations: mongo.Collection<AnnotationDoc>;
  courses: mongo.Collection<CourseDoc>;
  answerVersions: mongo.Collection<AnswerVersionDoc>;
  answers: mongo.Collection<AnswerDoc>;
}

function nameOf(schema: Schema): string {
  const name = schema.get('collection');
  if (typeof name !== 'string') throw new Error('schema without a collection name');
  return name;
}

/** Registers the models on the connection, creates their indexes, and returns typed collections. */
export async function bindCollections(conn: Connection): Promise<Collections> {
  const db = conn.db;
  if (!db) throw new Error('connection is not open');
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const model = conn.models[name] ?? conn.model(name, schema);
    // One at a time: index builds are rare (each start-up) and FerretDB serialises them anyway.
    await model.createIndexes();
  }
  const c = <T extends mongo.Document>(schema: Schema) => db.collection<T>(nameOf(schema));
  return {
    journal: c<JournalDoc>(journal),
    journalOrFences: c<JournalDoc | FenceDoc>(journal),
    claims: c<ClaimDoc>(claims),
    watermarks: c<WatermarkDoc>(watermarks),
    citizens: c<CitizenDoc>(citizens),
    identities: c<IdentityDoc>(identities),
    citizenWords: c<CitizenWordDoc>(citizenWords),
    conversations: c<ConversationDoc>(conversations),
    messages: c<MessageDoc>(messages),
    externalIds: c<ExternalIdDoc>(externalIds),
    outbox: c<OutboxDoc>(outbox),
    outboxLeases: c<OutboxLeaseDoc>(outboxLeases),
    reportRows: c<ReportRowDoc>(reportRows),
    agentStatuses: c<AgentStatusDoc>(agentStatuses),
    earlyReports: c<EarlyReportDoc>(earlyReports),
    queues: c<QueueDoc>(queues),
    agents: c<AgentDoc>(agents),
    sessions: c<SessionDoc>(sessions),
    accountTokens: c<AccountTokenDoc>(accountTokens),
    onceKeys: c<OnceDoc>(onceKeys),
    settings: c<SettingDoc>(settings),
    annotations: c<AnnotationDoc>(annotations),
    courses: c<CourseDoc>(courses),
    answerVersions: c<AnswerVersionDoc>(answerVersions),
    answers: c<AnswerDoc>(answers),
  };
}

/** Collections whose content is derived from the journal (emptied by a rebuild). */
export const PROJECTED: readonly (keyof Collections)[] = ['citizens', 'identities', 'citizenWords', 'conversations', 'messages', 'externalIds', 'outbox', 'outboxLeases', 'reportRows', 'agentStatuses'];
