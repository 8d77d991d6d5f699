import { z } from 'zod';
import { AgentId } from './ids.js';
import type { JournalEvent } from './journal.js';
import { AgentState } from './model.js';

/**
 * An agent's routing status, folded from the journal (`agent.state-changed`, `conversation.offered`)
 * by the store's agent-status projection and by the console alike. An agent never seen is offline.
 */
export const AgentStatus = z.object({
  agentId: AgentId,
  state: AgentState,
  /** When the current state began (time in state on the board). */
  since: z.string(),
  /**
   * Offers made to this agent so far. The next offer claims `agent-offer:<agentId>:<offerCount+1>`,
   * so two instances can never both offer to one agent from the same view of its load.
   */
  offerCount: z.number().int().nonnegative(),
  /** Round-robin picks the eligible agent offered least recently. */
  lastOfferedAt: z.string().nullable(),
  lastSeq: z.number().int().nonnegative(),
});
export type AgentStatus = z.infer<typeof AgentStatus>;

/** Idempotent like the other reducers: an event at or below lastSeq changes nothing. */
export function reduceAgentStatus(state: AgentStatus | undefined, event: JournalEvent): AgentStatus | undefined {
  if (event.type !== 'agent.state-changed' && event.type !== 'conversation.offered') return state;
  if (state && event.seq <= state.lastSeq) return state;
  const base: AgentStatus = state ?? {
    agentId: event.payload.agentId,
    state: 'offline',
    since: event.at,
    offerCount: 0,
    lastOfferedAt: null,
    lastSeq: 0,
  };
  if (event.type === 'agent.state-changed') {
    return { ...base, state: event.payload.state, since: base.state === event.payload.state ? base.since : event.at, lastSeq: event.seq };
  }
  return { ...base, offerCount: base.offerCount + 1, lastOfferedAt: event.at, lastSeq: event.seq };
}

/** The agent an event's status change concerns, if any. */
export function agentStatusKey(event: JournalEvent): AgentId | undefined {
  return event.type === 'agent.state-changed' || event.type === 'conversation.offered' ? event.payload.agentId : undefined;
}
