import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { InboundMessage, QueueId } from '../../shared/index.js';
import { sanitizeEmailHtml } from '../content/sanitize-html.js';
import { IngestService } from '../domain/ingest.js';
import { systemClock } from '../domain/ports.js';
import { LocalEventBus } from '../events/local-event-bus.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

// Ingest throughput on the SQLite store, as a ratio to a baseline measured in the same run:
// one plain INSERT of the same JSON per transaction, with the same pragmas. The ratio says what
// dedupe, identity, threading and projections cost over the bare durable write, and stays
// comparable across machines where absolute figures do not.

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

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-'));
  const input = messages();
  try {
    const raw = new Database(path.join(dir, 'baseline.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = raw.prepare('INSERT INTO events (body) VALUES (?)');
    const write = raw.transaction((body: string) => insert.run(body));
    let started = performance.now();
    for (const m of input) write.immediate(JSON.stringify(m));
    const baselineMs = performance.now() - started;
    raw.close();

    const store = await openSqliteStore({ file: path.join(dir, 'guichet.sqlite') });
    const queues = [{ id: 'que_accueil' as QueueId, keywords: ['naissance'], isDefault: true }];
    const ingest = new IngestService({ store, bus: new LocalEventBus(), clock: systemClock, routing: { queues }, sanitizeHtml: sanitizeEmailHtml });
    const rssBefore = process.memoryUsage().rss;
    started = performance.now();
    for (const m of input) await ingest.ingest(m);
    const ingestMs = performance.now() - started;
    const rssAfter = process.memoryUsage().rss;
    await store.close();

    const rate = (ms: number) => Math.round((COUNT / ms) * 1000);
    console.log(`messages: ${COUNT} from ${CITIZENS * 2} senders`);
    console.log(`baseline (plain durable insert): ${rate(baselineMs)} msg/s`);
    console.log(`ingest pipeline on SQLite:       ${rate(ingestMs)} msg/s`);
    console.log(`ratio ingest/baseline time:      ${(ingestMs / baselineMs).toFixed(2)}x`);
    console.log(`RSS growth during ingest:        ${((rssAfter - rssBefore) / 1_048_576).toFixed(1)} MiB`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
