import type { ConversationElsewhere } from '../../../shared/api.js';
import type { Conversation, Message } from '../../../shared/model.js';
import { activityLines, type ActivityEvent, type ActivityLine } from '../../../shared/timeline-activity.js';
import type { ConversationState } from './conversationSlice.js';

type WithConversation = { conversation: ConversationState };

export const selectConversationState = (state: WithConversation): ConversationState => state.conversation;
export const selectCurrentConversation = (state: WithConversation): Conversation | null =>
  state.conversation.conversation;
export const selectTimeline = (state: WithConversation): Message[] => state.conversation.timeline;
export const selectHasOlder = (state: WithConversation): boolean => state.conversation.olderCursor !== null;
export const selectCitizenTypingAt = (state: WithConversation): number | null => state.conversation.citizenTypingAt;

export const selectAnnouncedMessage = (state: WithConversation): Message | null => {
  const id = state.conversation.announcedMessageId;
  if (id === null) return null;
  // Newest first: the announced message is almost always at the end.
  for (let i = state.conversation.timeline.length - 1; i >= 0; i--) {
    const m = state.conversation.timeline[i]!;
    if (m.id === id) return m;
  }
  return null;
};

/** Last inbound message of the current conversation, from the timeline (not another conversation's). */
export function lastInboundOf(timeline: readonly Message[], conversationId: string): Message | null {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const m = timeline[i]!;
    if (m.conversationId === conversationId && m.direction === 'inbound') return m;
  }
  return null;
}

/** One row of the timeline: a message, an assignment or status line, or a conversation of another service seen from outside. */
export type TimelineRow =
  | { kind: 'message'; message: Message }
  | { kind: 'activity'; line: ActivityLine }
  | { kind: 'elsewhere'; conversation: ConversationElsewhere };

function rowAt(row: TimelineRow): string {
  return row.kind === 'message' ? row.message.at : row.kind === 'activity' ? row.line.at : row.conversation.openedAt;
}

/**
 * Messages in time order, with the assignment and status lines where they happened and the
 * citizen's conversations of other services where they began — the last two only once the loaded
 * history reaches back that far, so paging older shows them in turn. A line comes before a
 * message of the same instant: taking a conversation by answering it is journaled first.
 */
export function timelineRows(
  timeline: readonly Message[],
  elsewhere: readonly ConversationElsewhere[],
  hasOlder: boolean,
  activity: readonly ActivityEvent[] = [],
): TimelineRow[] {
  const oldest = timeline[0]?.at;
  const reached = (at: string) => !hasOlder || (oldest !== undefined && at >= oldest);
  const lines = activityLines(activity)
    .filter((l) => reached(l.at))
    .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.seq - b.seq));
  const rows: TimelineRow[] = [];
  let next = 0;
  for (const message of timeline) {
    while (next < lines.length && lines[next]!.at <= message.at) rows.push({ kind: 'activity', line: lines[next++]! });
    rows.push({ kind: 'message', message });
  }
  while (next < lines.length) rows.push({ kind: 'activity', line: lines[next++]! });
  const shown = elsewhere.filter((c) => reached(c.openedAt));
  for (const conversation of [...shown].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1))) {
    const at = rows.findIndex((r) => r.kind !== 'elsewhere' && rowAt(r) > conversation.openedAt);
    rows.splice(at < 0 ? rows.length : at, 0, { kind: 'elsewhere', conversation });
  }
  return rows;
}
