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
 * Who hears an event, by the access rule (shared/access.ts) as rooms: supervisors hear everything;
 * agents hear their queues and what is assigned to them (now or until this event); a socket
 * watching a conversation (joined after the rule allowed it) hears that conversation. The citizen's
 * room carries only what concerns the citizen as a whole (identities): a conversation of another
 * queue must not reach an agent who opened the same citizen's other conversation.
 * Catch-up (server/domain/catch-up.ts: store.readJournal with queueIds + assigneeId, then canSeeEvent)
 * serves the same audience.
 */
export function pushTarget(event: JournalEvent, assigneeId: AgentId | null): PushTarget {
  // A whisper is for the supervisors and the one agent it names: not the queue, not whoever has
  // the conversation or citizen open (another agent, and never the citizen's side).
  if (event.type === 'whisper.sent') {
    return { name: PUSH_FOR_EVENT[event.type], rooms: [rooms.supervisors, rooms.agent(event.payload.toAgentId)] };
  }
  // Staff events have no citizen: supervisors (and admins) hear them, and the agent concerned.
  if (event.type === 'server.error') return { name: PUSH_FOR_EVENT[event.type], rooms: [rooms.supervisors] };
  if (event.citizenId === undefined) {
    return { name: PUSH_FOR_EVENT[event.type], rooms: [rooms.supervisors, rooms.agent(event.payload.agentId)] };
  }
  const targets = new Set<string>([rooms.supervisors]);
  if (!event.conversationId) targets.add(rooms.citizen(event.citizenId));
  // A console with the merged record open hears its merge or unmerge too (the survivor's room has it already).
  if (event.type === 'citizen.merged' || event.type === 'citizen.unmerged') targets.add(rooms.citizen(event.payload.mergedId));
  if (event.queueId) targets.add(rooms.queue(event.queueId));
  if (event.conversationId) targets.add(rooms.conversation(event.conversationId));
  if (assigneeId) targets.add(rooms.agent(assigneeId));
  if (event.type === 'conversation.assigned' && event.payload.previousAssigneeId) {
    targets.add(rooms.agent(event.payload.previousAssigneeId));
  }
  return { name: PUSH_FOR_EVENT[event.type], rooms: [...targets] };
}
