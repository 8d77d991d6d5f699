import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../shared/index.js';
import { systemClock, type Store } from './domain/ports.js';
import { LocalEventBus } from './events/local-event-bus.js';
import { installProcessGuard } from './process-guard.js';
import { openSqliteStore } from './store/sqlite/sqlite-store.js';

class FakeProcess extends EventEmitter {
  pid = 4242;
  exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('process guard', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-guard-'));
    store = await openSqliteStore({ file: path.join(dir, 'g.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  function guarded() {
    const proc = new FakeProcess();
    const bus = new LocalEventBus();
    const published: JournalEvent[] = [];
    bus.subscribe((e) => published.push(e));
    const logged: string[] = [];
    installProcessGuard(proc, { store, bus, clock: systemClock, log: (msg) => logged.push(msg) });
    return { proc, published, logged };
  }

  it('logs and journals an unhandled rejection, and keeps the process running', async () => {
    const { proc, published, logged } = guarded();
    proc.emit('unhandledRejection', new TypeError('cannot read x of undefined'));
    await until(() => published.length === 1);
    const [event] = await store.readJournal({ afterSeq: 0, limit: 10 });
    expect(event).toMatchObject({
      type: 'server.error',
      actor: { kind: 'system' },
      payload: { origin: 'unhandled-rejection', error: { name: 'TypeError', message: 'cannot read x of undefined' } },
    });
    expect(event!.citizenId).toBeUndefined();
    expect((event as { payload: { instance: string } }).payload.instance).toMatch(/:4242$/);
    expect(published[0]!.seq).toBe(event!.seq);
    expect(logged.some((l) => l.includes('unhandled'))).toBe(true);
    expect(proc.exits).toEqual([]);
  });

  it('journals an uncaught exception, then exits with 1; a value that is no Error is described too', async () => {
    const { proc, published } = guarded();
    proc.emit('uncaughtException', Object.assign(new Error('boom'), { stack: 'Error: boom\n    at handler' }));
    await until(() => proc.exits.length === 1);
    expect(proc.exits).toEqual([1]);
    proc.emit('unhandledRejection', { weird: 'value' });
    await until(() => published.length === 2);
    const events = await store.readJournal({ afterSeq: 0, limit: 10 });
    expect(events.map((e) => e.type === 'server.error' && [e.payload.origin, e.payload.error.message])).toEqual([
      ['uncaught-exception', 'boom'],
      ['unhandled-rejection', '{"weird":"value"}'],
    ]);
  });

  it('still exits when the store cannot take the record', async () => {
    const { proc, logged } = guarded();
    await store.close();
    proc.emit('uncaughtException', new Error('store gone too'));
    await until(() => proc.exits.length === 1);
    expect(logged.some((l) => l.includes('could not journal'))).toBe(true);
    store = await openSqliteStore({ file: path.join(dir, 'g.sqlite') });
  });
});
