import type { JournalEvent } from '../../shared/journal.js';
import type { CatchUpResult } from '../../shared/socket-events.js';
import { JournalSync } from './sync.js';

// When the console reads the journal for what it missed, and what becomes of the answers.
// sync.ts keeps the seqs (no gap, no duplicate); this module decides when a catch-up runs, which
// page it asks for next, when a failed read is retried and when the views are told. It is one pure
// transition, (state, input) -> (state, effects): realtime.ts owns the socket and the timers,
// feeds in what happens and performs the effects. So the races (a reconnect while a page is read,
// a restore during a catch-up, pushes between pages) are tested on plain values.
//
// Rules:
// - One catch-up at a time per connection. One asked for meanwhile runs after it (its read may
//   predate what prompted the request); 'restored' is never downgraded to a poll while it waits.
// - Every (dis)connection bumps `connection`: answers and retries of an older one are ignored,
//   and session:ready starts afresh from what sync vouches for.
// - A failed read is asked again after a delay, from where sync stands, with pushes still buffered.
// - A catch-up that ends announces itself (the views re-read) unless it was a poll that found
//   nothing the pushes had not brought. Then the next one is the one asked for meanwhile, if any,
//   else a poll after a checkpoint delay (a short one while the server's delivery is interrupted).

/**
 * Why a catch-up runs. 'connect' after session:ready; 'restored' when the server got Redis back
 * (pushes may have been lost); 'poll' for checkpoints and while delivery is interrupted, which
 * announce nothing unless they found something the pushes had missed.
 */
export type CatchUpReason = 'connect' | 'restored' | 'poll';

/** The catch-up in flight: one read (or one wait before retrying it) at a time. */
export interface CatchUpRun {
  readonly reason: CatchUpReason;
  /** What the read in flight asks after. */
  readonly afterSeq: number;
  /** Events read so far that no push had brought. */
  readonly found: number;
}

export interface CatchUpState {
  /** The seq bookkeeping; a copy of its own, never changed once in a state. */
  readonly sync: JournalSync;
  /** Bumped on every (dis)connection. */
  readonly connection: number;
  readonly connected: boolean;
  /** The server lost Redis: poll often until it says delivery is restored. */
  readonly degraded: boolean;
  /** A catch-up has completed since sign-in: the next ones are not the initial load. */
  readonly everLive: boolean;
  /** Null when none runs on the current connection. */
  readonly run: CatchUpRun | null;
  readonly queued: CatchUpReason | null;
}

export type CatchUpInput =
  | { type: 'connected' }
  | { type: 'session-ready'; headSeq: number }
  | { type: 'push'; event: JournalEvent }
  /** The answer to an `ask` of that connection. */
  | { type: 'page'; connection: number; result: CatchUpResult }
  | { type: 'page-failed'; connection: number }
  /** A `retry-later` of that connection is due. */
  | { type: 'retry-due'; connection: number }
  /** A `wake-later` is due. */
  | { type: 'wake' }
  | { type: 'delivery-interrupted' }
  | { type: 'delivery-restored' }
  /** The socket dropped, or the console closed it. */
  | { type: 'disconnected' }
  /** The agent left: the next one starts from their own baseline. */
  | { type: 'signed-out' };

export type CatchUpEffect =
  | { type: 'apply'; event: JournalEvent; live: boolean }
  /** Send `journal:catch-up` after this seq; answer with `page` or `page-failed`. */
  | { type: 'ask'; connection: number; afterSeq: number }
  /** Wait the retry delay, then feed `retry-due`. */
  | { type: 'retry-later'; connection: number }
  /** Feed `wake` after this delay, replacing any wake already set. */
  | { type: 'wake-later'; delay: 'checkpoint' | 'degraded-poll' }
  | { type: 'cancel-wake' }
  /** The views are up to date with the journal up to `lastSeq`. */
  | { type: 'caught-up'; lastSeq: number; initial: boolean };

export interface CatchUpTransition {
  state: CatchUpState;
  effects: CatchUpEffect[];
}

export function initialCatchUp(sync: JournalSync = new JournalSync()): CatchUpState {
  return { sync, connection: 0, connected: false, degraded: false, everLive: false, run: null, queued: null };
}

