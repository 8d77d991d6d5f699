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

/** The board a console keeps: the snapshot, then every push folded with the shared fold. */
export async function liveBoard(socket: AgentSocket): Promise<{ current(): BoardState }> {
  let board: BoardState | null = null;
  const early: JournalEvent[] = [];
  // Listening before asking: pushes that overtake the snapshot are folded after it (idempotent).
  socket.onAny((_name: string, event: unknown) => {
    const e = event as JournalEvent;
    if (typeof e?.seq !== 'number') return;
    if (board) board = reduceBoard(board, e);
    else early.push(e);
  });
  board = foldBoard(early, await ok(socket.timeout(5000).emitWithAck('board:snapshot', {})));
  return { current: () => board! };
}

/**
 * Waits until the live board has folded everything committed, then returns the figures three
 * ways at one instant: folded live, from a fresh snapshot, and recomputed from the journal.
 */
export async function boardFiguresThreeWays(
  store: Store,
  supervisor: AgentSocket,
  live: { current(): BoardState },
  queueIds: readonly QueueId[],
  agentIds: readonly AgentId[],
): Promise<{ live: BoardFigures; snapshot: BoardFigures; journal: BoardFigures }> {
  const head = await store.headSeq();
  await waitFor(() => live.current().lastSeq >= head);
  const snapshot = await ok(supervisor.timeout(5000).emitWithAck('board:snapshot', {}));
  const now = new Date();
  return {
    live: boardFigures(live.current(), now, queueIds, agentIds),
    snapshot: boardFigures(snapshot, now, queueIds, agentIds),
    journal: boardFigures(foldBoard(await allEvents(store)), now, queueIds, agentIds),
  };
}
