import {
  newId,
  type Actor,
  type AgentId,
  type Channel,
  type CitizenId,
  type ConversationId,
  type ConversationStatus,
  type DeliveryStatus,
  type Identity,
  type Message,
  type MessageId,
  type NewJournalEvent,
  type QueueId,
} from '../../shared/index.js';

// Valid NewJournalEvents with controlled times, for the store contract, domain tests and the
// benchmarks. Kept free of vitest: the benchmarks import it outside a test run.

const T0 = Date.parse('2025-03-03T08:00:00.000Z');
/** An ISO instant `minutes` after a fixed origin: tests choose times, ids stay random. */
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

export const systemActor: Actor = { kind: 'system' };
const citizenActor: Actor = { kind: 'citizen' };

export interface ConversationRef {
  citizenId: CitizenId;
  conversationId: ConversationId;
  queueId: QueueId;
}

export const ids = {
  citizen: () => newId<CitizenId>('cit'),
  conversation: () => newId<ConversationId>('conv'),
  message: () => newId<MessageId>('msg'),
  agent: () => newId<AgentId>('agt'),
  queue: () => newId<QueueId>('que'),
};

export function citizenCreated(
  citizenId: CitizenId,
  o: { at?: string; displayName?: string; identities?: Identity[] } = {},
): NewJournalEvent {
  return {
    type: 'citizen.created',
    at: o.at ?? at(0),
    actor: systemActor,
    citizenId,
    payload: { displayName: o.displayName ?? 'Camille Martin', identities: o.identities ?? [] },
  };
}

export function identityLinked(citizenId: CitizenId, identity: Identity, when = at(1)): NewJournalEvent {
  return { type: 'identity.linked', at: when, actor: systemActor, citizenId, payload: { identity } };
}

export function newConversation(citizenId: CitizenId, queueId: QueueId): ConversationRef {
  return { citizenId, conversationId: ids.conversation(), queueId };
}

/** The envelope of an event about a conversation, for event types without a builder of their own. */
export function envelope(ref: ConversationRef, when: string, actor: Actor = systemActor) {
  return { at: when, actor, citizenId: ref.citizenId, conversationId: ref.conversationId, queueId: ref.queueId };
}

export function conversationOpened(
  ref: ConversationRef,
  o: { at: string; channel?: Channel; subject?: string; citizenName?: string },
): NewJournalEvent {
  return {
    ...envelope(ref, o.at),
    type: 'conversation.opened',
    payload: {
      citizenName: o.citizenName ?? 'Camille Martin',
      queueId: ref.queueId,
      channel: o.channel ?? 'email',
      priority: 'normal',
      ...(o.subject !== undefined ? { subject: o.subject } : {}),
    },
  };
}

export type MessageEventType = 'message.received' | 'message.sent' | 'note.added';

export function messageOfRef(
  type: MessageEventType,
  ref: ConversationRef,
  o: { at: string; text?: string; channel?: Channel; externalId?: string; id?: MessageId; subject?: string; mentions?: AgentId[] },
): Message {
  const direction = type === 'message.received' ? 'inbound' : type === 'message.sent' ? 'outbound' : 'note';
  return {
    id: o.id ?? ids.message(),
    conversationId: ref.conversationId,
    citizenId: ref.citizenId,
    direction,
    channel: o.channel ?? 'email',
    kind: 'text',
    author: direction === 'inbound' ? citizenActor : { kind: 'agent', id: 'agt_test', name: 'Agent' },
    text: o.text ?? `${type} at ${o.at}`,
    attachments: [],
    at: o.at,
    status: direction === 'inbound' ? 'received' : direction === 'outbound' ? 'queued' : 'sent',
    ...(o.externalId !== undefined ? { externalId: o.externalId } : {}),
    ...(o.subject !== undefined ? { subject: o.subject } : {}),
    ...(o.mentions !== undefined ? { mentions: o.mentions } : {}),
  };
}

