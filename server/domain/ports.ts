import type {
  Agent,
  AgentId,
  Annotation,
  AnnotationId,
  Channel,
  Citizen,
  CitizenId,
  Conversation,
  ConversationId,
  Course,
  CourseId,
  IdentityKind,
  InboxFilter,
  JournalEvent,
  JournalEventType,
  Message,
  MessageId,
  NewJournalEvent,
  Page,
  Queue,
  QueueId,
  ReplayRef,
  TimelinePage,
  AgentStatus,
} from '../../shared/index.js';
import type { Answer, AnswerId } from '../../shared/answers.js';
import type { ReportRow } from './reports/report-row.js';

// The ports the domain talks to. Adapters (server/store/sqlite, server/store/mongo) implement
// them; server/store/contract/ is the behaviour every adapter must show.

/**
 * A key the append must own for the events to commit: `identity:<kind>:<value>`,
 * `external:<channel>:<externalId>`, `client:<agentId>:<clientMessageId>`.
 * If any key is already claimed the append commits nothing and throws ClaimConflictError.
 * This is how uniqueness holds under concurrent ingest without multi-document transactions.
 */
export interface Claim {
  key: string;
  /** What the key points to once claimed: a citizen id, a message id. */
  owner: string;
}

export class ClaimConflictError extends Error {
  constructor(readonly key: string) {
    super(`already claimed: ${key}`);
  }
}

/** The store could not be reached or failed to commit; the caller should ask the sender to retry. */
export class StoreUnavailableError extends Error {}

export interface JournalQuery {
  afterSeq: number;
  limit: number;
  /** Restrict to events of these queues, plus events of conversations assigned to `assigneeId`. */
  queueIds?: readonly QueueId[];
  assigneeId?: AgentId;
}

/**
 * One conversation's events (by the envelope's conversationId) or one citizen's: the replay source.
 * With `types`, only events of those types (a timeline's assignment and status lines).
 */
export type JournalSliceQuery = (
  | { conversationId: ConversationId; citizenId?: undefined }
  | { citizenId: CitizenId; conversationId?: undefined }
) & { afterSeq: number; limit: number; types?: readonly JournalEventType[] | undefined };

export interface CourseQuery {
  /** Only the courses assigned to this trainee. */
  traineeId?: AgentId;
}

export interface ConversationQuery extends Omit<InboxFilter, 'scope' | 'limit'> {
  limit: number;
  /** When set, only conversations in these queues are listed. */
  queueIds?: readonly QueueId[];
  assigneeId?: AgentId | null;
  /**
   * The access rule as a filter (shared/access.ts, visibilityFilter): conversations in these
   * queues OR assigned to this agent. Absent: every conversation.
   */
  visibleTo?: { queueIds: readonly QueueId[]; assigneeId: AgentId };
  /** Only conversations an internal note mentioned this colleague in (Conversation.mentioned). */
  mentioned?: AgentId;
}

/** The filters of a ConversationQuery, without its paging. */
export type ConversationFilter = Omit<ConversationQuery, 'limit' | 'cursor'>;

/** A page of a timeline: the latest `limit` entries, or those just before or after a cursor. */
export interface TimelineRange {
  limit: number;
  /** Only these conversations' messages (the ones a limited caller may open); absent: all. */
  conversationIds?: readonly string[] | undefined;
  before?: string | undefined;
  after?: string | undefined;
  /**
   * Also the page's activity (assignment and status lines, shared/timeline-activity.ts) over the
   * same span and conversations. Staff screens only: the citizen's own views never ask for it.
   */
  activity?: boolean | undefined;
}

/** Who a search is for, as the access rule's store filter (shared/access.ts); absent: every queue. */
export type SearchVisibility = { queueIds: readonly QueueId[]; assigneeId: AgentId };

/** An identity a search may be: one of these kinds with this value (or, with `prefix`, starting with it). */
export interface IdentityMatch {
  kinds: readonly IdentityKind[];
  value: string;
  prefix: boolean;
}

