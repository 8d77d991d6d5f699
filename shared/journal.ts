import { DELIVERY_FAILURES } from './delivery-failures.js';
import { z } from 'zod';
import { AgentId, CitizenId, ConversationId, MessageId, QueueId } from './ids.js';
import {
  Actor,
  AgentState,
  CallDetails,
  CallOutcome,
  Channel,
  ConversationStatus,
  DeliveryStatus,
  Identity,
  IdentityKind,
  Message,
  Priority,
  SlaKind,
  upgradeLegacyIdentity,
} from './model.js';

const CitizenCreated = z.object({
  type: z.literal('citizen.created'),
  payload: z.object({ displayName: z.string(), identities: z.array(Identity) }),
});
/** `by`: the member of staff who added it by hand (the actor too); absent when a message brought it. */
const IdentityLinked = z.object({
  type: z.literal('identity.linked'),
  payload: z.object({ identity: Identity, by: AgentId.optional() }),
});
const IdentityRef = z.object({ kind: IdentityKind, value: z.string().min(1).max(320) });
/** A member of staff checked an identity (the actor is who); `how` says how they checked. */
const IdentityConfirmed = z.object({
  type: z.literal('identity.confirmed'),
  payload: z.object({ identity: IdentityRef, level: z.literal('confirmed'), how: z.string().min(1).max(200) }),
});
/**
 * An identity taken off a citizen (added by mistake). The identity is free again: `claim` is the
 * claim key of the holding this ends, which the unlink claims as released so the next holder takes
 * the following generation (server/domain/identity.ts, identityClaim).
 */
const IdentityUnlinked = z.object({
  type: z.literal('identity.unlinked'),
  payload: z.object({ identity: IdentityRef, reason: z.string().max(500), claim: z.string().max(400).optional() }),
});
const CitizenRenamed = z.object({
  type: z.literal('citizen.renamed'),
  payload: z.object({ displayName: z.string().min(1).max(200), previous: z.string().max(200) }),
});
/** Only the fields given change; `null` clears one. */
const CitizenProfileUpdated = z.object({
  type: z.literal('citizen.profile-updated'),
  payload: z.object({ preferredChannel: Channel.nullable().optional(), language: z.string().max(35).nullable().optional() }),
});
/**
 * Contact notes are separate dated notes, each an event (who wrote it is the actor), rather than
 * one shared text that two agents could overwrite: the history shows each, nothing is lost.
 */
const CitizenNoteAdded = z.object({
  type: z.literal('citizen.note-added'),
  payload: z.object({ noteId: z.string().min(1).max(64), text: z.string().min(1).max(2000) }),
});
const ConversationOpened = z.object({
  type: z.literal('conversation.opened'),
  payload: z.object({
    citizenName: z.string(),
    queueId: QueueId,
    channel: Channel,
    priority: Priority,
    subject: z.string().optional(),
    /** The identity it came in on: an unmerge sends the conversation back with that identity. */
    via: z.object({ kind: IdentityKind, value: z.string().min(1).max(320) }).optional(),
  }),
});
const MessageReceived = z.object({ type: z.literal('message.received'), payload: z.object({ message: Message }) });
const MessageSent = z.object({ type: z.literal('message.sent'), payload: z.object({ message: Message }) });
const NoteAdded = z.object({ type: z.literal('note.added'), payload: z.object({ message: Message }) });
const MessageStatus = z.object({
  type: z.literal('message.status'),
  payload: z.object({
    messageId: MessageId,
    status: DeliveryStatus,
    /** The provider's reason for a failure (bounce text, API error), shown to the agent. */
    reason: z.string().max(2000).optional(),
    /** Why it failed, as a code the console words (shared/delivery-failures.ts). */
    failure: z.enum(DELIVERY_FAILURES).optional(),
    /** The provider's id for the sent message: later receipts and replies refer to it. */
    providerMessageId: z.string().max(512).optional(),
  }),
});
/**
 * A call message already in the timeline changed (answered, ended, missed, recording ready). The
 * ingest dedupe on (channel, externalId) keeps one message per call; its life goes here.
 */
