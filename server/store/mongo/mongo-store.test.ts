import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import type { CitizenId, JournalEvent, Message, NewJournalEvent } from '../../../shared/index.js';
import { StoreUnavailableError, type Claim, type Store } from '../../domain/ports.js';
import {
  at,
  citizenCreated,
  conversationAssigned,
  conversationOpened,
  conversationStatus,
  ids,
  messageEvent,
  messageOfRef,
  messageStatus,
  newConversation,
  type ConversationRef,
} from '../../testing/journal-events.js';
import { storeContract } from '../contract/store-contract.js';
import { PROJECTIONS } from './models.js';
import { openMongoStore, type MongoStoreOptions } from './mongo-store.js';

// The contract and the MongoDB-specific behaviour, against the server named by MONGODB_URI
// (tools/mongo-server/start.sh provides one). Each store gets a database of its own, dropped
// after. Without MONGODB_URI the suite is skipped, unless GUICHET_REQUIRE_MONGO=1 (CI), where a
// missing server is a failure rather than a silent skip.

const uri = process.env.MONGODB_URI;
const required = process.env.GUICHET_REQUIRE_MONGO === '1';
const SKIP_REASON = 'MONGODB_URI unset: run `npm run mongo:install`, then `eval "export $(npm run -s mongo:start)"` (README, "The MongoDB store\'s tests")';

const run = `t${process.pid}_${randomBytes(3).toString('hex')}`;
let databases = 0;
let admin: mongoose.Connection | undefined;

async function dropDatabase(name: string): Promise<void> {
  admin ??= await mongoose.createConnection(uri!, { bufferCommands: false }).asPromise();
  await admin.useDb(name).dropDatabase();
}

afterAll(async () => {
  await admin?.close();
});

/** A fresh database; every store opened by the test shares it. Drops it at cleanup. */
function freshDatabase() {
  databases += 1;
  const dbName = `guichet_${run}_${databases}`;
  const opened: Store[] = [];
  return {
    dbName,
    async open(opts: Partial<MongoStoreOptions> = {}): Promise<Store> {
      const store = await openMongoStore({ uri: uri!, dbName, ...opts });
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) await store.close();
      await dropDatabase(dbName);
    },
  };
}

if (!uri && !required) console.warn(`[mongo store] contract and adapter tests skipped: ${SKIP_REASON}`);

if (!uri && required) {
  describe('mongo store', () => {
    it('runs against a MongoDB-wire server (GUICHET_REQUIRE_MONGO=1)', () => {
      throw new Error('GUICHET_REQUIRE_MONGO=1 but MONGODB_URI is unset: the Mongo suite would be skipped');
    });
  });
}

