import { DELIVERY_FAILURES } from './delivery-failures.js';
import { z } from 'zod';
import { isSafeLink, SAFE_LINK_RULE } from './links.js';
import {
  AGENT_STATES,
  ASSIGNMENT_STRATEGIES,
  CALL_OUTCOMES,
  CHANNELS,
  CONVERSATION_STATUSES,
  DELIVERY_STATUSES,
  IDENTITY_KINDS,
  ROLES,
  SLA_KINDS,
} from './constants.js';
import { AgentId, AnswerId, CitizenId, ConversationId, MessageId, QueueId } from './ids.js';
import { EIDAS_LEVELS, IDENTITY_LEVELS, levelOfLegacy } from './identity-levels.js';

export { AGENT_STATES, ASSIGNMENT_STRATEGIES, CALL_OUTCOMES, CHANNELS, CONVERSATION_STATUSES, DELIVERY_STATUSES, IDENTITY_KINDS, ROLES, SLA_KINDS };

/** A link a channel hands us, held to the one rule of links.ts. */
export const SafeLink = z.string().refine(isSafeLink, { message: SAFE_LINK_RULE });

export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const IdentityKind = z.enum(IDENTITY_KINDS);
export type IdentityKind = z.infer<typeof IdentityKind>;

export const IdentityLevel = z.enum(IDENTITY_LEVELS);
export type IdentityLevel = z.infer<typeof IdentityLevel>;
export const EidasLevel = z.enum(EIDAS_LEVELS);
export type EidasLevel = z.infer<typeof EidasLevel>;

/**
 * Where an identity came from: the message it came in on (`messageId`, `channel`), or the member
 * of staff who added or confirmed it (`agentId`) and how they checked (`how`). `at` is when.
 */
export const IdentitySource = z.object({
  at: z.string(),
  messageId: MessageId.optional(),
  channel: z.enum(CHANNELS).optional(),
  agentId: AgentId.optional(),
  how: z.string().max(200).optional(),
});
export type IdentitySource = z.infer<typeof IdentitySource>;

const IdentityFields = z.object({
  kind: IdentityKind,
  value: z.string().min(1).max(320),
  level: IdentityLevel.default('unverified'),
  /** Only with `franceconnect`: the eIDAS level the portal's assertion carried. */
  eidas: EidasLevel.optional(),
  source: IdentitySource.optional(),
  /** A member of staff checked it (identity.confirmed): who, when and how. */
  confirmation: z.object({ agentId: AgentId, at: z.string(), how: z.string().max(200) }).optional(),
});

/**
 * Journals and projections written before levels existed hold `verified: true|false` and no
 * `level`: read as `channel` or `unverified` (levelOfLegacy), so old data rebuilds identically.
 * A verified `webchat` session or `account` could only come from the web chat's verified mode,
 * signed by the town's portal: those are `portal`.
 */
export function upgradeLegacyIdentity<T>(raw: T): T {
  if (typeof raw !== 'object' || raw === null || 'level' in raw) return raw;
  const { verified, ...rest } = raw as { verified?: unknown; kind?: unknown };
  const signed = verified === true && (rest.kind === 'webchat' || rest.kind === 'account');
  return { ...rest, level: signed ? 'portal' : levelOfLegacy(verified === true) } as T;
}

/** `value` is always normalised (lower-case email, E.164 phone): see shared/normalize.ts. */
export const Identity = z.preprocess(upgradeLegacyIdentity, IdentityFields);
export type Identity = z.infer<typeof IdentityFields>;

export const CitizenNote = z.object({ id: z.string(), text: z.string(), at: z.string(), agentId: AgentId.optional() });
export type CitizenNote = z.infer<typeof CitizenNote>;

export const Citizen = z.object({
  id: CitizenId,
  displayName: z.string(),
  identities: z.array(Identity),
  createdAt: z.string(),
  mergedInto: CitizenId.nullable().default(null),
  /**
   * How many merges and unmerges this record took part in. A merge claims the next revision of
   * both records, so two merges touching one record at once cannot both commit.
   */
  revision: z.number().int().nonnegative().optional(),
  /** The profile agents keep (citizen.profile-updated): how the citizen likes to be answered. */
  preferredChannel: Channel.optional(),
  /** BCP 47 tag (`fr`, `en`, `ar`…). */
  language: z.string().max(35).optional(),
  /** Contact notes (citizen.note-added), oldest first: who wrote each is kept with it. */
  notes: z.array(CitizenNote).optional(),
});
export type Citizen = z.infer<typeof Citizen>;

