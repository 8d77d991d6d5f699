import Database from 'better-sqlite3';
import mongoose from 'mongoose';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { InboundMessage, QueueId } from '../../shared/index.js';
import { sanitizeEmailHtml } from '../content/sanitize-html.js';
import { IngestService } from '../domain/ingest.js';
import { systemClock, type Store } from '../domain/ports.js';
import { LocalEventBus } from '../events/local-event-bus.js';
import { openMongoStore } from '../store/mongo/mongo-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

// Ingest throughput on the SQLite store, as a ratio to a baseline measured in the same run:
// one plain INSERT of the same JSON per transaction, with the same pragmas. The ratio says what
// dedupe, identity, threading and projections cost over the bare durable write, and stays
// comparable across machines where absolute figures do not.
// With MONGODB_URI set, the same loop also runs on the MongoDB store (a throw-away database on
// that server), reported against the same baseline and against a plain insertOne on that server.

const COUNT = Number(process.env.BENCH_MESSAGES ?? 3000);
const CITIZENS = Math.max(1, Math.floor(COUNT / 5));

function messages(): InboundMessage[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    channel: i % 3 === 0 ? 'whatsapp' : 'email',
    externalId: `bench-${i}`,
    from: i % 3 === 0 ? { kind: 'whatsapp', value: `+336${String(10_000_000 + (i % CITIZENS)).padStart(8, '0')}` } : { kind: 'email', value: `citoyen${i % CITIZENS}@example.fr` },
    subject: 'Demande',
    text: `Bonjour, message numéro ${i} au sujet de ma demande d'acte de naissance.`,
  }));
}

/** Ingests every message in order, one at a time, and closes the store. */
async function ingestAll(store: Store, input: readonly InboundMessage[]): Promise<{ ms: number; rssGrowth: number }> {
  const queues = [{ id: 'que_accueil' as QueueId, keywords: ['naissance'], isDefault: true }];
  const ingest = new IngestService({ store, bus: new LocalEventBus(), clock: systemClock, queueRules: { queues }, sanitizeHtml: sanitizeEmailHtml });
  try {
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    for (const m of input) await ingest.ingest(m);
    return { ms: performance.now() - started, rssGrowth: process.memoryUsage().rss - rssBefore };
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-'));
  const input = messages();
  try {
    // The bare durable write, at both of SQLite's sync levels the store could use.
    const baseline = (synchronous: 'FULL' | 'NORMAL'): number => {
      const raw = new Database(path.join(dir, `baseline-${synchronous}.sqlite`));
      raw.pragma('journal_mode = WAL');
      raw.pragma(`synchronous = ${synchronous}`);
      raw.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      const insert = raw.prepare('INSERT INTO events (body) VALUES (?)');
      const write = raw.transaction((body: string) => insert.run(body));
      const began = performance.now();
      for (const m of input) write.immediate(JSON.stringify(m));
      const ms = performance.now() - began;
      raw.close();
      return ms;
    };
    const baselineMs = baseline('FULL');
    const baselineNormalMs = baseline('NORMAL');

    const rate = (ms: number) => Math.round((COUNT / ms) * 1000);
    console.log(`messages: ${COUNT} from ${CITIZENS * 2} senders`);
    console.log(`baseline (plain durable insert, synchronous=FULL): ${rate(baselineMs)} msg/s`);

    const sqlite = await ingestAll(await openSqliteStore({ file: path.join(dir, 'guichet.sqlite') }), input);
    console.log(`ingest pipeline on SQLite:       ${rate(sqlite.ms)} msg/s`);
    console.log(`ratio ingest/baseline time:      ${(sqlite.ms / baselineMs).toFixed(2)}x`);
    console.log(`RSS growth during ingest:        ${(sqlite.rssGrowth / 1_048_576).toFixed(1)} MiB`);

    // What durability costs: the same pipeline and baseline with NORMAL (commits synced only at
    // checkpoints, so a power cut may lose acknowledged ones).
    const normal = await ingestAll(await openSqliteStore({ file: path.join(dir, 'guichet-normal.sqlite'), synchronous: 'NORMAL' }), input);
    console.log(`ingest pipeline, synchronous=NORMAL: ${rate(normal.ms)} msg/s (plain insert ${rate(baselineNormalMs)} msg/s)`);
    console.log(`cost of FULL over NORMAL:        ${(sqlite.ms / normal.ms).toFixed(2)}x time (plain insert ${(baselineMs / baselineNormalMs).toFixed(2)}x)`);

    let started: number;
    const uri = process.env.MONGODB_URI;
    if (uri) {
      const dbName = `guichet_bench_${process.pid}`;
      const conn = await mongoose.createConnection(uri, { dbName }).asPromise();
      try {
        const plain = conn.collection<{ _id: number; body: string }>('baseline');
        started = performance.now();
        for (const [i, m] of input.entries()) await plain.insertOne({ _id: i, body: JSON.stringify(m) });
        const plainMs = performance.now() - started;
        await plain.drop();
        const mongo = await ingestAll(await openMongoStore({ uri, dbName }), input);
        console.log(`plain insertOne on MongoDB:      ${rate(plainMs)} msg/s`);
        console.log(`ingest pipeline on MongoDB:      ${rate(mongo.ms)} msg/s`);
        console.log(`ratio ingest/baseline time:      ${(mongo.ms / baselineMs).toFixed(2)}x (SQLite insert), ${(mongo.ms / plainMs).toFixed(2)}x (MongoDB insertOne)`);
        console.log(`ratio MongoDB/SQLite ingest:     ${(mongo.ms / sqlite.ms).toFixed(2)}x`);
      } finally {
        await conn.dropDatabase();
        await conn.close();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
