import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueId } from '../../shared/index.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

// `npm run import:calls FILE.csv` as an operator runs it: a separate process on DATA_DIR's store.

const CSV = [
  'call_id,direction,from,to,start,end,duration,outcome',
  'pbx-1,inbound,0612345678,0140000000,2025-03-03 09:15:00,2025-03-03 09:17:00,110,ANSWERED',
  'pbx-2,inbound,0612345678,0140000000,2025-03-03 10:00:00,2025-03-03 10:00:20,0,NO ANSWER',
  'pbx-3,inbound,0612345678,0140000000,,,,BUSY',
].join('\n');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-import-'));
  const store = await openSqliteStore({ file: path.join(dir, 'guichet.sqlite') });
  await store.saveQueue({ id: 'que_accueil' as QueueId, name: 'Accueil', description: '', keywords: [], isDefault: true });
  await store.close();
  await writeFile(path.join(dir, 'calls.csv'), CSV);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function importCalls(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'import:calls', '--', path.join(dir, 'calls.csv')],
      // MONGODB_URI cleared: CI exports it, and the CLI would then import into MongoDB, not this DATA_DIR.
      { env: { ...process.env, DATA_DIR: dir, MONGODB_URI: '' }, cwd: process.cwd() },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run import:calls', () => {
  it('imports the good rows, names the bad ones by line, and is idempotent on re-run', async () => {
    const first = await importCalls();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('2 calls imported, 0 updated, 0 already up to date, 1 rows rejected');
    expect(first.stdout).toContain('line 4: start is empty');

    const second = await importCalls();
    expect(second.code).toBe(2);
    expect(second.stdout).toContain('0 calls imported, 0 updated, 2 already up to date, 1 rows rejected');

    const store = await openSqliteStore({ file: path.join(dir, 'guichet.sqlite') });
    try {
      const events = await store.readJournal({ afterSeq: 0, limit: 100 });
      expect(events.filter((e) => e.type === 'message.received')).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