/**
 * Citizens whose display name has a word starting with each of `words` (folded: lower case, no
 * accents), or who hold one of `identities`; only those with a conversation the viewer may see.
 * Merged-away records are left out.
 */
export interface CitizenSearch {
  words: readonly string[];
  identities: readonly IdentityMatch[];
  visibleTo?: SearchVisibility;
  limit: number;
}

/** A citizen found, and how: by name, or by which identity. */
export interface CitizenFound {
  citizen: Citizen;
  matchedBy: 'name' | IdentityKind;
  identityValue?: string;
}

/** Messages holding every one of `words` (folded, whole words), in conversations the viewer may see. */
export interface MessageSearch {
  words: readonly string[];
  visibleTo?: SearchVisibility;
  limit: number;
  /** From a previous page's `nextCursor`: the messages older than its last one. */
  cursor?: string;
}

/**
 * An outbound message waiting for its channel. Outbox rows are a projection (a queued
 * `message.sent` adds one, a later `message.status` removes it); attempts, due time and lease are
 * retry bookkeeping kept beside it, not journaled.
 */
export interface OutboxItem {
  messageId: MessageId;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

/** Conversations opened in [from, to) (ISO instants), optionally only in these queues. */
export interface ReportRowQuery {
  from: string;
  to: string;
  queueIds?: readonly QueueId[];
}

export interface StoredAgent extends Agent {
  /** Empty for an invited account whose link has not been used yet: no password can match it. */
  passwordHash: string;
  /** False once deactivated: cannot sign in, every session ends. Absent means active. */
  active?: boolean;
  lastSignInAt?: string;
  /** Two-factor sign-in (RFC 6238): the shared secret (base32), once confirmed by a first code. */
  totp?: { secret: string; enabledAt: string };
  /** SHA-256 of each unused recovery code (random, 50 bits: a slow hash adds nothing). */
  recoveryCodes?: string[];
  /** How the account was made: invited by an admin, or the start-up admin / demo staff. */
  invitedBy?: AgentId;
  createdAt?: string;
}

/**
 * A one-time link or a pending step of a sign-in, kept by the hash of its token: an invitation
 * (72 h), a password reset, a sign-in waiting for its second factor, an enrolment in progress.
 */
export interface AccountToken {
  tokenHash: string;
  agentId: AgentId;
  purpose: 'invite' | 'reset' | 'second-factor' | 'enrol' | 'sso';
  expiresAt: string;
  /** Purpose-specific: the secret being enrolled. */
  data?: Record<string, string>;
}

export interface Session {
  tokenHash: string;
  agentId: AgentId;
  expiresAt: string;
}

// The store port, in the parts its adapters keep in modules of their own. One store object
// implements them all (`Store`); a service that needs one part takes that part, so what it may
// touch is in its signature.

/** The journal: the commit point, its reads and the claims its appends take. */
export interface JournalStore {
  /**
   * The commit point. Assigns consecutive seqs, claims every key, persists the events, then
   * applies the projections. Events of one call commit together or not at all.
   */
  append(events: readonly NewJournalEvent[], claims?: readonly Claim[]): Promise<JournalEvent[]>;
  /** Events after `afterSeq` in seq order, never past a seq below which something is uncommitted. */
  readJournal(query: JournalQuery): Promise<JournalEvent[]>;
  /** A conversation's or a citizen's events after `afterSeq`, in seq order; same commit guarantee. */
  readJournalSlice(query: JournalSliceQuery): Promise<JournalEvent[]>;
  /** Highest seq such that every seq at or below it is committed. */
  headSeq(): Promise<number>;
  /** Owner of a claim key, if claimed (e.g. which citizen holds `identity:email:x@y`). */
  claimOwner(key: string): Promise<string | null>;
}

/** The read model: citizens, conversations, messages and agent statuses, projected from the journal. */
export interface ReadModelStore {
  findMessageByExternalId(channel: Channel, externalId: string): Promise<Message | null>;
  findCitizenByIdentity(kind: IdentityKind, value: string): Promise<Citizen | null>;
  /** The citizen's most recent conversation that is not resolved. */
  findActiveConversation(citizenId: CitizenId): Promise<Conversation | null>;

