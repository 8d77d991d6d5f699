import { z } from 'zod';
import { ConversationId } from './ids.js';
import type { AgentId, QueueId } from './ids.js';

// The bell: the internal notes that mentioned the signed-in colleague (shared/mentions.ts says
// what a mention is; Conversation.mentioned records the latest of each), newest first.

/** One conversation where a note mentioned me: its latest mention of me. */
export interface MentionItem {
  conversationId: ConversationId;
  queueId: QueueId;
  citizenName: string;
  messageId: string;
  at: string;
  by: { id: AgentId | null; name: string };
  /** The note's start, enough to know what it is about. */
  excerpt: string;
  unread: boolean;
}

export interface MentionsPage {
  items: MentionItem[];
  /** Unread among the conversations looked at (the latest MENTIONS_LOOKED_AT): the bell's count. */
  unread: number;
}

/** How many conversations the bell lists, and how many it looks at to count what is unread. */
export const MENTIONS_LISTED = 30;
export const MENTIONS_LOOKED_AT = 100;
export const MENTION_EXCERPT = 140;

/** One conversation's mention read (opened from the bell or the inbox), or, without an id, all of them. */
export const MarkMentionsReadCommand = z.object({ conversationId: ConversationId.optional() }).strict();
export type MarkMentionsReadCommand = z.input<typeof MarkMentionsReadCommand>;
