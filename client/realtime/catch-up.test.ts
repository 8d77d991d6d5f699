import { describe, expect, it } from 'vitest';
import type { CatchUpResult } from '../../shared/socket-events.js';
import { anyEvent } from '../testing/fixtures.js';
import { catchUpStep, initialCatchUp, type CatchUpEffect, type CatchUpInput, type CatchUpState } from './catch-up.js';

const page = (seqs: number[], more = false, headSeq = Math.max(0, ...seqs)): CatchUpResult => ({
  events: seqs.map(anyEvent),
  more,
  headSeq,
});

/** Effects in short: `6c` a catch-up event applied, `6` a live one, `ask 5`, `done 9`, `done 9 initial`… */
function show(effect: CatchUpEffect): string {
  switch (effect.type) {
    case 'apply':
      return `${effect.event.seq}${effect.live ? '' : 'c'}`;
    case 'ask':
      return `ask ${effect.afterSeq}`;
    case 'retry-later':
      return 'retry';
    case 'wake-later':
      return `wake ${effect.delay}`;
    case 'cancel-wake':
      return 'cancel-wake';
    case 'caught-up':
      return `done ${effect.lastSeq}${effect.initial ? ' initial' : ''}`;
  }
}

/** Plays the socket: feeds inputs one by one and keeps the effects of the last one. */
function machine(state: CatchUpState = initialCatchUp()) {
  let effects: CatchUpEffect[] = [];
  const m = {
    get state() {
      return state;
    },
    feed(...inputs: CatchUpInput[]): string[] {
      effects = [];
      for (const input of inputs) {
        const t = catchUpStep(state, input);
        state = t.state;
        effects.push(...t.effects);
      }
      // The wake timer's bookkeeping is checked where it matters.
      return effects.map(show).filter((e) => e !== 'cancel-wake');
    },
    /** Every effect, cancel-wake included. */
    get effects() {
      return effects.map(show);
    },
    /** The answer to the read in flight on the current connection. */
    answer: (result: CatchUpResult, connection = state.connection) => m.feed({ type: 'page', connection, result }),
    push: (...seqs: number[]) => m.feed(...seqs.map((seq): CatchUpInput => ({ type: 'push', event: anyEvent(seq) }))),
  };
  return m;
}

/** Signed in and caught up at `headSeq` on the first connection. */
function live(headSeq: number) {
  const m = machine();
  m.feed({ type: 'connected' }, { type: 'session-ready', headSeq });
  m.answer(page([], false, headSeq));
  return m;
}

/** Caught up at `lastSeq`, then the socket dropped and came back: session:ready pending. */
function reconnecting(lastSeq: number) {
  const m = live(lastSeq);
  m.feed({ type: 'disconnected' }, { type: 'connected' });
  return m;
}

describe('catch-up on connection', () => {
  it('takes the head as baseline on the first connection, buffering pushes until the answer', () => {
    const m = machine();
    expect(m.feed({ type: 'connected' })).toEqual([]);
    expect(m.feed({ type: 'session-ready', headSeq: 10 })).toEqual(['ask 10']);
    expect(m.push(11)).toEqual([]);
    // The resume point is what catch-up vouched for (10), not the pushed 11.
    expect(m.answer(page([], false, 10))).toEqual(['11', 'done 10 initial', 'wake checkpoint']);
    expect(m.push(12)).toEqual(['12']);
    expect(m.state.sync.lastSeq).toBe(10);
  });

  it('asks page after page on reconnect, pushes interleaved, each event applied once and in order', () => {
    const m = reconnecting(5);
    expect(m.feed({ type: 'session-ready', headSeq: 9 })).toEqual(['ask 5']);
    expect(m.push(9)).toEqual([]);
    expect(m.answer(page([6, 7], true, 9))).toEqual(['6c', '7c', 'ask 7']);
    expect(m.push(10)).toEqual([]); // still buffering between pages
    // 9 came by both routes: applied once, with the page, and announced live since it was pushed.
    expect(m.answer(page([8, 9], false, 9))).toEqual(['8c', '9', '10', 'done 9', 'wake checkpoint']);
    expect(m.push(10, 9, 8)).toEqual([]);
  });

  it('ignores the answer of a read sent before a reconnect, and resumes from what the pages vouched for', () => {
    const m = reconnecting(5);
    m.feed({ type: 'session-ready', headSeq: 20 });
    m.answer(page([6, 7], true, 20));
    const before = m.state.connection;
    m.push(15); // buffered: kept across the drop
    m.feed({ type: 'disconnected' }, { type: 'connected' });
    expect(m.answer(page([8, 9], true, 20), before)).toEqual([]);
    expect(m.feed({ type: 'session-ready', headSeq: 20 })).toEqual(['ask 7']);
    expect(m.answer(page([8, 9, 15, 20], false, 20))).toEqual(['8c', '9c', '15', '20c', 'done 20', 'wake checkpoint']);
  });

  it('fills a gap left by a push that overtook a lost one', () => {
    const m = live(10);
    // 11 was committed on another instance and its push was lost; 12, local, came through.
    expect(m.push(12)).toEqual(['12']);
    expect(m.feed({ type: 'wake' })).toEqual(['ask 10']);
    expect(m.answer(page([11, 12], false, 12))).toEqual(['11c', 'done 12', 'wake checkpoint']);
  });

  it('applies a page event at or below the resume point, or already pushed, only once', () => {
    const m = reconnecting(5);
    m.feed({ type: 'session-ready', headSeq: 7 });
    expect(m.answer(page([4, 5, 6, 6, 7], false, 7))).toEqual(['6c', '7c', 'done 7', 'wake checkpoint']);
    expect(m.push(7)).toEqual([]);
  });
});

