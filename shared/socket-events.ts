import type { Ack } from './ack.js';
import type { BoardState } from './board.js';
import type {
  AddNoteCommand,
  AssignCommand,
  CatchUpCommand,
  DismissDuplicateCommand,
  LogCallCommand,
  MarkReadCommand,
  MergeCitizensCommand,
  OfferAnswerCommand,
  SetAgentStateCommand,
  SendMessageCommand,
  SetStatusCommand,
  SummarizeCallCommand,
  TypingCommand,
  UnmergeCitizenCommand,
  WatchCommand,
  WhisperCommand,
} from './commands.js';
import type { ConversationId } from './ids.js';
import type { AgentStatus } from './agent-status.js';
import type { EventOfType, JournalEvent, JournalEventType } from './journal.js';
import type { Agent, Citizen, Conversation, Message } from './model.js';
import type { PresenceChanged, SetPresenceCommand } from './presence.js';
import type { MarkMentionsReadCommand, MentionsPage } from './mention-inbox.js';

export interface CatchUpResult {
  events: JournalEvent[];
  /** True when more events remain after the last one returned: ask again from its seq. */
  more: boolean;
  /** Highest seq the server can vouch for; a client with nothing newer is up to date. */
  headSeq: number;
}

export interface ClientToServerEvents {
  'message:send': (cmd: SendMessageCommand, ack: (res: Ack<Message>) => void) => void;
  'note:add': (cmd: AddNoteCommand, ack: (res: Ack<Message>) => void) => void;
  'call:log': (cmd: LogCallCommand, ack: (res: Ack<Message>) => void) => void;
  'call:summarize': (cmd: SummarizeCallCommand, ack: (res: Ack<Message>) => void) => void;
  'conversation:assign': (cmd: AssignCommand, ack: (res: Ack<Conversation>) => void) => void;
  'conversation:set-status': (cmd: SetStatusCommand, ack: (res: Ack<Conversation>) => void) => void;
  'conversation:mark-read': (cmd: MarkReadCommand, ack: (res: Ack<Conversation>) => void) => void;
  'conversation:watch': (cmd: WatchCommand, ack: (res: Ack<null>) => void) => void;
  'conversation:unwatch': (cmd: WatchCommand, ack: (res: Ack<null>) => void) => void;
  'journal:catch-up': (cmd: CatchUpCommand, ack: (res: Ack<CatchUpResult>) => void) => void;
  /** Sets one's own routing state (or, supervisors, another agent's); answers the resulting status. */
  'agent:set-state': (cmd: SetAgentStateCommand, ack: (res: Ack<AgentStatus | null>) => void) => void;
  /** Every agent's routing status (the caller's own for agents). */
  'agent:statuses': (cmd: Record<string, never>, ack: (res: Ack<AgentStatus[]>) => void) => void;
  /** Takes the conversation offered to the caller; it becomes theirs. */
  'offer:accept': (cmd: OfferAnswerCommand, ack: (res: Ack<Conversation>) => void) => void;
  'offer:decline': (cmd: OfferAnswerCommand, ack: (res: Ack<null>) => void) => void;
  /** Fire and forget (no ack): re-sent every few seconds while the agent types, expired by the widget. */
  'conversation:typing': (cmd: TypingCommand) => void;
  'supervisor:subscribe': (cmd: Record<string, never>, ack: (res: Ack<null>) => void) => void;
  /** The board as the server folded it (shared/board.ts); the console folds pushes after its lastSeq. */
  'board:snapshot': (cmd: Record<string, never>, ack: (res: Ack<BoardState>) => void) => void;
  /** A supervisor's private note to the agent on a conversation; never reaches the citizen. */
  'whisper:send': (cmd: WhisperCommand, ack: (res: Ack<EventOfType<'whisper.sent'>>) => void) => void;
  /** Whispers of a conversation the caller may read (the recipient's, or all for supervisors), oldest first. */
  'whisper:list': (cmd: WatchCommand, ack: (res: Ack<EventOfType<'whisper.sent'>[]>) => void) => void;
  /** Merges `mergedId` into `survivorId`; answers the survivor as it now is. */
  'citizen:merge': (cmd: MergeCitizensCommand, ack: (res: Ack<Citizen>) => void) => void;
  /** Undoes the latest merge of `mergedId` (supervisors); answers the record given back. */
  'citizen:unmerge': (cmd: UnmergeCitizenCommand, ack: (res: Ack<Citizen>) => void) => void;
  'citizen:dismiss-duplicate': (cmd: DismissDuplicateCommand, ack: (res: Ack<null>) => void) => void;
  // Collision indicators (shared/presence.ts): re-sent every PRESENCE_REANNOUNCE_MS while open; answers who is there now.
  'presence:set': (cmd: SetPresenceCommand, ack: (res: Ack<PresenceChanged>) => void) => void;
  /** Marks one conversation's mention of me read, or all of them; answers the bell's list as it now is. */
  'mentions:mark-read': (cmd: MarkMentionsReadCommand, ack: (res: Ack<MentionsPage>) => void) => void;
}

