import type { Agent, Channel } from './model.js';

// Per-channel capacity, shared by routing (server/domain/assignment) and the console, which
// shows each agent's capacity as routing counts it.

/** Conversations held at once when an agent's capacity leaves a channel out (issue 5's example). */
export const DEFAULT_CAPACITY: Readonly<Record<Channel, number>> = {
  phone: 1,
  webchat: 3,
  messenger: 3,
  whatsapp: 3,
  instagram: 3,
  telegram: 3,
  email: 8,
};

export function capacityOf(agent: Pick<Agent, 'capacity'>, channel: Channel): number {
  return agent.capacity?.[channel] ?? DEFAULT_CAPACITY[channel];
}