const CallUpdated = z.object({
  type: z.literal('call.updated'),
  payload: z.object({
    messageId: MessageId,
    direction: z.enum(['inbound', 'outbound']),
    /** The call as now known; reducers fold it with mergeCallDetails (shared/calls.ts). */
    call: CallDetails,
    /** Outcome before this update: whether the call now owes a call-back depends on the change. */
    previousOutcome: CallOutcome,
    /** The message's text re-described for the new state. */
    text: z.string().max(2000).optional(),
  }),
});
const CallSummarized = z.object({
  type: z.literal('call.summarized'),
  payload: z.object({ messageId: MessageId, summary: z.string().max(5000) }),
});
const ConversationAssigned = z.object({
  type: z.literal('conversation.assigned'),
  payload: z.object({ assigneeId: AgentId.nullable(), previousAssigneeId: AgentId.nullable() }),
});
const ConversationStatusChanged = z.object({
  type: z.literal('conversation.status'),
  payload: z.object({ status: ConversationStatus, previousStatus: ConversationStatus }),
});
const ConversationRead = z.object({
  type: z.literal('conversation.read'),
  payload: z.object({ upToSeq: z.number().int().nonnegative() }),
});

/**
 * Audit: a member of staff opened a replay with the citizen's real data. Who is the actor, when is
 * `at`, which citizen and conversation are in the envelope. No projection changes with it.
 */
const ReplayUnmasked = z.object({
  type: z.literal('replay.unmasked'),
  payload: z.object({ scope: z.enum(['conversation', 'citizen']), reason: z.string().max(500).optional() }),
});

/** A satisfaction survey went out after resolution (server/domain/surveys). */
const SurveySent = z.object({
  type: z.literal('survey.sent'),
  payload: z.object({ surveyId: z.string().max(64), channel: Channel, agentId: AgentId.nullable() }),
});
/** The citizen's answer; once per survey (claimed by `survey:<surveyId>`). */
const SurveyAnswered = z.object({
  type: z.literal('survey.answered'),
  payload: z.object({
    surveyId: z.string().max(64),
    channel: Channel,
    agentId: AgentId.nullable(),
    score: z.number().int().min(1).max(5),
    comment: z.string().max(2000).optional(),
  }),
});

/**
 * A supervisor's private word to the agent handling a conversation. Staff-only: push routing sends
 * it to the supervisors and that agent alone, catch-up hides it from everyone else, and it is no
 * Message, so no projection, outbox, widget history or citizen view ever holds it.
 */
const WhisperSent = z.object({
  type: z.literal('whisper.sent'),
  payload: z.object({ whisperId: z.string().max(64), toAgentId: AgentId, text: z.string().max(5000) }),
});

/**
 * Automatic assignment offered the conversation to one agent until `expiresAt`. `attempt` counts
 * offers of this conversation (1, 2, …): the store claim `offer:<conversationId>:<attempt>` makes
 * each attempt happen once even with several instances routing.
 */
const ConversationOffered = z.object({
  type: z.literal('conversation.offered'),
  payload: z.object({ agentId: AgentId, attempt: z.number().int().positive(), expiresAt: z.string() }),
});
/** The offered agent took it; written in the same append as the `conversation.assigned` it causes. */
const ConversationAccepted = z.object({
  type: z.literal('conversation.accepted'),
  payload: z.object({ agentId: AgentId, attempt: z.number().int().positive() }),
});
/**
 * The offer ended without acceptance: refused by the agent, not accepted in time, or withdrawn
 * because the agent stopped being available (away, busy, offline) while it was pending.
 */
const ConversationOfferDeclined = z.object({
  type: z.literal('conversation.offer-declined'),
  payload: z.object({ agentId: AgentId, attempt: z.number().int().positive(), reason: z.enum(['declined', 'timeout', 'withdrawn']) }),
});
/**
 * Due times computed once, at opening, in the queue's business hours. Journaled rather than
 * recomputed so that changing a calendar later never moves a past conversation's deadlines.
 */
const SlaSet = z.object({
  type: z.literal('sla.set'),
  payload: z.object({
    firstResponseDueAt: z.string().optional(),
    resolutionDueAt: z.string().optional(),
    calendarId: z.string().optional(),
  }),
});
/** A due time passed unmet; written once per conversation and kind (claim `sla:<conv>:<kind>`). */
const SlaBreached = z.object({
  type: z.literal('sla.breached'),
  payload: z.object({ kind: SlaKind, dueAt: z.string() }),
});

