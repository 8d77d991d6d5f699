import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../domain/ports.js';
import { at, conversationStatus } from '../../testing/journal-events.js';
import { seedWorld, type World } from './inbox-oracle.js';
import { messageIds } from './reading.js';

// StoreAdmin.rebuildProjections: the same answers from the journal alone, as often as asked.


/** Everything a reader can see through the port, for before/after comparisons. */
async function snapshot(store: Store, world: World) {
  const citizens = await Promise.all(
    world.citizens.map(async (id) => ({
      citizen: await store.getCitizen(id),
      conversations: await store.listCitizenConversations(id),
      active: await store.findActiveConversation(id),
      timeline: await store.timeline(id, { limit: 200 }),
      latest: await store.timeline(id, { limit: 2 }),
    })),
  );
  const conversations = await Promise.all(world.conversations.map((c) => store.getConversation(c.conversationId)));
  const messages = await Promise.all(world.messages.map((m) => store.getMessage(m.id)));
  const pages = await Promise.all(
    [{}, { queueId: world.queues[0]! }, { status: 'open' as const }, { channel: 'email' as const }, { assigneeId: null }].map((q) =>
      store.listConversations({ ...q, limit: 3 }),
    ),
  );
  return {
    citizens,
    conversations,
    messages,
    pages,
    byIdentity: await store.findCitizenByIdentity('email', 'citoyen0@example.fr'),
    byExternal: await store.findMessageByExternalId('email', 'ext-0'),
    search: messageIds(await store.searchMessages('demande', 50)).sort(),
    count: await store.countCitizens(),
    journal: await store.readJournal({ afterSeq: 0, limit: 10_000 }),
    head: await store.headSeq(),
  };
}

export function rebuildContract(current: () => Store): void {
  describe('rebuildProjections', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('rebuilds the same state from the journal, and again', async () => {
      const world = await seedWorld(store);
      const before = await snapshot(store, world);
      expect(before.count).toBe(4);
      expect(before.search.length).toBeGreaterThan(0);

      await store.rebuildProjections();
      expect(await snapshot(store, world)).toEqual(before);
      await store.rebuildProjections();
      expect(await snapshot(store, world)).toEqual(before);

      // Appending still continues the sequence and the projections.
      const ref = world.conversations[0]!;
      const [event] = await store.append([conversationStatus(ref, 'resolved', 'open', at(99))]);
      expect(event!.seq).toBe(before.head + 1);
      expect((await store.getConversation(ref.conversationId))?.status).toBe('resolved');
    });

    it('rebuilds an empty store', async () => {
      await store.rebuildProjections();
      expect(await store.headSeq()).toBe(0);
      expect(await store.countCitizens()).toBe(0);
    });
  });
}
