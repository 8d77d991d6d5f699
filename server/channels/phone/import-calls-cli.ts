import { readFile } from 'node:fs/promises';
import { adoptStoredCalendars, CalendarSet } from '../../domain/routing-setup/live-setup.js';
import { loadRoutingSetup } from '../../bootstrap.js';
import { loadRoutingSetupConfig } from '../../config.js';
import { sanitizeEmailHtml } from '../../content/sanitize-html.js';
import { CallService } from '../../domain/calls.js';
import { IngestService } from '../../domain/ingest.js';
import { systemClock } from '../../domain/ports.js';
import { LocalEventBus } from '../../events/local-event-bus.js';
import { openExistingStore } from '../../store/open-store.js';
import { CdrFormatError, importCdr } from './cdr-import.js';

// `npm run import:calls FILE.csv [--timezone=Europe/Paris]`: imports a PBX's call log into the
// configured store (DATA_DIR's SQLite file, or MONGODB_URI), through the same path as the voice webhooks. Safe while the server runs
// (the store's claims keep it consistent with live traffic); agents see imported calls on their next refresh, since this
// process has no socket to push them through. Exit code 0: all rows imported; 2: some rejected.

const USAGE = 'usage: npm run import:calls -- FILE.csv [--timezone=Europe/Paris]';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const zoneArg = args.find((a) => a.startsWith('--timezone='));
  const timeZone = zoneArg?.slice('--timezone='.length) || process.env.CDR_TIMEZONE || 'Europe/Paris';
  if (!file || args.some((a) => a.startsWith('--') && !a.startsWith('--timezone='))) {
    console.error(USAGE);
    return 1;
  }
  const text = await readFile(file, 'utf8');
  let store;
  try {
    // The server's calendars (ROUTING_FILE, or the demo's), so imported calls are measured alike.
    const routing = await loadRoutingSetup(loadRoutingSetupConfig());
    const calendars = new CalendarSet(routing?.setup.calendars ?? []);
    ({ store } = await openExistingStore(process.env, () => calendars.get()));
    await adoptStoredCalendars(store, calendars);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    return 1;
  }
  try {
    const bus = new LocalEventBus();
    const ingest = new IngestService({ store, bus, clock: systemClock, queueRules: { queues: await store.listQueues() }, sanitizeHtml: sanitizeEmailHtml });
    const calls = new CallService({ store, bus, clock: systemClock, ingest });
    const summary = await importCdr(text, calls, { timeZone });
    console.log(
      `${file}: ${summary.created} calls imported, ${summary.updated} updated, ${summary.unchanged} already up to date, ${summary.rejected.length} rows rejected (times without offset read as ${timeZone}).`,
    );
    for (const row of summary.rejected) console.log(`  line ${row.line}: ${row.reason}`);
    return summary.rejected.length > 0 ? 2 : 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof CdrFormatError ? `${process.argv[2] ?? ''}: ${error.message}` : error);
    process.exitCode = 1;
  },
);
