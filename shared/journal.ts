import { z } from 'zod';
import { AgentId, CitizenId, ConversationId, MessageId, QueueId } from './ids.js';
import { Actor, CallDetails, CallOutcome, Channel, ConversationStatus, DeliveryStatus, Identity, Message, Priority } from './model.js';

const CitizenCreated = z.object({
  type: z.literal('citizen.created'),
  payload: z.object({ displayName: z.string(), identities: z.array(Identity) }),
});
const IdentityLinked = z.object({
  type: z.literal('identity.linked'),
  payload: z.object({ identity: Identity }),
});
const ConversationOpened = z.object({
  type: z.literal('conversation.opened'),
  payload: z.object({
    citizenName: z.string(),
    queueId: QueueId,
    channel: Channel,
    priority: Priority,
    subject: z.string().optional(),
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

const EventBody = z.discriminatedUnion('type', [
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
]);

const Envelope = z.object({
  at: z.string(),
  actor: Actor,
  citizenId: CitizenId,
  conversationId: ConversationId.optional(),
  /** Queue of the conversation when the event was written; routes live pushes and filters catch-up. */
  queueId: QueueId.optional(),
});

/** An event before the store gives it its place in the journal. */
export const NewJournalEvent = z.intersection(Envelope, EventBody);
export type NewJournalEvent = z.infer<typeof NewJournalEvent>;

export const JournalEvent = z.intersection(Envelope.extend({ seq: z.number().int().positive() }), EventBody);
export type JournalEvent = z.infer<typeof JournalEvent>;

export type JournalEventType = JournalEvent['type'];
export type EventOfType<T extends JournalEventType> = Extract<JournalEvent, { type: T }>;
export const JOURNAL_EVENT_TYPES = EventBody.options.map((o) => o.shape.type.value) as JournalEventType[];
