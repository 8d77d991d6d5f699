import type { AgentId, ConversationId } from './ids.js';
import type { EventOfType, JournalEvent } from './journal.js';
import type { Actor, ConversationStatus } from './model.js';

// What happened to a conversation besides its messages — who took it, who moved it, who resolved
// it — as quiet lines of the citizen's timeline. The events are the journal's own; the server's
// timeline page and the console's live pushes bring them, and both fold them with these
// functions, so a line reads the same after a reload as when it arrived.
// Type-only imports: the console bundles this without the schema library.

/** Journal events that become timeline lines. `conversation.accepted` only qualifies the assignment it comes with. */
export const ACTIVITY_EVENT_TYPES = ['conversation.assigned', 'conversation.status', 'conversation.accepted'] as const;
export type ActivityEventType = (typeof ACTIVITY_EVENT_TYPES)[number];
export type ActivityEvent = EventOfType<ActivityEventType>;

export function isActivityEvent(event: JournalEvent): event is ActivityEvent {
  return (ACTIVITY_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** Adds an activity event in seq order; the same array back when it is no activity or already there (catch-up overlap). */
export function reduceActivity(activity: readonly ActivityEvent[], event: JournalEvent): readonly ActivityEvent[] {
  if (!isActivityEvent(event)) return activity;
  let i = activity.length;
  while (i > 0 && activity[i - 1]!.seq > event.seq) i--;
  if (i > 0 && activity[i - 1]!.seq === event.seq) return activity;
  return [...activity.slice(0, i), event, ...activity.slice(i)];
}

/** Unions a page's activity into what is held, by seq. */
export function mergeActivity(activity: readonly ActivityEvent[], incoming: readonly ActivityEvent[]): readonly ActivityEvent[] {
  return incoming.reduce<readonly ActivityEvent[]>(reduceActivity, activity);
}

interface LineBase {
  seq: number;
  at: string;
  conversationId: ConversationId;
  actor: Actor;
}

/**
 * One line, said by who did what: `auto` is automatic routing (an accepted offer, a release when
 * the agent went offline), `took` an agent taking it for themselves, `agent` an agent acting on
 * someone else's behalf; a status change by the citizen is their message reopening it.
 */
export type ActivityLine = LineBase &
  (
    | { kind: 'assigned'; by: 'auto' | 'took' | 'agent'; assigneeId: AgentId }
    | { kind: 'unassigned'; by: 'auto' | 'returned' | 'agent'; previousAssigneeId: AgentId | null }
    | { kind: 'status'; by: 'agent' | 'citizen' | 'auto'; status: ConversationStatus; previousStatus: ConversationStatus }
  );

/**
 * The lines of the activity held, in seq order. Accepting an automatic offer is written as
 * `conversation.accepted` then `conversation.assigned` in one append (consecutive seqs): the pair
 * reads as one automatic assignment, not as the agent having taken it on their own.
 */
export function activityLines(activity: readonly ActivityEvent[]): ActivityLine[] {
  const lines: ActivityLine[] = [];
  activity.forEach((event, i) => {
    if (event.conversationId === undefined || event.type === 'conversation.accepted') return;
    const base: LineBase = { seq: event.seq, at: event.at, conversationId: event.conversationId, actor: event.actor };
    const agentId = event.actor.kind === 'agent' ? event.actor.id : undefined;
    if (event.type === 'conversation.status') {
      const by = agentId !== undefined ? 'agent' : event.actor.kind === 'citizen' ? 'citizen' : 'auto';
      lines.push({ ...base, kind: 'status', by, status: event.payload.status, previousStatus: event.payload.previousStatus });
      return;
    }
    const { assigneeId, previousAssigneeId } = event.payload;
    const before = activity[i - 1];
    const offered =
      before?.type === 'conversation.accepted' &&
      before.seq === event.seq - 1 &&
      before.conversationId === event.conversationId &&
      before.payload.agentId === assigneeId;
    if (assigneeId !== null) {
      const by = offered || agentId === undefined ? 'auto' : agentId === assigneeId ? 'took' : 'agent';
      lines.push({ ...base, kind: 'assigned', by, assigneeId });
    } else {
      const by = agentId === undefined ? 'auto' : agentId === previousAssigneeId ? 'returned' : 'agent';
      lines.push({ ...base, kind: 'unassigned', by, previousAssigneeId });
    }
  });
  return lines;
}
