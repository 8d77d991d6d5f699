import { describe, expect, it } from 'vitest';
import type { ConversationId } from '../../../shared/ids.js';
import { reduceConversation } from '../../../shared/reducers.js';
import { journalEventReceived } from '../../realtime/actions.js';
import { assignConversation } from '../../realtime/commands.js';
import {
  agent,
  assigned,
  at,
  conversation,
  CONV,
  CONV2,
  message,
  ME,
  opened,
  OTHER_AGENT,
  QUEUE,
  QUEUE_OTHER,
  received,
  sent,
  statusChanged,
} from '../../testing/fixtures.js';
import { inboxCount, matchesFilters, selectVisibleConversations, visibleConversations } from './inboxSelectors.js';
import {
  fetchInboxConversation,
  filtersChanged,
  inboxSlice,
  initialInboxState,
  loadInboxPage,
  type InboxState,
} from './inboxSlice.js';

const reducer = inboxSlice.reducer;

function withPage(state: InboxState, items: ReturnType<typeof conversation>[], nextCursor: string | null, requestId = 'r1', total = items.length) {
  let s = reducer(state, loadInboxPage.pending(requestId, { reset: true }));
  s = reducer(s, loadInboxPage.fulfilled({ items, nextCursor, total }, requestId, { reset: true }));
  return s;
}

