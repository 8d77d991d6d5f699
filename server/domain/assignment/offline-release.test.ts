import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ConversationId, JournalEvent, Message, Queue, QueueId } from '../../../shared/index.js';
import { LocalEventBus } from '../../events/local-event-bus.js';
import {
  citizenCreated,
  conversationAssigned,
  conversationOpened,
  ids,
  messageEvent,
  messageOfRef,
  newConversation,
  type ConversationRef,
} from '../../testing/journal-events.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { Clock, Store, StoredAgent } from '../ports.js';
import { AssignmentService } from './assignment-service.js';
import { agentsOf } from './test-agents.js';
import { AssignmentCommands } from './assignment-commands.js';

// An agent who stops being available: pending offers end at once; going offline also hands their
// live conversations (web chat, a call-back owed) back to the queue, where another agent is
// offered them. Asynchronous work (e-mail, social) stays theirs, and away keeps everything.

const Q = 'que_etat_civil' as QueueId;
const MANUAL = 'que_manuelle' as QueueId;
const QUEUE: Queue = { id: Q, name: 'État civil', description: '', keywords: [], isDefault: true, assignment: { strategy: 'least-busy', offerTimeoutSec: 30 } };
const agent = agentsOf([Q, MANUAL]);
const ana = agent('agt_ana');
const ben = agent('agt_ben');
const sarah = agent('agt_sarah', { role: 'supervisor', queueIds: [] });

