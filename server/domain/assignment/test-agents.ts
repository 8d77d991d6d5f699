import type { AgentId, QueueId } from '../../../shared/index.js';
import type { StoredAgent } from '../ports.js';

/** A builder of test staff who belong to `queueIds` unless told otherwise. */
export function agentsOf(queueIds: readonly QueueId[]): (id: string, o?: Partial<StoredAgent>) => StoredAgent {
  return (id, o = {}) => ({
    id: id as AgentId,
    email: `${id}@mairie.test`,
    displayName: id,
    role: 'agent',
    queueIds: [...queueIds],
    passwordHash: 'x',
    ...o,
  });
}