describe('inbox slice', () => {
  it('applies journal events with the shared reduceConversation', () => {
    const base = conversation({ lastSeq: 1, unreadCount: 0, waitingSince: null });
    let s = withPage(initialInboxState, [base], null);
    const m = message({ id: 'msg_2', at: at(5), text: 'Toujours rien reçu', channel: 'whatsapp' });
    const e = received({ seq: 2, message: m });
    s = reducer(s, journalEventReceived(e));
    expect(s.entities[CONV]).toEqual(reduceConversation(base, e));
    expect(s.entities[CONV]!.unreadCount).toBe(1);
    expect(s.entities[CONV]!.channels).toEqual(['email', 'whatsapp']);
    // Same event again (catch-up overlap): unchanged.
    const again = reducer(s, journalEventReceived(e));
    expect(again.entities[CONV]).toBe(s.entities[CONV]);
  });

  it('adds conversations opened live', () => {
    const s = reducer(initialInboxState, journalEventReceived(opened({ seq: 3, conversationId: CONV2 })));
    expect(s.entities[CONV2]!.status).toBe('open');
    expect(s.entities[CONV2]!.lastSeq).toBe(3);
  });

  it('ignores events for unknown conversations unless they are being fetched, then replays them', () => {
    let s = reducer(initialInboxState, journalEventReceived(assigned({ seq: 5, assigneeId: ME })));
    expect(s.entities[CONV]).toBeUndefined();
    s = reducer(s, fetchInboxConversation.pending('f1', CONV));
    s = reducer(s, journalEventReceived(statusChanged({ seq: 7, status: 'pending' })));
    s = reducer(s, journalEventReceived(assigned({ seq: 6, assigneeId: ME })));
    // The snapshot is at seq 6: event 6 is skipped by the shared reducer, 7 applies.
    s = reducer(s, fetchInboxConversation.fulfilled(conversation({ lastSeq: 6, assigneeId: ME }), 'f1', CONV));
    expect(s.entities[CONV]).toMatchObject({ status: 'pending', assigneeId: ME, lastSeq: 7 });
    expect(s.fetching).toEqual({});
    expect(s.pending).toEqual({});
  });

  it('keeps the copy further along the journal when a page races pushes', () => {
    let s = withPage(initialInboxState, [conversation({ lastSeq: 1 })], null);
    s = reducer(s, journalEventReceived(assigned({ seq: 9, assigneeId: ME })));
    s = withPage(s, [conversation({ lastSeq: 4 })], null, 'r2');
    expect(s.entities[CONV]).toMatchObject({ lastSeq: 9, assigneeId: ME });
  });

  it('drops the answer of a superseded page request', () => {
    let s = reducer(initialInboxState, loadInboxPage.pending('old', { reset: true }));
    s = reducer(s, filtersChanged({ scope: 'mine' }));
    s = reducer(s, loadInboxPage.pending('new', { reset: true }));
    s = reducer(s, loadInboxPage.fulfilled({ items: [conversation()], nextCursor: 'c', total: 1 }, 'old', { reset: true }));
    expect(s.entities).toEqual({});
    expect(s.list.requestId).toBe('new');
  });

  it('counts "2 sur 312" while pages remain, moved by what pushes change, the rows once all are in', () => {
    const first = conversation({ id: 'conv_a' as ConversationId, lastSeq: 1, lastActivityAt: at(10) });
    const second = conversation({ id: 'conv_b' as ConversationId, lastSeq: 1, lastActivityAt: at(9) });
    let s = withPage(initialInboxState, [first, second], 'cursor-2', 'r1', 312);
    const count = () => inboxCount(visibleConversations(s, agent), s.list);
    expect(count()).toEqual({ shown: 2, total: 312 });
    // A conversation opened live joins the list and the count.
    s = reducer(s, journalEventReceived(opened({ seq: 3, at: at(20), conversationId: CONV2 })));
    expect(count()).toEqual({ shown: 3, total: 313 });
    // One resolved leaves the open inbox and the count.
    s = reducer(s, journalEventReceived(statusChanged({ seq: 4, at: at(21), conversationId: 'conv_a' as ConversationId, status: 'resolved' })));
    expect(count()).toEqual({ shown: 2, total: 312 });
    // The next page brings the server's count again.
    s = reducer(s, loadInboxPage.pending('r2', { reset: false }));
    s = reducer(s, loadInboxPage.fulfilled({ items: [conversation({ id: 'conv_c' as ConversationId, lastActivityAt: at(1) })], nextCursor: 'cursor-3', total: 312 }, 'r2', { reset: false }));
    expect(count()).toEqual({ shown: 3, total: 312 });
    // New filters forget the old total until their first page answers; the last page ends it.
    s = reducer(s, filtersChanged({ scope: 'unassigned' }));
    expect(s.list.total).toBeNull();
    expect(s.list.paged).toEqual({});
    s = reducer(s, loadInboxPage.pending('r3', { reset: true }));
    expect(count().total).toBeNull();
    s = reducer(s, loadInboxPage.fulfilled({ items: [second], nextCursor: null, total: 1 }, 'r3', { reset: true }));
    expect(count()).toEqual({ shown: visibleConversations(s, agent).length, total: null });
  });

  it('upserts the conversation returned by a command ack', () => {
    let s = withPage(initialInboxState, [conversation({ lastSeq: 2 })], null);
    const acked = conversation({ lastSeq: 3, assigneeId: OTHER_AGENT });
    s = reducer(
      s,
      assignConversation.fulfilled({ ok: true, data: acked }, 'a1', { conversationId: CONV, assigneeId: OTHER_AGENT }),
    );
    expect(s.entities[CONV]!.assigneeId).toBe(OTHER_AGENT);
  });
});

