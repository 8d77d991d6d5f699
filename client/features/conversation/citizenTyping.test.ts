import { describe, expect, it } from 'vitest';
import { citizenTypingChanged, journalEventReceived } from '../../realtime/actions.js';
import { at, citizen, conversation, CONV, CONV2, message, received } from '../../testing/fixtures.js';
import { selectCitizenTypingAt } from './conversationSelectors.js';
import { conversationSlice, initialConversationState, openConversation, type ConversationState } from './conversationSlice.js';

const reducer = conversationSlice.reducer;

function opened(): ConversationState {
  let s = reducer(initialConversationState, openConversation.pending('o1', CONV));
  s = reducer(
    s,
    openConversation.fulfilled(
      { detail: { conversation: conversation({ lastSeq: 1 }), citizen: citizen() }, page: { items: [], olderCursor: null, newerCursor: null } },
      'o1',
      CONV,
    ),
  );
  return s;
}

describe('a web-chat citizen typing', () => {
  it('is shown for the open conversation only, until they stop or their message arrives', () => {
    let s = reducer(opened(), citizenTypingChanged({ conversationId: CONV2, typing: true }, 1000));
    expect(selectCitizenTypingAt({ conversation: s })).toBeNull();
    s = reducer(s, citizenTypingChanged({ conversationId: CONV, typing: true }, 2000));
    expect(selectCitizenTypingAt({ conversation: s })).toBe(2000);
    s = reducer(s, citizenTypingChanged({ conversationId: CONV, typing: false }, 3000));
    expect(s.citizenTypingAt).toBeNull();

    s = reducer(s, citizenTypingChanged({ conversationId: CONV, typing: true }, 4000));
    s = reducer(s, journalEventReceived(received({ seq: 2, message: message({ id: 'msg_9', at: at(9), channel: 'webchat' }) })));
    expect(s.citizenTypingAt).toBeNull();
  });

  it('is forgotten when another conversation opens', () => {
    let s = reducer(opened(), citizenTypingChanged({ conversationId: CONV, typing: true }, 1000));
    s = reducer(s, openConversation.pending('o2', CONV2));
    expect(s.citizenTypingAt).toBeNull();
  });
});
