import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { NewJournalEvent, QueueId } from '../../shared/index.js';
import { AssignmentService } from '../domain/assignment/assignment-service.js';
import { systemClock } from '../domain/ports.js';
import { SlaService } from '../domain/sla/sla-service.js';
import { LocalEventBus } from '../events/local-event-bus.js';
import { citizenCreated, conversationOpened, conversationStatus, ids, messageEvent, messageOfRef, newConversation } from '../testing/journal-events.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

// The routing scheduler's rounds (assignment, then service levels) read every open conversation,
// each second and after routing events. This measures one round against the open backlog: the
// cost per open conversation should stay flat as the backlog grows (a ratio near 1), not grow
// with it as it did while the store's paging rescanned from the top for each page.

const SIZES = (process.env.BENCH_OPEN ?? '1000,10000').split(',').map(Number);
/** Resolved conversations behind the open ones: a round must not cost more with a longer history. */
const HISTORY = Number(process.env.BENCH_RESOLVED ?? 20_000);
const Q = 'que_bench' as QueueId;

async function roundMs(open: number): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-routing-bench-'));
  const store = await openSqliteStore({ file: path.join(dir, 'guichet.sqlite') });
  try {
    await store.saveQueue({ id: Q, name: 'Bench', description: '', keywords: [], isDefault: true, assignment: { strategy: 'least-busy', offerTimeoutSec: 30 }, serviceLevels: { default: { firstResponseMinutes: 60 } } });
    // The history is older than the open backlog, as it would be.
    const total = HISTORY + open;
    const start = Date.now() - total * 1000;
    for (let first = 0; first < total; first += 500) {
      const batch: NewJournalEvent[] = [];
      for (let i = first; i < Math.min(total, first + 500); i++) {
        const ref = newConversation(ids.citizen(), Q);
        const at = new Date(start + i * 1000).toISOString();
        batch.push(citizenCreated(ref.citizenId, { at }), conversationOpened(ref, { at, channel: 'email' }), messageEvent('message.received', messageOfRef('message.received', ref, { at, channel: 'email' }), Q));
        if (i < HISTORY) batch.push(conversationStatus(ref, 'resolved', 'open', at));
      }
      await store.append(batch);
    }
    const bus = new LocalEventBus();
    const assignment = new AssignmentService({ store, bus, clock: systemClock });
    const sla = new SlaService({ store, bus, clock: systemClock, calendars: [] });
    await sla.runRound(); // the first round journals every due time: not a steady-state round
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      await assignment.runRound();
      await sla.runRound();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[2]!;
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: [number, number][] = [];
  for (const open of SIZES) results.push([open, await roundMs(open)]);
  const [small, large] = [results[0]!, results[results.length - 1]!];
  for (const [open, ms] of results) console.log(`routing round (assignment + service levels), ${String(open).padStart(6)} open conversations after ${HISTORY} resolved: ${ms.toFixed(1)} ms (median of 5)`);
  const perSmall = small[1] / small[0];
  const perLarge = large[1] / large[0];
  console.log(`cost per open conversation, ${large[0]} vs ${small[0]}: ${(perLarge / perSmall).toFixed(2)}× (1 = linear)`);
}

void main();