/** Staff events: about an agent, not a citizen, so their envelope carries no citizenId. */
const AgentStateChanged = z.object({
  type: z.literal('agent.state-changed'),
  payload: z.object({
    agentId: AgentId,
    state: AgentState,
    previousState: AgentState,
    /** Who changed it: the agent (header control), presence (sockets), or a supervisor (board). */
    source: z.enum(['agent', 'presence', 'supervisor']),
  }),
});
/**
 * An error no handler expected reached the process (server/process-guard.ts): kept in the journal
 * so that an operator finds it beside what happened around it, and the board can tell.
 */
const ServerError = z.object({
  type: z.literal('server.error'),
  payload: z.object({
    origin: z.enum(['uncaught-exception', 'unhandled-rejection']),
    error: z.object({ name: z.string().max(200), message: z.string().max(1000), stack: z.string().max(8000).optional() }),
    /** Which process: host and pid, since several instances share one journal. */
    instance: z.string().max(200),
  }),
});
/**
 * An administrator (or the member of staff themselves) changed an account: an invitation, a new
 * role or queues, a deactivation, a password set through a one-time link, two-factor sign-in.
 * No secret is ever in it; `fields` names what an update changed. Accounts are never deleted:
 * the journal names them.
 */
const AccountChanged = z.object({
  type: z.literal('account.changed'),
  payload: z.object({
    agentId: AgentId,
    action: z.enum(['invited', 'updated', 'deactivated', 'reactivated', 'password-link-sent', 'password-set', 'second-factor-enabled', 'second-factor-reset']),
    fields: z.array(z.string().max(40)).max(10).optional(),
  }),
});
/**
 * The routing setup (calendars, queues, service levels, staff routing) got a new version, from
 * the console (`agentId` is who) or from ROUTING_FILE at start (`agt_system`).
 */
const RoutingChanged = z.object({
  type: z.literal('routing.changed'),
  payload: z.object({ agentId: AgentId, version: z.number().int().positive(), summary: z.string().max(500) }),
});
/**
 * Two records are one person (server/domain/citizens/merge.ts). The envelope's citizen is the
 * survivor; `identities` and `conversations` are what the merged record held when it was merged
 * (projections move everything it holds at that seq, including what a concurrent filing added).
 * The journal is never rewritten: earlier events keep the merged id, projections follow this one.
 */
const CitizenMerged = z.object({
  type: z.literal('citizen.merged'),
  payload: z.object({
    survivorId: CitizenId,
    mergedId: CitizenId,
    identities: z.array(Identity).max(200),
    conversations: z.array(ConversationId).max(10_000),
    by: AgentId,
    reason: z.string().max(500),
    /** The suggestion's reasons when the merge came from one (server/domain/citizens/duplicate-rules.ts). */
    suggested: z.array(z.string().max(40)).max(10).optional(),
  }),
});
/**
 * A merge undone (supervisors): what goes back to the merged record, worked out at the time from
 * the merge and what came in since (each later conversation goes with the identity it came in on).
 */
const CitizenUnmerged = z.object({
  type: z.literal('citizen.unmerged'),
  payload: z.object({
    survivorId: CitizenId,
    mergedId: CitizenId,
    mergeSeq: z.number().int().positive(),
    identities: z.array(Identity).max(200),
    conversations: z.array(ConversationId).max(10_000),
    by: AgentId,
    reason: z.string().max(500),
  }),
});
/**
 * A conversation now belongs to another record, because of the merge or unmerge written in the
 * same commit. One per conversation, with its queue in the envelope, so that every console that
 * sees the conversation (live or through its queue's catch-up) moves it, and the replay shows the
 * move where it happened. The envelope's citizen is the new one.
 */
const ConversationMoved = z.object({
  type: z.literal('conversation.moved'),
  payload: z.object({
    fromCitizenId: CitizenId,
    toCitizenId: CitizenId,
    /** The record's name the conversation now shows. */
    citizenName: z.string(),
    cause: z.enum(['merge', 'unmerge']),
  }),
});
/** An agent judged that `otherId` is not the same person: the pair is not proposed again (either way round). */
const DuplicateDismissed = z.object({
  type: z.literal('citizen.duplicate-dismissed'),
  payload: z.object({ otherId: CitizenId, by: AgentId }),
});
const StaffEventBody = z.discriminatedUnion('type', [AgentStateChanged, ServerError, AccountChanged, RoutingChanged]);