  getCitizen(id: CitizenId): Promise<Citizen | null>;
  getConversation(id: ConversationId): Promise<Conversation | null>;
  getMessage(id: string): Promise<Message | null>;
  listConversations(query: ConversationQuery): Promise<Page<Conversation>>;
  /** How many conversations the filters of a listConversations query match, over every page (the inbox's "50 sur 312"). */
  countConversations(query: ConversationFilter): Promise<number>;
  listCitizenConversations(citizenId: CitizenId): Promise<Conversation[]>;
  /** All the citizen's messages, every conversation and channel, in timeline order. */
  timeline(citizenId: CitizenId, range: TimelineRange): Promise<TimelinePage>;
  /** Free-text message search over every queue, best match first (the trainer's replay picker). */
  searchMessages(text: string, limit: number): Promise<Message[]>;
  /** The search box's citizens, each once (a name match before an identity's), by display name then id. */
  searchCitizens(query: CitizenSearch): Promise<CitizenFound[]>;
  /** The search box's messages: newest first (at, then id, descending), paged by cursor. */
  searchMessagePage(query: MessageSearch): Promise<Page<Message>>;
  countCitizens(): Promise<number>;
  /** When the latest inbound message of a channel arrived (the channels page), or null. */
  lastInboundAt(channel: Channel): Promise<string | null>;
  /** Routing status of every agent that has one (projection of agent.state-changed and offers), by agentId. */
  listAgentStatuses(): Promise<AgentStatus[]>;
}

export interface ReportRowStore {
  /**
   * The reporting projection (one row per conversation, durations in business minutes): rows
   * opened in the range, by openedAt then conversationId. Reports aggregate them in the domain.
   */
  listReportRows(query: ReportRowQuery): Promise<ReportRow[]>;
}

export interface OutboxStore {
  /**
   * Takes up to `limit` outbox items due at `now` whose lease has expired, leasing them until
   * `leaseUntil`: two instances never send the same message at the same time.
   */
  leaseOutbox(now: string, leaseUntil: string, limit: number): Promise<OutboxItem[]>;
  /** After a failed attempt that may succeed later: when to try again, and why it failed. */
  rescheduleOutbox(messageId: MessageId, attempts: number, nextAttemptAt: string, lastError: string): Promise<void>;
}

/**
 * Provider reports that came before what they are about (a Twilio recording callback before the
 * call's status callbacks), kept durably under a key (`phone:<CallSid>`) until it is filed:
 * the provider was told 200 and will not send them again. Holding the same body twice keeps one;
 * reports held for longer than `EARLY_REPORT_TTL_MS` are forgotten.
 */
export interface EarlyReportStore {
  holdEarlyReport(key: string, body: string, at: string): Promise<void>;
  earlyReports(key: string): Promise<string[]>;
  releaseEarlyReports(key: string): Promise<void>;
}

/** Staff directory, sessions, one-time links and settings: configuration, not journal-sourced. */
export interface DirectoryStore {
  saveQueue(queue: Queue): Promise<void>;
  listQueues(): Promise<Queue[]>;
  saveAgent(agent: StoredAgent): Promise<void>;
  /**
   * Changes only the given fields of a stored agent (a sign-in's time, a spent recovery code, a
   * deactivation), so two changes made at once do not undo each other. False: no such agent.
   * `undefined` values remove the field.
   */
  patchAgent(id: AgentId, fields: Partial<Omit<StoredAgent, 'id' | 'email'>>): Promise<boolean>;
  getAgent(id: AgentId): Promise<StoredAgent | null>;
  findAgentByEmail(email: string): Promise<StoredAgent | null>;
  listAgents(): Promise<StoredAgent[]>;
  saveSession(session: Session): Promise<void>;
  getSession(tokenHash: string): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of one member of staff (deactivation); resolves with how many. */
  deleteSessionsOf(agentId: AgentId): Promise<number>;

