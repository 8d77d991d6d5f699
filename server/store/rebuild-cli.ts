import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Store } from '../domain/ports.js';
import { openMongoStore } from './mongo/mongo-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

// `npm run rebuild-projections`: refolds every projection from the journal, e.g. after a reducer
// fix. SQLite (DATA_DIR): safe while the server runs, the rebuild is one write transaction, so
// readers see the old state until it commits. MongoDB (MONGODB_URI): no transaction, so readers
// see the projections fill up again, and instances appending meanwhile may race the rebuild:
// stop the other instances first.

async function open(): Promise<{ store: Store; where: string } | null> {
  const uri = process.env.MONGODB_URI?.trim();
  if (uri) return { store: await openMongoStore({ uri }), where: uri.replace(/\/\/[^@/]*@/, '//***@') };
  const file = join(process.env.DATA_DIR ?? './data', 'guichet.sqlite');
  // Opening a missing file would create an empty store and "rebuild" nothing: say so instead.
  if (!existsSync(file)) {
    console.error(`No store at ${file} (set DATA_DIR, or MONGODB_URI).`);
    return null;
  }
  return { store: await openSqliteStore({ file }), where: file };
}

async function main(): Promise<void> {
  const opened = await open();
  if (!opened) {
    process.exitCode = 1;
    return;
  }
  const { store, where } = opened;
  try {
    // Seqs are consecutive from 1, so the head is also the number of events.
    const events = await store.headSeq();
    const started = performance.now();
    await store.rebuildProjections();
    const ms = performance.now() - started;
    console.log(`Rebuilt projections of ${where}: ${events} events in ${(ms / 1000).toFixed(2)} s.`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
