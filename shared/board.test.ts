import { describe, expect, it } from 'vitest';
import { boardFigures, dayInParis, emptyBoard, foldBoard, foldBoardInPlace, isUnknownTo, reduceBoard, trimBoard } from './board.js';
import type { AgentId, CitizenId, ConversationId, MessageId, QueueId } from './ids.js';
import type { JournalEvent } from './journal.js';
import type { Message } from './model.js';

const citizenId = 'cit_1' as CitizenId;
const etatCivil = 'que_etat' as QueueId;
const dechets = 'que_dechets' as QueueId;
const alice = 'agt_alice' as AgentId;
const bruno = 'agt_bruno' as AgentId;
let seq = 0;
const env = (conversationId: string, at: string, queueId: QueueId) => ({
  seq: ++seq, at, actor: { kind: 'system' as const }, citizenId, conversationId: conversationId as ConversationId, queueId,
});
function msg(conversationId: string, at: string, extra: Partial<Message> = {}): Message {
  return {
    id: `msg_${conversationId}_${at}` as MessageId, conversationId: conversationId as ConversationId, citizenId, direction: 'inbound',
    channel: 'webchat', kind: 'text', author: { kind: 'citizen' }, text: 'Bonjour', attachments: [], at, status: 'received', ...extra,
  };
}
const opened = (c: string, at: string, queueId: QueueId, channel: Message['channel'] = 'webchat'): JournalEvent => ({
  ...env(c, at, queueId), type: 'conversation.opened', payload: { citizenName: 'Jeanne', queueId, channel, priority: 'normal' },
});
const received = (c: string, at: string, queueId: QueueId, channel: Message['channel'] = 'webchat'): JournalEvent => ({
  ...env(c, at, queueId), type: 'message.received', payload: { message: msg(c, at, { channel }) },
});
const sent = (c: string, at: string, queueId: QueueId): JournalEvent => ({
  ...env(c, at, queueId), type: 'message.sent', payload: { message: msg(c, at, { direction: 'outbound', status: 'queued' }) },
});
const assigned = (c: string, at: string, queueId: QueueId, to: AgentId | null): JournalEvent => ({
  ...env(c, at, queueId), type: 'conversation.assigned', payload: { assigneeId: to, previousAssigneeId: null },
});
const due = (c: string, at: string, queueId: QueueId, firstResponseDueAt: string): JournalEvent => ({
  ...env(c, at, queueId), type: 'sla.set', payload: { firstResponseDueAt, calendarId: 'mairie' },
});
const resolved = (c: string, at: string, queueId: QueueId): JournalEvent => ({
  ...env(c, at, queueId), type: 'conversation.status', payload: { status: 'resolved', previousStatus: 'open' },
});

// 10:00 in Paris on a winter day is 09:00 UTC.
const events: JournalEvent[] = [
  opened('c1', '2026-01-15T08:00:00.000Z', etatCivil),
  received('c1', '2026-01-15T08:00:00.000Z', etatCivil),
  due('c1', '2026-01-15T08:00:01.000Z', etatCivil, '2026-01-15T08:45:00.000Z'),
  opened('c2', '2026-01-15T08:30:00.000Z', etatCivil, 'email'),
  received('c2', '2026-01-15T08:30:00.000Z', etatCivil, 'email'),
  due('c2', '2026-01-15T08:30:01.000Z', etatCivil, '2026-01-15T09:00:00.000Z'),
  assigned('c2', '2026-01-15T08:31:00.000Z', etatCivil, alice),
  sent('c2', '2026-01-15T08:40:00.000Z', etatCivil),
  opened('c3', '2026-01-15T08:50:00.000Z', dechets),
  received('c3', '2026-01-15T08:50:00.000Z', dechets),
  due('c3', '2026-01-15T08:50:01.000Z', dechets, '2026-01-15T09:20:00.000Z'),
  assigned('c3', '2026-01-15T08:51:00.000Z', dechets, alice),
  // No target in this queue for c5: answered today, but neither met nor missed.
  opened('c5', '2026-01-15T08:52:00.000Z', dechets),
  received('c5', '2026-01-15T08:52:00.000Z', dechets),
  assigned('c5', '2026-01-15T08:53:00.000Z', dechets, bruno),
  sent('c5', '2026-01-15T08:54:00.000Z', dechets),
  resolved('c5', '2026-01-15T08:55:00.000Z', dechets),
  opened('c4', '2026-01-14T15:00:00.000Z', dechets),
  received('c4', '2026-01-14T15:00:00.000Z', dechets),
  due('c4', '2026-01-14T15:00:01.000Z', dechets, '2026-01-14T15:30:00.000Z'),
  assigned('c4', '2026-01-14T15:01:00.000Z', dechets, bruno),
  sent('c4', '2026-01-14T15:02:00.000Z', dechets),
  resolved('c4', '2026-01-14T15:10:00.000Z', dechets),
];
const now = new Date('2026-01-15T09:00:00.000Z');

