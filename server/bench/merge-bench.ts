import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Agent, AgentId, CitizenId, Identity, NewJournalEvent, QueueId } from '../../shared/index.js';
import { CitizenMergeService } from '../domain/citizens/merge-service.js';
import { systemClock, type Store } from '../domain/ports.js';
import { LocalEventBus } from '../events/local-event-bus.js';
import { openMongoStore } from '../store/mongo/mongo-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { at, citizenCreated, conversationOpened, ids, messageEvent, messageOfRef, newConversation } from '../testing/journal-events.js';

// What a merge costs as a record's history grows: CitizenMergeService.merge of a citizen with N
// messages (the journal event, the moves, every projection following), against the bare database
// work of moving the same rows (one UPDATE per table on SQLite, one updateMany per collection on
// MongoDB) on an identical store, in the same run. Rounds alternate subject and baseline, each on
// a freshly built store (a merge happens once), and the median and min are printed.

const SIZES = (process.env.BENCH_MERGE_MESSAGES ?? '2000,10000').split(',').map(Number);
// FerretDB (the MongoDB-wire server the tests run) updates documents one by one over SQLite and
// takes minutes per round at 10,000: MongoDB sizes are set apart.
const MONGO_SIZES = (process.env.BENCH_MERGE_MESSAGES_MONGO ?? '2000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PER_CONVERSATION = 100;
const Q = 'que_bench' as QueueId;
const SUPERVISOR: Agent = { id: 'agt_bench' as AgentId, email: 'bench@mairie.test', displayName: 'Bench', role: 'supervisor', queueIds: [] };

interface Pair {
  survivor: CitizenId;
  merged: CitizenId;
}

/** Two records: a small survivor, and the merged one with `messages` messages over many conversations. */
async function seed(store: Store, messages: number): Promise<Pair> {
  const survivor = ids.citizen();
  const merged = ids.citizen();
  const email: Identity = { kind: 'email', value: `bench-${randomBytes(4).toString('hex')}@example.fr`, level: 'channel' };
  const phone: Identity = { kind: 'phone', value: '+33612345678', level: 'channel' };
  const own = newConversation(survivor, Q);
  await store.append([citizenCreated(survivor, { identities: [email] }), conversationOpened(own, { at: at(0) }), messageEvent('message.received', messageOfRef('message.received', own, { at: at(0) }), Q)]);
  await store.append([citizenCreated(merged, { identities: [phone], at: at(1) })]);
  for (let first = 0; first < messages; first += PER_CONVERSATION) {
    const ref = newConversation(merged, Q);
    const batch: NewJournalEvent[] = [conversationOpened(ref, { at: at(first + 1), channel: 'phone' })];
    for (let i = first; i < Math.min(messages, first + PER_CONVERSATION); i++) {
      batch.push(messageEvent('message.received', messageOfRef('message.received', ref, { at: at(i + 1), channel: 'phone', text: `message ${i}` }), Q));
    }
    await store.append(batch);
  }
  return { survivor, merged };
}

interface Adapter {
  name: string;
  sizes: number[];
  /** A fresh store, and how to get ready (untimed) to run the bare moves of a pair on its database. */
  open(): Promise<{ store: Store; bare(pair: Pair): Promise<() => Promise<void>>; dispose(): Promise<void> }>;
}

const sqlite: Adapter = {
  name: 'SQLite',
  sizes: SIZES,
  async open() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-merge-bench-'));
    const file = path.join(dir, 'guichet.sqlite');
    const store = await openSqliteStore({ file });
    return {
      store,
      async bare(pair) {
        await store.close();
        const db = new Database(file);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        const moves = ['messages', 'conversations', 'identities', 'report_rows'].map((table) => db.prepare(`UPDATE ${table} SET citizen_id = ? WHERE citizen_id = ?`));
        return async () => {
          db.transaction(() => {
            for (const move of moves) move.run(pair.survivor, pair.merged);
          })();
          db.close();
        };
      },
      async dispose() {
        await store.close().catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

function mongo(base: string): Adapter {
  return {
    name: 'MongoDB',
    sizes: MONGO_SIZES,
    async open() {
      const url = new URL(base);
      url.pathname = `/guichet_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
      const store = await openMongoStore({ uri: url.toString() });
      const conn = await mongoose.createConnection(url.toString()).asPromise();
      return {
        store,
        async bare(pair) {
          return async () => {
            for (const name of ['messages', 'conversations', 'identities', 'reportRows']) {
              await conn.collection(name).updateMany({ citizenId: pair.merged }, { $set: { citizenId: pair.survivor } });
            }
          };
        },
        async dispose() {
          await conn.dropDatabase();
          await conn.close();
          await store.close();
        },
      };
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (xs: number[]) => Math.min(...xs);

async function timed(adapter: Adapter, messages: number, subject: boolean): Promise<number> {
  const { store, bare, dispose } = await adapter.open();
  try {
    const pair = await seed(store, messages);
    const merges = new CitizenMergeService({ store, bus: new LocalEventBus(), clock: systemClock });
    const run = subject ? () => merges.merge(SUPERVISOR, { survivorId: pair.survivor, mergedId: pair.merged, reason: 'bench' }) : await bare(pair);
    const t = performance.now();
    await run();
    return performance.now() - t;
  } finally {
    await dispose();
  }
}

async function main(): Promise<void> {
  const adapters = [sqlite, ...(process.env.MONGODB_URI ? [mongo(process.env.MONGODB_URI)] : [])];
  if (!process.env.MONGODB_URI) console.log('merge bench: MongoDB skipped (MONGODB_URI is not set)');
  console.log(`merge bench: load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const adapter of adapters) {
    for (const messages of adapter.sizes) {
      const subject: number[] = [];
      const baseline: number[] = [];
      try {
        for (let r = 0; r < ROUNDS; r++) {
          subject.push(await timed(adapter, messages, true));
          baseline.push(await timed(adapter, messages, false));
        }
      } catch (err) {
        // One adapter's failure (a test server refusing the load) must not hide the other figures.
        console.log(`merge of a citizen with ${messages} messages, ${adapter.name}: failed (${err instanceof Error ? err.message.slice(0, 160) : String(err)})`);
        continue;
      }
      const ratio = median(subject) / median(baseline);
      console.log(
        `merge of a citizen with ${messages} messages, ${adapter.name}: merge ${median(subject).toFixed(1)} ms (min ${min(subject).toFixed(1)}) vs bare row moves ${median(baseline).toFixed(1)} ms (min ${min(baseline).toFixed(1)}): ${ratio.toFixed(2)}x`,
      );
    }
  }
  console.log(`merge bench: load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

void main();
