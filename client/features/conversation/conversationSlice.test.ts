import { describe, expect, it } from 'vitest';
import type { ConversationId } from '../../../shared/ids.js';
import { reduceTimeline } from '../../../shared/reducers.js';
import { journalEventReceived } from '../../realtime/actions.js';
import { sendMessage } from '../../realtime/commands.js';
import {
  assigned,
  at,
  CIT,
  CIT2,
  citizen,
  conversation,
  CONV,
  CONV2,
  ME,
  message,
  received,
  sent,
  statusChanged,
} from '../../testing/fixtures.js';
import { lastInboundOf, selectAnnouncedMessage } from './conversationSelectors.js';
import {
  conversationSlice,
  initialConversationState,
  loadOlderMessages,
  mergeMessages,
  openConversation,
  type ConversationState,
} from './conversationSlice.js';

const reducer = conversationSlice.reducer;
const m1 = message({ id: 'msg_1', at: at(1) });
const m2 = message({ id: 'msg_2', at: at(2), conversationId: CONV2, channel: 'webchat' });

function open(items = [m1, m2], conv = conversation({ lastSeq: 2 })): ConversationState {
  let s = reducer(initialConversationState, openConversation.pending('o1', CONV));
  s = reducer(
    s,
    openConversation.fulfilled(
      { detail: { conversation: conv, citizen: citizen() }, page: { items, olderCursor: 'older', newerCursor: null } },
      'o1',
      CONV,
    ),
  );
  return s;
}

describe('conversation slice', () => {
  it('loads the conversation and the citizen timeline', () => {
    const s = open();
    expect(s.status).toBe('ready');
    expect(s.citizenId).toBe(CIT);
    expect(s.timeline.map((m) => m.id)).toEqual(['msg_1', 'msg_2']);
  });

  it("applies the citizen's events (any conversation) to the timeline with the shared reduceTimeline", () => {
    const s0 = open();
    const m3 = message({ id: 'msg_3', at: at(3), conversationId: CONV2 });
    const e = received({ seq: 3, conversationId: CONV2, message: m3 });
    const s1 = reducer(s0, journalEventReceived(e));
    expect(s1.timeline).toEqual(reduceTimeline(s0.timeline, e));
    expect(s1.conversation!.lastSeq).toBe(2); // another conversation's event leaves the header alone
    expect(s1.announcedMessageId).toBe('msg_3');
  });

  it('updates the header with the shared reduceConversation', () => {
    const s = reducer(open(), journalEventReceived(statusChanged({ seq: 5, status: 'resolved' })));
    expect(s.conversation).toMatchObject({ status: 'resolved', resolvedAt: at(5), lastSeq: 5 });
  });

  it("ignores other citizens' events", () => {
    const s0 = open();
    const other = message({ id: 'msg_x', citizenId: CIT2, conversationId: 'conv_x' as ConversationId });
    const s1 = reducer(s0, journalEventReceived(received({ seq: 9, citizenId: CIT2, conversationId: 'conv_x' as ConversationId, message: other })));
    expect(s1.timeline).toBe(s0.timeline);
  });

  it('does not announce catch-up replays, nor outbound messages', () => {
    let s = open();
    s = reducer(s, journalEventReceived(received({ seq: 3, message: message({ id: 'msg_3', at: at(3) }) }), false));
    expect(s.announcedMessageId).toBeNull();
    s = reducer(s, journalEventReceived(sent({ seq: 4, message: message({ id: 'msg_4', at: at(4), direction: 'outbound' }) })));
    expect(s.announcedMessageId).toBeNull();
  });

  it('stashes events that arrive while loading and applies them after', () => {
    let s = reducer(initialConversationState, openConversation.pending('o1', CONV));
    const m3 = message({ id: 'msg_3', at: at(3) });
    s = reducer(s, journalEventReceived(received({ seq: 3, message: m3 })));
    s = reducer(s, journalEventReceived(received({ seq: 2, message: m1 }))); // already in the page
    s = reducer(
      s,
      openConversation.fulfilled(
        { detail: { conversation: conversation({ lastSeq: 2, unreadCount: 1 }), citizen: citizen() }, page: { items: [m1], olderCursor: null, newerCursor: null } },
        'o1',
        CONV,
      ),
    );
    expect(s.timeline.map((m) => m.id)).toEqual(['msg_1', 'msg_3']);
    expect(s.conversation).toMatchObject({ lastSeq: 3, unreadCount: 2 });
    expect(s.stash).toEqual([]);
  });

  it('prepends older pages without duplicates', () => {
    let s = open();
    const m0 = message({ id: 'msg_0', at: at(0) });
    s = reducer(s, loadOlderMessages.pending('l1'));
    s = reducer(s, loadOlderMessages.fulfilled({ items: [m0, m1], olderCursor: null, newerCursor: 'n' }, 'l1'));
    expect(s.timeline.map((m) => m.id)).toEqual(['msg_0', 'msg_1', 'msg_2']);
    expect(s.olderCursor).toBeNull();
  });

  it('shows an acknowledged message at once; its push is then a no-op', () => {
    let s = open();
    const out = message({ id: 'msg_5', at: at(5), direction: 'outbound', status: 'queued' });
    s = reducer(s, sendMessage.fulfilled({ ok: true, data: out }, 's1', { conversationId: CONV, channel: 'email', text: 'x', clientMessageId: '12345678' }));
    expect(s.timeline.at(-1)!.id).toBe('msg_5');
    const after = reducer(s, journalEventReceived(sent({ seq: 5, message: out })));
    expect(after.timeline).toHaveLength(3);
  });

  it('keeps the loaded history when moving to another conversation of the same citizen', () => {
    let s = open();
    s = reducer(s, openConversation.pending('o2', CONV2));
    s = reducer(
      s,
      openConversation.fulfilled(
        { detail: { conversation: conversation({ id: CONV2 }), citizen: citizen() }, page: { items: [m2], olderCursor: 'x', newerCursor: null } },
        'o2',
        CONV2,
      ),
    );
    expect(s.timeline.map((m) => m.id)).toEqual(['msg_1', 'msg_2']);
    expect(s.olderCursor).toBe('older');
  });
});

