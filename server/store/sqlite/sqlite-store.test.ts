import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/index.js';
import {
  at,
  citizenCreated,
  conversationOpened,
  ids,
  messageEvent,
  messageOfRef,
  newConversation,
} from '../../testing/journal-events.js';
import { storeContract } from '../contract/store-contract.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';

let dir: string;
let files = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'guichet-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function nextFile(): string {
  files += 1;
  return join(dir, `store-${files}.sqlite`);
}

storeContract('sqlite', async () => {
  const file = nextFile();
  const store = await openSqliteStore({ file });
  return {
    store,
    async cleanup() {
      await store.close();
      await rm(file, { force: true });
      await rm(`${file}-wal`, { force: true });
      await rm(`${file}-shm`, { force: true });
    },
  };
});

describe('sqlite store', () => {
  it('reads journals and citizens written before identity levels (verified) with levels, and rebuilds them the same', async () => {
    const file = nextFile();
    const citizenId = ids.citizen();
    const first = await openSqliteStore({ file });
    await first.append([citizenCreated(citizenId, { identities: [{ kind: 'email', value: 'a@b.fr', level: 'channel' }, { kind: 'phone', value: '+33612345678', level: 'unverified' }] })]);
    await first.close();
    // What a file of the old format holds: `verified` and no `level`, in the journal and the projection.
    const db = new Database(file);
    const old = (json: string) => json.replaceAll('"level":"channel"', '"verified":true').replaceAll('"level":"unverified"', '"verified":false');
    for (const row of db.prepare<[], { seq: number; payload: string }>('SELECT seq, payload FROM journal').all()) db.prepare('UPDATE journal SET payload = ? WHERE seq = ?').run(old(row.payload), row.seq);
    for (const row of db.prepare<[], { id: string; body: string }>('SELECT id, body FROM citizens').all()) db.prepare('UPDATE citizens SET body = ? WHERE id = ?').run(old(row.body), row.id);
    expect(db.prepare<[], { payload: string }>('SELECT payload FROM journal').get()!.payload).toContain('"verified":true');
    db.close();

    const store = await openSqliteStore({ file });
    try {
      const expected = [{ kind: 'email', value: 'a@b.fr', level: 'channel' }, { kind: 'phone', value: '+33612345678', level: 'unverified' }];
      expect((await store.getCitizen(citizenId))!.identities).toEqual(expected);
      expect((await store.findCitizenByIdentity('phone', '+33612345678'))!.identities).toEqual(expected);
      const [event] = await store.readJournal({ afterSeq: 0, limit: 1 });
      expect(event!.type === 'citizen.created' && event!.payload.identities).toEqual(expected);
      // A later event folds onto the old projection with levels.
      await store.append([{ type: 'citizen.renamed', at: at(3), actor: { kind: 'agent', id: 'agt_x' }, citizenId, payload: { displayName: 'Camille', previous: 'Camille Martin' } }]);
      const live = await store.getCitizen(citizenId);
      expect(live!.identities).toEqual(expected);
      await store.rebuildProjections();
      expect(await store.getCitizen(citizenId)).toEqual(live);
    } finally {
      await store.close();
    }
  });

  it('records its migrations and runs in WAL mode', async () => {
    const file = nextFile();
    const store = await openSqliteStore({ file });
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      const versions = db.prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version').all();
      expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('keeps its data across close and reopen, and does not migrate twice', async () => {
    const file = nextFile();
    const citizenId = ids.citizen();
    const ref = newConversation(citizenId, ids.queue());
    const message = messageOfRef('message.received', ref, { at: at(2), text: 'Bonjour', externalId: 'ext-1' });

    const first = await openSqliteStore({ file });
    await first.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1) })], [{ key: 'identity:email:a@b.fr', owner: citizenId }]);
    await first.append([messageEvent('message.received', message, ref.queueId)]);
    const conversation = await first.getConversation(ref.conversationId);
    await first.close();

    const second = await openSqliteStore({ file });
    try {
      expect(await second.headSeq()).toBe(3);
      expect(await second.getConversation(ref.conversationId)).toEqual(conversation);
      expect(await second.findMessageByExternalId('email', 'ext-1')).toEqual(message);
      expect(await second.claimOwner('identity:email:a@b.fr')).toBe(citizenId);
      expect(await second.searchMessages('bonjour', 5)).toEqual([message]);
      const [next] = await second.append([citizenCreated(ids.citizen())]);
      expect(next!.seq).toBe(4);
    } finally {
      await second.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    } finally {
      db.close();
    }
  });

  it('catches projections up from their watermark at open, without applying anything twice', async () => {
    const file = nextFile();
    const citizenId = ids.citizen();
    const ref = newConversation(citizenId, ids.queue());
    const store = await openSqliteStore({ file });
    await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1) })]);
    for (let i = 0; i < 3; i++) {
      await store.append([messageEvent('message.received', messageOfRef('message.received', ref, { at: at(2 + i) }), ref.queueId)]);
    }
    const conversation = await store.getConversation(ref.conversationId);
    const timeline = await store.timeline(citizenId, { limit: 10 });
    await store.close();

    // As after a crash between journal and projections (or a projection added by a migration):
    // the conversations projection lost its rows, the others only their watermark.
    const db = new Database(file);
    db.exec("DELETE FROM conversations; UPDATE projection_watermarks SET seq = 0");
    db.close();

    const reopened = await openSqliteStore({ file });
    try {
      const again: Conversation | null = await reopened.getConversation(ref.conversationId);
      expect(again).toEqual(conversation);
      expect(again?.messageCount).toBe(3);
      expect(await reopened.timeline(citizenId, { limit: 10 })).toEqual(timeline);
      expect(await reopened.countCitizens()).toBe(1);
    } finally {
      await reopened.close();
    }
  });

  it('finds the citizens of a file projected before the names were indexed for search', async () => {
    const file = nextFile();
    const first = await openSqliteStore({ file });
    const citizenId = ids.citizen();
    await first.append([citizenCreated(citizenId, { displayName: 'Hélène Lefèvre' })]);
    await first.close();
    // As a file written by a build without migration 12's projection.
    const raw = new Database(file);
    raw.exec("DELETE FROM citizen_words; DELETE FROM projection_watermarks WHERE name = 'citizenWords';");
    raw.close();
    const second = await openSqliteStore({ file });
    try {
      const found = await second.searchCitizens({ words: ['hel'], identities: [], limit: 5 });
      expect(found.map((f) => f.citizen.id)).toEqual([citizenId]);
    } finally {
      await second.close();
    }
  });

  it('works in memory', async () => {
    const store = await openSqliteStore({ file: ':memory:' });
    try {
      await store.append([citizenCreated(ids.citizen())]);
      expect(await store.headSeq()).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('refuses a file migrated by a newer build', async () => {
    const file = nextFile();
    await (await openSqliteStore({ file })).close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(MIGRATIONS.length + 1, new Date().toISOString());
    db.close();
    await expect(openSqliteStore({ file })).rejects.toThrow(/newer than this build/);
  });
});
