import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  compareMessages,
  newId,
  reduceConversation,
  type Actor,
  type AgentId,
  type Annotation,
  type AnnotationId,
  type Channel,
  type Citizen,
  type CitizenId,
  type Conversation,
  type ConversationId,
  type ConversationStatus,
  type Course,
  type CourseId,
  type DeliveryStatus,
  type Identity,
  type JournalEvent,
  type Message,
  type MessageId,
  type NewJournalEvent,
  type Queue,
  type QueueId,
  type TimelinePage,
} from '../../shared/index.js';
import { ClaimConflictError, EARLY_REPORT_TTL_MS, type ConversationQuery, type Store, type StoredAgent } from '../domain/ports.js';
import { BadCursorError } from './errors.js';
import { reportRowsContract } from './report-rows.contract.js';

// The behaviour every Store adapter must show. It talks only through the port and treats cursors
// as opaque, so the SQLite and MongoDB adapters run this very file.

export interface StoreContractOptions {
  /** "etat" finds "état" (SQLite FTS5 remove_diacritics; a MongoDB text index also does it). Default true. */
  accentInsensitiveSearch?: boolean;
  /** Appends racing for one identity claim. Default 20. */
  concurrentAppends?: number;
}

export interface StoreUnderTest {
  store: Store;
  cleanup(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Test data factories: valid NewJournalEvents with controlled times.

const T0 = Date.parse('2025-03-03T08:00:00.000Z');
/** An ISO instant `minutes` after a fixed origin: tests choose times, ids stay random. */
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

const systemActor: Actor = { kind: 'system' };
const citizenActor: Actor = { kind: 'citizen' };

export interface ConversationRef {
  citizenId: CitizenId;
  conversationId: ConversationId;
  queueId: QueueId;
}

export const ids = {
  citizen: () => newId<CitizenId>('cit'),
  conversation: () => newId<ConversationId>('conv'),
  message: () => newId<MessageId>('msg'),
  agent: () => newId<AgentId>('agt'),
  queue: () => newId<QueueId>('que'),
};

export function citizenCreated(
  citizenId: CitizenId,
  o: { at?: string; displayName?: string; identities?: Identity[] } = {},
): NewJournalEvent {
  return {
    type: 'citizen.created',
    at: o.at ?? at(0),
    actor: systemActor,
    citizenId,
    payload: { displayName: o.displayName ?? 'Camille Martin', identities: o.identities ?? [] },
  };
}

export function identityLinked(citizenId: CitizenId, identity: Identity, when = at(1)): NewJournalEvent {
  return { type: 'identity.linked', at: when, actor: systemActor, citizenId, payload: { identity } };
}

export function newConversation(citizenId: CitizenId, queueId: QueueId): ConversationRef {
  return { citizenId, conversationId: ids.conversation(), queueId };
}

function envelope(ref: ConversationRef, when: string, actor: Actor = systemActor) {
  return { at: when, actor, citizenId: ref.citizenId, conversationId: ref.conversationId, queueId: ref.queueId };
}

export function conversationOpened(
  ref: ConversationRef,
  o: { at: string; channel?: Channel; subject?: string; citizenName?: string },
): NewJournalEvent {
  return {
    ...envelope(ref, o.at),
    type: 'conversation.opened',
    payload: {
      citizenName: o.citizenName ?? 'Camille Martin',
      queueId: ref.queueId,
      channel: o.channel ?? 'email',
      priority: 'normal',
      ...(o.subject !== undefined ? { subject: o.subject } : {}),
    },
  };
}

export type MessageEventType = 'message.received' | 'message.sent' | 'note.added';

export function messageOfRef(
  type: MessageEventType,
  ref: ConversationRef,
  o: { at: string; text?: string; channel?: Channel; externalId?: string; id?: MessageId; subject?: string },
): Message {
  const direction = type === 'message.received' ? 'inbound' : type === 'message.sent' ? 'outbound' : 'note';
  return {
    id: o.id ?? ids.message(),
    conversationId: ref.conversationId,
    citizenId: ref.citizenId,
    direction,
    channel: o.channel ?? 'email',
    kind: 'text',
    author: direction === 'inbound' ? citizenActor : { kind: 'agent', id: 'agt_test', name: 'Agent' },
    text: o.text ?? `${type} at ${o.at}`,
    attachments: [],
    at: o.at,
    status: direction === 'inbound' ? 'received' : direction === 'outbound' ? 'queued' : 'sent',
    ...(o.externalId !== undefined ? { externalId: o.externalId } : {}),
    ...(o.subject !== undefined ? { subject: o.subject } : {}),
  };
}

export function messageEvent(type: MessageEventType, message: Message, queueId: QueueId): NewJournalEvent {
  const ref: ConversationRef = { citizenId: message.citizenId, conversationId: message.conversationId, queueId };
  return { ...envelope(ref, message.at, message.author), type, payload: { message } };
}

export function messageStatus(
  ref: ConversationRef,
  messageId: MessageId,
  status: DeliveryStatus,
  when: string,
  extra: { reason?: string; providerMessageId?: string } = {},
): NewJournalEvent {
  return { ...envelope(ref, when), type: 'message.status', payload: { messageId, status, ...extra } };
}

export function conversationAssigned(
  ref: ConversationRef,
  assigneeId: AgentId | null,
  previousAssigneeId: AgentId | null,
  when: string,
): NewJournalEvent {
  return { ...envelope(ref, when), type: 'conversation.assigned', payload: { assigneeId, previousAssigneeId } };
}

export function conversationStatus(
  ref: ConversationRef,
  status: ConversationStatus,
  previousStatus: ConversationStatus,
  when: string,
): NewJournalEvent {
  return { ...envelope(ref, when), type: 'conversation.status', payload: { status, previousStatus } };
}

export function conversationRead(ref: ConversationRef, upToSeq: number, when: string): NewJournalEvent {
  return { ...envelope(ref, when), type: 'conversation.read', payload: { upToSeq } };
}

// ---------------------------------------------------------------------------------------------
// Expected state, computed from the committed events with the shared reducers.

function foldConversation(events: readonly JournalEvent[], id: ConversationId): Conversation | undefined {
  return events.filter((e) => e.conversationId === id).reduce<Conversation | undefined>(reduceConversation, undefined);
}

/** Inbox order: most recent activity first, then id descending. */
function inboxOrder(a: Conversation, b: Conversation): number {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function matchesQuery(c: Conversation, q: Omit<ConversationQuery, 'limit' | 'cursor'>): boolean {
  if (q.queueId !== undefined && c.queueId !== q.queueId) return false;
  if (q.status !== undefined && c.status !== q.status) return false;
  if (q.channel !== undefined && !c.channels.includes(q.channel)) return false;
  if (q.assigneeId !== undefined && c.assigneeId !== q.assigneeId) return false;
  if (q.queueIds !== undefined && !q.queueIds.includes(c.queueId)) return false;
  if (q.visibleTo !== undefined && !q.visibleTo.queueIds.includes(c.queueId) && c.assigneeId !== q.visibleTo.assigneeId) return false;
  return true;
}

interface World {
  queues: QueueId[];
  agents: AgentId[];
  citizens: CitizenId[];
  conversations: ConversationRef[];
  messages: Message[];
  events: JournalEvent[];
}

const WORLD_CHANNELS: readonly Channel[] = ['email', 'phone', 'webchat', 'whatsapp'];

/**
 * A small contact centre: 4 citizens, 12 conversations over 3 queues, mixed channels, statuses and
 * assignees, and activity times chosen so several conversations tie on lastActivityAt.
 */
async function seedWorld(store: Store): Promise<World> {
  const world: World = {
    queues: [ids.queue(), ids.queue(), ids.queue()],
    agents: [ids.agent(), ids.agent()],
    citizens: [],
    conversations: [],
    messages: [],
    events: [],
  };
  const [a0, a1] = world.agents as [AgentId, AgentId];
  const push = async (events: NewJournalEvent[], claims: { key: string; owner: string }[] = []) => {
    world.events.push(...(await store.append(events, claims)));
  };
  const say = async (type: MessageEventType, ref: ConversationRef, o: Parameters<typeof messageOfRef>[2]) => {
    const message = messageOfRef(type, ref, o);
    world.messages.push(message);
    await push([messageEvent(type, message, ref.queueId)]);
    return message;
  };

  for (let i = 0; i < 4; i++) {
    const id = ids.citizen();
    const email = `citoyen${i}@example.fr`;
    world.citizens.push(id);
    await push([citizenCreated(id, { displayName: `Citoyen ${i}`, identities: [{ kind: 'email', value: email, verified: true }] })], [
      { key: `identity:email:${email}`, owner: id },
    ]);
  }

  for (let i = 0; i < 12; i++) {
    const ref = newConversation(world.citizens[i % 4]!, world.queues[i % 3]!);
    world.conversations.push(ref);
    const channel = WORLD_CHANNELS[i % 4]!;
    let status: ConversationStatus = 'open';
    let assignee: AgentId | null = null;
    // Pairs of conversations open at the same minute: ties on lastActivityAt when nothing follows.
    await push([conversationOpened(ref, { at: at(10 + Math.floor(i / 2)), channel, subject: `Dossier ${i}` })]);
    if (i % 3 === 0) {
      await say('message.received', ref, { at: at(30 + Math.floor(i / 3)), channel, text: `Demande numéro ${i}`, externalId: `ext-${i}` });
    }
    if (i % 4 === 1) {
      await say('message.received', ref, { at: at(40), channel: 'email', text: `Relance par courriel ${i}` });
      const reply = await say('message.sent', ref, { at: at(41), channel, text: `Réponse de la mairie ${i}` });
      await push([messageStatus(ref, reply.id, 'delivered', at(42))]);
    }
    if (i % 5 === 2) await say('note.added', ref, { at: at(50), text: `Note interne ${i}` });
    if (i % 3 === 1 || i === 6) {
      const next = i === 6 ? a1 : a0;
      await push([conversationAssigned(ref, next, assignee, at(55))]);
      assignee = next;
    }
    if (i === 7) {
      // Assigned then handed back: currently unassigned.
      await push([conversationAssigned(ref, null, assignee, at(56))]);
      assignee = null;
    }
    if (i % 4 === 3) {
      await push([conversationStatus(ref, 'pending', status, at(60))]);
      status = 'pending';
    }
    if (i === 5 || i === 10) {
      await push([conversationStatus(ref, 'resolved', status, at(61))]);
      status = 'resolved';
    }
    if (i === 1) {
      const head = world.events[world.events.length - 1]!.seq;
      await push([conversationRead(ref, head, at(62))]);
    }
  }
  return world;
}

async function listAll(store: Store, query: Omit<ConversationQuery, 'cursor'>): Promise<Conversation[]> {
  const items: Conversation[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.listConversations(cursor === undefined ? query : { ...query, cursor });
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    cursor = page.nextCursor;
  }
  throw new Error('listConversations never reached the end');
}

/** Pages from the latest entries back to the first; returns pages oldest first. */
async function timelineBackwards(store: Store, citizenId: CitizenId, limit: number, conversationIds?: readonly string[]): Promise<TimelinePage[]> {
  const pages = [await store.timeline(citizenId, { limit, conversationIds })];
  for (let guard = 0; pages[0]!.olderCursor !== null; guard++) {
    if (guard > 200) throw new Error('timeline never reached the first entry');
    pages.unshift(await store.timeline(citizenId, { limit, before: pages[0]!.olderCursor, conversationIds }));
  }
  return pages;
}

async function timelineForwards(store: Store, citizenId: CitizenId, limit: number, from: TimelinePage, conversationIds?: readonly string[]): Promise<TimelinePage[]> {
  const pages = [from];
  for (let guard = 0; pages[pages.length - 1]!.newerCursor !== null; guard++) {
    if (guard > 200) throw new Error('timeline never reached the latest entry');
    pages.push(await store.timeline(citizenId, { limit, after: pages[pages.length - 1]!.newerCursor!, conversationIds }));
  }
  return pages;
}

function messageIds(messages: readonly Message[]): string[] {
  return messages.map((m) => m.id);
}

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

function encodeBase64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

const BAD_CURSORS = ['%%%not-base64%%%', encodeBase64Url('not json'), encodeBase64Url('{"x":1}'), encodeBase64Url('[]')];

// ---------------------------------------------------------------------------------------------

export function storeContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
  opts: StoreContractOptions = {},
): void {
  describe(`Store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;

    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    describe('journal', () => {
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

    describe('claims', () => {
      it('reports the owner of a claimed key, null otherwise', async () => {
        const citizenId = ids.citizen();
        await store.append([citizenCreated(citizenId)], [{ key: 'identity:email:a@b.fr', owner: citizenId }]);
        expect(await store.claimOwner('identity:email:a@b.fr')).toBe(citizenId);
        expect(await store.claimOwner('identity:email:other@b.fr')).toBeNull();
      });

      it('refuses an append whose claim is owned, committing none of its events or claims', async () => {
        const first = ids.citizen();
        await store.append(
          [citizenCreated(first, { identities: [{ kind: 'email', value: 'a@b.fr', verified: false }] })],
          [{ key: 'identity:email:a@b.fr', owner: first }],
        );
        const headBefore = await store.headSeq();

        const second = ids.citizen();
        const ref = newConversation(second, ids.queue());
        const message = messageOfRef('message.received', ref, { at: at(5), text: 'jamais écrit', externalId: 'ext-lost' });
        const attempt = store.append(
          [citizenCreated(second), conversationOpened(ref, { at: at(5) }), messageEvent('message.received', message, ref.queueId)],
          [
            { key: 'identity:phone:+33612345678', owner: second },
            { key: 'identity:email:a@b.fr', owner: second },
          ],
        );
        await expect(attempt).rejects.toBeInstanceOf(ClaimConflictError);
        await expect(attempt).rejects.toMatchObject({ key: 'identity:email:a@b.fr' });

        expect(await store.headSeq()).toBe(headBefore);
        expect(await store.readJournal({ afterSeq: 0, limit: 100 })).toHaveLength(headBefore);
        expect(await store.claimOwner('identity:email:a@b.fr')).toBe(first);
        expect(await store.claimOwner('identity:phone:+33612345678')).toBeNull();
        expect(await store.getCitizen(second)).toBeNull();
        expect(await store.getConversation(ref.conversationId)).toBeNull();
        expect(await store.getMessage(message.id)).toBeNull();
        expect(await store.findMessageByExternalId('email', 'ext-lost')).toBeNull();
        expect((await store.timeline(second, { limit: 10 })).items).toEqual([]);
        expect(await store.countCitizens()).toBe(1);

        // No seq was consumed: the next append continues the sequence.
        const next = await store.append([citizenCreated(second)]);
        expect(next[0]!.seq).toBe(headBefore + 1);
      });

      it('lets exactly one of many concurrent appends claim an identity', async () => {
        const n = opts.concurrentAppends ?? 20;
        const contenders = Array.from({ length: n }, () => ids.citizen());
        const results = await Promise.allSettled(
          contenders.map((id) =>
            store.append(
              [citizenCreated(id, { identities: [{ kind: 'email', value: 'x@y.fr', verified: false }] })],
              [{ key: 'identity:email:x@y.fr', owner: id }],
            ),
          ),
        );
        const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [contenders[i]!] : []));
        const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(n - 1);
        for (const reason of lost) expect(reason).toBeInstanceOf(ClaimConflictError);

        const winner = won[0]!;
        expect(await store.claimOwner('identity:email:x@y.fr')).toBe(winner);
        expect((await store.findCitizenByIdentity('email', 'x@y.fr'))?.id).toBe(winner);
        expect(await store.countCitizens()).toBe(1);
        expect(await store.headSeq()).toBe(1);
      });
    });

    describe('idempotent ingest', () => {
      it('finds a received message by (channel, externalId)', async () => {
        const citizenId = ids.citizen();
        const ref = newConversation(citizenId, ids.queue());
        const message = messageOfRef('message.received', ref, { at: at(2), channel: 'whatsapp', externalId: 'wamid.42' });
        await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1), channel: 'whatsapp' })]);
        await store.append([messageEvent('message.received', message, ref.queueId)]);
        expect(await store.findMessageByExternalId('whatsapp', 'wamid.42')).toEqual(message);
        expect(await store.findMessageByExternalId('telegram', 'wamid.42')).toBeNull();
        expect(await store.findMessageByExternalId('whatsapp', 'wamid.43')).toBeNull();
      });

      it('absorbs a provider retry racing the first delivery through the external claim', async () => {
        const citizenId = ids.citizen();
        const ref = newConversation(citizenId, ids.queue());
        await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1) })]);

        // What domain/ingest does: look up, else append under the claim, else look up again.
        const ingest = async (): Promise<Message> => {
          const known = await store.findMessageByExternalId('email', '<abc@mail.example>');
          if (known) return known;
          const message = messageOfRef('message.received', ref, { at: at(2), externalId: '<abc@mail.example>' });
          try {
            await store.append([messageEvent('message.received', message, ref.queueId)], [
              { key: 'external:email:<abc@mail.example>', owner: message.id },
            ]);
            return message;
          } catch (error) {
            if (!(error instanceof ClaimConflictError)) throw error;
            const winner = await store.findMessageByExternalId('email', '<abc@mail.example>');
            if (!winner) throw new Error('claim owned but message not projected');
            return winner;
          }
        };

        const [a, b] = await Promise.all([ingest(), ingest()]);
        expect(a.id).toBe(b.id);
        expect(await store.claimOwner('external:email:<abc@mail.example>')).toBe(a.id);
        expect(messageIds((await store.timeline(citizenId, { limit: 10 })).items)).toEqual([a.id]);
        expect((await store.getConversation(ref.conversationId))?.messageCount).toBe(1);
        expect(await store.headSeq()).toBe(3);
      });
    });

    describe('projections', () => {
      it('projects citizens from citizen.created and identity.linked', async () => {
        const citizenId = ids.citizen();
        const email: Identity = { kind: 'email', value: 'camille@example.fr', verified: true };
        const phone: Identity = { kind: 'phone', value: '+33612345678', verified: false };
        await store.append([citizenCreated(citizenId, { at: at(0), displayName: 'Camille', identities: [email] })]);
        await store.append([identityLinked(citizenId, phone, at(3))]);
        await store.append([identityLinked(citizenId, phone, at(4))]);

        const expected: Citizen = { id: citizenId, displayName: 'Camille', identities: [email, phone], createdAt: at(0), mergedInto: null };
        expect(await store.getCitizen(citizenId)).toEqual(expected);
        expect(await store.findCitizenByIdentity('email', 'camille@example.fr')).toEqual(expected);
        expect(await store.findCitizenByIdentity('phone', '+33612345678')).toEqual(expected);
        expect(await store.findCitizenByIdentity('phone', '+33600000000')).toBeNull();
        expect(await store.getCitizen(ids.citizen())).toBeNull();
        expect(await store.countCitizens()).toBe(1);
      });

      it('projects conversations with the shared reducer', async () => {
        const world = await seedWorld(store);
        for (const ref of world.conversations) {
          expect(await store.getConversation(ref.conversationId)).toEqual(foldConversation(world.events, ref.conversationId));
        }
        expect(await store.getConversation(ids.conversation())).toBeNull();
      });

      it('projects messages and their delivery status', async () => {
        const citizenId = ids.citizen();
        const ref = newConversation(citizenId, ids.queue());
        const reply = messageOfRef('message.sent', ref, { at: at(2), channel: 'email', text: 'Votre dossier est prêt' });
        await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1) })]);
        await store.append([messageEvent('message.sent', reply, ref.queueId)]);
        expect(await store.getMessage(reply.id)).toEqual(reply);

        await store.append([messageStatus(ref, reply.id, 'sent', at(3))]);
        await store.append([messageStatus(ref, reply.id, 'delivered', at(4))]);
        const delivered = { ...reply, status: 'delivered' };
        expect(await store.getMessage(reply.id)).toEqual(delivered);
        expect((await store.timeline(citizenId, { limit: 10 })).items).toEqual([delivered]);

        // A status for a message the store does not know changes nothing and does not fail.
        await store.append([messageStatus(ref, ids.message(), 'failed', at(5))]);
        expect(await store.getMessage(reply.id)).toEqual(delivered);
        expect(await store.getMessage(ids.message())).toBeNull();
      });

      it('projects a call through its updates and its summary, onto the message and the conversation', async () => {
        const citizenId = ids.citizen();
        const ref = newConversation(citizenId, ids.queue());
        const ringing = {
          ...messageOfRef('message.received', ref, { at: at(2), channel: 'phone', externalId: 'CA-contract-1', text: 'Appel entrant — en cours' }),
          kind: 'call' as const,
          call: { from: '+33612345678', to: '+33140000000', startedAt: at(2), outcome: 'ringing' as const },
        };
        await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1), channel: 'phone' })]);
        await store.append([messageEvent('message.received', ringing, ref.queueId)]);
        const missed = { ...ringing.call, outcome: 'missed' as const, endedAt: at(3) };
        await store.append([
          {
            at: at(3), actor: { kind: 'system' }, citizenId, conversationId: ref.conversationId, queueId: ref.queueId,
            type: 'call.updated',
            payload: { messageId: ringing.id, direction: 'inbound', call: missed, previousOutcome: 'ringing', text: 'Appel entrant — manqué, à rappeler' },
          },
          {
            at: at(4), actor: { kind: 'agent', id: 'agt_x' }, citizenId, conversationId: ref.conversationId, queueId: ref.queueId,
            type: 'call.summarized',
            payload: { messageId: ringing.id, summary: 'Demande un rappel pour son permis' },
          },
        ]);
        const expected = { ...ringing, text: 'Appel entrant — manqué, à rappeler', call: { ...missed, summary: 'Demande un rappel pour son permis' } };
        expect(await store.getMessage(ringing.id)).toEqual(expected);
        expect(await store.findMessageByExternalId('phone', 'CA-contract-1')).toEqual(expected);
        expect((await store.timeline(citizenId, { limit: 10 })).items).toEqual([expected]);
        expect(await store.getConversation(ref.conversationId)).toMatchObject({ tags: ['callback'], waitingSince: at(3), unreadCount: 1 });
        expect((await store.searchMessages('permis', 10)).map((m) => m.id)).toEqual([ringing.id]);
      });

      it('keeps one copy of a message whose id is appended twice', async () => {
        const citizenId = ids.citizen();
        const ref = newConversation(citizenId, ids.queue());
        const message = messageOfRef('message.received', ref, { at: at(2), text: 'premier' });
        await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(1) })]);
        await store.append([messageEvent('message.received', message, ref.queueId)]);
        await store.append([messageEvent('message.received', { ...message, text: 'doublon' }, ref.queueId)]);
        expect((await store.timeline(citizenId, { limit: 10 })).items).toEqual([message]);
        expect(await store.getMessage(message.id)).toEqual(message);
      });

      it('finds the most recent conversation of a citizen that is not resolved', async () => {
        const citizenId = ids.citizen();
        const queueId = ids.queue();
        const old = newConversation(citizenId, queueId);
        const older = newConversation(citizenId, queueId);
        const latest = newConversation(citizenId, queueId);
        await store.append([citizenCreated(citizenId)]);
        expect(await store.findActiveConversation(citizenId)).toBeNull();

        await store.append([conversationOpened(old, { at: at(1) }), conversationStatus(old, 'resolved', 'open', at(2))]);
        expect(await store.findActiveConversation(citizenId)).toBeNull();

        await store.append([conversationOpened(older, { at: at(3) })]);
        await store.append([conversationOpened(latest, { at: at(4) }), conversationStatus(latest, 'pending', 'open', at(5))]);
        expect((await store.findActiveConversation(citizenId))?.id).toBe(latest.conversationId);

        await store.append([conversationStatus(latest, 'resolved', 'pending', at(6))]);
        expect((await store.findActiveConversation(citizenId))?.id).toBe(older.conversationId);

        await store.append([conversationStatus(older, 'resolved', 'open', at(7))]);
        expect(await store.findActiveConversation(citizenId)).toBeNull();
        expect(await store.findActiveConversation(ids.citizen())).toBeNull();
      });

      it('lists a citizen’s conversations, most recent activity first', async () => {
        const world = await seedWorld(store);
        for (const citizenId of world.citizens) {
          const expected = world.conversations
            .filter((c) => c.citizenId === citizenId)
            .map((c) => foldConversation(world.events, c.conversationId)!)
            .sort(inboxOrder);
          expect(expected.length).toBeGreaterThan(0);
          expect(await store.listCitizenConversations(citizenId)).toEqual(expected);
        }
        expect(await store.listCitizenConversations(ids.citizen())).toEqual([]);
      });
    });

    describe('listConversations', () => {
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

    describe('timeline', () => {
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

    describe('searchMessages', () => {
      async function seedSearch(): Promise<Record<'passport' | 'status' | 'hello' | 'note', Message>> {
        const citizenId = ids.citizen();
        const ref = newConversation(citizenId, ids.queue());
        await store.append([citizenCreated(citizenId), conversationOpened(ref, { at: at(0) })]);
        const passport = messageOfRef('message.received', ref, { at: at(1), text: 'Demande de renouvellement de passeport' });
        const status = messageOfRef('message.received', ref, { at: at(2), text: "Quel est l'état de mon dossier ?" });
        const hello = messageOfRef('message.sent', ref, { at: at(3), text: 'Bonjour, votre demande est enregistrée.' });
        const note = messageOfRef('note.added', ref, { at: at(4), text: 'Pièce justificative manquante' });
        await store.append([
          messageEvent('message.received', passport, ref.queueId),
          messageEvent('message.received', status, ref.queueId),
          messageEvent('message.sent', hello, ref.queueId),
          messageEvent('note.added', note, ref.queueId),
        ]);
        return { passport, status, hello, note };
      }

      it('finds messages by the words of their text, case-insensitively', async () => {
        const m = await seedSearch();
        expect(messageIds(await store.searchMessages('demande', 10)).sort()).toEqual([m.passport.id, m.hello.id].sort());
        expect(messageIds(await store.searchMessages('DEMANDE', 10)).sort()).toEqual([m.passport.id, m.hello.id].sort());
        expect(await store.searchMessages('passeport renouvellement', 10)).toEqual([m.passport]);
        expect(messageIds(await store.searchMessages('justificative', 10))).toEqual([m.note.id]);
        expect(await store.searchMessages('inexistant', 10)).toEqual([]);
        expect(await store.searchMessages('demande', 1)).toHaveLength(1);
      });

      it('treats operators and punctuation as plain text', async () => {
        await seedSearch();
        for (const text of ['', '   ', '"', '*', 'demande OR', 'NEAR(', '-dossier', "l'état:*"]) {
          await expect(store.searchMessages(text, 10)).resolves.toBeInstanceOf(Array);
        }
      });

      it.skipIf(opts.accentInsensitiveSearch === false)('ignores French accents', async () => {
        const m = await seedSearch();
        expect(await store.searchMessages('etat', 10)).toEqual([m.status]);
        expect(await store.searchMessages('ÉTAT', 10)).toEqual([m.status]);
        expect(messageIds(await store.searchMessages('piece', 10))).toEqual([m.note.id]);
      });
    });

    describe('outbox', () => {
      async function queuedReply(when: number) {
        const citizenId = ids.citizen();
        const ref = newConversation(citizenId, ids.queue());
        const reply = messageOfRef('message.sent', ref, { at: at(when) });
        await store.append([
          citizenCreated(citizenId),
          conversationOpened(ref, { at: at(when) }),
          messageEvent('message.received', messageOfRef('message.received', ref, { at: at(when) }), ref.queueId),
          messageEvent('note.added', messageOfRef('note.added', ref, { at: at(when) }), ref.queueId),
          messageEvent('message.sent', reply, ref.queueId),
        ]);
        return { ref, reply };
      }

      it('holds queued replies only, leased to one taker at a time', async () => {
        const { reply } = await queuedReply(1);
        expect(await store.leaseOutbox(at(0), at(5), 10)).toEqual([]);
        const leased = await store.leaseOutbox(at(2), at(5), 10);
        expect(leased).toEqual([{ messageId: reply.id, attempts: 0, nextAttemptAt: at(1), lastError: null }]);
        expect(await store.leaseOutbox(at(3), at(6), 10)).toEqual([]);
        // An expired lease (a worker that died mid-send) frees the item again.
        expect((await store.leaseOutbox(at(5), at(8), 10)).map((i) => i.messageId)).toEqual([reply.id]);
      });

      it('reschedules a failed attempt and releases its lease', async () => {
        const { reply } = await queuedReply(1);
        await store.leaseOutbox(at(2), at(9), 10);
        await store.rescheduleOutbox(reply.id, 1, at(4), 'connection refused');
        expect(await store.leaseOutbox(at(3), at(9), 10)).toEqual([]);
        expect(await store.leaseOutbox(at(4), at(9), 10)).toEqual([
          { messageId: reply.id, attempts: 1, nextAttemptAt: at(4), lastError: 'connection refused' },
        ]);
      });

      it('drops a reply once its status is known, keeping the provider id and the reason', async () => {
        const a = await queuedReply(1);
        const b = await queuedReply(2);
        await store.append([
          messageStatus(a.ref, a.reply.id, 'sent', at(3), { providerMessageId: 'wamid.ABC' }),
          messageStatus(b.ref, b.reply.id, 'failed', at(3), { reason: '550 unknown user' }),
        ]);
        expect(await store.leaseOutbox(at(9), at(10), 10)).toEqual([]);
        expect(await store.findMessageByExternalId('email', 'wamid.ABC')).toMatchObject({ id: a.reply.id, status: 'sent' });
        expect(await store.getMessage(b.reply.id)).toMatchObject({ status: 'failed', statusReason: '550 unknown user' });
      });
    });

    describe('rebuildProjections', () => {
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

    reportRowsContract(() => store);

    describe('input validation', () => {
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

    describe('staff directory and sessions', () => {
      const agent = (over: Partial<StoredAgent> = {}): StoredAgent => ({
        id: ids.agent(),
        email: 'claire.dupont@mairie.fr',
        displayName: 'Claire Dupont',
        role: 'agent',
        queueIds: [],
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$fake',
        ...over,
      });

      const queue = (over: Partial<Queue> = {}): Queue => ({
        id: ids.queue(),
        name: 'Accueil',
        description: '',
        keywords: [],
        isDefault: false,
        ...over,
      });

      it('saves and lists queues, updating by id', async () => {
        const etatCivil = queue({ name: 'État civil', description: 'Actes et livrets', keywords: ['naissance', 'mariage'] });
        const urbanisme = queue({ name: 'Urbanisme', isDefault: true });
        await store.saveQueue(etatCivil);
        await store.saveQueue(urbanisme);
        await store.saveQueue({ ...etatCivil, description: 'Naissances, mariages, décès' });
        const queues = await store.listQueues();
        expect(queues).toHaveLength(2);
        expect(queues).toContainEqual({ ...etatCivil, description: 'Naissances, mariages, décès' });
        expect(queues).toContainEqual(urbanisme);
      });

      it('saves, reads and lists agents; finds them by email whatever the case', async () => {
        const claire = agent({ queueIds: [ids.queue()] });
        const marc = agent({ email: 'Marc.Leroy@Mairie.fr', displayName: 'Marc Leroy', role: 'supervisor' });
        await store.saveAgent(claire);
        await store.saveAgent(marc);
        expect(await store.getAgent(claire.id)).toEqual(claire);
        expect(await store.getAgent(ids.agent())).toBeNull();
        expect(await store.findAgentByEmail('CLAIRE.DUPONT@mairie.fr')).toEqual(claire);
        expect(await store.findAgentByEmail('marc.leroy@mairie.fr')).toEqual(marc);
        expect(await store.findAgentByEmail('nobody@mairie.fr')).toBeNull();

        const promoted = { ...claire, role: 'admin' as const, email: 'claire@mairie.fr' };
        await store.saveAgent(promoted);
        expect(await store.getAgent(claire.id)).toEqual(promoted);
        expect(await store.findAgentByEmail('claire.dupont@mairie.fr')).toBeNull();
        const listed = await store.listAgents();
        expect(listed).toHaveLength(2);
        expect(listed).toContainEqual(promoted);
        expect(listed).toContainEqual(marc);
      });

      it('saves, reads and deletes sessions; an expired session reads as null', async () => {
        const agentId = ids.agent();
        const live = { tokenHash: 'hash-live', agentId, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
        const stale = { tokenHash: 'hash-stale', agentId, expiresAt: new Date(Date.now() - 1_000).toISOString() };
        await store.saveSession(live);
        await store.saveSession(stale);
        expect(await store.getSession('hash-live')).toEqual(live);
        expect(await store.getSession('hash-stale')).toBeNull();
        expect(await store.getSession('hash-unknown')).toBeNull();
        await store.deleteSession('hash-live');
        expect(await store.getSession('hash-live')).toBeNull();
        await expect(store.deleteSession('hash-unknown')).resolves.toBeUndefined();
      });

      it('patches the fields given of an agent and nothing else, removing those given as undefined', async () => {
        const id = ids.agent();
        await store.saveAgent({ id, email: 'Patch@Mairie.fr', displayName: 'Avant', role: 'agent', queueIds: [], passwordHash: 'h', lastSignInAt: at(1), skills: ['x'] });
        expect(await store.patchAgent(id, { active: false, lastSignInAt: at(2) })).toBe(true);
        expect(await store.patchAgent(id, { displayName: 'Après', skills: undefined })).toBe(true);
        expect(await store.getAgent(id)).toEqual({ id, email: 'Patch@Mairie.fr', displayName: 'Après', role: 'agent', queueIds: [], passwordHash: 'h', lastSignInAt: at(2), active: false });
        expect((await store.listAgents()).find((a) => a.id === id)?.displayName).toBe('Après');
        expect(await store.findAgentByEmail('patch@mairie.fr')).not.toBeNull();
        expect(await store.patchAgent(ids.agent(), { active: false })).toBe(false);
      });

      it('ends every session of one member of staff at once, and only theirs', async () => {
        const [a, b] = [ids.agent(), ids.agent()];
        const later = new Date(Date.now() + 3_600_000).toISOString();
        for (const [hash, agentId] of [['s1', a], ['s2', a], ['s3', b]] as const) await store.saveSession({ tokenHash: hash, agentId, expiresAt: later });
        expect(await store.deleteSessionsOf(a)).toBe(2);
        expect(await store.getSession('s1')).toBeNull();
        expect(await store.getSession('s2')).toBeNull();
        expect(await store.getSession('s3')).not.toBeNull();
        expect(await store.deleteSessionsOf(a)).toBe(0);
      });

      it('keeps one-time links until they expire, single-use keys once, and settings', async () => {
        const agentId = ids.agent();
        const later = new Date(Date.now() + 3_600_000).toISOString();
        const token = { tokenHash: 'invite-hash', agentId, purpose: 'invite' as const, expiresAt: later, data: { note: 'x' } };
        await store.saveAccountToken(token);
        await store.saveAccountToken({ tokenHash: 'old-hash', agentId, purpose: 'reset', expiresAt: new Date(Date.now() - 1000).toISOString() });
        expect(await store.getAccountToken('invite-hash')).toEqual(token);
        expect(await store.getAccountToken('old-hash')).toBeNull();
        expect(await store.getAccountToken('unknown')).toBeNull();
        await store.deleteAccountToken('invite-hash');
        expect(await store.getAccountToken('invite-hash')).toBeNull();

        const uses = await Promise.all([1, 2, 3, 4].map(() => store.useOnce('totp:agt:123', later)));
        expect(uses.filter(Boolean)).toHaveLength(1);
        expect(await store.useOnce('totp:agt:124', later)).toBe(true);
        // Forgotten once expired: a key may be used again after its time.
        expect(await store.useOnce('gone', new Date(Date.now() - 1000).toISOString())).toBe(true);
        expect(await store.useOnce('gone', later)).toBe(true);

        expect(await store.getSetting('second-factor')).toBeNull();
        await store.saveSetting('second-factor', { roles: ['admin'] });
        await store.saveSetting('second-factor', { roles: ['admin', 'supervisor'] });
        expect(await store.getSetting('second-factor')).toEqual({ roles: ['admin', 'supervisor'] });
        await store.rebuildProjections();
        expect(await store.getSetting('second-factor')).toEqual({ roles: ['admin', 'supervisor'] });
      });

      it('leaves the directory alone when projections are rebuilt', async () => {
        const accueil = queue();
        const claire = agent();
        await store.saveQueue(accueil);
        await store.saveAgent(claire);
        await store.rebuildProjections();
        expect(await store.listQueues()).toEqual([accueil]);
        expect(await store.listAgents()).toEqual([claire]);
      });
    });

    describe('training material', () => {
      const replay = (kind: 'conversation' | 'citizen' = 'conversation', id: string = ids.conversation()) => ({ kind, id });
      const annotation = (over: Partial<Annotation> = {}): Annotation => ({
        id: newId<AnnotationId>('ann'),
        replay: replay(),
        seq: 3,
        at: at(3),
        text: 'Bonne reformulation de la demande.',
        authorId: ids.agent(),
        authorName: 'Julien Moreau',
        createdAt: at(100),
        updatedAt: at(100),
        ...over,
      });
      const course = (over: Partial<Course> = {}): Course => ({
        id: newId<CourseId>('crs'),
        title: 'Accueil multicanal',
        description: 'Trois demandes suivies du premier message à la clôture.',
        items: [{ replay: replay(), label: 'Acte de naissance' }, { replay: replay('citizen', ids.citizen()), label: '' }],
        traineeIds: [],
        createdBy: ids.agent(),
        createdAt: at(100),
        updatedAt: at(100),
        ...over,
      });

      it('saves, reads, lists (by seq, then creation) and deletes a replay’s annotations', async () => {
        const ref = replay();
        const late = annotation({ replay: ref, seq: 9, createdAt: at(101) });
        const early = annotation({ replay: ref, seq: 2, createdAt: at(105) });
        const sameSeqFirst = annotation({ replay: ref, seq: 9, createdAt: at(100) });
        const elsewhere = annotation({ replay: replay('citizen', ref.id) });
        for (const a of [late, early, sameSeqFirst, elsewhere]) await store.saveAnnotation(a);
        expect(await store.listAnnotations(ref)).toEqual([early, sameSeqFirst, late]);
        expect(await store.listAnnotations({ kind: 'citizen', id: ref.id })).toEqual([elsewhere]);
        expect(await store.getAnnotation(late.id)).toEqual(late);

        const edited = { ...late, text: 'Réponse incohérente avec le courriel de mardi.', updatedAt: at(110) };
        await store.saveAnnotation(edited);
        expect(await store.getAnnotation(late.id)).toEqual(edited);
        expect(await store.deleteAnnotation(early.id)).toBe(true);
        expect(await store.deleteAnnotation(early.id)).toBe(false);
        expect(await store.getAnnotation(early.id)).toBeNull();
        expect(await store.listAnnotations(ref)).toEqual([sameSeqFirst, edited]);
        expect(await store.listAnnotations(replay())).toEqual([]);
      });

      it('saves courses, lists them by title or by assigned trainee, follows reassignment, and deletes them', async () => {
        const [t1, t2] = [ids.agent(), ids.agent()];
        const urbanisme = course({ title: 'Urbanisme', traineeIds: [t1] });
        const accueil = course({ title: 'Accueil', traineeIds: [t1, t2] });
        const draft = course({ title: 'Brouillon', traineeIds: [] });
        for (const c of [urbanisme, accueil, draft]) await store.saveCourse(c);
        expect(await store.listCourses()).toEqual([accueil, draft, urbanisme]);
        expect(await store.listCourses({ traineeId: t1 })).toEqual([accueil, urbanisme]);
        expect(await store.listCourses({ traineeId: t2 })).toEqual([accueil]);
        expect(await store.listCourses({ traineeId: ids.agent() })).toEqual([]);
        expect(await store.getCourse(accueil.id)).toEqual(accueil);

        const moved = { ...urbanisme, traineeIds: [t2], items: [...urbanisme.items].reverse(), updatedAt: at(120) };
        await store.saveCourse(moved);
        expect(await store.getCourse(urbanisme.id)).toEqual(moved);
        expect(await store.listCourses({ traineeId: t1 })).toEqual([accueil]);
        expect(await store.listCourses({ traineeId: t2 })).toEqual([accueil, moved]);

        expect(await store.deleteCourse(accueil.id)).toBe(true);
        expect(await store.deleteCourse(accueil.id)).toBe(false);
        expect(await store.getCourse(accueil.id)).toBeNull();
        expect(await store.listCourses({ traineeId: t2 })).toEqual([moved]);
        expect(await store.listCourses()).toEqual([draft, moved]);
      });

      it('leaves annotations and courses alone when projections are rebuilt', async () => {
        const a = annotation();
        const c = course({ traineeIds: [ids.agent()] });
        await store.saveAnnotation(a);
        await store.saveCourse(c);
        await store.rebuildProjections();
        expect(await store.listAnnotations(a.replay)).toEqual([a]);
        expect(await store.listCourses({ traineeId: c.traineeIds[0]! })).toEqual([c]);
      });
    });

    describe('staff events and agent statuses', () => {
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

    describe('early reports', () => {
      it('holds reports by key, once per body, until released; rebuilds keep them', async () => {
        await store.holdEarlyReport('phone:CA1', '{"r":1}', at(1));
        await store.holdEarlyReport('phone:CA1', '{"r":2}', at(2));
        await store.holdEarlyReport('phone:CA1', '{"r":1}', at(3));
        await store.holdEarlyReport('phone:CA2', '{"r":3}', at(3));
        expect(await store.earlyReports('phone:CA1')).toEqual(['{"r":1}', '{"r":2}']);
        await store.rebuildProjections();
        expect(await store.earlyReports('phone:CA1')).toEqual(['{"r":1}', '{"r":2}']);
        await store.releaseEarlyReports('phone:CA1');
        expect(await store.earlyReports('phone:CA1')).toEqual([]);
        expect(await store.earlyReports('phone:CA2')).toEqual(['{"r":3}']);
        expect(await store.earlyReports('phone:none')).toEqual([]);
      });

      it('forgets reports held past their time to live', async () => {
        await store.holdEarlyReport('phone:old', '{"r":"old"}', '2026-01-01T00:00:00.000Z');
        await store.holdEarlyReport('phone:new', '{"r":"new"}', new Date(Date.parse('2026-01-01T00:00:00.000Z') + EARLY_REPORT_TTL_MS + 1000).toISOString());
        expect(await store.earlyReports('phone:old')).toEqual([]);
        expect(await store.earlyReports('phone:new')).toEqual(['{"r":"new"}']);
      });
    });
  });
}
