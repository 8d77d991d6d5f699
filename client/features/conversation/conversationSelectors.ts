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
