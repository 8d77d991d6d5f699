import type {
  Agent,
  AgentId,
  AgentState,
  AgentStatus,
  Conversation,
  ConversationId,
  NewJournalEvent,
  Queue,
} from '../../../shared/index.js';
import { agentEnvelope } from '../agent-writes.js';
import { DomainError } from '../errors.js';
import { ClaimConflictError, type Clock, type EventBus, type Store, type StoredAgent } from '../ports.js';
import { awaitsOffer, channelOf, loadsOf, pickAgent, servingOrder, type Candidate, type Load } from './pick-agent.js';

export interface AssignmentDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
}

export interface RoundResult {
  offered: number;
  expired: number;
}

const PAGE = 200;

/** Every open conversation (the floor's live work), page by page. */
async function openConversations(store: Store): Promise<Conversation[]> {
  const all: Conversation[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await store.listConversations({ status: 'open', limit: PAGE, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    if (!page.nextCursor) return all;
    cursor = page.nextCursor;
  }
}

const systemEnvelope = (c: Conversation, at: string) => ({
  at,
  actor: { kind: 'system' as const },
  citizenId: c.citizenId,
  conversationId: c.id,
  queueId: c.queueId,
});

/**
 * Automatic assignment by offers. A round expires offers past their time, then offers every
 * waiting conversation of a queue with `assignment` set to the best eligible agent.
 *
 * Safe with several instances without locks: every write claims what it decides on.
 * - `offer:<conversationId>:<attempt>`: one offer per attempt of a conversation;
 * - `agent-offer:<agentId>:<n>`: the agent's n-th offer, n taken from the agent-status projection
 *   — two instances deciding from the same view of an agent's load collide here, so capacity
 *   cannot be exceeded by a race; the loser re-reads next round;
 * - `offer-end:<conversationId>:<attempt>`: accept, decline and timeout of one offer exclude each
 *   other, so an agent cannot accept an offer the scheduler just expired.
 */
export class AssignmentService {
  constructor(private readonly deps: AssignmentDeps) {}

  async runRound(): Promise<RoundResult> {
    const { store } = this.deps;
    const now = this.deps.clock.now();
    const [queues, agents, statuses, open] = await Promise.all([store.listQueues(), store.listAgents(), store.listAgentStatuses(), openConversations(store)]);
    const expired = await this.expireOffers(open, now);
    // Re-read what expiry changed: those conversations now wait for their next agent.
    const live = expired > 0 ? await openConversations(store) : open;
    const offered = await this.offerWaiting(queues, agents, statuses, live, now);
    return { offered, expired };
  }

  private async expireOffers(open: readonly Conversation[], now: Date): Promise<number> {
    let expired = 0;
    for (const c of open) {
      if (!c.offer || Date.parse(c.offer.expiresAt) > now.getTime()) continue;
      const event: NewJournalEvent = {
        ...systemEnvelope(c, now.toISOString()),
        type: 'conversation.offer-declined',
        payload: { agentId: c.offer.agentId, attempt: c.offer.attempt, reason: 'timeout' },
      };
      if (await this.appendClaimed([event], [`offer-end:${c.id}:${c.offer.attempt}`])) expired++;
    }
    return expired;
  }

  private async offerWaiting(
    queues: readonly Queue[],
    agents: readonly StoredAgent[],
    statuses: readonly AgentStatus[],
    open: readonly Conversation[],
    now: Date,
  ): Promise<number> {
    const byQueue = new Map(queues.filter((q) => q.assignment).map((q) => [q.id, q]));
    const waiting = open.filter((c) => awaitsOffer(c) && byQueue.has(c.queueId)).sort(servingOrder);
    if (waiting.length === 0) return 0;
    const loads = loadsOf(open);
    const statusOf = new Map(statuses.map((s) => [s.agentId, { ...s }]));
    const candidates: Candidate[] = agents.map((agent) => ({ agent, status: statusOf.get(agent.id), load: loads.get(agent.id) ?? {} }));
    let offered = 0;
    for (const c of waiting) {
      const queue = byQueue.get(c.queueId)!;
      const agentId = pickAgent(c, queue, candidates);
      if (agentId === null) continue;
      const candidate = candidates.find((x) => x.agent.id === agentId)!;
      const attempt = (c.offerAttempts ?? 0) + 1;
      const expiresAt = new Date(now.getTime() + queue.assignment!.offerTimeoutSec * 1000).toISOString();
      const event: NewJournalEvent = { ...systemEnvelope(c, now.toISOString()), type: 'conversation.offered', payload: { agentId, attempt, expiresAt } };
      const n = (statusOf.get(agentId)?.offerCount ?? 0) + 1;
      if (!(await this.appendClaimed([event], [`offer:${c.id}:${attempt}`, `agent-offer:${agentId}:${n}`]))) {
        // Another instance moved first; this agent's view is stale until the next round.
        candidates.splice(candidates.indexOf(candidate), 1);
        continue;
      }
      offered++;
      // Keep this round's view current: the offer holds a slot and counts for round-robin.
      const load: Load = candidate.load;
      const channel = channelOf(c);
      load[channel] = (load[channel] ?? 0) + 1;
      const status = statusOf.get(agentId);
      if (status) {
        status.offerCount = n;
        status.lastOfferedAt = event.at;
        candidate.status = status;
      }
    }
    return offered;
  }

  /** The offered agent takes the conversation: it becomes theirs. */
  async accept(agent: Agent, conversationId: ConversationId): Promise<Conversation> {
    const c = await this.pendingOffer(agent, conversationId);
    const now = this.deps.clock.now();
    // Past its time the offer belongs to the next agent, even if the expiry round has not run yet.
    if (now.getTime() >= Date.parse(c.offer!.expiresAt)) throw new DomainError('conflict', 'this offer has expired');
    const at = now.toISOString();
    const events: NewJournalEvent[] = [
      { ...agentEnvelope(agent, c, at), type: 'conversation.accepted', payload: { agentId: agent.id, attempt: c.offer!.attempt } },
      { ...agentEnvelope(agent, c, at), type: 'conversation.assigned', payload: { assigneeId: agent.id, previousAssigneeId: c.assigneeId } },
    ];
    if (!(await this.appendClaimed(events, [`offer-end:${c.id}:${c.offer!.attempt}`]))) {
      throw new DomainError('conflict', 'this offer has already ended');
    }
    return (await this.deps.store.getConversation(conversationId))!;
  }

  /** The offered agent refuses; the next round offers it to someone else. */
  async decline(agent: Agent, conversationId: ConversationId): Promise<void> {
    const c = await this.pendingOffer(agent, conversationId);
    const at = this.deps.clock.now().toISOString();
    const event: NewJournalEvent = {
      ...agentEnvelope(agent, c, at),
      type: 'conversation.offer-declined',
      payload: { agentId: agent.id, attempt: c.offer!.attempt, reason: 'declined' },
    };
    // Losing the claim means the offer already ended (timed out): nothing left to refuse.
    await this.appendClaimed([event], [`offer-end:${c.id}:${c.offer!.attempt}`]);
  }

  private async pendingOffer(agent: Agent, conversationId: ConversationId): Promise<Conversation> {
    const c = await this.deps.store.getConversation(conversationId);
    if (!c || c.offer?.agentId !== agent.id) throw new DomainError('not_found', 'no pending offer of this conversation to you');
    return c;
  }

  /**
   * Sets an agent's state (the agent in the header, presence, or a supervisor). The claim on the
   * status' lastSeq makes concurrent changes from several instances take turns, so each event's
   * previousState is the state it really replaced.
   */
  async setState(agentId: AgentId, state: AgentState, source: 'agent' | 'presence' | 'supervisor', actor: Agent): Promise<AgentStatus | null> {
    for (let tries = 0; tries < 3; tries++) {
      const current = (await this.deps.store.listAgentStatuses()).find((s) => s.agentId === agentId);
      const previousState = current?.state ?? 'offline';
      if (previousState === state) return current ?? null;
      const event: NewJournalEvent = {
        type: 'agent.state-changed',
        at: this.deps.clock.now().toISOString(),
        actor: { kind: 'agent', id: actor.id, name: actor.displayName },
        payload: { agentId, state, previousState, source },
      };
      if (await this.appendClaimed([event], [`agent-state:${agentId}:${current?.lastSeq ?? 0}`])) {
        return (await this.deps.store.listAgentStatuses()).find((s) => s.agentId === agentId) ?? null;
      }
    }
    throw new DomainError('conflict', 'the agent state changed concurrently; try again');
  }

  /** Appends and publishes; false when a claim was already taken (someone else decided first). */
  private async appendClaimed(events: NewJournalEvent[], keys: readonly string[]): Promise<boolean> {
    const owner = events[0]!.conversationId ?? 'staff';
    try {
      this.deps.bus.publish(await this.deps.store.append(events, keys.map((key) => ({ key, owner }))));
      return true;
    } catch (error) {
      if (error instanceof ClaimConflictError) return false;
      throw error;
    }
  }
}
