import type { AgentId, CitizenId, ConversationId, MessageId, QueueId } from '../../shared/ids.js';
import type { EventOfType, JournalEvent } from '../../shared/journal.js';
import type { Agent, Channel, Citizen, Conversation, Message } from '../../shared/model.js';

// Builders for unit tests: valid shared-model objects with just the fields a test cares about.

export const CIT = 'cit_1' as CitizenId;
export const CIT2 = 'cit_2' as CitizenId;
export const CONV = 'conv_1' as ConversationId;
export const CONV2 = 'conv_2' as ConversationId;
export const QUEUE = 'que_etat_civil' as QueueId;
export const QUEUE_OTHER = 'que_urbanisme' as QueueId;
export const ME = 'agt_me' as AgentId;
export const OTHER_AGENT = 'agt_other' as AgentId;

export const agent: Agent = { id: ME, email: 'me@mairie.fr', displayName: 'Camille', role: 'agent', queueIds: [QUEUE] };

export function at(minute: number): string {
  return new Date(Date.UTC(2025, 0, 15, 9, minute)).toISOString();
}

export function message(over: Omit<Partial<Message>, 'id'> & { id: string }): Message {
  return {
    conversationId: CONV,
    citizenId: CIT,
    direction: 'inbound',
    channel: 'email',
    kind: 'text',
    author: { kind: 'citizen', name: 'Jeanne Martin' },
    text: 'Bonjour',
    attachments: [],
    at: at(0),
    status: 'received',
    ...over,
    id: over.id as MessageId,
  };
}

export function conversation(over: Partial<Conversation> = {}): Conversation {
  return {
    id: CONV,
    citizenId: CIT,
    citizenName: 'Jeanne Martin',
    status: 'open',
    queueId: QUEUE,
    assigneeId: null,
    priority: 'normal',
    tags: [],
    channels: ['email'],
    lastInboundChannel: 'email',
    openedAt: at(0),
    lastActivityAt: at(0),
    waitingSince: at(0),
    unreadCount: 1,
    messageCount: 1,
    preview: 'Bonjour',
    resolvedAt: null,
    lastSeq: 1,
    ...over,
  };
}

export function citizen(over: Partial<Citizen> = {}): Citizen {
  return {
    id: CIT,
    displayName: 'Jeanne Martin',
    identities: [{ kind: 'email', value: 'jeanne@example.fr', level: 'channel' }],
    createdAt: at(0),
    mergedInto: null,
    ...over,
  };
}

type Envelope = { seq: number; at?: string; citizenId?: CitizenId; conversationId?: ConversationId; queueId?: QueueId };

function envelope(e: Envelope) {
  return {
    seq: e.seq,
    at: e.at ?? at(e.seq),
    actor: { kind: 'system' as const },
    citizenId: e.citizenId ?? CIT,
    conversationId: e.conversationId ?? CONV,
    queueId: e.queueId ?? QUEUE,
  };
}

export function opened(e: Envelope & { channel?: Channel; subject?: string }): EventOfType<'conversation.opened'> {
  return {
    ...envelope(e),
    type: 'conversation.opened',
    payload: { citizenName: 'Jeanne Martin', queueId: e.queueId ?? QUEUE, channel: e.channel ?? 'email', priority: 'normal', ...(e.subject ? { subject: e.subject } : {}) },
  };
}

export function received(e: Envelope & { message: Message }): EventOfType<'message.received'> {
  return { ...envelope(e), type: 'message.received', payload: { message: e.message } };
}

export function sent(e: Envelope & { message: Message }): EventOfType<'message.sent'> {
  return { ...envelope(e), type: 'message.sent', payload: { message: e.message } };
}

export function noteAdded(e: Envelope & { message: Message }): EventOfType<'note.added'> {
  return { ...envelope(e), type: 'note.added', payload: { message: e.message } };
}

export function offered(e: Envelope & { agentId: AgentId; attempt?: number; expiresAt: string }): EventOfType<'conversation.offered'> {
  return { ...envelope(e), type: 'conversation.offered', payload: { agentId: e.agentId, attempt: e.attempt ?? 1, expiresAt: e.expiresAt } };
}

export function assigned(e: Envelope & { assigneeId: AgentId | null }): EventOfType<'conversation.assigned'> {
  return { ...envelope(e), type: 'conversation.assigned', payload: { assigneeId: e.assigneeId, previousAssigneeId: null } };
}

export function statusChanged(e: Envelope & { status: Conversation['status'] }): EventOfType<'conversation.status'> {
  return { ...envelope(e), type: 'conversation.status', payload: { status: e.status, previousStatus: 'open' } };
}

/** A generic event for sync tests, where only the seq matters. */
export function anyEvent(seq: number): JournalEvent {
  return assigned({ seq, assigneeId: null });
}