/** A citizen projected before identity levels (see upgradeLegacyIdentity). */
export function upgradeLegacyCitizen<T extends Pick<Citizen, 'identities'>>(citizen: T): T {
  if (citizen.identities.every((i) => 'level' in i)) return citizen;
  return { ...citizen, identities: citizen.identities.map(upgradeLegacyIdentity) };
}

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Agent = z.object({
  id: AgentId,
  email: z.string(),
  displayName: z.string(),
  role: Role,
  queueIds: z.array(QueueId),
  /** Routing skills (free words, e.g. "urbanisme", "langue:en"); a queue may require one. */
  skills: z.array(z.string()).optional(),
  /** Conversations held at once per channel; a channel left out uses DEFAULT_CAPACITY. */
  capacity: z.partialRecord(Channel, z.number().int().nonnegative()).optional(),
});
export type Agent = z.infer<typeof Agent>;

export const AgentState = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof AgentState>;

export const AssignmentStrategy = z.enum(ASSIGNMENT_STRATEGIES);
export type AssignmentStrategy = z.infer<typeof AssignmentStrategy>;

export const SlaKind = z.enum(SLA_KINDS);
export type SlaKind = z.infer<typeof SlaKind>;

/** Targets in business minutes (server/domain/business-hours), counted from the conversation's opening. */
export const ServiceLevel = z.object({
  firstResponseMinutes: z.number().int().positive().optional(),
  resolutionMinutes: z.number().int().positive().optional(),
});
export type ServiceLevel = z.infer<typeof ServiceLevel>;

export const Queue = z.object({
  id: QueueId,
  name: z.string(),
  description: z.string().default(''),
  /** Routing: a new conversation whose subject or text holds one of these words lands here. */
  keywords: z.array(z.string()).default([]),
  /** Where conversations go when no queue's keywords match; exactly one queue has it. */
  isDefault: z.boolean().default(false),
  /** Channels the queue takes; absent or empty means every channel. */
  channels: z.array(Channel).optional(),
  /** Skill an agent needs to be offered this queue's conversations; absent means membership suffices. */
  requiredSkill: z.string().optional(),
  /**
   * The least identity level (shared/identity-levels.ts) a citizen must have on the channel a reply
   * goes out on before an agent sends them personal or case data; the composer warns below it.
   */
  requiredLevel: IdentityLevel.optional(),
  assignment: z
    .object({
      strategy: AssignmentStrategy,
      /** Seconds an offer waits for the agent before it goes to the next one. */
      offerTimeoutSec: z.number().int().positive(),
    })
    .optional(),
  /** Service levels per channel, with `default` for channels not listed. */
  serviceLevels: z.record(z.string(), ServiceLevel).optional(),
  /** Id of the opening-hours calendar (BusinessCalendar) the service levels are counted in. */
  calendarId: z.string().optional(),
});
export type Queue = z.infer<typeof Queue>;

export const ConversationStatus = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;

export const Actor = z.object({
  kind: z.enum(['citizen', 'agent', 'system']),
  id: z.string().optional(),
  name: z.string().optional(),
});
export type Actor = z.infer<typeof Actor>;

export const Attachment = z.object({
  name: z.string().max(255),
  contentType: z.string().max(255),
  size: z.number().int().nonnegative(),
  blobId: z.string().optional(),
});
export type Attachment = z.infer<typeof Attachment>;

export const CallOutcome = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const CallDetails = z.object({
  from: z.string(),
  to: z.string(),
  startedAt: z.string(),
  answeredAt: z.string().optional(),
  endedAt: z.string().optional(),
  durationSec: z.number().int().nonnegative().optional(),
  outcome: CallOutcome,
  recordingUrl: SafeLink.optional(),
  transcriptUrl: SafeLink.optional(),
  /** Written by the agent who took (or logged) the call; journaled as `call.summarized`. */
  summary: z.string().max(5000).optional(),
});
export type CallDetails = z.infer<typeof CallDetails>;