describe('conversation slice: assignment and status lines', () => {
  const took = assigned({ seq: 3, assigneeId: ME });
  const resolved = statusChanged({ seq: 4, status: 'resolved' });

  it('takes the lines of the pages, then live pushes at once, each once', () => {
    let s = reducer(initialConversationState, openConversation.pending('o1', CONV));
    s = reducer(
      s,
      openConversation.fulfilled(
        { detail: { conversation: conversation({ lastSeq: 3 }), citizen: citizen() }, page: { items: [m1, m2], olderCursor: 'older', newerCursor: null, activity: [took] } },
        'o1',
        CONV,
      ),
    );
    expect(s.activity.map((e) => e.seq)).toEqual([3]);
    s = reducer(s, journalEventReceived(resolved));
    s = reducer(s, journalEventReceived(took, false)); // catch-up overlap
    expect(s.activity.map((e) => e.seq)).toEqual([3, 4]);
    const older = statusChanged({ seq: 1, status: 'pending' });
    s = reducer(s, loadOlderMessages.pending('l1'));
    s = reducer(s, loadOlderMessages.fulfilled({ items: [], olderCursor: null, newerCursor: 'n', activity: [older, took] }, 'l1'));
    expect(s.activity.map((e) => e.seq)).toEqual([1, 3, 4]);
  });

  it('leaves out other citizens’ changes and forgets the lines with the citizen', () => {
    let s = reducer(open(), journalEventReceived(assigned({ seq: 7, citizenId: CIT2, conversationId: 'conv_x' as ConversationId, assigneeId: ME })));
    expect(s.activity).toEqual([]);
    s = reducer(s, journalEventReceived(took));
    s = reducer(s, openConversation.pending('o2', 'conv_x' as ConversationId));
    s = reducer(
      s,
      openConversation.fulfilled(
        { detail: { conversation: conversation({ id: 'conv_x' as ConversationId, citizenId: CIT2 }), citizen: citizen({ id: CIT2 }) }, page: { items: [], olderCursor: null, newerCursor: null } },
        'o2',
        'conv_x' as ConversationId,
      ),
    );
    expect(s.activity).toEqual([]);
  });
});

describe('conversation selectors', () => {
  it('finds the announced message and the last inbound message of the conversation', () => {
    const s = reducer(open(), journalEventReceived(received({ seq: 3, message: message({ id: 'msg_3', at: at(3), channel: 'telegram' }) })));
    expect(selectAnnouncedMessage({ conversation: s })!.id).toBe('msg_3');
    expect(lastInboundOf(s.timeline, CONV)!.channel).toBe('telegram');
    expect(lastInboundOf(s.timeline, CONV2)!.channel).toBe('webchat');
  });

  it('mergeMessages keeps order and identity', () => {
    const tl = [m1];
    expect(mergeMessages(tl, [m1])).toBe(tl);
    expect(mergeMessages(tl, [m2, message({ id: 'msg_0', at: at(0) })]).map((m) => m.id)).toEqual(['msg_0', 'msg_1', 'msg_2']);
  });
});