const EventBody = z.discriminatedUnion('type', [
  ConversationOffered,
  ConversationAccepted,
  ConversationOfferDeclined,
  SlaSet,
  SlaBreached,
  CitizenCreated,
  IdentityLinked,
  ConversationOpened,
  MessageReceived,
  MessageSent,
  NoteAdded,
  MessageStatus,
  CallUpdated,
  CallSummarized,
  ConversationAssigned,
  ConversationStatusChanged,
  ConversationRead,
  ReplayUnmasked,
  WhisperSent,
  SurveySent,
  SurveyAnswered,
  CitizenMerged,
  CitizenUnmerged,
  ConversationMoved,
  DuplicateDismissed,
  IdentityConfirmed,
  IdentityUnlinked,
  CitizenRenamed,
  CitizenProfileUpdated,
  CitizenNoteAdded,
]);

const Envelope = z.object({
  at: z.string(),
  actor: Actor,
  citizenId: CitizenId,
  conversationId: ConversationId.optional(),
  /** Queue of the conversation when the event was written; routes live pushes and filters catch-up. */
  queueId: QueueId.optional(),
});

/**
 * Staff events have no citizen. Rather than a sentinel citizen id (which would show up in citizen
 * slices, erasure and catch-up filters as a fake person), the envelope says "no citizen" in the
 * type: `citizenId` is absent exactly for staff event types, so code that narrows on `type` keeps
 * a non-optional CitizenId, and generic code must handle `undefined`. The SQLite journal column
 * became nullable in migration 4; Mongo documents simply omit the field.
 */
const StaffEnvelope = Envelope.omit({ citizenId: true, conversationId: true, queueId: true }).extend({
  citizenId: z.undefined().optional(),
  conversationId: z.undefined().optional(),
  queueId: z.undefined().optional(),
});

/** An event before the store gives it its place in the journal. */
export const NewJournalEvent = z.union([z.intersection(Envelope, EventBody), z.intersection(StaffEnvelope, StaffEventBody)]);
export type NewJournalEvent = z.infer<typeof NewJournalEvent>;

const Seq = { seq: z.number().int().positive() };
export const JournalEvent = z.union([
  z.intersection(Envelope.extend(Seq), EventBody),
  z.intersection(StaffEnvelope.extend(Seq), StaffEventBody),
]);
export type JournalEvent = z.infer<typeof JournalEvent>;

export type JournalEventType = JournalEvent['type'];
export type EventOfType<T extends JournalEventType> = Extract<JournalEvent, { type: T }>;
export const JOURNAL_EVENT_TYPES = [...EventBody.options, ...StaffEventBody.options].map(
  (o) => o.shape.type.value,
) as JournalEventType[];
export const STAFF_EVENT_TYPES: readonly JournalEventType[] = StaffEventBody.options.map((o) => o.shape.type.value);

/**
 * Events stored before identity levels hold identities with `verified` and no `level`. The stores
 * hand journal rows out unparsed, so they pass them through this on the way out: replay, catch-up
 * and projection rebuilds then see levels (levelOfLegacy), and old data rebuilds identically.
 */
export function upgradeLegacyEvent<E extends JournalEvent>(event: E): E {
  switch (event.type) {
    case 'citizen.created': {
      const identities = event.payload.identities;
      if (identities.every((i) => 'level' in i)) return event;
      return { ...event, payload: { ...event.payload, identities: identities.map(upgradeLegacyIdentity) } };
    }
    case 'identity.linked':
      if ('level' in event.payload.identity) return event;
      return { ...event, payload: { ...event.payload, identity: upgradeLegacyIdentity(event.payload.identity) } };
    case 'citizen.merged':
    case 'citizen.unmerged': {
      const identities = event.payload.identities;
      if (identities.every((i) => 'level' in i)) return event;
      return { ...event, payload: { ...event.payload, identities: identities.map(upgradeLegacyIdentity) } };
    }
    default:
      return event;
  }
}