export function messageEvent(type: MessageEventType, message: Message, queueId: QueueId): NewJournalEvent {
  const ref: ConversationRef = { citizenId: message.citizenId, conversationId: message.conversationId, queueId };
  return { ...envelope(ref, message.at, message.author), type, payload: { message } };
}

export function messageStatus(
  ref: ConversationRef,
  messageId: MessageId,
  status: DeliveryStatus,
  when: string,
  extra: { reason?: string; providerMessageId?: string } = {},
): NewJournalEvent {
  return { ...envelope(ref, when), type: 'message.status', payload: { messageId, status, ...extra } };
}

export function conversationAssigned(
  ref: ConversationRef,
  assigneeId: AgentId | null,
  previousAssigneeId: AgentId | null,
  when: string,
): NewJournalEvent {
  return { ...envelope(ref, when), type: 'conversation.assigned', payload: { assigneeId, previousAssigneeId } };
}

export function conversationStatus(
  ref: ConversationRef,
  status: ConversationStatus,
  previousStatus: ConversationStatus,
  when: string,
): NewJournalEvent {
  return { ...envelope(ref, when), type: 'conversation.status', payload: { status, previousStatus } };
}

export function conversationRead(ref: ConversationRef, upToSeq: number, when: string): NewJournalEvent {
  return { ...envelope(ref, when), type: 'conversation.read', payload: { upToSeq } };
}

/** A merge as the domain writes it (citizens/merge-plan.ts): the merge, then one move per conversation. */
export function citizenMerged(
  o: { survivorId: CitizenId; mergedId: CitizenId; identities?: Identity[]; conversations: ConversationRef[]; survivorName?: string; at?: string },
): NewJournalEvent[] {
  return mergeEvents('citizen.merged', { ...o, mergeSeq: undefined, name: o.survivorName, at: o.at ?? at(30) });
}

export function citizenUnmerged(
  o: { survivorId: CitizenId; mergedId: CitizenId; mergeSeq: number; identities?: Identity[]; conversations: ConversationRef[]; mergedName?: string; at?: string },
): NewJournalEvent[] {
  return mergeEvents('citizen.unmerged', { ...o, name: o.mergedName, at: o.at ?? at(40) });
}

function mergeEvents(
  type: 'citizen.merged' | 'citizen.unmerged',
  o: { survivorId: CitizenId; mergedId: CitizenId; mergeSeq: number | undefined; identities?: Identity[] | undefined; conversations: ConversationRef[]; name: string | undefined; at: string },
): NewJournalEvent[] {
  const merge = type === 'citizen.merged';
  const by = (merge ? 'agt_test' : 'agt_sup') as AgentId;
  const common = { survivorId: o.survivorId, mergedId: o.mergedId, identities: o.identities ?? [], conversations: o.conversations.map((c) => c.conversationId), by, reason: merge ? 'même personne' : 'erreur' };
  const envelope = { at: o.at, actor: { kind: 'agent', id: by } satisfies Actor, citizenId: o.survivorId };
  const event: NewJournalEvent = merge
    ? { ...envelope, type: 'citizen.merged', payload: common }
    : { ...envelope, type: 'citizen.unmerged', payload: { ...common, mergeSeq: o.mergeSeq ?? 0 } };
  const [from, to] = merge ? [o.mergedId, o.survivorId] : [o.survivorId, o.mergedId];
  return [event, ...o.conversations.map((c) => conversationMoved(c, from, to, o.name ?? 'Camille Martin', merge ? 'merge' : 'unmerge', o.at))];
}

export function conversationMoved(ref: ConversationRef, from: CitizenId, to: CitizenId, citizenName: string, cause: 'merge' | 'unmerge', when: string): NewJournalEvent {
  return {
    at: when,
    actor: { kind: 'agent', id: 'agt_test' },
    citizenId: to,
    conversationId: ref.conversationId,
    queueId: ref.queueId,
    type: 'conversation.moved',
    payload: { fromCitizenId: from, toCitizenId: to, citizenName, cause },
  };
}
