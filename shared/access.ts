import type { AgentId, QueueId } from './ids.js';
import type { JournalEvent } from './journal.js';
import type { Agent, Conversation } from './model.js';
import { can } from './permissions.js';

// Who may see what of citizens' files: one pure rule, used by every REST route, socket command,
// room join, catch-up page, search hit and export on the server, and by the console's own
// filters. Roles say what kind of thing a member of staff may do (permissions.ts); this says on
// which conversations.
//
// - Supervisors and admins see every queue.
// - An agent sees the conversations of their queues and those assigned to them, wherever they are.
// - A citizen is visible to whoever sees at least one of their conversations; the others show as
//   "a conversation of another service" (channel and dates, no content).
// - A message, an attachment, an event of a conversation are visible with their conversation.
// - Trainers and trainees see no live file: replays (masked) have rules of their own.

export type Viewer = Pick<Agent, 'id' | 'role' | 'queueIds'>;

/** What the rule needs of a conversation. */
export type ConversationScope = Pick<Conversation, 'queueId' | 'assigneeId'>;

/** Whether this member of staff reads every queue's files. */
export function seesEveryQueue(viewer: Pick<Viewer, 'role'>): boolean {
  return can(viewer.role, 'supervisor:monitor');
}

export function canSeeConversation(viewer: Viewer, conversation: ConversationScope): boolean {
  if (!can(viewer.role, 'citizen:read')) return false;
  if (seesEveryQueue(viewer)) return true;
  return conversation.assigneeId === viewer.id || viewer.queueIds.includes(conversation.queueId);
}

/**
 * The same rule as a store filter: conversations in `queueIds` or assigned to `assigneeId`;
 * `undefined` means no filter (every queue); `null` means nothing at all.
 */
export type VisibilityFilter = { queueIds: readonly QueueId[]; assigneeId: AgentId } | undefined | null;

export function visibilityFilter(viewer: Viewer): VisibilityFilter {
  if (!can(viewer.role, 'citizen:read')) return null;
  if (seesEveryQueue(viewer)) return undefined;
  return { queueIds: viewer.queueIds, assigneeId: viewer.id as AgentId };
}

/**
 * An event as a catch-up page or a push may carry it. `assigneeId` is the conversation's assignee
 * now (an event written while it was in another queue stays visible to whoever holds it since).
 * Whispers go to their recipient and the supervisors only; staff events (agent states) to the
 * agent concerned and the supervisors; server errors to supervisors and admins.
 */
export function canSeeEvent(viewer: Viewer, event: JournalEvent, assigneeId: AgentId | null): boolean {
  if (!can(viewer.role, 'inbox:read')) return false;
  if (event.type === 'whisper.sent') return event.payload.toAgentId === viewer.id || seesEveryQueue(viewer);
  if (event.type === 'server.error') return seesEveryQueue(viewer);
  if (event.citizenId === undefined) return event.payload.agentId === viewer.id || seesEveryQueue(viewer);
  if (seesEveryQueue(viewer)) return true;
  const assigned = assigneeId ?? (event.type === 'conversation.assigned' ? event.payload.assigneeId : null);
  if (event.queueId === undefined) return assigned === viewer.id;
  return canSeeConversation(viewer, { queueId: event.queueId, assigneeId: assigned });
}
