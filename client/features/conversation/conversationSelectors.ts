import type { ConversationElsewhere } from '../../../shared/api.js';
import type { Conversation, Message } from '../../../shared/model.js';
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

/** One row of the timeline: a message, or a conversation of another service seen from outside. */
export type TimelineRow = { kind: 'message'; message: Message } | { kind: 'elsewhere'; conversation: ConversationElsewhere };

/**
 * Messages in time order, with the citizen's conversations of other services placed where they
 * began — only once the loaded history reaches back that far, so paging older shows them in turn.
 */
export function timelineRows(timeline: readonly Message[], elsewhere: readonly ConversationElsewhere[], hasOlder: boolean): TimelineRow[] {
  const oldest = timeline[0]?.at;
  const shown = elsewhere.filter((c) => !hasOlder || (oldest !== undefined && c.openedAt >= oldest));
  const rows: TimelineRow[] = timeline.map((message) => ({ kind: 'message', message }));
  for (const conversation of [...shown].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1))) {
    const at = rows.findIndex((r) => r.kind === 'message' && r.message.at > conversation.openedAt);
    rows.splice(at < 0 ? rows.length : at, 0, { kind: 'elsewhere', conversation });
  }
  return rows;
}
