import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Store } from '../domain/ports.js';
import type { BusinessCalendar } from '../domain/business-hours/index.js';
import { businessMeasure } from '../domain/reports/business-measure.js';
import { openMongoStore } from './mongo/mongo-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export interface OpenedStore {
  store: Store;
  /** Where it is, for logs: the SQLite file, or the MongoDB URI without credentials. */
  where: string;
}

// The one place that maps configuration to an adapter. Entry points (main.ts and the CLIs) call
// it; nothing else in the server knows which adapter runs.

/**
 * MongoDB when a URI is given, else the SQLite file in dataDir (created if missing). `calendars`
 * are the deployment's opening-hours calendars (ROUTING_FILE): report durations are counted in
 * the calendar each conversation's `sla.set` names, so main.ts and the CLIs must pass the same.
 */
export async function openStore(
  mongodbUri: string | undefined,
  dataDir: string,
  calendars: readonly BusinessCalendar[] | (() => readonly BusinessCalendar[]) = [],
): Promise<OpenedStore> {
  const uri = mongodbUri?.trim();
  const measureMinutes = businessMeasure(calendars);
  if (uri) return { store: await openMongoStore({ uri, measureMinutes }), where: `MongoDB at ${uri.replace(/\/\/[^@/]*@/, '//***@')}` };
  const file = path.join(dataDir, 'guichet.sqlite');
  return { store: await openSqliteStore({ file, measureMinutes }), where: `SQLite at ${file}` };
}

/**
 * For command-line tools that work on an existing deployment: the same choice, but a missing
 * SQLite file is an error (opening it would create an empty store and act on nothing).
 */
export async function openExistingStore(env: NodeJS.ProcessEnv = process.env, calendars: readonly BusinessCalendar[] | (() => readonly BusinessCalendar[]) = []): Promise<OpenedStore> {
  const dataDir = env.DATA_DIR ?? './data';
  if (!env.MONGODB_URI?.trim() && !existsSync(path.join(dataDir, 'guichet.sqlite'))) {
    throw new Error(`No store at ${path.join(dataDir, 'guichet.sqlite')}: start Guichet once first, or set DATA_DIR or MONGODB_URI.`);
  }
  return openStore(env.MONGODB_URI, dataDir, calendars);
}
