import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentId, DeliveryStatus, JournalEvent, NewJournalEvent, QueueId } from '../../../shared/index.js';
import type { Store } from '../../domain/ports.js';
import {
  at,
  citizenCreated,
  conversationAssigned,
  conversationOpened,
  conversationStatus,
  envelope,
  ids,
  messageEvent,
  messageOfRef,
  newConversation,
  systemActor,
} from '../../testing/journal-events.js';
import { foldConversation, seedWorld } from './inbox-oracle.js';

// JournalStore: seqs, reads after a seq, slices, and what an append refuses (an invalid event, a
// citizen event without a citizen or a staff event with one). Staff events are checked here with
// the agent statuses they project, since they are the journal's only events without a citizen.

export function journalContract(current: () => Store): void {
  describe('journal', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('starts empty', async () => {
      expect(await store.headSeq()).toBe(0);
      expect(await store.readJournal({ afterSeq: 0, limit: 10 })).toEqual([]);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('assigns consecutive seqs from 1 across appends and returns the stored events', async () => {
      const citizenId = ids.citizen();
      const ref = newConversation(citizenId, ids.queue());
      const batch1 = [
        citizenCreated(citizenId),
        conversationOpened(ref, { at: at(1) }),
        messageEvent('message.received', messageOfRef('message.received', ref, { at: at(2) }), ref.queueId),
      ];
      const first = await store.append(batch1);
      expect(first.map((e) => e.seq)).toEqual([1, 2, 3]);
      first.forEach((e, i) => expect(e).toMatchObject(batch1[i]!));
      const second = await store.append([
        conversationStatus(ref, 'pending', 'open', at(3)),
        conversationStatus(ref, 'open', 'pending', at(4)),
      ]);
      expect(second.map((e) => e.seq)).toEqual([4, 5]);
      expect(await store.headSeq()).toBe(5);
      expect(await store.readJournal({ afterSeq: 0, limit: 100 })).toEqual([...first, ...second]);
    });

    it('reads strictly after afterSeq, in order, honouring limit', async () => {
      const citizenId = ids.citizen();
      const ref = newConversation(citizenId, ids.queue());
      const events = [citizenCreated(citizenId), conversationOpened(ref, { at: at(1) })];
      for (let i = 0; i < 8; i++) {
        events.push(messageEvent('message.received', messageOfRef('message.received', ref, { at: at(2 + i) }), ref.queueId));
      }
      const stored: JournalEvent[] = [];
      for (const e of events) stored.push(...(await store.append([e])));
      expect(await store.headSeq()).toBe(10);

      const page = await store.readJournal({ afterSeq: 3, limit: 4 });
      expect(page.map((e) => e.seq)).toEqual([4, 5, 6, 7]);
      expect(page).toEqual(stored.slice(3, 7));
      expect((await store.readJournal({ afterSeq: 7, limit: 100 })).map((e) => e.seq)).toEqual([8, 9, 10]);
      expect(await store.readJournal({ afterSeq: 10, limit: 100 })).toEqual([]);
      expect(await store.readJournal({ afterSeq: 0, limit: 100 })).toEqual(stored);
    });

    it('filters by queue, and by the conversations currently assigned to an agent', async () => {
      const world = await seedWorld(store);
      const [q0, q1] = world.queues as [QueueId, QueueId];
      const [a0, a1] = world.agents as [AgentId, AgentId];
      const all = await store.readJournal({ afterSeq: 0, limit: 10_000 });
      expect(all).toEqual(world.events);

      const assignedTo = (agent: AgentId) =>
        new Set(
          world.conversations
            .map((c) => foldConversation(world.events, c.conversationId)!)
            .filter((c) => c.assigneeId === agent)
            .map((c) => c.id as string),
        );
      const expected = (queueIds: QueueId[] | undefined, agent: AgentId | undefined) => {
        const mine = agent === undefined ? new Set<string>() : assignedTo(agent);
        return all.filter(
          (e) =>
            (queueIds !== undefined && e.queueId !== undefined && queueIds.includes(e.queueId)) ||
            (e.conversationId !== undefined && mine.has(e.conversationId)),
        );
      };

      const byQueue = await store.readJournal({ afterSeq: 0, limit: 10_000, queueIds: [q0] });
      expect(byQueue.length).toBeGreaterThan(0);
      expect(byQueue).toEqual(expected([q0], undefined));

      const byAgent = await store.readJournal({ afterSeq: 0, limit: 10_000, assigneeId: a0 });
      expect(byAgent.length).toBeGreaterThan(0);
      expect(byAgent).toEqual(expected(undefined, a0));
      // Includes the conversation's events from before the assignment.
      expect(byAgent.some((e) => e.type === 'conversation.opened')).toBe(true);

      const both = await store.readJournal({ afterSeq: 0, limit: 10_000, queueIds: [q1], assigneeId: a1 });
      expect(both).toEqual(expected([q1], a1));

      const paged = await store.readJournal({ afterSeq: byQueue[1]!.seq, limit: 2, queueIds: [q0] });
      expect(paged).toEqual(byQueue.slice(2, 4));

      // Reassignment moves the conversation out of the previous assignee's view.
      const ref = world.conversations.find((c) => assignedTo(a0).has(c.conversationId))!;
      await store.append([conversationAssigned(ref, a1, a0, at(90))]);
      const after = await store.readJournal({ afterSeq: 0, limit: 10_000, assigneeId: a0 });
      expect(after.some((e) => e.conversationId === ref.conversationId)).toBe(false);
      const nowA1 = await store.readJournal({ afterSeq: 0, limit: 10_000, assigneeId: a1 });
      expect(nowA1.some((e) => e.conversationId === ref.conversationId)).toBe(true);
    });
  });

  describe('journal slices', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('reads one conversation’s and one citizen’s events in seq order, after afterSeq, honouring limit', async () => {
      const world = await seedWorld(store);
      const all = await store.readJournal({ afterSeq: 0, limit: 10_000 });
      for (const ref of world.conversations.slice(0, 4)) {
        const expected = all.filter((e) => e.conversationId === ref.conversationId);
        expect(expected.length).toBeGreaterThan(0);
        expect(await store.readJournalSlice({ conversationId: ref.conversationId, afterSeq: 0, limit: 1000 })).toEqual(expected);
        const paged = await store.readJournalSlice({ conversationId: ref.conversationId, afterSeq: expected[0]!.seq, limit: 1 });
        expect(paged).toEqual(expected.slice(1, 2));
      }
      for (const citizenId of world.citizens) {
        // The citizen's slice holds events with no conversation too (citizen.created).
        const expected = all.filter((e) => e.citizenId === citizenId);
        expect(expected.some((e) => e.conversationId === undefined)).toBe(true);
        const slice = await store.readJournalSlice({ citizenId, afterSeq: 0, limit: 1000 });
        expect(slice).toEqual(expected);
        const second = await store.readJournalSlice({ citizenId, afterSeq: expected[1]!.seq, limit: 2 });
        expect(second).toEqual(expected.slice(2, 4));
      }
      expect(await store.readJournalSlice({ conversationId: ids.conversation(), afterSeq: 0, limit: 10 })).toEqual([]);
      expect(await store.readJournalSlice({ citizenId: world.citizens[0]!, afterSeq: 0, limit: 0 })).toEqual([]);
    });

    it('reads only the given event types when asked (a timeline’s assignment and status lines)', async () => {
      const world = await seedWorld(store);
      const ref = world.conversations[0]!;
      // Two citizens' changes in one append: the slice still keeps only its own citizen's.
      const other = world.conversations.find((c) => c.citizenId !== ref.citizenId)!;
      await store.append([
        conversationAssigned(ref, ids.agent(), null, at(80)),
        conversationAssigned(other, ids.agent(), null, at(80)),
        conversationStatus(ref, 'resolved', 'open', at(81)),
      ]);
      const types = ['conversation.assigned', 'conversation.status'] as const;
      const all = await store.readJournal({ afterSeq: 0, limit: 10_000 });
      for (const slice of [{ citizenId: ref.citizenId }, { conversationId: ref.conversationId }] as const) {
        const own = (e: JournalEvent) => ('citizenId' in slice ? e.citizenId === slice.citizenId : e.conversationId === slice.conversationId);
        const expected = all.filter((e) => own(e) && (types as readonly string[]).includes(e.type));
        expect(expected.filter((e) => e.type === 'conversation.status').length).toBeGreaterThan(0);
        expect(await store.readJournalSlice({ ...slice, afterSeq: 0, limit: 1000, types })).toEqual(expected);
        expect(await store.readJournalSlice({ ...slice, afterSeq: expected[0]!.seq, limit: 1, types })).toEqual(expected.slice(1, 2));
      }
      expect(await store.readJournalSlice({ citizenId: ref.citizenId, afterSeq: 0, limit: 1000, types: ['survey.answered'] })).toEqual([]);
    });
  });

  describe('input validation', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('refuses an append with an invalid event and commits none of it', async () => {
      const citizenId = ids.citizen();
      const ref = newConversation(citizenId, ids.queue());
      const valid = citizenCreated(citizenId);
      const invalid: unknown[] = [
        { type: 'citizen.exploded', at: at(1), actor: systemActor, citizenId, payload: {} },
        { ...conversationOpened(ref, { at: at(1) }), payload: { queueId: ref.queueId } },
        messageEvent('message.received', { ...messageOfRef('message.received', ref, { at: at(2) }), status: 'bogus' as DeliveryStatus }, ref.queueId),
        { ...valid, citizenId: '' },
        { ...valid, actor: { kind: 'robot' } },
      ];
      for (const bad of invalid) {
        await expect(
          store.append([valid, bad as NewJournalEvent], [{ key: 'identity:email:bad@input.fr', owner: citizenId }]),
        ).rejects.toThrow();
      }
      expect(await store.headSeq()).toBe(0);
      expect(await store.getCitizen(citizenId)).toBeNull();
      expect(await store.claimOwner('identity:email:bad@input.fr')).toBeNull();
      expect(await store.countCitizens()).toBe(0);

      const [ok] = await store.append([valid]);
      expect(ok!.seq).toBe(1);
    });
  });

  describe('staff events and agent statuses', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    const stateChanged = (agentId: AgentId, state: 'available' | 'busy' | 'away' | 'offline', previousState: typeof state, when: string): NewJournalEvent => ({
      type: 'agent.state-changed',
      at: when,
      actor: { kind: 'agent', id: agentId },
      payload: { agentId, state, previousState, source: 'agent' },
    });

    it('commits a staff event without a citizen, reads it back without one, and keeps it out of citizen slices', async () => {
      const agentId = ids.agent();
      const citizenId = ids.citizen();
      const [staff] = await store.append([stateChanged(agentId, 'available', 'offline', at(1))]);
      await store.append([citizenCreated(citizenId, { at: at(2) })]);
      expect(staff!.citizenId).toBeUndefined();
      const read = await store.readJournal({ afterSeq: 0, limit: 10 });
      expect(read[0]).toEqual(staff);
      expect('citizenId' in read[0]!).toBe(false);
      expect((await store.readJournalSlice({ citizenId, afterSeq: 0, limit: 10 })).map((e) => e.type)).toEqual(['citizen.created']);
    });

    it('refuses a staff event that names a citizen, and a citizen event without one', async () => {
      const agentId = ids.agent();
      const withCitizen = { ...stateChanged(agentId, 'busy', 'available', at(1)), citizenId: ids.citizen() } as unknown as NewJournalEvent;
      await expect(store.append([withCitizen])).rejects.toThrow();
      const { citizenId: _dropped, ...noCitizen } = citizenCreated(ids.citizen()) as Extract<NewJournalEvent, { type: 'citizen.created' }>;
      await expect(store.append([noCitizen as unknown as NewJournalEvent])).rejects.toThrow();
      expect(await store.headSeq()).toBe(0);
    });

    it('projects agent statuses from state changes and offers, time in state included, and rebuilds them', async () => {
      const [a, b] = [ids.agent(), ids.agent()].sort();
      const ref = newConversation(ids.citizen(), ids.queue());
      await store.append([citizenCreated(ref.citizenId), conversationOpened(ref, { at: at(0) })]);
      await store.append([stateChanged(a!, 'available', 'offline', at(1)), stateChanged(b!, 'available', 'offline', at(1))]);
      await store.append([stateChanged(a!, 'available', 'available', at(2)), stateChanged(b!, 'away', 'available', at(3))]);
      await store.append([
        { ...envelope(ref, at(4)), type: 'conversation.offered', payload: { agentId: a!, attempt: 1, expiresAt: at(5) } },
      ]);
      const expected = [
        { agentId: a, state: 'available', since: at(1), offerCount: 1, lastOfferedAt: at(4) },
        { agentId: b, state: 'away', since: at(3), offerCount: 0, lastOfferedAt: null },
      ];
      expect(await store.listAgentStatuses()).toMatchObject(expected);
      await store.rebuildProjections();
      expect(await store.listAgentStatuses()).toMatchObject(expected);
      const conversation = await store.getConversation(ref.conversationId);
      expect(conversation?.offer).toEqual({ agentId: a, attempt: 1, expiresAt: at(5) });
      expect(conversation?.offerAttempts).toBe(1);
    });
  });
}
