import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CitizenId, JournalEvent, NewJournalEvent } from '../../shared/index.js';
import { LocalEventBus } from '../events/local-event-bus.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { commit } from './commit.js';
import { ClaimConflictError, type Store } from './ports.js';

const serverDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

let dir: string;
let store: Store;
const bus = new LocalEventBus();
let published: JournalEvent[];
let unsubscribe: () => void;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-commit-'));
  store = await openSqliteStore({ file: path.join(dir, 'store.sqlite') });
  published = [];
  unsubscribe = bus.subscribe((e) => published.push(e));
});
afterEach(async () => {
  unsubscribe();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const created = (name: string): NewJournalEvent => ({
  at: new Date().toISOString(),
  actor: { kind: 'system' },
  citizenId: `cit_${name}` as CitizenId,
  type: 'citizen.created',
  payload: { displayName: name, identities: [] },
});

/** Every TypeScript module of the server outside tests, benchmarks and the store adapters. */
function productionModules(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) return ['store', 'bench', 'test'].includes(name) && folder === serverDir ? [] : productionModules(file);
    return /\.ts$/.test(name) && !/\.test\.ts$|contract/.test(name) ? [file] : [];
  });
}

describe('commit means publish', () => {
  it('announces exactly what the journal took, with its positions', async () => {
    const committed = await commit({ store, bus }, [created('a'), created('b')]);
    expect(committed.map((e) => e.seq)).toEqual([1, 2]);
    expect(published).toEqual(committed);
  });

  it('announces nothing when a claim is lost, since nothing was written', async () => {
    await commit({ store, bus }, [created('a')], [{ key: 'k', owner: 'a' }]);
    published = [];
    await expect(commit({ store, bus }, [created('b')], [{ key: 'k', owner: 'b' }])).rejects.toBeInstanceOf(ClaimConflictError);
    expect(published).toEqual([]);
  });

  it('is the only way the server writes to the journal', () => {
    const writers = productionModules(serverDir)
      .filter((file) => !file.endsWith(path.join('domain', 'commit.ts')))
      .filter((file) => /\bstore\.append\(|\.append\(\[/.test(readFileSync(file, 'utf8')));
    expect(writers.map((f) => path.relative(serverDir, f))).toEqual([]);
  });
});
