import { boardFigures, foldBoard, reduceBoard, type Ack, type AgentId, type BoardFigures, type BoardState, type JournalEvent, type QueueId } from '../../shared/index.js';
import type { Store } from '../domain/ports.js';
import type { AgentSocket } from './harness.js';
import { waitFor } from './webchat-helpers.js';

// The board's acceptance check, shared by the tests that drive traffic: what a console folds
// from the socket (snapshot, then pushes) must equal the fold of the whole journal.

export async function ok<R extends Ack<unknown>>(p: Promise<R>): Promise<Extract<R, { ok: true }>['data']> {
  const res = await p;
  if (!res.ok) throw new Error(res.error.message);
  return (res as Extract<R, { ok: true }>).data;
}

export async function allEvents(store: Store): Promise<JournalEvent[]> {
  const events: JournalEvent[] = [];
  for (;;) {
    const page = await store.readJournal({ afterSeq: events.at(-1)?.seq ?? 0, limit: 500 });
    events.push(...page);
    if (page.length < 500) return events;
  }
}

export interface LiveBoard {
  /** The board as the console holds it now. */
  current(): BoardState;
  /** The seq of the snapshot the console started from. */
  readonly snapshotSeq: number;
  /** The console's fold stopped at `seq`: the snapshot, then the pushes up to it in arrival order. */
  at(seq: number): BoardState;
  /** Whether the push of this seq reached the console. */
  received(seq: number): boolean;
}

/** The board a console keeps: the snapshot, then every push folded with the shared fold. */
export async function liveBoard(socket: AgentSocket): Promise<LiveBoard> {
  let board: BoardState | null = null;
  // Every push in arrival order, those that overtook the snapshot included.
  const pushes: JournalEvent[] = [];
  const seqs = new Set<number>();
  // Listening before asking: pushes that overtake the snapshot are folded after it (idempotent).
  socket.onAny((_name: string, event: unknown) => {
    const e = event as JournalEvent;
    if (typeof e?.seq !== 'number') return;
    pushes.push(e);
    seqs.add(e.seq);
    if (board) board = reduceBoard(board, e);
  });
  const snapshot = await ok(socket.timeout(5000).emitWithAck('board:snapshot', {}));
  board = foldBoard(pushes, snapshot);
  return {
    current: () => board!,
    snapshotSeq: snapshot.lastSeq,
    at(seq) {
      if (seq < snapshot.lastSeq) throw new Error(`the console started at seq ${snapshot.lastSeq}, after ${seq}`);
      return foldBoard(
        pushes.filter((e) => e.seq <= seq),
        snapshot,
      );
    },
    received: (seq) => seqs.has(seq),
  };
}

/**
 * Waits until the live board has folded everything committed, then returns the figures three
 * ways at one instant: folded live, from a fresh snapshot, and recomputed from the journal.
 * For a quiet floor: traffic still flowing would make the three reads see different seqs.
 */
export async function boardFiguresThreeWays(
  store: Store,
  supervisor: AgentSocket,
  live: { current(): BoardState },
  queueIds: readonly QueueId[],
  agentIds: readonly AgentId[],
): Promise<{ live: BoardFigures; snapshot: BoardFigures; journal: BoardFigures }> {
  const head = await store.headSeq();
  await waitFor(() => live.current().lastSeq >= head, 20_000);
  const snapshot = await ok(supervisor.timeout(5000).emitWithAck('board:snapshot', {}));
  const now = new Date();
  return {
    live: boardFigures(live.current(), now, queueIds, agentIds),
    snapshot: boardFigures(snapshot, now, queueIds, agentIds),
    journal: boardFigures(foldBoard(await allEvents(store)), now, queueIds, agentIds),
  };
}

/**
 * The same three ways while traffic still flows, pinned to one seq: a fresh snapshot's. The
 * journal is folded up to that seq, and the console's pushes up to it once every event up to it
 * has been pushed (supervisors hear every event, so a missing push is a lost one).
 */
export async function boardFiguresAtSnapshot(
  store: Store,
  supervisor: AgentSocket,
  live: LiveBoard,
  queueIds: readonly QueueId[],
  agentIds: readonly AgentId[],
): Promise<{ seq: number; live: BoardFigures; snapshot: BoardFigures; journal: BoardFigures }> {
  const snapshot = await ok(supervisor.timeout(5000).emitWithAck('board:snapshot', {}));
  const seq = snapshot.lastSeq;
  const upTo = (await allEvents(store)).filter((e) => e.seq <= seq);
  await waitFor(() => upTo.every((e) => e.seq <= live.snapshotSeq || live.received(e.seq)), 20_000);
  const now = new Date();
  return {
    seq,
    live: boardFigures(live.at(seq), now, queueIds, agentIds),
    snapshot: boardFigures(snapshot, now, queueIds, agentIds),
    journal: boardFigures(foldBoard(upTo), now, queueIds, agentIds),
  };
}
