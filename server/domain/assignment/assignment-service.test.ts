import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ConversationId, Queue, QueueId } from '../../../shared/index.js';
import { LocalEventBus } from '../../events/local-event-bus.js';
import { citizenCreated, conversationOpened, ids, messageEvent, messageOfRef, newConversation } from '../../testing/journal-events.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { DomainError } from '../errors.js';
import type { Clock, Store, StoredAgent } from '../ports.js';
import { AssignmentService } from './assignment-service.js';
import { agentsOf } from './test-agents.js';

const Q = 'que_etat_civil' as QueueId;
const QUEUE: Queue = { id: Q, name: 'État civil', description: '', keywords: [], isDefault: true, assignment: { strategy: 'least-busy', offerTimeoutSec: 30 } };
const agent = agentsOf([Q]);

let dir: string;
let store: Store;
let now: Date;
const clock: Clock = { now: () => now };
let service: AssignmentService;
const tick = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-assign-'));
  store = await openSqliteStore({ file: path.join(dir, 'store.sqlite') });
  now = new Date('2025-03-03T09:00:00Z');
  service = new AssignmentService({ store, bus: new LocalEventBus(), clock });
  await store.saveQueue(QUEUE);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function waiting(channel: Channel = 'webchat'): Promise<ConversationId> {
  const ref = newConversation(ids.citizen(), Q);
  const at = now.toISOString();
  await store.append([
    citizenCreated(ref.citizenId, { at }),
    conversationOpened(ref, { at, channel }),
    messageEvent('message.received', messageOfRef('message.received', ref, { at, channel }), Q),
  ]);
  return ref.conversationId;
}

async function available(...agents: StoredAgent[]): Promise<void> {
  for (const a of agents) {
    await store.saveAgent(a);
    await service.setState(a.id, 'available', 'agent', a);
  }
}

const offerOf = async (id: ConversationId) => (await store.getConversation(id))?.offer?.agentId ?? null;

describe('AssignmentService', () => {
  it('offers waiting conversations within each agent’s capacity, and accepting assigns', async () => {
    const ana = agent('agt_ana', { capacity: { webchat: 1 } });
    await available(ana);
    const [c1, c2] = [await waiting(), await waiting()];
    expect(await service.runRound()).toEqual({ offered: 1, expired: 0 });
    expect(await offerOf(c1)).toBe(ana.id); // the longest wait first
    expect(await offerOf(c2)).toBeNull(); // the offer holds Ana's only chat slot
    const taken = await service.accept(ana, c1);
    expect(taken.assigneeId).toBe(ana.id);
    expect(taken.offer).toBeUndefined();
    expect(await service.runRound()).toEqual({ offered: 0, expired: 0 }); // still full
  });

  it('only offers to available agents with the skill the queue requires', async () => {
    await store.saveQueue({ ...QUEUE, requiredSkill: 'etat-civil' });
    const away = agent('agt_a', { skills: ['etat-civil'] });
    const unskilled = agent('agt_b', { skills: ['urbanisme'] });
    const skilled = agent('agt_c', { skills: ['etat-civil'] });
    await available(away, unskilled, skilled);
    await service.setState(away.id, 'away', 'agent', away);
    const c = await waiting();
    await service.runRound();
    expect(await offerOf(c)).toBe(skilled.id);
  });

  it('moves an offer not accepted in time to the next agent, and refuses the late acceptance', async () => {
    const [a, b] = [agent('agt_a'), agent('agt_b')];
    await available(a, b);
    const c = await waiting();
    await service.runRound();
    expect(await offerOf(c)).toBe(a.id);
    tick(29);
    expect(await service.runRound()).toEqual({ offered: 0, expired: 0 });
    tick(1);
    // Due but not yet expired by a round: the agent can no longer take it.
    await expect(service.accept(a, c)).rejects.toMatchObject({ code: 'conflict' });
    expect(await service.runRound()).toEqual({ offered: 1, expired: 1 });
    expect(await offerOf(c)).toBe(b.id);
    await expect(service.accept(a, c)).rejects.toBeInstanceOf(DomainError);
    const conv = await store.getConversation(c);
    expect(conv?.declinedBy).toEqual([a.id]);
    expect(conv?.offer?.attempt).toBe(2);
  });

  it('gives a declined conversation to the next agent', async () => {
    const [a, b] = [agent('agt_a'), agent('agt_b')];
    await available(a, b);
    const c = await waiting();
    await service.runRound();
    await service.decline(a, c);
    await service.runRound();
    expect(await offerOf(c)).toBe(b.id);
    await expect(service.decline(a, c)).rejects.toBeInstanceOf(DomainError);
  });

  it('never exceeds capacity when two instances run a round from the same view', async () => {
    const other = new AssignmentService({ store, bus: new LocalEventBus(), clock });
    const a = agent('agt_a', { capacity: { webchat: 2 } });
    await available(a);
    for (let i = 0; i < 5; i++) await waiting();
    await Promise.all([service.runRound(), other.runRound(), service.runRound()]);
    await Promise.all([service.runRound(), other.runRound()]);
    const open = await store.listConversations({ status: 'open', limit: 50 });
    expect(open.items.filter((x) => x.offer?.agentId === a.id)).toHaveLength(2);
  });

  it('never exceeds capacity when another instance decides from a view that misses an offer', async () => {
    const a = agent('agt_a', { capacity: { webchat: 1 } });
    await available(a);
    const [c1] = [await waiting(), await waiting()];
    // The other instance's projection lags: it does not see the first conversation yet, so it
    // picks the second for the same free slot. Only the agent's offer claim can stop it.
    const lagging: Store = Object.create(store) as Store;
    lagging.listConversations = async (q) => {
      const page = await store.listConversations(q);
      return { ...page, items: page.items.filter((x) => x.id !== c1) };
    };
    const other = new AssignmentService({ store: lagging, bus: new LocalEventBus(), clock });
    await Promise.all([service.runRound(), other.runRound()]);
    const open = await store.listConversations({ status: 'open', limit: 50 });
    expect(open.items.filter((x) => x.offer?.agentId === a.id)).toHaveLength(1);
  });

  it('journals state changes with the state they replace, and ignores a change to the same state', async () => {
    const a = agent('agt_a');
    await store.saveAgent(a);
    await service.setState(a.id, 'available', 'presence', a);
    tick(60);
    const status = await service.setState(a.id, 'busy', 'agent', a);
    expect(status).toMatchObject({ state: 'busy', since: now.toISOString() });
    await service.setState(a.id, 'busy', 'agent', a);
    const events = (await store.readJournal({ afterSeq: 0, limit: 10 })).filter((e) => e.type === 'agent.state-changed');
    expect(events.map((e) => e.type === 'agent.state-changed' && [e.payload.previousState, e.payload.state, e.payload.source])).toEqual([
      ['offline', 'available', 'presence'],
      ['available', 'busy', 'agent'],
    ]);
    expect(events.every((e) => e.citizenId === undefined)).toBe(true);
  });

  it('leaves queues without automatic assignment alone', async () => {
    await store.saveQueue({ ...QUEUE, assignment: undefined } as Queue);
    await available(agent('agt_a'));
    const c = await waiting();
    expect(await service.runRound()).toEqual({ offered: 0, expired: 0 });
    expect(await offerOf(c)).toBeNull();
  });
});
