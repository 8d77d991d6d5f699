import type { Agent, Citizen, Conversation, Message, Queue } from './model.js';
import type { IdentityStanding } from './identity-levels.js';
import type { ActivityEvent } from './timeline-activity.js';

// Response bodies of the console's REST API (see server/http/openapi.ts).

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page, null at the end. */
  nextCursor: string | null;
}

/** A page of the inbox (GET /api/conversations). */
export interface InboxPage extends Page<Conversation> {
  /**
   * Conversations matching the filters over every page, counted with this page: the console says
   * "50 sur 312" while only part of the list is loaded.
   */
  total: number;
  /** How strongly each citizen of the page is known (their strongest identity), for the rows' badges. */
  levels?: Record<string, IdentityStanding>;
}

export interface TimelinePage {
  items: Message[];
  /** Cursor for older entries (`before=`), null when the first entry is included. */
  olderCursor: string | null;
  /** Cursor for newer entries (`after=`), null when the latest entry is included. */
  newerCursor: string | null;
  /** The citizen's conversations the caller may not open, as dates and channels (shared/access.ts). */
  elsewhere?: ConversationElsewhere[];
  /**
   * Assignment and status events of the same conversations over the span of this page, in seq
   * order. Spans of successive pages tile the whole history, so paging back brings every line once
   * (events at a page's edges may come twice: fold them with mergeActivity).
   */
  activity?: ActivityEvent[];
}

export interface SessionInfo {
  agent: Agent;
  /** Short-lived token for clients that cannot carry the cookie (the socket handshake reads either). */
  token: string;
  expiresAt: string;
  /** Shown once, when the sign-in turned two-factor sign-in on. */
  recoveryCodes?: string[];
}

export interface ConversationDetail {
  conversation: Conversation;
  citizen: Citizen;
}

/** A conversation of the citizen outside the viewer's queues: when and where, never what (shared/access.ts). */
export interface ConversationElsewhere {
  id: string;
  channels: Conversation['channels'];
  openedAt: string;
  lastActivityAt: string;
}

/** GET /api/citizens/:id: the citizen, the conversations the viewer may open, and the others. */
export interface CitizenFile {
  citizen: Citizen;
  conversations: Conversation[];
  elsewhere: ConversationElsewhere[];
}

export interface Directory {
  agents: Agent[];
  queues: Queue[];
}

/** A record that looks like the same person, and why (server/domain/citizens/duplicate-rules.ts). */
export interface DuplicateSuggestion {
  citizen: Citizen;
  reasons: string[];
  conversationCount: number;
  lastActivityAt: string | null;
}

/** A merge or unmerge in a citizen's history, attributed. */
export interface MergeHistoryEntry {
  seq: number;
  at: string;
  type: 'citizen.merged' | 'citizen.unmerged';
  survivorId: Citizen['id'];
  mergedId: Citizen['id'];
  by: Agent['id'];
  reason: string;
  /** For a merge: whether it was undone since. */
  undone?: boolean;
}
