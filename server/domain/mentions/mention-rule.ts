import { canSeeConversation, type Agent, type AgentId, type Conversation } from '../../../shared/index.js';
import { mentionedAgents } from '../../../shared/mentions.js';
import type { StoredAgent } from '../ports.js';

/**
 * Who an internal note mentions: the colleagues named by "@" (shared/mentions.ts) who may open
 * the conversation — a mention is a call to look at it, so it never reaches someone the access
 * rule keeps out (their name stays plain text in the note) — active accounts only, never the
 * author. Computed once, when the note is written, and kept on the message: a later rename or
 * queue change does not move a mention that was made.
 */
export function noteMentions(text: string, author: Agent, conversation: Conversation, staff: readonly StoredAgent[]): AgentId[] {
  const candidates = staff.filter((a) => a.active !== false && a.id !== author.id && canSeeConversation(a, conversation));
  return mentionedAgents(text, candidates);
}
