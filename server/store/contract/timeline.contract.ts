import { beforeEach, describe, expect, it } from 'vitest';
import {
  compareMessages,
  type Channel,
  type CitizenId,
  type Message,
  type NewJournalEvent,
  type TimelinePage,
} from '../../../shared/index.js';
import type { Store } from '../../domain/ports.js';
import {
  at,
  citizenCreated,
  conversationAssigned,
  conversationOpened,
  conversationStatus,
  ids,
  messageEvent,
  messageOfRef,
  newConversation,
  type ConversationRef,
  type MessageEventType,
} from '../../testing/journal-events.js';
import { BadCursorError } from '../errors.js';
import { BAD_CURSORS, timelineBackwards, timelineForwards } from './reading.js';

// ReadModelStore.timeline: a citizen's messages across conversations and channels, paged both
// ways with opaque cursors, with the activity lines the staff screens ask for.

export function timelineContract(current: () => Store): void {
  describe('timeline', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    /** Two conversations over three channels with ties on `at`, plus another citizen's messages. */
    async function seedTimeline(): Promise<{ citizenId: CitizenId; expected: Message[]; otherId: CitizenId; refs: ConversationRef[] }> {
      const citizenId = ids.citizen();
      const otherId = ids.citizen();
      const q = ids.queue();
      const byMail = newConversation(citizenId, q);
      const byPhone = newConversation(citizenId, q);
      const others = newConversation(otherId, q);
      await store.append([citizenCreated(citizenId), citizenCreated(otherId)]);
      await store.append([
        conversationOpened(byMail, { at: at(0), channel: 'email' }),
        conversationOpened(byPhone, { at: at(0), channel: 'phone' }),
        conversationOpened(others, { at: at(0), channel: 'email' }),
      ]);
      const mine: Message[] = [];
      const types: MessageEventType[] = ['message.received', 'message.sent', 'note.added'];
      for (let i = 0; i < 23; i++) {
        const ref = i % 2 === 0 ? byMail : byPhone;
        const channel: Channel = i % 2 === 0 ? 'email' : i % 3 === 0 ? 'webchat' : 'phone';
        // Every third minute holds three messages: ties broken by id. Appended out of time order.
        const minute = 100 - Math.floor(i / 3) * (i % 2 === 0 ? 1 : 2);
        const message = messageOfRef(types[i % 3]!, ref, { at: at(minute), channel, text: `message ${i}` });
        mine.push(message);
        const theirs = messageOfRef('message.received', others, { at: at(minute), text: `autre ${i}` });
        await store.append([messageEvent(types[i % 3]!, message, q), messageEvent('message.received', theirs, q)]);
      }
      return { citizenId, otherId, expected: [...mine].sort(compareMessages), refs: [byMail, byPhone, others] };
    }

    it('returns the latest page by default and pages back, then forward, over every message once', async () => {
      const { citizenId, expected } = await seedTimeline();
      expect(new Set(expected.map((m) => m.at)).size).toBeLessThan(expected.length);

      for (const limit of [1, 4, 5, 23]) {
        const latest = await store.timeline(citizenId, { limit });
        expect(latest.items).toEqual(expected.slice(-limit));
        expect(latest.newerCursor).toBeNull();
        expect(latest.olderCursor === null).toBe(limit >= expected.length);

        const back = await timelineBackwards(store, citizenId, limit);
        for (const page of back) {
          expect(page.items.length).toBeGreaterThan(0);
          expect(page.items.length).toBeLessThanOrEqual(limit);
        }
        expect(back.flatMap((p) => p.items)).toEqual(expected);
        expect(back[0]!.olderCursor).toBeNull();

        const forward = await timelineForwards(store, citizenId, limit, back[0]!);
        expect(forward.flatMap((p) => p.items)).toEqual(expected);
        expect(forward[forward.length - 1]!.newerCursor).toBeNull();
      }
    });

    it('brings each assignment and status change once, with the page whose span holds it, only when asked', async () => {
      const { citizenId, expected, refs } = await seedTimeline();
      const [byMail, byPhone, theirs] = refs as [ConversationRef, ConversationRef, ConversationRef];
      const agent = ids.agent();
      // Before the first message, on message times (page edges), between them, and after the last.
      const changes: NewJournalEvent[] = [
        conversationAssigned(byMail, agent, null, at(0)),
        conversationStatus(byPhone, 'pending', 'open', expected[3]!.at),
        conversationAssigned(byPhone, agent, null, expected[10]!.at),
        conversationStatus(byMail, 'pending', 'open', at(95)),
        conversationStatus(byMail, 'resolved', 'pending', at(200)),
        conversationAssigned(theirs, agent, null, at(96)),
      ];
      const committed = await store.append(changes);
      const mine = committed.filter((e) => e.citizenId === citizenId);
      const seqs = (pages: TimelinePage[]) => pages.flatMap((p) => (p.activity ?? []).map((e) => e.seq));

      for (const limit of [1, 4, 5, 23]) {
        const pages = [await store.timeline(citizenId, { limit, activity: true })];
        while (pages[0]!.olderCursor !== null) pages.unshift(await store.timeline(citizenId, { limit, before: pages[0]!.olderCursor, activity: true }));
        // Spans tile the history: every change exactly once, none of another citizen's.
        expect(seqs(pages).sort((a, b) => a - b), `limit ${limit}`).toEqual(mine.map((e) => e.seq));
        for (const page of pages) {
          for (const e of page.activity!) {
            if (page.olderCursor !== null) expect(e.at >= page.items[0]!.at).toBe(true);
          }
        }
        const forward = [pages[0]!];
        while (forward[forward.length - 1]!.newerCursor !== null) {
          forward.push(await store.timeline(citizenId, { limit, after: forward[forward.length - 1]!.newerCursor!, activity: true }));
        }
        expect(new Set(seqs(forward))).toEqual(new Set(mine.map((e) => e.seq)));
      }
      // The access rule: a limited caller's page carries only its conversations' changes.
      const onlyPhone = await store.timeline(citizenId, { limit: 200, conversationIds: [byPhone.conversationId], activity: true });
      expect(onlyPhone.activity!.map((e) => e.seq)).toEqual(mine.filter((e) => e.conversationId === byPhone.conversationId).map((e) => e.seq));
      // Not asked (the citizen's own views): not there.
      expect(await store.timeline(citizenId, { limit: 200 })).not.toHaveProperty('activity');
    });

    it('tells when a channel last received a message (inbound only)', async () => {
      const { expected } = await seedTimeline();
      const latest = (channel: string) => expected.filter((m) => m.channel === channel && m.direction === 'inbound').map((m) => m.at).sort().at(-1) ?? null;
      expect(latest('email')).not.toBeNull();
      expect(await store.lastInboundAt('email')).toBe(latest('email'));
      expect(await store.lastInboundAt('phone')).toBe(latest('phone'));
      expect(await store.lastInboundAt('telegram')).toBeNull();
    });

    it('keeps to the conversations asked for, paging and cursors included (the access rule)', async () => {
      const { citizenId, expected } = await seedTimeline();
      const one = expected[0]!.conversationId;
      const only = expected.filter((m) => m.conversationId === one);
      expect(only.length).toBeLessThan(expected.length);
      for (const limit of [1, 3, 50]) {
        const back = await timelineBackwards(store, citizenId, limit, [one]);
        expect(back.flatMap((p) => p.items)).toEqual(only);
        const forward = await timelineForwards(store, citizenId, limit, back[0]!, [one]);
        expect(forward.flatMap((p) => p.items)).toEqual(only);
      }
      expect(await store.timeline(citizenId, { limit: 10, conversationIds: [] })).toEqual({ items: [], olderCursor: null, newerCursor: null });
    });

    it('returns everything with both cursors null when one page holds it all', async () => {
      const { citizenId, expected } = await seedTimeline();
      const page = await store.timeline(citizenId, { limit: 200 });
      expect(page).toEqual({ items: expected, olderCursor: null, newerCursor: null });
      expect(await store.timeline(ids.citizen(), { limit: 10 })).toEqual({ items: [], olderCursor: null, newerCursor: null });
    });

    it('shows messages appended after a page through its newer cursor', async () => {
      const { citizenId, expected } = await seedTimeline();
      const back = await timelineBackwards(store, citizenId, 5);
      const older = back[back.length - 2]!;
      expect(older.newerCursor).not.toBeNull();
      const rest = await store.timeline(citizenId, { limit: 200, after: older.newerCursor! });
      const lastSeen = older.items[older.items.length - 1]!.id;
      expect(rest.items).toEqual(expected.slice(expected.findIndex((m) => m.id === lastSeen) + 1));
      expect(rest.newerCursor).toBeNull();
    });

    it('refuses malformed cursors with BadCursorError', async () => {
      const { citizenId } = await seedTimeline();
      for (const cursor of BAD_CURSORS) {
        await expect(store.timeline(citizenId, { limit: 5, before: cursor })).rejects.toBeInstanceOf(BadCursorError);
        await expect(store.timeline(citizenId, { limit: 5, after: cursor })).rejects.toBeInstanceOf(BadCursorError);
      }
    });
  });
}
