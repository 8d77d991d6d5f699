import {
  CALLBACK_TAG,
  type Agent,
  type AgentId,
  type AgentState,
  type AgentStatus,
  type Conversation,
  type ConversationId,
  type JournalEvent,
  type NewJournalEvent,
  type Queue,
} from '../../../shared/index.js';
import { agentEnvelope } from '../agent-writes.js';
import { DomainError } from '../errors.js';
import { ClaimConflictError, type Clock, type EventBus, type Store, type StoredAgent } from '../ports.js';
import { awaitsOffer, channelOf, loadsOf, pickAgent, servingOrder, type Candidate, type Load } from './pick-agent.js';
import { commit } from '../commit.js';

export interface AssignmentDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
}

export interface RoundResult {
  offered: number;
  /** Offers ended by the round: timed out, or withdrawn from an agent no longer available. */
  expired: number;
}

/** What an agent's leaving availability took back from them. */
export interface Released {
  /** Pending offers withdrawn. */
  offers: ConversationId[];
  /** Live conversations handed back to their queue. */
  conversations: ConversationId[];
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

/**
 * Whether a conversation held by an agent who went offline goes back to its queue. Only live
 * work, where the citizen is waiting on someone now: a web chat (the widget is open), and a phone
 * conversation owing a call-back (anyone can return the call). A call in progress stays: it lives
 * on the telephony side, which the console closing does not hang up. E-mail and social messages
 * are asynchronous: the agent finds them on return, with the context they built. Only queues with
 * automatic assignment release, so that someone is actually offered what is released.
 */
export function releasedOnOffline(c: Conversation, queue: Pick<Queue, 'assignment'> | undefined): boolean {
  if (c.status !== 'open' || !queue?.assignment) return false;
  const channel = channelOf(c);
  return channel === 'webchat' || (channel === 'phone' && c.tags.includes(CALLBACK_TAG));
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
 * - `offer-end:<conversationId>:<attempt>`: accept, decline, timeout and withdrawal of one offer
 *   exclude each other, so an agent cannot accept an offer the scheduler just expired;
 * - `release:<conversationId>:<seq>`: a live conversation goes back to its queue once for the
 *   agent's going offline at `seq`.
 */
export class AssignmentService {
  constructor(private readonly deps: AssignmentDeps) {}

  async runRound(): Promise<RoundResult> {
    const { store } = this.deps;
    const now = this.deps.clock.now();
    const [queues, agents, open] = await Promise.all([store.listQueues(), store.listAgents(), openConversations(store)]);
    // Statuses after conversations: any offer seen was made to an agent whose becoming available
    // is then in view too, so an offer is withdrawn only for a state change that really followed.
    const statuses = await store.listAgentStatuses();
    const expired = await this.endOffers(open, statuses, now);
    // Re-read what ending offers changed: those conversations now wait for their next agent.
    const live = expired > 0 ? await openConversations(store) : open;
    const offered = await this.offerWaiting(queues, agents, statuses, live, now);
    return { offered, expired };
  }

  /**
   * Ends offers past their time, and offers to agents no longer available. setState withdraws
   * those at once; the round catches an offer another instance made from a view older than the
   * state change, and one left by an instance that stopped between the two writes.
   */
  private async endOffers(open: readonly Conversation[], statuses: readonly AgentStatus[], now: Date): Promise<number> {
    const stateOf = new Map(statuses.map((s) => [s.agentId, s.state]));
    let ended = 0;
    for (const c of open) {
      if (!c.offer) continue;
      const timedOut = Date.parse(c.offer.expiresAt) <= now.getTime();
      const gone = (stateOf.get(c.offer.agentId) ?? 'offline') !== 'available';
      if (!timedOut && !gone) continue;
      if (await this.endOffer(c, timedOut ? 'timeout' : 'withdrawn', now)) ended++;
    }
    return ended;
  }

  private async endOffer(c: Conversation, reason: 'timeout' | 'withdrawn', now: Date): Promise<boolean> {
    const event: NewJournalEvent = {
      ...systemEnvelope(c, now.toISOString()),
      type: 'conversation.offer-declined',
      payload: { agentId: c.offer!.agentId, attempt: c.offer!.attempt, reason },
    };
    return (await this.appendClaimed([event], [`offer-end:${c.id}:${c.offer!.attempt}`])) !== null;
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
      if ((await this.appendClaimed([event], [`offer:${c.id}:${attempt}`, `agent-offer:${agentId}:${n}`])) === null) {
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
    if (now.getTime() >= Date.parse(c.offer!.expiresAt)) throw new DomainError('conflict', 'this offer has expired', { reason: 'offer_expired' });
    const at = now.toISOString();
    const events: NewJournalEvent[] = [
      { ...agentEnvelope(agent, c, at), type: 'conversation.accepted', payload: { agentId: agent.id, attempt: c.offer!.attempt } },
      { ...agentEnvelope(agent, c, at), type: 'conversation.assigned', payload: { assigneeId: agent.id, previousAssigneeId: c.assigneeId } },
    ];
    if ((await this.appendClaimed(events, [`offer-end:${c.id}:${c.offer!.attempt}`])) === null) {
      throw new DomainError('conflict', 'this offer has already ended', { reason: 'offer_ended' });
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
    if (!c || c.offer?.agentId !== agent.id) throw new DomainError('not_found', 'no pending offer of this conversation to you', { reason: 'no_pending_offer' });
    return c;
  }

  /**
   * Sets an agent's state (the agent in the header, presence, or a supervisor). The claim on the
   * status' lastSeq makes concurrent changes from several instances take turns, so each event's
   * previousState is the state it really replaced — and only the instance whose change committed
   * takes back what the agent can no longer handle (see release).
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
      const committed = await this.appendClaimed([event], [`agent-state:${agentId}:${current?.lastSeq ?? 0}`]);
      if (committed !== null) {
        if (state !== 'available') await this.release(agentId, state, committed[0]!.seq);
        return (await this.deps.store.listAgentStatuses()).find((s) => s.agentId === agentId) ?? null;
      }
    }
    throw new DomainError('conflict', 'the agent state changed concurrently; try again', { reason: 'state_changed_concurrently' });
  }

  /**
   * What an agent who stops being available can no longer handle, taken back at once rather than
   * left to time out. Any such state withdraws their pending offers: they said they take nothing
   * new. Going offline (last console closed, or a supervisor's decision) also hands their live
   * conversations back to the queue (releasedOnOffline), where the next round offers them to
   * someone else; away and busy keep them, the agent is still at their desk.
   */
  async release(agentId: AgentId, state: Exclude<AgentState, 'available'>, stateSeq: number): Promise<Released> {
    const { store } = this.deps;
    const released: Released = { offers: [], conversations: [] };
    const [queues, open] = await Promise.all([store.listQueues(), openConversations(store)]);
    const queueOf = new Map(queues.map((q) => [q.id, q]));
    const now = this.deps.clock.now();
    for (let c of open) {
      if (c.offer?.agentId === agentId) {
        if (await this.endOffer(c, 'withdrawn', now)) {
          released.offers.push(c.id);
          continue;
        }
        // Lost to an answer that raced the state change: if it was an acceptance, the
        // conversation is now theirs and is handled below like the others.
        const fresh = await store.getConversation(c.id);
        if (!fresh) continue;
        c = fresh;
      }
      if (state !== 'offline' || c.assigneeId !== agentId || !releasedOnOffline(c, queueOf.get(c.queueId))) continue;
      const event: NewJournalEvent = {
        ...systemEnvelope(c, now.toISOString()),
        type: 'conversation.assigned',
        payload: { assigneeId: null, previousAssigneeId: agentId },
      };
      if ((await this.appendClaimed([event], [`release:${c.id}:${stateSeq}`])) !== null) released.conversations.push(c.id);
    }
    return released;
  }

  /** Appends and publishes; null when a claim was already taken (someone else decided first). */
  private async appendClaimed(events: NewJournalEvent[], keys: readonly string[]): Promise<JournalEvent[] | null> {
    const owner = events[0]!.conversationId ?? 'staff';
    try {
      const committed = await commit(this.deps, events, keys.map((key) => ({ key, owner })));
      return committed;
    } catch (error) {
      if (error instanceof ClaimConflictError) return null;
      throw error;
    }
  }
}