describe('catch-up retries', () => {
  it('asks again after a delay from where it stands, pushes still buffered', () => {
    const m = reconnecting(3);
    m.feed({ type: 'session-ready', headSeq: 8 });
    expect(m.answer(page([4, 5], true, 8))).toEqual(['4c', '5c', 'ask 5']);
    expect(m.feed({ type: 'page-failed', connection: m.state.connection })).toEqual(['retry']);
    expect(m.push(8)).toEqual([]);
    // Still running meanwhile: a request waits for it.
    expect(m.feed({ type: 'delivery-restored' })).toEqual([]);
    expect(m.feed({ type: 'retry-due', connection: m.state.connection })).toEqual(['ask 5']);
    expect(m.answer(page([6, 7, 8], false, 8))).toEqual(['6c', '7c', '8', 'done 8', 'ask 8']);
  });

  it('drops a retry that falls due after a reconnect', () => {
    const m = reconnecting(3);
    m.feed({ type: 'session-ready', headSeq: 3 });
    m.feed({ type: 'page-failed', connection: m.state.connection });
    const old = m.state.connection;
    m.feed({ type: 'disconnected' }, { type: 'connected' });
    expect(m.feed({ type: 'retry-due', connection: old })).toEqual([]);
    expect(m.feed({ type: 'page-failed', connection: old })).toEqual([]);
  });
});

describe('catch-up on a live connection', () => {
  it('checkpoints quietly: a poll that found nothing new announces nothing', () => {
    const m = live(5);
    expect(m.feed({ type: 'wake' })).toEqual(['ask 5']);
    expect(m.answer(page([], false, 5))).toEqual(['wake checkpoint']);
    m.push(6);
    expect(m.feed({ type: 'wake' })).toEqual(['ask 5']);
    // 6 was pushed: a duplicate, nothing found.
    expect(m.answer(page([6], false, 6))).toEqual(['wake checkpoint']);
    expect(m.feed({ type: 'wake' })).toEqual(['ask 6']);
    expect(m.answer(page([7], false, 7))).toEqual(['7c', 'done 7', 'wake checkpoint']);
  });

  it('polls at once and often while delivery is interrupted, and catches up once more when restored', () => {
    const m = live(5);
    expect(m.feed({ type: 'delivery-interrupted' })).toEqual(['ask 5']);
    expect(m.answer(page([6], false, 6))).toEqual(['6c', 'done 6', 'wake degraded-poll']);
    expect(m.feed({ type: 'wake' })).toEqual(['ask 6']);
    expect(m.answer(page([], false, 6))).toEqual(['wake degraded-poll']);
    expect(m.feed({ type: 'delivery-restored' })).toEqual(['ask 6']);
    // A restore announces itself even when it finds nothing: pushes may have been lost.
    expect(m.answer(page([], false, 6))).toEqual(['done 6', 'wake checkpoint']);
  });

  it('runs what is asked during a catch-up after it, a restore taking precedence over polls', () => {
    const m = live(5);
    m.feed({ type: 'delivery-interrupted' });
    expect(m.feed({ type: 'delivery-restored' })).toEqual([]);
    expect(m.effects).toEqual(['cancel-wake']);
    expect(m.feed({ type: 'wake' })).toEqual([]);
    expect(m.answer(page([], false, 5))).toEqual(['ask 5']);
    expect(m.answer(page([6], false, 6))).toEqual(['6c', 'done 6', 'wake checkpoint']);
  });

  it('forgets the interruption on reconnect: the next server says again if it applies', () => {
    const m = live(5);
    m.feed({ type: 'delivery-interrupted' });
    m.answer(page([], false, 5));
    expect(m.feed({ type: 'disconnected' })).toEqual([]);
    expect(m.effects).toEqual(['cancel-wake']);
    m.feed({ type: 'connected' }, { type: 'session-ready', headSeq: 5 });
    expect(m.answer(page([], false, 5))).toEqual(['done 5', 'wake checkpoint']);
  });

  it('asks nothing before the first session:ready, nor while disconnected', () => {
    const m = machine();
    expect(m.feed({ type: 'wake' }, { type: 'delivery-interrupted' })).toEqual([]);
    m.feed({ type: 'connected' });
    expect(m.feed({ type: 'delivery-interrupted' })).toEqual([]);
    const r = live(5);
    r.feed({ type: 'disconnected' });
    expect(r.feed({ type: 'wake' }, { type: 'delivery-restored' })).toEqual([]);
  });
});

describe('catch-up state', () => {
  it('starts the next agent from their own baseline, and the previous reads stay stale', () => {
    const m = reconnecting(40);
    m.feed({ type: 'session-ready', headSeq: 40 });
    const old = m.state.connection;
    m.feed({ type: 'signed-out' });
    expect(m.state.sync.lastSeq).toBeNull();
    expect(m.answer(page([41], false, 41), old)).toEqual([]);
    m.feed({ type: 'connected' });
    expect(m.feed({ type: 'session-ready', headSeq: 50 })).toEqual(['ask 50']);
    expect(m.answer(page([], false, 50))).toEqual(['done 50 initial', 'wake checkpoint']);
  });

  it('never changes a state it was given', () => {
    const m = live(5);
    const before = m.state;
    m.feed({ type: 'wake' });
    m.push(6);
    m.answer(page([6, 7], false, 7));
    expect(before.sync.lastSeq).toBe(5);
    expect(before.sync.isApplied(6)).toBe(false);
    expect(before.run).toBeNull();
    expect(m.state.sync.lastSeq).toBe(7);
  });
});