describe.skipIf(!uri)(uri ? 'mongo store' : `mongo store (skipped: ${SKIP_REASON})`, () => {
  storeContract('mongo', async () => {
    const db = freshDatabase();
    const store = await db.open();
    return { store, cleanup: () => db.cleanup() };
  });

  /** Everything a reader sees of some conversations, through the port. */
  async function observe(store: Store, refs: readonly ConversationRef[], messages: readonly Message[]) {
    return {
      head: await store.headSeq(),
      journal: await store.readJournal({ afterSeq: 0, limit: 1000 }),
      conversations: await Promise.all(refs.map((r) => store.getConversation(r.conversationId))),
      citizens: await Promise.all(refs.map((r) => store.getCitizen(r.citizenId))),
      timelines: await Promise.all(refs.map((r) => store.timeline(r.citizenId, { limit: 50 }))),
      messages: await Promise.all(messages.map((m) => store.getMessage(m.id))),
      byExternal: await store.findMessageByExternalId('email', 'ext-1'),
      byIdentity: await store.findCitizenByIdentity('email', 'camille@example.fr'),
      search: await store.searchMessages('dossier', 50),
      inbox: await store.listConversations({ limit: 50 }),
      count: await store.countCitizens(),
      // Leased until `now`: free again at once, so observing twice sees the same items.
      outbox: await store.leaseOutbox(at(500), at(500), 10),
    };
  }

  /** A few appends touching every projection, and what to observe of them. */
  function activity() {
    const citizenId = ids.citizen();
    const ref = newConversation(citizenId, ids.queue());
    const other = newConversation(citizenId, ref.queueId);
    const inbound = messageOfRef('message.received', ref, { at: at(2), text: 'Où en est mon dossier ?', externalId: 'ext-1' });
    const reply = messageOfRef('message.sent', ref, { at: at(3), text: 'Votre dossier est prêt.' });
    const queued = messageOfRef('message.sent', other, { at: at(6), text: 'Rappel du dossier' });
    const identity = { kind: 'email' as const, value: 'camille@example.fr', level: 'channel' as const };
    const batches: [NewJournalEvent[], Claim[]][] = [
      [[citizenCreated(citizenId, { identities: [identity] }), conversationOpened(ref, { at: at(1) })], [{ key: 'identity:email:camille@example.fr', owner: citizenId }]],
      [[messageEvent('message.received', inbound, ref.queueId)], [{ key: 'external:email:ext-1', owner: inbound.id }]],
      [[messageEvent('message.sent', reply, ref.queueId), messageStatus(ref, reply.id, 'delivered', at(4))], []],
      [[conversationAssigned(ref, ids.agent(), null, at(5)), conversationStatus(ref, 'resolved', 'open', at(5))], []],
      [[conversationOpened(other, { at: at(6) }), messageEvent('message.sent', queued, other.queueId)], []],
    ];
    return {
      refs: [ref, other],
      messages: [inbound, reply, queued],
      async play(store: Store): Promise<JournalEvent[]> {
        const committed: JournalEvent[] = [];
        for (const [events, claims] of batches) committed.push(...(await store.append(events, claims)));
        return committed;
      },
    };
  }

  it('reads journals and citizens written before identity levels (verified) with levels, and rebuilds them the same', async () => {
    const db = freshDatabase();
    try {
      const citizenId = ids.citizen();
      const store = await db.open();
      await store.append([citizenCreated(citizenId, { identities: [{ kind: 'email', value: 'a@b.fr', level: 'channel' }, { kind: 'phone', value: '+33612345678', level: 'unverified' }] })]);
      // What a database of the old format holds: `verified` and no `level`, in the journal and the projection.
      const raw = await mongoose.createConnection(uri!, { dbName: db.dbName }).asPromise();
      try {
        const old = [{ kind: 'email', value: 'a@b.fr', verified: true }, { kind: 'phone', value: '+33612345678', verified: false }];
        await raw.collection('journal').updateMany({}, { $set: { 'events.0.payload.identities': old } });
        await raw.collection('citizens').updateMany({}, { $set: { identities: old } });
      } finally {
        await raw.close();
      }
      const reopened = await db.open();
      const expected = [{ kind: 'email', value: 'a@b.fr', level: 'channel' }, { kind: 'phone', value: '+33612345678', level: 'unverified' }];
      expect((await reopened.getCitizen(citizenId))!.identities).toEqual(expected);
      expect((await reopened.findCitizenByIdentity('phone', '+33612345678'))!.identities).toEqual(expected);
      const [event] = await reopened.readJournal({ afterSeq: 0, limit: 1 });
      expect(event!.type === 'citizen.created' && event!.payload.identities).toEqual(expected);
      await reopened.append([{ type: 'citizen.renamed', at: at(3), actor: { kind: 'agent', id: 'agt_x' }, citizenId, payload: { displayName: 'Camille', previous: 'Camille Martin' } }]);
      const live = await reopened.getCitizen(citizenId);
      expect(live!.identities).toEqual(expected);
      await reopened.rebuildProjections();
      expect(await reopened.getCitizen(citizenId)).toEqual(live);
    } finally {
      await db.cleanup();
    }
  });

  describe('projections after a crash', () => {
    it('re-applies at start-up what was committed but never projected', async () => {
      const reference = freshDatabase();
      const crashed = freshDatabase();
      try {
        const plan = activity();
        const expected = await plan.play(await reference.open());
        const seen = await observe(await reference.open(), plan.refs, plan.messages);
        expect(seen.conversations.every((c) => c !== null)).toBe(true);
        expect(seen.outbox).toHaveLength(1);

        // The same appends, but every commit "crashes" before its projections.
        const dying = await crashed.open({ testHooks: { skipProjections: true } });
        expect(await plan.play(dying)).toEqual(expected);
        expect(await dying.getConversation(plan.refs[0]!.conversationId)).toBeNull();
        expect(await dying.countCitizens()).toBe(0);
        expect(await dying.headSeq()).toBe(seen.head);

        const restarted = await crashed.open();
        expect(await observe(restarted, plan.refs, plan.messages)).toEqual(seen);
      } finally {
        await reference.cleanup();
        await crashed.cleanup();
      }
    });

    it('catches up from each watermark without applying anything twice', async () => {
      const db = freshDatabase();
      try {
        const store = await db.open();
        const { refs, messages, play } = activity();
        await play(store);
        const before = await observe(store, refs, messages);

        // As after a crash between the projection writes and their watermarks: rows present,
        // watermarks behind; and one projection lost its rows entirely.
        const raw = await mongoose.createConnection(uri!, { dbName: db.dbName }).asPromise();
        try {
          const marks = await raw.collection('projection_watermarks').updateMany({}, { $set: Object.fromEntries(PROJECTIONS.map((p) => [p, 0])) });
          expect(marks.modifiedCount).toBe(1);
          await raw.collection('conversations').deleteMany({});
        } finally {
          await raw.close();
        }
        const reopened = await db.open();
        expect(await observe(reopened, refs, messages)).toEqual(before);
        expect((await reopened.getConversation(refs[0]!.conversationId))?.messageCount).toBe(2);
      } finally {
        await db.cleanup();
      }
    });

    it('lets the next writer project a commit whose instance never did, after the abandon delay', async () => {
      const db = freshDatabase();
      try {
        const dying = await db.open({ testHooks: { skipProjections: true } });
        const survivor = await db.open({ abandonAfterMs: 200 });
        const citizenId = ids.citizen();
        const ref = newConversation(citizenId, ids.queue());
        await dying.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1) })]);

        const started = performance.now();
        const [event] = await survivor.append([conversationStatus(ref, 'pending', 'open', at(2))]);
        expect(performance.now() - started).toBeGreaterThanOrEqual(150);
        expect(event!.seq).toBe(3);
        expect((await survivor.getConversation(ref.conversationId))?.status).toBe('pending');
        expect(await survivor.getCitizen(citizenId)).not.toBeNull();
      } finally {
        await db.cleanup();
      }
    });
  });

  describe('sequence across instances', () => {
    it('never lets a late commit take a seq a reader has already passed', async () => {
      const db = freshDatabase();
      try {
        let release!: () => void;
        const paused = new Promise<void>((resolve) => (release = resolve));
        let reachedInsert!: (seq: number) => void;
        const reached = new Promise<number>((resolve) => (reachedInsert = resolve));
        let first = true;
        const slow = await db.open({
          testHooks: {
            beforeJournalInsert: async (seq) => {
              if (!first) return;
              first = false;
              reachedInsert(seq);
              await paused;
            },
          },
        });
        const fast = await db.open();
        const reader = await db.open();
        const citizenId = ids.citizen();
        await fast.append([citizenCreated(citizenId)]);
        expect(await slow.headSeq()).toBe(1);

        // `slow` has chosen seq 2 and stalls before committing it; `fast` commits meanwhile.
        const late = slow.append([citizenCreated(ids.citizen())]);
        expect(await reached).toBe(2);
        const [early] = await fast.append([citizenCreated(ids.citizen())]);
        expect(early!.seq).toBe(2);

        // A reader catching up now sees 1..2 and resumes after 2 later.
        expect(await reader.headSeq()).toBe(2);
        const firstRead = await reader.readJournal({ afterSeq: 0, limit: 100 });
        expect(firstRead.map((e) => e.seq)).toEqual([1, 2]);

        release();
        const [committedLate] = await late;
        // The stalled writer lost its position and committed after everything already visible.
        expect(committedLate!.seq).toBe(3);
        const caughtUp = await reader.readJournal({ afterSeq: 2, limit: 100 });
        expect(caughtUp).toEqual([committedLate]);
        expect(await reader.headSeq()).toBe(3);
      } finally {
        await db.cleanup();
      }
    });

    it('serves every event exactly once to a reader polling while two instances append', async () => {
      const db = freshDatabase();
      try {
        const [a, b, reader] = [await db.open(), await db.open(), await db.open()];
        const perInstance = 40;
        let writing = true;
        const seen: JournalEvent[] = [];
        const poller = (async () => {
          while (writing || seen.length < 2 * perInstance) {
            const after = seen.length > 0 ? seen[seen.length - 1]!.seq : 0;
            const page = await reader.readJournal({ afterSeq: after, limit: 7 });
            // Every page continues exactly where the previous one ended: no seq skipped, none twice.
            page.forEach((e, i) => expect(e.seq).toBe(after + 1 + i));
            seen.push(...page);
            if (page.length === 0) await new Promise((r) => setTimeout(r, 2));
          }
        })();
        const writer = (store: Store, tag: string) =>
          Promise.all(Array.from({ length: perInstance }, (_, i) => store.append([citizenCreated(ids.citizen(), { displayName: `${tag}${i}` })])));
        const written = (await Promise.all([writer(a, 'a'), writer(b, 'b')])).flat(2);
        writing = false;
        await poller;

        expect(written.map((e) => e.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 2 * perInstance }, (_, i) => i + 1));
        expect(seen).toEqual([...written].sort((x, y) => x.seq - y.seq));
        expect(await a.countCitizens()).toBe(2 * perInstance);
        const names = (await Promise.all(seen.map((e) => b.getCitizen(e.citizenId as CitizenId)))).map((c) => c?.displayName);
        expect(names.filter((n) => n === undefined)).toEqual([]);
      } finally {
        await db.cleanup();
      }
    });
  });

  describe('claims left by a crash', () => {
    const key = 'identity:email:orphan@example.fr';

    it('takes over a claim whose append never committed, once the abandon delay has passed', async () => {
      const db = freshDatabase();
      try {
        const crashing = await db.open({
          testHooks: {
            beforeJournalInsert: () => Promise.reject(new Error('process killed between the claim and the journal insert')),
          },
        });
        const lost = ids.citizen();
        await expect(crashing.append([citizenCreated(lost)], [{ key, owner: lost }])).rejects.toThrow(/process killed/);

        const next = await db.open({ abandonAfterMs: 250 });
        const winner = ids.citizen();
        const started = performance.now();
        const [event] = await next.append([citizenCreated(winner)], [{ key, owner: winner }]);
        expect(performance.now() - started).toBeGreaterThanOrEqual(200);
        expect(event!.seq).toBe(1);
        expect(await next.claimOwner(key)).toBe(winner);
        expect(await crashing.claimOwner(key)).toBe(winner);
        expect(await next.getCitizen(lost)).toBeNull();
      } finally {
        await db.cleanup();
      }
    });

    it('fences a stalled append so it cannot commit after its claim was taken over', async () => {
      const db = freshDatabase();
      try {
        let stalled!: () => void;
        const stalling = new Promise<void>((resolve) => (stalled = resolve));
        let resume!: () => void;
        const resumed = new Promise<void>((resolve) => (resume = resolve));
        const slow = await db.open({
          testHooks: {
            beforeJournalInsert: async () => {
              stalled();
              await resumed;
            },
          },
        });
        const quick = await db.open({ abandonAfterMs: 150 });
        const [first, second] = [ids.citizen(), ids.citizen()];
        const late = slow.append([citizenCreated(first)], [{ key, owner: first }]);
        await stalling;

        const [event] = await quick.append([citizenCreated(second)], [{ key, owner: second }]);
        expect(event!.seq).toBe(1);
        resume();
        await expect(late).rejects.toBeInstanceOf(StoreUnavailableError);

        expect(await quick.readJournal({ afterSeq: 0, limit: 10 })).toEqual([event]);
        expect(await quick.headSeq()).toBe(1);
        expect(await slow.claimOwner(key)).toBe(second);
        expect(await quick.getCitizen(first)).toBeNull();
      } finally {
        await db.cleanup();
      }
    });

    it('waits for a live holder instead of taking its claim over', async () => {
      const db = freshDatabase();
      try {
        let resume!: () => void;
        const resumed = new Promise<void>((resolve) => (resume = resolve));
        let stalled!: () => void;
        const stalling = new Promise<void>((resolve) => (stalled = resolve));
        const slow = await db.open({
          testHooks: {
            beforeJournalInsert: async () => {
              stalled();
              await resumed;
            },
          },
        });
        const patient = await db.open({ abandonAfterMs: 5000 });
        const [first, second] = [ids.citizen(), ids.citizen()];
        const holder = slow.append([citizenCreated(first)], [{ key, owner: first }]);
        await stalling;
        const contender = patient.append([citizenCreated(second)], [{ key, owner: second }]);
        setTimeout(resume, 100);
        await expect(holder).resolves.toHaveLength(1);
        await expect(contender).rejects.toMatchObject({ key });
        expect(await patient.claimOwner(key)).toBe(first);
        expect(await patient.getCitizen(first)).not.toBeNull();
      } finally {
        await db.cleanup();
      }
    });
  });
});

describe('mongo store without a server', () => {
  it('reports an unreachable server as StoreUnavailableError', async () => {
    await expect(openMongoStore({ uri: 'mongodb://127.0.0.1:9/guichet', serverSelectionTimeoutMs: 300 })).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it.skipIf(!uri)('reports use after close as StoreUnavailableError', async () => {
    const db = freshDatabase();
    const store = await db.open();
    await store.close();
    await expect(store.headSeq()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.append([citizenCreated(ids.citizen())])).rejects.toBeInstanceOf(StoreUnavailableError);
    await db.cleanup();
  });
});