  saveAccountToken(token: AccountToken): Promise<void>;
  /** The token, or null when unknown or expired. */
  getAccountToken(tokenHash: string): Promise<AccountToken | null>;
  deleteAccountToken(tokenHash: string): Promise<void>;
  /**
   * True the first time `key` is used, false ever after (until `expiresAt`, when it may be
   * forgotten): a link redeemed once, a TOTP time step spent once, across instances.
   */
  useOnce(key: string, expiresAt: string): Promise<boolean>;
  /** A setting of the deployment (e.g. which roles must use two-factor sign-in), JSON. */
  getSetting(key: string): Promise<unknown>;
  saveSetting(key: string, value: unknown): Promise<void>;
}

/** Training material (annotations, courses): staff data, not journal-sourced, kept by rebuilds. */
export interface TrainingStore {
  /** Inserts or replaces by id. */
  saveAnnotation(annotation: Annotation): Promise<void>;
  getAnnotation(id: AnnotationId): Promise<Annotation | null>;
  /** One replay's annotations, by seq, then createdAt, then id. */
  listAnnotations(replay: ReplayRef): Promise<Annotation[]>;
  /** False when there was no such annotation. */
  deleteAnnotation(id: AnnotationId): Promise<boolean>;
  /** Inserts or replaces by id, trainee assignments included. */
  saveCourse(course: Course): Promise<void>;
  getCourse(id: CourseId): Promise<Course | null>;
  /** By title, then id; with `traineeId`, only the courses assigned to that trainee. */
  listCourses(query?: CourseQuery): Promise<Course[]>;
  deleteCourse(id: CourseId): Promise<boolean>;
}

/** Which answers a library listing returns: every theme and language unless narrowed. */
export interface AnswerQuery {
  /** Folded words (lower case, no accents) that must each begin a word of the title, theme or a variant. */
  words?: readonly string[];
  theme?: string;
  language?: string;
  /** Archived answers too (the library's "retirées" view); default false. */
  archived?: boolean;
}

/**
 * The answer library (shared/answers.ts): staff data, not journal-sourced, kept by rebuilds.
 * Versions are append-only: saving version n of an answer succeeds once, a second save of the
 * same (id, version) fails with ClaimConflictError (two supervisors editing at once: the second
 * must reload), so no edit is ever lost or overwritten.
 */
export interface AnswerStore {
  /** Adds one version; `version` must be 1 for a new id, or the current version + 1. */
  saveAnswerVersion(answer: Answer): Promise<void>;
  /** The current (latest) version, or the given one. */
  getAnswer(id: AnswerId, version?: number): Promise<Answer | null>;
  /** Current versions matching the query, by theme, then title, then id. */
  listAnswers(query?: AnswerQuery): Promise<Answer[]>;
  /** Every version of one answer, newest first. */
  listAnswerVersions(id: AnswerId): Promise<Answer[]>;
  /** Messages written from a library answer with `from <= at < to`, by time then message id. */
  listAnswerUses(range: { from: string; to: string }): Promise<AnswerUseRow[]>;
}

/** One message written from a library answer, as the usage counts read it (from the messages projection). */
export interface AnswerUseRow {
  answerId: AnswerId;
  version: number;
  channel: Channel;
  /** The agent who sent it; null for a message without an agent author. */
  agentId: AgentId | null;
  at: string;
}

/** What operations and start-up need of the store as a whole. */
export interface StoreAdmin {
  /** Drops every projection and re-applies the whole journal; directory, training, answers and early reports are kept. */
  rebuildProjections(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface Store
  extends JournalStore,
    ReadModelStore,
    ReportRowStore,
    OutboxStore,
    EarlyReportStore,
    DirectoryStore,
    TrainingStore,
    AnswerStore,
    StoreAdmin {}

/** How long an early report waits for what it is about (a call never reported is not coming). */
export const EARLY_REPORT_TTL_MS = 7 * 24 * 3_600_000;

export interface EventBus {
  publish(events: readonly JournalEvent[]): void;
  subscribe(listener: (event: JournalEvent) => void): () => void;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
