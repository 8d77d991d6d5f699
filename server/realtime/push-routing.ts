import { PUSH_FOR_EVENT, type AgentId, type JournalEvent, type PushEventName } from '../../shared/index.js';

export const rooms = {
  supervisors: 'supervisors',
  queue: (id: string) => `queue:${id}`,
  agent: (id: string) => `agent:${id}`,
  conversation: (id: string) => `conversation:${id}`,
  citizen: (id: string) => `citizen:${id}`,
};

export interface PushTarget {
  name: PushEventName;
  rooms: string[];
}

/**
 * Who hears an event: supervisors hear everything; agents hear their queues, what is assigned
 * to them (now or until this event), and whatever conversation or citizen they have open.
 * Catch-up (store.readJournal with queueIds + assigneeId) serves the same audience.
 */
export function pushTarget(event: JournalEvent, assigneeId: AgentId | null): PushTarget {
  const targets = new Set<string>([rooms.supervisors, rooms.citizen(event.citizenId)]);
  if (event.queueId) targets.add(rooms.queue(event.queueId));
  if (event.conversationId) targets.add(rooms.conversation(event.conversationId));
  if (assigneeId) targets.add(rooms.agent(assigneeId));
  if (event.type === 'conversation.assigned' && event.payload.previousAssigneeId) {
    targets.add(rooms.agent(event.payload.previousAssigneeId));
  }
  return { name: PUSH_FOR_EVENT[event.type], rooms: [...targets] };
}
