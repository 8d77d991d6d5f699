import { configureStore, type UnknownAction } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import type { CatchUpResult } from '../../shared/socket-events.js';
import { agent, anyEvent, CONV } from '../testing/fixtures.js';
import { FakeSocket } from '../testing/fakeSocket.js';
import {
  catchUpCompleted,
  journalEventReceived,
  realtimeConnect,
  realtimeDisconnect,
  watchConversation,
} from './actions.js';
import { createRealtime, type RealtimeOptions } from './realtime.js';

function setup(options: RealtimeOptions = {}) {
  const sockets: FakeSocket[] = [];
  const realtime = createRealtime({
    connect: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s.asSocket();
    },
    retryDelayMs: 1,
    ...options,
  });
  const actions: UnknownAction[] = [];
  const store = configureStore({
    reducer: (state: null = null, action: UnknownAction) => {
      actions.push(action);
      return state;
    },
    middleware: (gdm) => gdm({ serializableCheck: false }).concat(realtime.middleware),
  });
  const applied = () =>
    actions.filter(journalEventReceived.match).map((a) => `${a.payload.seq}${a.meta.live ? '' : 'c'}`);
  return { realtime, store, sockets, actions, applied };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 5));

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('realtime middleware', () => {
  it('buffers pushes during catch-up and applies catch-up then buffer, in order, once', async () => {
    const { store, sockets, applied, actions } = setup();
    store.dispatch(realtimeConnect({ token: 't' }));
    const s = sockets[0]!;
    const answer = deferred<{ ok: true; data: CatchUpResult }>();
    s.onCommand = (name) => (name === 'journal:catch-up' ? answer.promise : Promise.resolve({ ok: true, data: null }));

    s.serve('connect');
    s.serve('session:ready', { agent, headSeq: 10 });
    s.serve('message:received', anyEvent(11));
    expect(applied()).toEqual([]);
    answer.resolve({ ok: true, data: { events: [], more: false, headSeq: 10 } });
    await flush();
    expect(applied()).toEqual(['11']);
    // The resume point is what catch-up vouched for, not the pushed 11.
    expect(actions.filter(catchUpCompleted.match).map((a) => a.payload)).toEqual([{ lastSeq: 10, initial: true }]);

    s.serve('conversation:assigned', anyEvent(12));
    expect(applied()).toEqual(['11', '12']);
  });

  it('on reconnect: re-watches, catches up after lastSeq across pages, then drains the buffer', async () => {
    const { store, sockets, applied } = setup();
    store.dispatch(realtimeConnect({ token: 't' }));
    const s = sockets[0]!;
    s.onCommand = async (name) =>
      name === 'journal:catch-up' ? { ok: true, data: { events: [], more: false, headSeq: 5 } } : { ok: true, data: null };
    s.serve('connect');
    s.serve('session:ready', { agent, headSeq: 5 });
    await flush();
    store.dispatch(watchConversation(CONV));
    s.serve('disconnect', 'transport close');

    const pages: CatchUpResult[] = [
      { events: [anyEvent(6), anyEvent(7)], more: true, headSeq: 9 },
      { events: [anyEvent(8), anyEvent(9)], more: false, headSeq: 9 },
    ];
    s.emitted.length = 0;
    s.onCommand = async (name) => {
      if (name !== 'journal:catch-up') return { ok: true, data: null };
      s.serve('message:received', anyEvent(9)); // overlaps catch-up
      s.serve('message:received', anyEvent(10));
      return { ok: true, data: pages.shift() };
    };
    s.serve('connect');
    s.serve('session:ready', { agent, headSeq: 9 });
    await flush();
    expect(s.emitted.map((e) => [e.name, e.payload])).toEqual([
      ['conversation:watch', { conversationId: CONV }],
      ['journal:catch-up', { afterSeq: 5, limit: 500 }],
      ['journal:catch-up', { afterSeq: 7, limit: 500 }],
    ]);
    // 9 came by both routes: applied once, in seq order with the page, and announced as new since
    // it was pushed (it happened after the reconnect); 10 only live (buffered).
    expect(applied()).toEqual(['6c', '7c', '8c', '9', '10']);
  });

  it('retries a failed catch-up from where it stands', async () => {
    const { store, sockets, applied } = setup();
    store.dispatch(realtimeConnect({ token: 't' }));
    const s = sockets[0]!;
    let calls = 0;
    s.onCommand = async () => {
      calls++;
      if (calls === 1) return { ok: false, error: { code: 'unavailable', message: 'busy' } };
      return { ok: true, data: { events: [anyEvent(4)], more: false, headSeq: 4 } };
    };
    s.serve('connect');
    s.serve('session:ready', { agent, headSeq: 3 });
    await flush();
    expect(calls).toBe(2);
    expect(applied()).toEqual(['4c']);
  });

  it('turns a lost ack into an `unavailable` answer', async () => {
    const { store, sockets, realtime } = setup();
    store.dispatch(realtimeConnect({ token: 't' }));
    sockets[0]!.onCommand = () => Promise.reject(new Error('operation has timed out'));
    const ack = await realtime.command('conversation:mark-read', { conversationId: CONV });
    expect(ack).toEqual({ ok: false, error: { code: 'unavailable', reason: 'no_answer', message: 'no answer from the server' } });
  });

  it('starts from a fresh baseline after a disconnect (next agent)', async () => {
    const { store, sockets, realtime } = setup();
    store.dispatch(realtimeConnect({ token: 't' }));
    const s = sockets[0]!;
    s.onCommand = async () => ({ ok: true, data: { events: [], more: false, headSeq: 40 } });
    s.serve('connect');
    s.serve('session:ready', { agent, headSeq: 40 });
    await flush();
    expect(realtime.sync.lastSeq).toBe(40);
    store.dispatch(realtimeDisconnect());
    expect(realtime.sync.lastSeq).toBeNull();
    expect(s.connected).toBe(false);
  });
});