export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const Direction = z.enum(['inbound', 'outbound', 'note']);
export type Direction = z.infer<typeof Direction>;

/** What a sent message records of the library answer it used (shared/answers.ts): reports and the "déjà répondu" panel read it. */
export const AnswerUse = z.object({ answerId: AnswerId, version: z.number().int().positive() });
export type AnswerUse = z.infer<typeof AnswerUse>;

export const Message = z.object({
  id: MessageId,
  conversationId: ConversationId,
  citizenId: CitizenId,
  direction: Direction,
  channel: Channel,
  kind: z.enum(['text', 'call']),
  author: Actor,
  subject: z.string().optional(),
  text: z.string(),
  /** Sanitised at ingest; the console sanitises again before rendering. */
  html: z.string().optional(),
  attachments: z.array(Attachment).default([]),
  externalId: z.string().optional(),
  providerAt: z.string().optional(),
  at: z.string(),
  status: DeliveryStatus,
  /** Why the last delivery status was given, e.g. the bounce or the provider error of a failure. */
  statusReason: z.string().optional(),
  statusFailure: z.enum(DELIVERY_FAILURES).optional(),
  call: CallDetails.optional(),
  /** An outbound reply written from a library answer: which one, which version. */
  answer: AnswerUse.optional(),
  /** An internal note's mentioned colleagues ("@Léa"): each gets a notification. */
  mentions: z.array(AgentId).max(50).optional(),
});
export type Message = z.infer<typeof Message>;

/** A colleague's latest mention in a conversation: when, in which note, by whom. */
export const MentionMark = z.object({ agentId: AgentId, at: z.string(), messageId: MessageId, by: AgentId.nullable() });
export type MentionMark = z.infer<typeof MentionMark>;

export const Conversation = z.object({
  id: ConversationId,
  citizenId: CitizenId,
  citizenName: z.string(),
  status: ConversationStatus,
  queueId: QueueId,
  assigneeId: AgentId.nullable(),
  priority: Priority,
  tags: z.array(z.string()),
  subject: z.string().optional(),
  channels: z.array(Channel),
  lastInboundChannel: Channel.nullable(),
  openedAt: z.string(),
  lastActivityAt: z.string(),
  /** Oldest inbound message not yet answered; null when the agent spoke last. */
  waitingSince: z.string().nullable(),
  unreadCount: z.number().int().nonnegative(),
  messageCount: z.number().int().nonnegative(),
  preview: z.string(),
  resolvedAt: z.string().nullable(),
  lastSeq: z.number().int().nonnegative(),
  // Service level (sla.set / sla.breached): absent on conversations whose queue has no targets.
  firstResponseDueAt: z.string().optional(),
  resolutionDueAt: z.string().optional(),
  /**
   * The opening-hours calendar its service levels and report durations count in (sla.set); also
   * set, without due times, for a queue that names a calendar but sets no target.
   */
  calendarId: z.string().optional(),
  /** First outbound reply; first-response time is measured up to it. */
  firstRespondedAt: z.string().optional(),
  breaches: z.array(z.object({ kind: SlaKind, dueAt: z.string(), at: z.string() })).optional(),
  /** The pending automatic-assignment offer; it counts against the agent's capacity until it ends. */
  offer: z.object({ agentId: AgentId, attempt: z.number().int().positive(), expiresAt: z.string() }).optional(),
  /** Offers made so far: the next attempt number, so each attempt is claimed once. */
  offerAttempts: z.number().int().nonnegative().optional(),
  /** Agents who declined or let an offer expire: the next offer goes to someone else. */
  declinedBy: z.array(AgentId).optional(),
  /**
   * The colleagues its internal notes mentioned: the latest mention of each, one entry per agent
   * (the inbox's "Mentions" view and the bell read it; it grows with the staff mentioned, not with
   * the notes).
   */
  mentioned: z.array(MentionMark).optional(),
});
export type Conversation = z.infer<typeof Conversation>;