let dir: string;
let store: Store;
let now: Date;
const clock: Clock = { now: () => now };
let service: AssignmentService;
let commands: AssignmentCommands;
let published: JournalEvent[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-release-'));
  store = await openSqliteStore({ file: path.join(dir, 'store.sqlite') });
  now = new Date('2025-03-03T09:00:00Z');
  const bus = new LocalEventBus();
  published = [];
  bus.subscribe((e) => published.push(e));
  service = new AssignmentService({ store, bus, clock });
  commands = new AssignmentCommands({ store, assignment: service });
  await store.saveQueue(QUEUE);
  await store.saveQueue({ id: MANUAL, name: 'Manuelle', description: '', keywords: [], isDefault: false });
  for (const a of [ana, ben, sarah]) await store.saveAgent(a);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const tick = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

async function opened(channel: Channel, queueId: QueueId = Q, message: Partial<Message> = {}): Promise<ConversationRef> {
  const ref = newConversation(ids.citizen(), queueId);
  const at = now.toISOString();
  await store.append([
    citizenCreated(ref.citizenId, { at }),
    conversationOpened(ref, { at, channel }),
    messageEvent('message.received', { ...messageOfRef('message.received', ref, { at, channel }), ...message }, queueId),
  ]);
  return ref;
}

/** A conversation the agent already holds (accepted earlier, or taken by hand). */
async function heldBy(holder: StoredAgent, channel: Channel, queueId: QueueId = Q, message: Partial<Message> = {}): Promise<ConversationId> {
  const ref = await opened(channel, queueId, message);
  await store.append([conversationAssigned(ref, holder.id, null, now.toISOString())]);
  return ref.conversationId;
}

const conv = async (id: ConversationId) => (await store.getConversation(id))!;
const releases = () => published.filter((e) => e.type === 'conversation.assigned' && e.payload.assigneeId === null);
const withdrawals = () => published.filter((e) => e.type === 'conversation.offer-declined' && e.payload.reason === 'withdrawn');

describe('an agent going offline', () => {
  it('hands a held web chat back to the queue, and the next round offers it to another eligible agent', async () => {
    await commands.presence(ana, true);
    const chat = await heldBy(ana, 'webchat');
    await commands.presence(ben, true);
    tick(60);
    // Ana's last console closes: presence takes her offline.
    await commands.presence(ana, false);
    expect((await conv(chat)).assigneeId).toBeNull();
    const [released] = releases();
    expect(released).toMatchObject({ conversationId: chat, actor: { kind: 'system' }, payload: { assigneeId: null, previousAssigneeId: ana.id } });
    expect(await service.runRound()).toEqual({ offered: 1, expired: 0 });
    expect((await conv(chat)).offer?.agentId).toBe(ben.id);
    // Ana coming back later does not take it back: it is Ben's to answer now.
    await commands.presence(ana, true);
    expect((await conv(chat)).offer?.agentId).toBe(ben.id);
  });

  it('keeps e-mail and social conversations with the agent, and live work of queues without automatic assignment', async () => {
    await commands.presence(ana, true);
    await commands.presence(ben, true);
    const email = await heldBy(ana, 'email');
    const whatsapp = await heldBy(ana, 'whatsapp');
    const manualChat = await heldBy(ana, 'webchat', MANUAL);
    await commands.presence(ana, false);
    expect(releases()).toEqual([]);
    for (const id of [email, whatsapp, manualChat]) expect((await conv(id)).assigneeId).toBe(ana.id);
    expect(await service.runRound()).toEqual({ offered: 0, expired: 0 });
  });

  it('hands back a phone conversation owing a call-back, but not one whose call was answered', async () => {
    await commands.presence(ana, true);
    await commands.presence(ben, true);
    const call = (outcome: 'missed' | 'answered'): Partial<Message> => ({
      kind: 'call',
      call: { from: '+33612345678', to: '+33140000000', startedAt: now.toISOString(), outcome, ...(outcome === 'answered' ? { answeredAt: now.toISOString() } : {}) },
    });
    const missed = await heldBy(ana, 'phone', Q, call('missed'));
    const answered = await heldBy(ana, 'phone', Q, call('answered'));
    expect((await conv(missed)).tags).toContain('callback');
    await commands.presence(ana, false);
    expect((await conv(missed)).assigneeId).toBeNull();
    expect((await conv(answered)).assigneeId).toBe(ana.id);
    await service.runRound();
    expect((await conv(missed)).offer?.agentId).toBe(ben.id);
  });

  it('does the same when a supervisor sets the agent offline', async () => {
    await commands.presence(ana, true);
    await commands.presence(ben, true);
    const chat = await heldBy(ana, 'webchat');
    await commands.setState(sarah, { state: 'offline', agentId: ana.id });
    expect((await conv(chat)).assigneeId).toBeNull();
    await service.runRound();
    expect((await conv(chat)).offer?.agentId).toBe(ben.id);
  });

  it('ends a pending offer at once: the agent can no longer accept it, and the next agent is offered it', async () => {
    await commands.presence(ana, true);
    const c = (await opened('webchat')).conversationId;
    await service.runRound();
    expect((await conv(c)).offer?.agentId).toBe(ana.id);
    await commands.presence(ben, true);
    await commands.presence(ana, false);
    expect((await conv(c)).offer).toBeUndefined();
    expect(withdrawals()).toHaveLength(1);
    await expect(service.accept(ana, c)).rejects.toMatchObject({ code: 'not_found' });
    // Long before the 30 s timeout.
    tick(1);
    expect(await service.runRound()).toEqual({ offered: 1, expired: 0 });
    expect((await conv(c)).offer?.agentId).toBe(ben.id);
  });

  it('releases each conversation once when two instances race the same going offline', async () => {
    const other = new AssignmentService({ store, bus: new LocalEventBus(), clock });
    await commands.presence(ana, true);
    const chats = [await heldBy(ana, 'webchat'), await heldBy(ana, 'webchat')];
    await Promise.allSettled([service.setState(ana.id, 'offline', 'presence', ana), other.setState(ana.id, 'offline', 'presence', ana)]);
    for (const id of chats) expect((await conv(id)).assigneeId).toBeNull();
    const journal = await store.readJournal({ afterSeq: 0, limit: 100 });
    expect(journal.filter((e) => e.type === 'agent.state-changed' && e.payload.state === 'offline')).toHaveLength(1);
    expect(journal.filter((e) => e.type === 'conversation.assigned' && e.payload.assigneeId === null)).toHaveLength(2);
  });
});

describe('an agent going away', () => {
  it('keeps their conversations, web chats included, but gives up pending offers', async () => {
    await commands.presence(ana, true);
    await commands.presence(ben, true);
    const chat = await heldBy(ana, 'webchat');
    const offered = (await opened('webchat')).conversationId;
    await service.runRound();
    // Least-busy: Ben holds nothing, so he is offered the new chat; stepping away gives it up.
    expect((await conv(offered)).offer?.agentId).toBe(ben.id);
    await commands.setState(ben, { state: 'away' });
    expect((await conv(offered)).offer).toBeUndefined();
    await service.runRound();
    expect((await conv(offered)).offer?.agentId).toBe(ana.id);

    await commands.setState(ana, { state: 'away' });
    expect((await conv(chat)).assigneeId).toBe(ana.id);
    expect((await conv(offered)).offer).toBeUndefined();
    expect(releases()).toEqual([]);
    expect(withdrawals()).toHaveLength(2);
    // Nobody is available now: the withdrawn chat waits in the queue.
    expect(await service.runRound()).toEqual({ offered: 0, expired: 0 });
    // Back from a break: Ana still has her chat, and is offered the waiting one.
    await commands.setState(ana, { state: 'available' });
    expect((await conv(chat)).assigneeId).toBe(ana.id);
    await service.runRound();
    expect((await conv(offered)).offer?.agentId).toBe(ana.id);
  });

  it('has a round withdraw an offer made from a view older than the state change', async () => {
    await commands.presence(ana, true);
    const c = (await opened('webchat')).conversationId;
    // Another instance decided while Ana was still available; its offer commits after she left.
    const stale: Store = Object.create(store) as Store;
    const statuses = await store.listAgentStatuses();
    stale.listAgentStatuses = async () => statuses;
    const other = new AssignmentService({ store: stale, bus: new LocalEventBus(), clock });
    await commands.setState(ana, { state: 'away' });
    await other.runRound();
    expect((await conv(c)).offer?.agentId).toBe(ana.id);
    expect(await service.runRound()).toEqual({ offered: 0, expired: 1 });
    expect((await conv(c)).offer).toBeUndefined();
    expect(withdrawals()).toHaveLength(1);
  });
});
