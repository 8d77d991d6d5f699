import { z } from 'zod';
import { AgentId, CitizenId, ConversationId, MessageId, QueueId } from './ids.js';
import { AgentState, AnswerUse, CallOutcome, Channel, ConversationStatus } from './model.js';

// Payloads of the console's commands, validated on the server before anything else happens.

export const SendMessageCommand = z.object({
  conversationId: ConversationId,
  channel: Channel,
  text: z.string().trim().min(1, 'the message is empty').max(20_000),
  /** Lets a retried command (lost ack) be recognised and not sent twice. */
  clientMessageId: z.string().min(8).max(64),
  /** The library answer the reply was written from (the server checks it exists in that version). */
  answer: AnswerUse.optional(),
});
export type SendMessageCommand = z.input<typeof SendMessageCommand>;

export const AddNoteCommand = z.object({
  conversationId: ConversationId,
  text: z.string().trim().min(1, 'the note is empty').max(20_000),
  clientMessageId: z.string().min(8).max(64),
});
export type AddNoteCommand = z.input<typeof AddNoteCommand>;

/** The agent who took a call writes what was said into the call's entry. */
export const SummarizeCallCommand = z.object({
  messageId: MessageId,
  summary: z.string().trim().min(1, 'the summary is empty').max(5000),
});
export type SummarizeCallCommand = z.input<typeof SummarizeCallCommand>;

/** A call made or taken outside the telephony integration (a desk phone, a mobile), logged by hand. */
export const LogCallCommand = z.object({
  conversationId: ConversationId,
  direction: z.enum(['inbound', 'outbound']),
  outcome: CallOutcome.exclude(['ringing']),
  /** The citizen's number; defaults to the phone number the citizen is known by. */
  number: z.string().trim().min(3).max(40).optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  durationSec: z.number().int().min(0).max(24 * 3600).optional(),
  notes: z.string().trim().max(5000).optional(),
  clientMessageId: z.string().min(8).max(64),
});
export type LogCallCommand = z.input<typeof LogCallCommand>;

export const AssignCommand = z.object({ conversationId: ConversationId, assigneeId: AgentId.nullable() });
export type AssignCommand = z.input<typeof AssignCommand>;

export const SetStatusCommand = z.object({ conversationId: ConversationId, status: ConversationStatus });
export type SetStatusCommand = z.input<typeof SetStatusCommand>;

export const MarkReadCommand = z.object({ conversationId: ConversationId });
export type MarkReadCommand = z.input<typeof MarkReadCommand>;

export const WatchCommand = z.object({ conversationId: ConversationId });
export type WatchCommand = z.input<typeof WatchCommand>;

/** The agent is writing a reply: ephemeral, never journaled, shown to a web-chat citizen. */
export const TypingCommand = z.object({ conversationId: ConversationId, typing: z.boolean() });
export type TypingCommand = z.input<typeof TypingCommand>;

/** A supervisor whispers to the agent on a conversation (by default its assignee). */
export const WhisperCommand = z.object({
  conversationId: ConversationId,
  text: z.string().trim().min(1, 'the whisper is empty').max(5000),
  toAgentId: AgentId.optional(),
});
export type WhisperCommand = z.input<typeof WhisperCommand>;

export const CatchUpCommand = z.object({
  afterSeq: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(1000).default(500),
});
export type CatchUpCommand = z.input<typeof CatchUpCommand>;

export const InboxFilter = z.object({
  queueId: QueueId.optional(),
  status: ConversationStatus.optional(),
  channel: Channel.optional(),
  /** `mine`: assigned to the caller; `unassigned`: nobody's; `mentions`: where a note mentioned the caller. */
  scope: z.enum(['all', 'mine', 'unassigned', 'mentions']).default('all'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxFilter = z.input<typeof InboxFilter>;

export const TimelineQuery = z.object({
  /** Page towards older entries, before this cursor. */
  before: z.string().max(200).optional(),
  /** Page towards newer entries, after this cursor. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TimelineQuery = z.input<typeof TimelineQuery>;

/** Sets an agent's routing state: one's own, or (supervisors) another agent's with `agentId`. */
export const SetAgentStateCommand = z.object({ state: AgentState, agentId: AgentId.optional() });
export type SetAgentStateCommand = z.input<typeof SetAgentStateCommand>;

/** Answers an automatic-assignment offer made to the caller. */
export const OfferAnswerCommand = z.object({ conversationId: ConversationId });
export type OfferAnswerCommand = z.input<typeof OfferAnswerCommand>;

/** "Même personne que…": `mergedId` joins `survivorId`, which keeps its id (server/domain/citizens). */
export const MergeCitizensCommand = z.object({
  survivorId: CitizenId,
  mergedId: CitizenId,
  reason: z.string().trim().min(1, 'give the reason').max(500),
  /** The suggestion's reasons, when the merge confirms one. */
  suggested: z.array(z.string().max(40)).max(10).optional(),
});
export type MergeCitizensCommand = z.input<typeof MergeCitizensCommand>;

/** Undoes the latest merge of `mergedId` (supervisors). */
export const UnmergeCitizenCommand = z.object({
  mergedId: CitizenId,
  reason: z.string().trim().min(1, 'give the reason').max(500),
});
export type UnmergeCitizenCommand = z.input<typeof UnmergeCitizenCommand>;

/** "Pas la même personne": the pair is not proposed again. */
export const DismissDuplicateCommand = z.object({ citizenId: CitizenId, otherId: CitizenId });
export type DismissDuplicateCommand = z.input<typeof DismissDuplicateCommand>;