/** The one table from journal event type to push name (`entity:verb`, past tense). */
export const PUSH_FOR_EVENT = {
  'citizen.created': 'citizen:created',
  'identity.linked': 'identity:linked',
  'conversation.opened': 'conversation:opened',
  'message.received': 'message:received',
  'message.sent': 'message:sent',
  'note.added': 'note:added',
  'message.status': 'message:status-changed',
  'call.updated': 'call:updated',
  'call.summarized': 'call:summarized',
  'conversation.assigned': 'conversation:assigned',
  'conversation.status': 'conversation:status-changed',
  'conversation.read': 'conversation:read',
  'replay.unmasked': 'replay:unmasked',
  'conversation.offered': 'conversation:offered',
  'conversation.accepted': 'conversation:accepted',
  'conversation.offer-declined': 'conversation:offer-declined',
  'sla.set': 'sla:set',
  'sla.breached': 'sla:breached',
  'agent.state-changed': 'agent:state-changed',
  'server.error': 'server:error',
  'account.changed': 'account:changed',
  'routing.changed': 'routing:changed',
  'whisper.sent': 'whisper:sent',
  'survey.sent': 'survey:sent',
  'survey.answered': 'survey:answered',
  'citizen.merged': 'citizen:merged',
  'citizen.unmerged': 'citizen:unmerged',
  'conversation.moved': 'conversation:moved',
  'citizen.duplicate-dismissed': 'citizen:duplicate-dismissed',
  'identity.confirmed': 'identity:confirmed',
  'identity.unlinked': 'identity:unlinked',
  'citizen.renamed': 'citizen:renamed',
  'citizen.profile-updated': 'citizen:profile-updated',
  'citizen.note-added': 'citizen:note-added',
} as const satisfies Record<JournalEventType, string>;

type PushName = (typeof PUSH_FOR_EVENT)[JournalEventType];
type EventForPush<P extends PushName> = {
  [T in JournalEventType]: (typeof PUSH_FOR_EVENT)[T] extends P ? EventOfType<T> : never;
}[JournalEventType];

export type ServerToClientEvents = {
  [P in PushName]: (event: EventForPush<P>) => void;
} & {
  /** Sent once after the handshake so the console knows who it is and where the journal stands. */
  'session:ready': (info: { agent: Agent; headSeq: number }) => void;
  /**
   * Several instances: this server lost Redis, so pushes committed on other instances may not
   * reach this socket. Catch up now and keep polling `journal:catch-up` until `delivery:restored`.
   */
  'delivery:interrupted': () => void;
  /** Cross-instance delivery works again; pushes lost meanwhile are in the journal: catch up once. */
  'delivery:restored': () => void;
  /** A web-chat citizen is typing in this conversation (ephemeral, not journaled; expire it client-side). */
  'citizen:typing': (info: { conversationId: ConversationId; typing: boolean }) => void;
  /** Who has this conversation open and what they are writing (ephemeral, not journaled). */
  'presence:changed': (info: PresenceChanged) => void;
  /** My mentions were marked read from another of my consoles: the bell follows. */
  'mentions:read': (page: MentionsPage) => void;
};

export type PushEventName = PushName;
