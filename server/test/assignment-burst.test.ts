import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capacityOf, reduceConversation, type AgentId, type Conversation, type Queue, type QueueId, type SessionInfo } from '../../shared/index.js';
import { hashPassword } from '../auth/passwords.js';
import { channelOf, isEligible, loadsOf } from '../domain/assignment/pick-agent.js';
import type { Store, StoredAgent } from '../domain/ports.js';
import { createGuichet, type Guichet } from '../guichet-server.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { boardFiguresAtSnapshot, boardFiguresThreeWays, liveBoard, ok, type LiveBoard } from './board-check.js';
import { emailFrom, INGEST_KEY, PASSWORD, type AgentSocket } from './harness.js';
import { clientId, waitFor } from './webchat-helpers.js';

// Issue 5 acceptance: a burst of conversations across three queues and five agents with different
// capacities, skills and answering habits. Every offer and every assignment in the journal must
// respect capacity and skills at the moment it was written, and the floor must end work-conserving
// (nothing waits in a queue while an eligible agent has room).

const ETAT = 'que_etat_civil' as QueueId;
const URBA = 'que_urbanisme' as QueueId;
const ACCUEIL = 'que_accueil' as QueueId;
const QUEUES: Queue[] = [
  { id: ETAT, name: 'État civil', description: '', keywords: ['acte de naissance'], isDefault: false, requiredSkill: 'etat-civil', assignment: { strategy: 'least-busy', offerTimeoutSec: 1 }, serviceLevels: { default: { firstResponseMinutes: 60 } } },
  { id: URBA, name: 'Urbanisme', description: '', keywords: ['permis de construire'], isDefault: false, requiredSkill: 'urbanisme', assignment: { strategy: 'round-robin', offerTimeoutSec: 1 }, serviceLevels: { default: { firstResponseMinutes: 60 } } },
  { id: ACCUEIL, name: 'Accueil', description: '', keywords: [], isDefault: true, assignment: { strategy: 'least-busy', offerTimeoutSec: 1 }, serviceLevels: { default: { firstResponseMinutes: 60 } } },
];
type Habit = 'accepts' | 'ignores-first' | 'declines-first';
const AGENTS: (Omit<StoredAgent, 'passwordHash' | 'email' | 'displayName' | 'role'> & { habit: Habit })[] = [
  { id: 'agt_ana' as AgentId, queueIds: [ETAT, ACCUEIL], skills: ['etat-civil'], capacity: { email: 3 }, habit: 'accepts' },
  { id: 'agt_ben' as AgentId, queueIds: [ETAT, URBA], skills: ['etat-civil', 'urbanisme'], capacity: { email: 1 }, habit: 'accepts' },
  { id: 'agt_chloe' as AgentId, queueIds: [URBA], skills: ['urbanisme'], capacity: { email: 2 }, habit: 'accepts' },
  { id: 'agt_david' as AgentId, queueIds: [ACCUEIL, URBA], skills: [], capacity: { email: 4 }, habit: 'ignores-first' },
  { id: 'agt_eve' as AgentId, queueIds: [ACCUEIL, ETAT], skills: [], capacity: { email: 2 }, habit: 'declines-first' },
];

const SUPERVISOR: Omit<StoredAgent, 'passwordHash'> = { id: 'agt_sarah' as AgentId, email: 'agt_sarah@mairie.test', displayName: 'Sarah', role: 'supervisor', queueIds: [] };
const QUEUE_IDS = QUEUES.map((q) => q.id);
const AGENT_IDS = AGENTS.map((a) => a.id);

let dir: string;
let store: Store;
let guichet: Guichet;
let url: string;
const sockets: AgentSocket[] = [];
const agentSockets = new Map<AgentId, AgentSocket>();
let supervisor: AgentSocket;
let board: LiveBoard;