describe('supervisor board fold', () => {
  it('counts waiting, oldest wait, in progress, first responses of today and deadlines per queue', () => {
    const figures = boardFigures(foldBoard(events), now, [etatCivil, dechets], [alice, bruno]);
    expect(figures.queues).toEqual([
      // c1 waits past its 08:45 deadline (no breach journaled yet: the clock says so); c2 met its target.
      { queueId: etatCivil, waiting: 1, oldestWaitSec: 3600, inProgress: 1, metToday: 1, breachedToday: 0, attainment: 1, overdue: 1, dueSoon: 0 },
      // c3 is due in 20 minutes; c4 was answered yesterday and c5 has no target: neither counts today.
      { queueId: dechets, waiting: 0, oldestWaitSec: 0, inProgress: 1, metToday: 0, breachedToday: 0, attainment: null, overdue: 0, dueSoon: 1 },
    ]);
  });

  it('counts a reply after the deadline as missed even before its breach is journaled', () => {
    const late = sent('c1', '2026-01-15T08:50:00.000Z', etatCivil);
    const figures = boardFigures(foldBoard([...events, late]), now, [etatCivil], []);
    expect(figures.queues[0]).toMatchObject({ metToday: 1, breachedToday: 1, overdue: 0 });
  });

  it('gives each agent a load per channel and their current conversations, not resolved ones', () => {
    const figures = boardFigures(foldBoard(events), now, [etatCivil, dechets], [alice, bruno]);
    expect(figures.agents).toEqual([
      { agentId: alice, state: 'offline', inStateSec: null, load: { email: 1, webchat: 1 }, conversationIds: ['c2', 'c3'] },
      { agentId: bruno, state: 'offline', inStateSec: null, load: {}, conversationIds: [] },
    ]);
  });

  it('is idempotent and order-tolerant: replays and late pushes give the same figures', () => {
    const once = foldBoard(events);
    expect(foldBoard(events, once)).toEqual(once);
    // A push from another instance may arrive before a lower seq of another conversation.
    const shuffled = [...events].sort((a, b) => b.conversationId!.localeCompare(a.conversationId!) || a.seq - b.seq);
    expect(boardFigures(foldBoard(shuffled), now, [etatCivil, dechets], [alice, bruno])).toEqual(
      boardFigures(once, now, [etatCivil, dechets], [alice, bruno]),
    );
  });

  it('folds in bulk exactly as event by event, without touching the state it starts from', () => {
    const stepwise = events.reduce(reduceBoard, emptyBoard());
    expect(foldBoard(events)).toEqual(stepwise);
    const half = foldBoard(events.slice(0, 5));
    const copy = structuredClone(half);
    expect(foldBoard(events.slice(5), half)).toEqual(stepwise);
    expect(half).toEqual(copy);
    // Page by page into a private state, as the server does; its trimmed copies stay as they were.
    const owned = emptyBoard();
    foldBoardInPlace(owned, events.slice(0, 5));
    const early = trimBoard(owned, now);
    const earlyCopy = structuredClone(early);
    foldBoardInPlace(owned, events.slice(5));
    expect(owned).toEqual(stepwise);
    expect(early).toEqual(earlyCopy);
  });

  it('ignores events of conversations it never saw open and leaves the state untouched', () => {
    const state = emptyBoard();
    const next = reduceBoard(state, received('ghost', '2026-01-15T08:00:00.000Z', etatCivil));
    expect(next.conversations).toEqual({});
    expect(next.lastSeq).toBeGreaterThan(0);
  });

  it('counts a missed first response today against attainment, and keeps each agent state with its start', () => {
    const breach: JournalEvent = { ...env('c1', '2026-01-15T08:45:00.000Z', etatCivil), type: 'sla.breached', payload: { kind: 'first_response', dueAt: '2026-01-15T08:45:00.000Z' } };
    const away: JournalEvent = {
      seq: ++seq, at: '2026-01-15T08:55:00.000Z', actor: { kind: 'agent', id: alice }, type: 'agent.state-changed',
      payload: { agentId: alice, state: 'away', previousState: 'available', source: 'agent' },
    };
    const figures = boardFigures(foldBoard([...events, breach, away]), now, [etatCivil], [alice]);
    expect(figures.queues[0]).toMatchObject({ metToday: 1, breachedToday: 1, attainment: 0.5, overdue: 1 });
    expect(figures.agents[0]).toMatchObject({ state: 'away', inStateSec: 300 });
    // An older state pushed late (another instance) does not overwrite the newer one.
    const stale = { ...away, seq: away.seq - 100, payload: { ...away.payload, state: 'available' as const } };
    expect(boardFigures(foldBoard([stale], foldBoard([...events, away])), now, [etatCivil], [alice]).agents[0]!.state).toBe('away');
  });

  it('trims what is done with from the snapshot without changing today\'s figures, and spots a reopening', () => {
    const full = foldBoard(events);
    const trimmed = trimBoard(full, now);
    expect(Object.keys(trimmed.conversations).sort()).toEqual(['c1', 'c2', 'c3', 'c5']);
    expect(boardFigures(trimmed, now, [etatCivil, dechets], [alice, bruno])).toEqual(boardFigures(full, now, [etatCivil, dechets], [alice, bruno]));
    const reopened: JournalEvent = { ...env('c4', '2026-01-15T08:59:00.000Z', dechets), type: 'conversation.status', payload: { status: 'open', previousStatus: 'resolved' } };
    expect(isUnknownTo(trimmed, reopened)).toBe(true);
    expect(isUnknownTo(full, reopened)).toBe(false);
    expect(isUnknownTo(trimmed, opened('c9', '2026-01-15T08:59:00.000Z', dechets))).toBe(false);
  });

  it('takes "today" in Paris time, across midnight UTC', () => {
    expect(dayInParis('2026-07-01T22:30:00.000Z')).toBe('2026-07-02');
    expect(dayInParis('2026-01-01T22:30:00.000Z')).toBe('2026-01-01');
  });
});

describe('a merge on the board', () => {
  it('shows the conversation under the record kept, with the same wait', () => {
    const at = '2026-12-04T09:00:00.000Z';
    let board = foldBoard([opened('c_merge', at, etatCivil), received('c_merge', at, etatCivil)]);
    const before = board.conversations['c_merge']!;
    board = reduceBoard(board, {
      ...env('c_merge', '2026-12-04T09:05:00.000Z', etatCivil),
      type: 'conversation.moved',
      payload: { fromCitizenId: citizenId, toCitizenId: 'cit_2' as CitizenId, citizenName: 'Jeanne Martin', cause: 'merge' },
    });
    const after = board.conversations['c_merge']!;
    expect(after.citizenName).toBe('Jeanne Martin');
    expect(after.waitingSince).toBe(before.waitingSince);
  });
});
