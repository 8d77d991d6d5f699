import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteStore } from './sqlite/sqlite-store.js';

// `npm run rebuild-projections`: refolds every projection of the SQLite store from its journal,
// e.g. after a reducer fix. Safe while the server runs: the rebuild is one write transaction,
// so readers see the old state until it commits.

async function main(): Promise<void> {
  const file = join(process.env.DATA_DIR ?? './data', 'guichet.sqlite');
  // Opening a missing file would create an empty store and "rebuild" nothing: say so instead.
  if (!existsSync(file)) {
    console.error(`No store at ${file} (set DATA_DIR).`);
    process.exitCode = 1;
    return;
  }
  const store = await openSqliteStore({ file });
  try {
    // Seqs are consecutive from 1, so the head is also the number of events.
    const events = await store.headSeq();
    const started = performance.now();
    await store.rebuildProjections();
    const ms = performance.now() - started;
    console.log(`Rebuilt projections of ${file}: ${events} events in ${(ms / 1000).toFixed(2)} s.`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