export function catchUpStep(state: CatchUpState, input: CatchUpInput): CatchUpTransition {
  switch (input.type) {
    case 'connected': {
      const sync = state.sync.clone();
      sync.connected();
      return { state: { ...state, sync, connected: true }, effects: [] };
    }
    case 'session-ready': {
      const sync = state.sync.clone();
      const afterSeq = sync.ready(input.headSeq);
      const connection = state.connection + 1;
      return {
        state: { ...state, sync, connection, run: { reason: 'connect', afterSeq, found: 0 }, queued: null },
        effects: [{ type: 'cancel-wake' }, { type: 'ask', connection, afterSeq }],
      };
    }
    case 'push': {
      const sync = state.sync.clone();
      const effects = sync.push(input.event).map((event): CatchUpEffect => ({ type: 'apply', event, live: true }));
      return { state: { ...state, sync }, effects };
    }
    case 'page':
      return isCurrent(state, input.connection) ? page(state, state.run, input.result) : unchanged(state);
    case 'page-failed':
      // Pushes stay buffered meanwhile; the next reconnect would ask from the same place.
      return isCurrent(state, input.connection)
        ? { state, effects: [{ type: 'retry-later', connection: state.connection }] }
        : unchanged(state);
    case 'retry-due': {
      if (!isCurrent(state, input.connection)) return unchanged(state);
      const afterSeq = state.sync.lastSeq ?? state.run.afterSeq;
      return {
        state: { ...state, run: { ...state.run, afterSeq } },
        effects: [{ type: 'ask', connection: state.connection, afterSeq }],
      };
    }
    case 'wake':
      return request(state, 'poll');
    // Several server instances: this server lost Redis, so pushes from the others may be lost.
    // The journal does not depend on Redis: catch up now, then poll it until Redis is back.
    case 'delivery-interrupted':
      return request({ ...state, degraded: true }, 'poll');
    case 'delivery-restored':
      return request({ ...state, degraded: false }, 'restored');
    case 'disconnected': {
      const sync = state.sync.clone();
      sync.disconnected();
      // The next server says again if its delivery is interrupted.
      return {
        state: { ...state, sync, connection: state.connection + 1, connected: false, degraded: false, run: null },
        effects: [{ type: 'cancel-wake' }],
      };
    }
    case 'signed-out':
      // The connection count goes on: answers to the previous agent's reads must stay stale.
      return { state: { ...initialCatchUp(), connection: state.connection + 1 }, effects: [{ type: 'cancel-wake' }] };
  }
}

function isCurrent(state: CatchUpState, connection: number): state is CatchUpState & { run: CatchUpRun } {
  return state.run !== null && connection === state.connection;
}

function unchanged(state: CatchUpState): CatchUpTransition {
  return { state, effects: [] };
}

/** Catch up on the live connection, now or after the catch-up in flight. */
function request(state: CatchUpState, reason: CatchUpReason): CatchUpTransition {
  // Before session:ready the connect path catches up anyway.
  const afterSeq = state.sync.lastSeq;
  if (!state.connected || afterSeq === null) return unchanged(state);
  const effects: CatchUpEffect[] = [{ type: 'cancel-wake' }];
  if (state.run) {
    return { state: { ...state, queued: state.queued === 'restored' ? 'restored' : reason }, effects };
  }
  const sync = state.sync.clone();
  sync.resync();
  effects.push({ type: 'ask', connection: state.connection, afterSeq });
  return { state: { ...state, sync, run: { reason, afterSeq, found: 0 } }, effects };
}

function page(state: CatchUpState, run: CatchUpRun, result: CatchUpResult): CatchUpTransition {
  const sync = state.sync.clone();
  const step = sync.page(result);
  const effects = step.apply.map((event): CatchUpEffect => ({ type: 'apply', event, live: step.live.has(event.seq) }));
  const found = run.found + step.apply.filter((event) => !step.live.has(event.seq)).length;
  if (step.nextAfterSeq !== null) {
    effects.push({ type: 'ask', connection: state.connection, afterSeq: step.nextAfterSeq });
    return { state: { ...state, sync, run: { ...run, afterSeq: step.nextAfterSeq, found } }, effects };
  }
  let done: CatchUpState = { ...state, sync, run: null, queued: null };
  // A quiet checkpoint changes nothing on screen: no need to make the views re-read.
  if (run.reason !== 'poll' || found > 0) {
    effects.push({ type: 'caught-up', lastSeq: sync.lastSeq ?? 0, initial: !state.everLive });
    done = { ...done, everLive: true };
  }
  if (state.queued) {
    const next = request(done, state.queued);
    return { state: next.state, effects: [...effects, ...next.effects] };
  }
  effects.push({ type: 'wake-later', delay: state.degraded ? 'degraded-poll' : 'checkpoint' });
  return { state: done, effects };
}
