import { capacityOf, type Agent, type AgentId, type AgentStatus, type Channel, type Conversation, type Priority, type Queue } from '../../../shared/index.js';

// Pure choice of who is offered a conversation. The service (assignment-service.ts) reads the
// store, calls these, and makes the result safe under concurrency with claims.

/** The channel a conversation occupies an agent on: where the citizen last wrote, else where it began. */
export function channelOf(conversation: Pick<Conversation, 'lastInboundChannel' | 'channels'>): Channel {
  return conversation.lastInboundChannel ?? conversation.channels[0] ?? 'email';
}

export type Load = Partial<Record<Channel, number>>;

/**
 * Load per agent and channel: open conversations assigned to them plus pending offers (an offer
 * holds its slot until answered, or one agent could be offered more than they can take). Pending
 * conversations wait on the citizen and do not count.
 */
export function loadsOf(conversations: readonly Conversation[]): Map<AgentId, Load> {
  const loads = new Map<AgentId, Load>();
  const add = (agentId: AgentId, channel: Channel) => {
    const load = loads.get(agentId) ?? {};
    load[channel] = (load[channel] ?? 0) + 1;
    loads.set(agentId, load);
  };
  for (const c of conversations) {
    if (c.status !== 'open') continue;
    if (c.assigneeId !== null) add(c.assigneeId, channelOf(c));
    else if (c.offer) add(c.offer.agentId, channelOf(c));
  }
  return loads;
}

/** Roles that take conversations from queues. */
const TAKES_WORK: readonly Agent['role'][] = ['agent', 'supervisor'];

export interface Candidate {
  agent: Pick<Agent, 'id' | 'role' | 'queueIds' | 'skills' | 'capacity'>;
  status: Pick<AgentStatus, 'state' | 'lastOfferedAt'> | undefined;
  load: Load;
}

/** Whether this agent may be offered the conversation now: available, member, skilled, not full. */
export function isEligible(candidate: Candidate, queue: Pick<Queue, 'id' | 'requiredSkill'>, channel: Channel): boolean {
  const { agent, status, load } = candidate;
  if (!TAKES_WORK.includes(agent.role)) return false;
  if (status?.state !== 'available') return false;
  if (!agent.queueIds.includes(queue.id)) return false;
  if (queue.requiredSkill !== undefined && !(agent.skills ?? []).includes(queue.requiredSkill)) return false;
  return (load[channel] ?? 0) < capacityOf(agent, channel);
}

const lastOffered = (c: Candidate): string => c.status?.lastOfferedAt ?? '';
const totalLoad = (load: Load): number => Object.values(load).reduce((a, b) => a + b, 0);

/**
 * The agent to offer `conversation` to, or null. Agents who already declined it are passed over
 * while anyone else can take it; when only they remain, all but the latest refuser are asked
 * again, so a conversation is never stuck because everyone once said no.
 *
 * - least-busy: lowest share of the channel's capacity in use, then fewest conversations overall;
 * - round-robin: the agent offered least recently (stateless across instances, unlike a pointer).
 * Ties go to the agent offered least recently, then by id, so the choice is deterministic.
 */
export function pickAgent(
  conversation: Pick<Conversation, 'lastInboundChannel' | 'channels' | 'declinedBy'>,
  queue: Pick<Queue, 'id' | 'requiredSkill' | 'assignment'>,
  candidates: readonly Candidate[],
): AgentId | null {
  const channel = channelOf(conversation);
  const eligible = candidates.filter((c) => isEligible(c, queue, channel));
  const declined = conversation.declinedBy ?? [];
  const fresh = eligible.filter((c) => !declined.includes(c.agent.id));
  const latestRefuser = declined[declined.length - 1];
  const pool = fresh.length > 0 ? fresh : eligible.filter((c) => c.agent.id !== latestRefuser || eligible.length === 1);
  const strategy = queue.assignment?.strategy ?? 'least-busy';
  const ranked = [...pool].sort((a, b) => {
    if (strategy === 'least-busy') {
      const share = (c: Candidate) => (c.load[channel] ?? 0) / capacityOf(c.agent, channel);
      const byShare = share(a) - share(b);
      if (byShare !== 0) return byShare;
      const byTotal = totalLoad(a.load) - totalLoad(b.load);
      if (byTotal !== 0) return byTotal;
    }
    const byRecency = lastOffered(a).localeCompare(lastOffered(b));
    if (byRecency !== 0) return byRecency;
    return a.agent.id < b.agent.id ? -1 : a.agent.id > b.agent.id ? 1 : 0;
  });
  return ranked[0]?.agent.id ?? null;
}

const PRIORITY_RANK: Readonly<Record<Priority, number>> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** Order in which waiting conversations are served: priority, then longest wait. */
export function servingOrder(a: Conversation, b: Conversation): number {
  const byPriority = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  if (byPriority !== 0) return byPriority;
  const since = (c: Conversation) => c.waitingSince ?? c.openedAt;
  return since(a).localeCompare(since(b)) || a.id.localeCompare(b.id);
}

/** Waiting for an offer: open, nobody's, no offer pending. */
export function awaitsOffer(c: Conversation): boolean {
  return c.status === 'open' && c.assigneeId === null && c.offer === undefined;
}
