import { performance } from 'node:perf_hooks';
import { adoptStoredCalendars, CalendarSet } from '../domain/routing-setup/live-setup.js';
import { loadRoutingSetup } from '../bootstrap.js';
import { loadRoutingSetupConfig } from '../config.js';
import { openExistingStore } from './open-store.js';

// `npm run rebuild-projections`: refolds every projection from the journal, e.g. after a reducer
// fix. SQLite (DATA_DIR): safe while the server runs, the rebuild is one write transaction, so
// readers see the old state until it commits. MongoDB (MONGODB_URI): no transaction, so readers
// see the projections fill up again, and instances appending meanwhile may race the rebuild:
// stop the other instances first. Report durations are measured in the calendars of the same
// routing setup as the server's (ROUTING_FILE, or the demo's in demo mode).

async function main(): Promise<void> {
  let opened;
  try {
    const routing = await loadRoutingSetup(loadRoutingSetupConfig());
    const calendars = new CalendarSet(routing?.setup.calendars ?? []);
    opened = await openExistingStore(process.env, () => calendars.get());
    await adoptStoredCalendars(opened.store, calendars);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
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
