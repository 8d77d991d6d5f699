import type { Agent, Citizen, Conversation, Message, Queue } from './model.js';

// Response bodies of the console's REST API (see server/http/openapi.ts).

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page, null at the end. */
  nextCursor: string | null;
}

export interface TimelinePage {
  items: Message[];
  /** Cursor for older entries (`before=`), null when the first entry is included. */
  olderCursor: string | null;
  /** Cursor for newer entries (`after=`), null when the latest entry is included. */
  newerCursor: string | null;
}

export interface SessionInfo {
  agent: Agent;
  /** Short-lived token for clients that cannot carry the cookie (the socket handshake reads either). */
  token: string;
  expiresAt: string;
}

export interface ConversationDetail {
  conversation: Conversation;
  citizen: Citizen;
}

export interface Directory {
  agents: Agent[];
  queues: Queue[];
}