async function staffSocket(email: string, habit: Habit | null): Promise<AgentSocket> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  const { token, agent } = (await res.json()) as SessionInfo;
  const socket: AgentSocket = connect(`${url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(socket);
  let answered = 0;
  socket.on('conversation:offered', (event) => {
    if (habit === null || event.payload.agentId !== agent.id) return;
    answered++;
    if (answered === 1 && habit === 'ignores-first') return; // lets it time out
    const command = answered === 1 && habit === 'declines-first' ? 'offer:decline' : 'offer:accept';
    void socket.timeout(5000).emitWithAck(command, { conversationId: event.conversationId! }).catch(() => {});
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-burst-'));
  store = await openSqliteStore({ file: path.join(dir, 'guichet.sqlite') });
  for (const q of QUEUES) await store.saveQueue(q);
  const passwordHash = await hashPassword(PASSWORD);
  for (const a of AGENTS) {
    const { habit: _h, ...agent } = a;
    await store.saveAgent({ ...agent, email: `${a.id}@mairie.test`, displayName: a.id, role: 'agent', passwordHash });
  }
  await store.saveAgent({ ...SUPERVISOR, passwordHash });
  guichet = await createGuichet({
    store,
    ingestApiKey: INGEST_KEY,
    staticDir: path.join(dir, 'no-console'),
    sessionTtlMs: 3_600_000,
    loginLimit: 1000,
    loginWindowMs: 60_000,
    log: () => {},
    routing: { intervalMs: 100 },
  });
  url = await guichet.listen(0);
  // The supervisor's board is up before anyone else: the agents' arrivals are pushes too. A
  // supervisor opening the console stays offline, so routing never offers them anything.
  supervisor = await staffSocket(SUPERVISOR.email, null);
  board = await liveBoard(supervisor);
  for (const a of AGENTS) agentSockets.set(a.id, await staffSocket(`${a.id}@mairie.test`, a.habit));
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await guichet.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const TOPICS = ["J'ai besoin d'un acte de naissance.", 'Où en est mon permis de construire ?', 'Quels sont vos horaires ?'];

async function openConversations(): Promise<Conversation[]> {
  return (await store.listConversations({ status: 'open', limit: 200 })).items;
}

function candidatesFor(conversations: readonly Conversation[]) {
  const loads = loadsOf(conversations);
  return AGENTS.map((a) => ({ agent: { ...a, role: 'agent' as const }, status: { state: 'available' as const, lastOfferedAt: null }, load: loads.get(a.id) ?? {} }));
}

/** Nothing pending, and no waiting conversation has an eligible agent with room. */
function settled(conversations: readonly Conversation[]): boolean {
  if (conversations.some((c) => c.offer)) return false;
  const candidates = candidatesFor(conversations);
  return conversations
    .filter((c) => c.assigneeId === null)
    .every((c) => !candidates.some((x) => isEligible(x, QUEUES.find((q) => q.id === c.queueId)!, channelOf(c))));
}

async function waitUntilSettled(): Promise<Conversation[]> {
  // Offers time out after 1 s and rounds run every 100 ms: generous for a loaded machine.
  const deadline = Date.now() + 45_000;
  let open = await openConversations();
  while (!settled(open) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    open = await openConversations();
  }
  return open;
}

const sum = (figures: { queues: { waiting: number; inProgress: number; metToday: number }[] }, k: 'waiting' | 'inProgress' | 'metToday') =>
  figures.queues.reduce((n, q) => n + q[k], 0);

describe('automatic assignment under a burst', () => {
  it('respects capacity and skills for every offer and assignment, leaves no eligible agent idle, and the board follows', async () => {
    const burst = Array.from({ length: 30 }, (_, i) => guichetInbound(`citoyen${i}@example.fr`, TOPICS[i % 3]!));
    expect((await Promise.all(burst)).every((status) => status === 200 || status === 201)).toBe(true);

    // Mid-burst, offers and answers still racing: the three boards agree at one seq.
    const during = await boardFiguresAtSnapshot(store, supervisor, board, QUEUE_IDS, AGENT_IDS);
    expect(during.live).toEqual(during.journal);
    expect(during.snapshot).toEqual(during.journal);
    // Every conversation was opened before the ingest answered, so all 30 are on the board.
    expect(sum(during.journal, 'waiting') + sum(during.journal, 'inProgress')).toBe(30);
    expect(during.journal.agents.every((a) => a.state === 'available')).toBe(true);

    let open = await waitUntilSettled();
    expect(open).toHaveLength(30);
    expect(settled(open)).toBe(true);
    // The SLA rounds have given every conversation its first-response deadline (sla.set).
    await waitFor(async () => (await Promise.all(open.map((c) => store.getConversation(c.id)))).every((c) => c?.firstResponseDueAt !== undefined));

    // The agents work: a first reply on everything they hold, then each resolves one, which
    // frees a slot the router fills from the queues.
    const held = open.filter((c) => c.assigneeId !== null);
    expect(held).toHaveLength(12);
    await Promise.all(
      held.map((c) =>
        ok(agentSockets.get(c.assigneeId!)!.timeout(10_000).emitWithAck('message:send', { conversationId: c.id, channel: 'email', text: 'Bonjour, nous traitons votre demande.', clientMessageId: clientId() })),
      ),
    );
    const resolved = AGENTS.map((a) => held.find((c) => c.assigneeId === a.id)!);
    await Promise.all(resolved.map((c) => ok(agentSockets.get(c.assigneeId!)!.timeout(10_000).emitWithAck('conversation:set-status', { conversationId: c.id, status: 'resolved' }))));

    open = await waitUntilSettled();
    expect(open).toHaveLength(25);
    expect(settled(open)).toBe(true);

    // Settled: live fold, fresh snapshot and journal recomputation give the same figures.
    const after = await boardFiguresThreeWays(store, supervisor, board, QUEUE_IDS, AGENT_IDS);
    expect(after.live).toEqual(after.journal);
    expect(after.snapshot).toEqual(after.journal);
    // And they are the figures this traffic must give, so the equality is not vacuous: every
    // agent full (12 e-mail slots), 13 waiting, 12 first replies today, 5 resolved gone from the floor.
    expect(sum(after.journal, 'inProgress')).toBe(12);
    expect(sum(after.journal, 'waiting')).toBe(13);
    expect(sum(after.journal, 'metToday')).toBe(12);
    for (const a of AGENTS) {
      const figures = after.journal.agents.find((x) => x.agentId === a.id)!;
      expect(figures.state).toBe('available');
      expect(figures.load).toEqual({ email: capacityOf(a, 'email') });
      expect(figures.conversationIds).toHaveLength(capacityOf(a, 'email'));
    }
    expect(after.journal.queues.every((q) => q.waiting + q.inProgress > 0)).toBe(true);

    // Replay the journal: at each offer and assignment, the agent was a skilled member of the
    // queue, and their load on the channel (assigned + pending offers) stayed within capacity.
    const journal = await store.readJournal({ afterSeq: 0, limit: 10_000 });
    const state = new Map<string, Conversation>();
    let checked = 0;
    for (const event of journal) {
      if (event.conversationId === undefined) continue;
      const after = reduceConversation(state.get(event.conversationId), event);
      if (after) state.set(event.conversationId, after);
      const agentId = event.type === 'conversation.offered' ? event.payload.agentId : event.type === 'conversation.assigned' ? event.payload.assigneeId : null;
      if (!agentId || !after) continue;
      const agent = AGENTS.find((a) => a.id === agentId)!;
      const queue = QUEUES.find((q) => q.id === after.queueId)!;
      expect(agent.queueIds).toContain(queue.id);
      if (queue.requiredSkill) expect(agent.skills).toContain(queue.requiredSkill);
      const channel = channelOf(after);
      expect(loadsOf([...state.values()]).get(agentId)?.[channel] ?? 0).toBeLessThanOrEqual(capacityOf(agent, channel));
      checked++;
    }
    expect(checked).toBeGreaterThan(17);

    // Every agent ended at capacity here (30 requests for 12 e-mail slots), declines and
    // timeouts included; the habits left their trace.
    const final = loadsOf(open);
    for (const a of AGENTS) expect(final.get(a.id)?.email ?? 0).toBe(capacityOf(a, 'email'));
    const types = journal.map((e) => (e.type === 'conversation.offer-declined' ? e.payload.reason : null));
    expect(types).toContain('timeout');
    expect(types).toContain('declined');
  }, 120_000);
});

async function guichetInbound(address: string, text: string): Promise<number> {
  const res = await fetch(`${url}/api/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
    body: JSON.stringify({ ...emailFrom(address, text), subject: text }),
  });
  return res.status;
}
