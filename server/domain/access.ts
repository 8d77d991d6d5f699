import type { Agent, Conversation } from '../../shared/index.js';

/** Supervisors and admins reach every queue; agents their queues and what is assigned to them. */
export function canActOn(agent: Pick<Agent, 'id' | 'role' | 'queueIds'>, conversation: Pick<Conversation, 'queueId' | 'assigneeId'>): boolean {
  if (agent.role === 'supervisor' || agent.role === 'admin') return true;
  if (agent.role !== 'agent') return false;
  return conversation.assigneeId === agent.id || agent.queueIds.includes(conversation.queueId);
}

/** Queues whose traffic the agent sees; undefined means all of them. */
export function visibleQueues(agent: Pick<Agent, 'role' | 'queueIds'>): Agent['queueIds'] | undefined {
  return agent.role === 'supervisor' || agent.role === 'admin' ? undefined : agent.queueIds;
}
