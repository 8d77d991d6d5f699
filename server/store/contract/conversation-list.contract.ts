import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentId, QueueId } from '../../../shared/index.js';
import type { ConversationQuery, Store } from '../../domain/ports.js';
import { BadCursorError } from '../errors.js';
import { foldConversation, inboxOrder, matchesQuery, seedWorld } from './inbox-oracle.js';
import { BAD_CURSORS, listAll } from './reading.js';

// ReadModelStore.listConversations and countConversations against the inbox oracle: every filter,
// every page size, each row exactly once.

export function conversationListContract(current: () => Store): void {
  describe('listConversations', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('filters, orders by lastActivityAt then id descending, and pages through every row exactly once', async () => {
      const world = await seedWorld(store);
      const [q0, q1, q2] = world.queues as [QueueId, QueueId, QueueId];
      const [a0, a1] = world.agents as [AgentId, AgentId];
      const all = world.conversations.map((c) => foldConversation(world.events, c.conversationId)!).sort(inboxOrder);
      // The seeded world must exercise the id tie-break.
      expect(new Set(all.map((c) => c.lastActivityAt)).size).toBeLessThan(all.length);

      const filters: Omit<ConversationQuery, 'limit' | 'cursor'>[] = [
        {},
        { queueId: q1 },
        { status: 'open' },
        { status: 'pending' },
        { status: 'resolved' },
        { channel: 'email' },
        { channel: 'phone' },
        { channel: 'telegram' },
        { assigneeId: a0 },
        { assigneeId: a1 },
        { assigneeId: null },
        { queueIds: [q0, q2] },
        { queueIds: [] },
        { queueId: q0, status: 'open' },
        { queueIds: [q1], assigneeId: null, channel: 'email' },
        // The access rule: an agent's queues, plus what is assigned to them anywhere.
        { visibleTo: { queueIds: [q0], assigneeId: a0 } },
        { visibleTo: { queueIds: [q0], assigneeId: a1 } },
        { visibleTo: { queueIds: [], assigneeId: a0 } },
        { visibleTo: { queueIds: [q1, q2], assigneeId: a0 }, status: 'open' },
        // The inbox's "Mentions" view.
        { mentioned: a0 },
        { mentioned: a1 },
        { mentioned: a0, visibleTo: { queueIds: [q0], assigneeId: a1 } },
      ];
      for (const filter of filters) {
        const expected = all.filter((c) => matchesQuery(c, filter));
        for (const limit of [1, 2, 5, 200]) {
          const listed = await listAll(store, { ...filter, limit });
          expect(listed, `${JSON.stringify(filter)} limit ${limit}`).toEqual(expected);
        }
        // The count is of every page the same filters list.
        expect(await store.countConversations(filter), `count ${JSON.stringify(filter)}`).toBe(expected.length);
      }
      // Counts that differ, so a count ignoring a filter would fail above.
      expect(new Set(await Promise.all(filters.map((f) => store.countConversations(f)))).size).toBeGreaterThan(4);
      expect(all.filter((c) => matchesQuery(c, { assigneeId: null })).length).toBeGreaterThan(0);
      expect(all.filter((c) => matchesQuery(c, { mentioned: a0 })).map((c) => c.mentioned?.length)).toEqual(expect.arrayContaining([1, 2]));
      expect(all.filter((c) => matchesQuery(c, { mentioned: a1 })).length).toBe(1);
      expect(all.filter((c) => matchesQuery(c, { channel: 'email' })).length).toBeGreaterThan(3);
      // The OR of the access filter is exercised: assigned outside the queues given.
      expect(all.filter((c) => c.assigneeId === a0 && c.queueId !== q0).length).toBeGreaterThan(0);
    });

    it('returns a null cursor on the last page', async () => {
      const world = await seedWorld(store);
      const page = await store.listConversations({ limit: world.conversations.length });
      expect(page.items).toHaveLength(world.conversations.length);
      expect(page.nextCursor).toBeNull();
      const first = await store.listConversations({ limit: world.conversations.length - 1 });
      expect(first.nextCursor).not.toBeNull();
      const last = await store.listConversations({ limit: 5, cursor: first.nextCursor! });
      expect(last.items).toHaveLength(1);
      expect(last.nextCursor).toBeNull();
    });

    it('refuses malformed cursors with BadCursorError', async () => {
      await seedWorld(store);
      for (const cursor of BAD_CURSORS) {
        await expect(store.listConversations({ limit: 5, cursor })).rejects.toBeInstanceOf(BadCursorError);
      }
    });
  });
}
