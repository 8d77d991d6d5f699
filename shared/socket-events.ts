import type { Ack } from './ack.js';
import type {
  AddNoteCommand,
  AssignCommand,
  CatchUpCommand,
  MarkReadCommand,
  SendMessageCommand,
  SetStatusCommand,
  WatchCommand,
} from './commands.js';
import type { EventOfType, JournalEvent, JournalEventType } from './journal.js';
import type { Agent, Conversation, Message } from './model.js';

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
  'conversation:assign': (cmd: AssignCommand, ack: (res: Ack<Conversation>) => void) => void;
  'conversation:set-status': (cmd: SetStatusCommand, ack: (res: Ack<Conversation>) => void) => void;
  'conversation:mark-read': (cmd: MarkReadCommand, ack: (res: Ack<Conversation>) => void) => void;
  'conversation:watch': (cmd: WatchCommand, ack: (res: Ack<null>) => void) => void;
  'conversation:unwatch': (cmd: WatchCommand, ack: (res: Ack<null>) => void) => void;
  'journal:catch-up': (cmd: CatchUpCommand, ack: (res: Ack<CatchUpResult>) => void) => void;
  'supervisor:subscribe': (cmd: Record<string, never>, ack: (res: Ack<null>) => void) => void;
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
  'conversation.assigned': 'conversation:assigned',
  'conversation.status': 'conversation:status-changed',
  'conversation.read': 'conversation:read',
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
};

export type PushEventName = PushName;