describe('realtime middleware when a server loses Redis', () => {
  function live(headSeq: number) {
    const t = setup({ degradedPollMs: 20, checkpointMs: 60_000 });
    const { store } = t;
    store.dispatch(realtimeConnect({ token: 't' }));
    const s = t.sockets[0]!;
    const asked: number[] = [];
    let journal: number[] = [];
    s.onCommand = async (name, payload) => {
      if (name !== 'journal:catch-up') return { ok: true, data: null };
      const after = (payload as { afterSeq: number }).afterSeq;
      asked.push(after);
      const events = journal.filter((seq) => seq > after).map(anyEvent);
      return { ok: true, data: { events, more: false, headSeq: Math.max(headSeq, ...journal) } };
    };
    s.serve('connect');
    s.serve('session:ready', { agent, headSeq });
    return { ...t, s, asked, commit: (...seqs: number[]) => (journal = [...journal, ...seqs]) };
  }

  it('polls the journal while delivery is interrupted and catches up once more when it is restored', async () => {
    const { s, asked, commit, applied, actions, store } = live(5);
    await flush();
    expect(asked).toEqual([5]);
    s.serve('delivery:interrupted');
    // Pushes from the other instance are lost now; its commits still reach the journal.
    commit(6);
    s.serve('message:received', anyEvent(7));
    commit(7);
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(asked.length).toBeGreaterThanOrEqual(3); // at once, then every 20 ms
    expect(asked.every((after) => after === 5 || after === 7)).toBe(true);
    expect(applied()).toEqual(['7', '6c']);
    const completedBefore = actions.filter(catchUpCompleted.match).length;

    commit(8);
    s.serve('delivery:restored');
    await flush();
    expect(actions.filter(catchUpCompleted.match).length).toBe(completedBefore + 1);
    expect(applied()).toEqual(['7', '6c', '8c']);
    // Back to checkpoints only: no more polling.
    const polls = asked.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(asked.length).toBe(polls);
    store.dispatch(realtimeDisconnect());
  });

  it('checkpoints a live connection quietly, announcing only what the pushes had missed', async () => {
    const t = setup({ checkpointMs: 20 });
    t.store.dispatch(realtimeConnect({ token: 't' }));
    const s = t.sockets[0]!;
    const journal: number[] = [];
    let asked = 0;
    s.onCommand = async (_name, payload) => {
      asked++;
      const after = (payload as { afterSeq: number }).afterSeq;
      return { ok: true, data: { events: journal.filter((q) => q > after).map(anyEvent), more: false, headSeq: Math.max(5, ...journal) } };
    };
    s.serve('connect');
    s.serve('session:ready', { agent, headSeq: 5 });
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(asked).toBeGreaterThanOrEqual(3);
    expect(t.actions.filter(catchUpCompleted.match)).toHaveLength(1);
    journal.push(6); // its push never came
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(t.applied()).toEqual(['6c']);
    expect(t.actions.filter(catchUpCompleted.match)).toHaveLength(2);
    t.store.dispatch(realtimeDisconnect());
  });

  it('runs a restore that arrives during a catch-up once that catch-up is over', async () => {
    const { s, asked, commit, applied, store } = live(5);
    await flush();
    const slow = deferred<{ ok: true; data: CatchUpResult }>();
    const answer = s.onCommand;
    s.onCommand = (name, payload) => {
      if (name !== 'journal:catch-up') return answer(name, payload);
      s.onCommand = answer;
      asked.push((payload as { afterSeq: number }).afterSeq);
      return slow.promise;
    };
    s.serve('delivery:interrupted');
    s.serve('delivery:restored'); // while the first catch-up's read is in flight
    commit(6);
    slow.resolve({ ok: true, data: { events: [], more: false, headSeq: 5 } });
    await flush();
    expect(asked).toEqual([5, 5, 5]);
    expect(applied()).toEqual(['6c']);
    store.dispatch(realtimeDisconnect());
  });

  it('forgets the interruption on reconnect: the next server says again if it applies', async () => {
    const { s, asked, store } = live(5);
    await flush();
    s.serve('delivery:interrupted');
    await flush();
    s.serve('disconnect', 'transport close');
    const before = asked.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(asked.length).toBe(before);
    store.dispatch(realtimeDisconnect());
  });
});
