import type { Agent, AgentId, Queue, QueueId } from '../../shared/index.js';
import { hashPassword } from '../auth/passwords.js';
import type { StoredAgent, Store } from '../domain/ports.js';
import { DEMO_ROUTING } from './demo-routing.js';

export const QUEUE_ACCUEIL = 'que_accueil' as QueueId;
export const QUEUE_ETAT_CIVIL = 'que_etat_civil' as QueueId;
export const QUEUE_URBANISME = 'que_urbanisme' as QueueId;
export const QUEUE_DECHETS = 'que_dechets' as QueueId;

/**
 * The queues, from the demo's routing setup (demo-routing.json). Routing takes the first queue
 * whose keyword matches, so the specialised queues come first and the default queue (no
 * keywords) last.
 */
export const DEMO_QUEUES: readonly Queue[] = DEMO_ROUTING.queues;

export const ALL_QUEUE_IDS: readonly QueueId[] = DEMO_QUEUES.map((q) => q.id);

// Typed through a helper rather than `as const`: Agent's queueIds is a mutable array.
const staff = (agent: Agent): Agent => agent;

export const DEMO_AGENTS = {
  camille: staff({
    id: 'agt_camille' as AgentId,
    email: 'agent@mairie.example',
    displayName: 'Camille Martin',
    role: 'agent',
    queueIds: [QUEUE_ACCUEIL, QUEUE_ETAT_CIVIL],
  }),
  nadia: staff({
    id: 'agt_nadia' as AgentId,
    email: 'superviseur@mairie.example',
    displayName: 'Nadia Benali',
    role: 'supervisor',
    queueIds: [...ALL_QUEUE_IDS],
  }),
  julien: staff({
    id: 'agt_julien' as AgentId,
    email: 'formateur@mairie.example',
    displayName: 'Julien Moreau',
    role: 'trainer',
    queueIds: [],
  }),
  sophie: staff({
    id: 'agt_sophie' as AgentId,
    email: 'admin@mairie.example',
    displayName: 'Sophie Laurent',
    role: 'admin',
    queueIds: [...ALL_QUEUE_IDS],
  }),
  karim: staff({
    id: 'agt_karim' as AgentId,
    email: 'karim.haddad@mairie.example',
    displayName: 'Karim Haddad',
    role: 'agent',
    queueIds: [QUEUE_ACCUEIL, QUEUE_URBANISME],
  }),
  lea: staff({
    id: 'agt_lea' as AgentId,
    email: 'lea.dubois@mairie.example',
    displayName: 'Léa Dubois',
    role: 'agent',
    queueIds: [QUEUE_ACCUEIL, QUEUE_DECHETS],
  }),
  /** A new agent in training: plays the demo course, and nothing else. */
  maeva: staff({
    id: 'agt_maeva' as AgentId,
    email: 'stagiaire@mairie.example',
    displayName: 'Maëva Tessier',
    role: 'trainee',
    queueIds: [],
  }),
};

export type DemoAgentKey = keyof typeof DEMO_AGENTS;

export const DEMO_AGENT_LIST: readonly Agent[] = Object.values(DEMO_AGENTS);

export function demoAgent(id: AgentId): Agent {
  const agent = DEMO_AGENT_LIST.find((a) => a.id === id);
  if (!agent) throw new Error(`no demo agent ${id}`);
  return agent;
}

/** Staff who answer a queue's conversations day to day (the supervisor steps in now and then). */
export function frontlineAgentsOf(queueId: QueueId): Agent[] {
  return DEMO_AGENT_LIST.filter((a) => a.role === 'agent' && a.queueIds.includes(queueId));
}

/**
 * Saves the demo queues and staff. Every demo account shares one password, so it is hashed
 * once: argon2id is deliberately slow and six hashes would add a visible pause to start-up.
 * The hash comes from the login's own policy (argon2id, same cost), so demo accounts are
 * verified exactly like real ones.
 */
export async function seedDirectory(store: Store, password: string): Promise<{ queues: Queue[]; agents: Agent[] }> {
  const passwordHash = await hashPassword(password);
  for (const queue of DEMO_QUEUES) await store.saveQueue(queue);
  for (const agent of DEMO_AGENT_LIST) {
    const stored: StoredAgent = { ...agent, passwordHash };
    await store.saveAgent(stored);
  }
  return { queues: [...DEMO_QUEUES], agents: [...DEMO_AGENT_LIST] };
}

/** Gives every demo account this password again, e.g. when GUICHET_DEMO_PASSWORD is set on a restart. */
export async function resetDemoPasswords(store: Store, password: string): Promise<number> {
  const passwordHash = await hashPassword(password);
  let reset = 0;
  for (const agent of DEMO_AGENT_LIST) {
    const stored = await store.getAgent(agent.id);
    if (!stored) continue;
    await store.saveAgent({ ...stored, passwordHash });
    reset += 1;
  }
  return reset;
}