describe('inbox selectors', () => {
  const c = (id: string, over: Parameters<typeof conversation>[0] = {}) =>
    conversation({ id: id as ConversationId, ...over });

  it('sorts by last activity, most recent first, and reorders on live events', () => {
    let s = withPage(
      initialInboxState,
      [c('conv_a', { lastActivityAt: at(1), lastSeq: 1 }), c('conv_b', { lastActivityAt: at(2), lastSeq: 2 })],
      null,
    );
    expect(visibleConversations(s, agent).map((x) => x.id)).toEqual(['conv_b', 'conv_a']);
    const m = message({ id: 'msg_9', conversationId: 'conv_a' as ConversationId, at: at(30), direction: 'outbound' });
    s = inboxSlice.reducer(s, journalEventReceived(sent({ seq: 9, conversationId: 'conv_a' as ConversationId, message: m })));
    expect(visibleConversations(s, agent).map((x) => x.id)).toEqual(['conv_a', 'conv_b']);
  });

  it('filters by queue, status, channel and scope', () => {
    const viewer = agent;
    const filters = { queueId: null, status: null, channel: null, scope: 'all' as const };
    const mine = c('x', { assigneeId: ME, channels: ['email', 'telegram'], status: 'pending' });
    expect(matchesFilters(mine, { ...filters, scope: 'mine' }, viewer)).toBe(true);
    expect(matchesFilters(mine, { ...filters, scope: 'unassigned' }, viewer)).toBe(false);
    expect(matchesFilters(mine, { ...filters, channel: 'telegram' }, viewer)).toBe(true);
    expect(matchesFilters(mine, { ...filters, channel: 'whatsapp' }, viewer)).toBe(false);
    expect(matchesFilters(mine, { ...filters, status: 'open' }, viewer)).toBe(false);
    expect(matchesFilters(mine, { ...filters, queueId: QUEUE_OTHER }, viewer)).toBe(false);
    expect(matchesFilters(mine, { ...filters, queueId: QUEUE }, viewer)).toBe(true);
  });

  it('hides a resolved conversation from the default "open" view as soon as its status changes', () => {
    let s = withPage(initialInboxState, [c(CONV, { lastSeq: 1 })], null);
    expect(visibleConversations(s, agent)).toHaveLength(1);
    s = inboxSlice.reducer(s, journalEventReceived(statusChanged({ seq: 2, status: 'resolved' })));
    expect(visibleConversations(s, agent)).toHaveLength(0);
  });

  it("keeps other queues' conversations out of an agent's inbox unless assigned to them", () => {
    const s = withPage(
      initialInboxState,
      [c('conv_o', { queueId: QUEUE_OTHER }), c('conv_p', { queueId: QUEUE_OTHER, assigneeId: ME })],
      null,
    );
    expect(visibleConversations(s, agent).map((x) => x.id)).toEqual(['conv_p']);
    expect(visibleConversations(s, { ...agent, role: 'supervisor' })).toHaveLength(2);
  });

  it('hides known conversations older than the loaded horizon until their page comes', () => {
    let s = withPage(initialInboxState, [c('conv_old', { lastActivityAt: at(1) })], null);
    s = inboxSlice.reducer(s, filtersChanged({ scope: 'unassigned' }));
    s = withPage(s, [c('conv_new', { lastActivityAt: at(20) })], 'cursor-2', 'r2');
    expect(visibleConversations(s, agent).map((x) => x.id)).toEqual(['conv_new']);
    s = inboxSlice.reducer(s, loadInboxPage.pending('r3', { reset: false }));
    s = inboxSlice.reducer(s, loadInboxPage.fulfilled({ items: [], nextCursor: null, total: 1 }, 'r3', { reset: false }));
    expect(visibleConversations(s, agent).map((x) => x.id)).toEqual(['conv_new', 'conv_old']);
  });

  it('memoises per state and viewer', () => {
    const state = { inbox: withPage(initialInboxState, [conversation()], null) };
    expect(selectVisibleConversations(state, agent)).toBe(selectVisibleConversations(state, agent));
  });
});

describe('citizens’ levels for the rows’ badges', () => {
  it('keeps what each page says, across pages, and what a fetched conversation’s citizen says', () => {
    const c = conversation();
    let s = reducer(initialInboxState, loadInboxPage.pending('r1', { reset: true }));
    s = reducer(s, loadInboxPage.fulfilled({ items: [c], nextCursor: 'n', total: 2, levels: { [c.citizenId]: { level: 'portal' } } }, 'r1', { reset: true }));
    expect(s.levels[c.citizenId]).toEqual({ level: 'portal' });
    s = reducer(s, inboxSlice.actions.citizenLevelKnown({ citizenId: 'cit_other', standing: { level: 'franceconnect', eidas: 'eidas2' } }));
    s = reducer(s, loadInboxPage.pending('r2', { reset: false }));
    s = reducer(s, loadInboxPage.fulfilled({ items: [], nextCursor: null, total: 2 }, 'r2', { reset: false }));
    expect(s.levels).toEqual({ [c.citizenId]: { level: 'portal' }, cit_other: { level: 'franceconnect', eidas: 'eidas2' } });
  });
});
