import {
  reduceConversation,
  type AgentId,
  type Channel,
  type CitizenId,
  type Conversation,
  type ConversationId,
  type ConversationStatus,
  type JournalEvent,
  type Message,
  type NewJournalEvent,
  type QueueId,
} from '../../../shared/index.js';
import type { ConversationQuery, JournalStore } from '../../domain/ports.js';
import {
  at,
  citizenCreated,
  conversationAssigned,
  conversationOpened,
  conversationRead,
  conversationStatus,
  ids,
  messageEvent,
  messageOfRef,
  messageStatus,
  newConversation,
  type ConversationRef,
  type MessageEventType,
} from '../../testing/journal-events.js';

// The inbox oracle: a seeded world, and the state and lists the store should show of it, computed
// from the committed events with the shared reducers, never through the store under test.

export function foldConversation(events: readonly JournalEvent[], id: ConversationId): Conversation | undefined {
  return events.filter((e) => e.conversationId === id).reduce<Conversation | undefined>(reduceConversation, undefined);
}

/** Inbox order: most recent activity first, then id descending. */
export function inboxOrder(a: Conversation, b: Conversation): number {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function matchesQuery(c: Conversation, q: Omit<ConversationQuery, 'limit' | 'cursor'>): boolean {
  if (q.queueId !== undefined && c.queueId !== q.queueId) return false;
  if (q.status !== undefined && c.status !== q.status) return false;
  if (q.channel !== undefined && !c.channels.includes(q.channel)) return false;
  if (q.assigneeId !== undefined && c.assigneeId !== q.assigneeId) return false;
  if (q.mentioned !== undefined && !c.mentioned?.some((m) => m.agentId === q.mentioned)) return false;
  if (q.queueIds !== undefined && !q.queueIds.includes(c.queueId)) return false;
  if (q.visibleTo !== undefined && !q.visibleTo.queueIds.includes(c.queueId) && c.assigneeId !== q.visibleTo.assigneeId) return false;
  return true;
}

export interface World {
  queues: QueueId[];
  agents: AgentId[];
  citizens: CitizenId[];
  conversations: ConversationRef[];
  messages: Message[];
  events: JournalEvent[];
}

const WORLD_CHANNELS: readonly Channel[] = ['email', 'phone', 'webchat', 'whatsapp'];

/**
 * A small contact centre: 4 citizens, 12 conversations over 3 queues, mixed channels, statuses and
 * assignees, and activity times chosen so several conversations tie on lastActivityAt.
 */
export async function seedWorld(store: JournalStore): Promise<World> {
  const world: World = {
    queues: [ids.queue(), ids.queue(), ids.queue()],
    agents: [ids.agent(), ids.agent()],
    citizens: [],
    conversations: [],
    messages: [],
    events: [],
  };
  const [a0, a1] = world.agents as [AgentId, AgentId];
  const push = async (events: NewJournalEvent[], claims: { key: string; owner: string }[] = []) => {
    world.events.push(...(await store.append(events, claims)));
  };
  const say = async (type: MessageEventType, ref: ConversationRef, o: Parameters<typeof messageOfRef>[2]) => {
    const message = messageOfRef(type, ref, o);
    world.messages.push(message);
    await push([messageEvent(type, message, ref.queueId)]);
    return message;
  };

  for (let i = 0; i < 4; i++) {
    const id = ids.citizen();
    const email = `citoyen${i}@example.fr`;
    world.citizens.push(id);
    await push([citizenCreated(id, { displayName: `Citoyen ${i}`, identities: [{ kind: 'email', value: email, level: 'channel' }] })], [
      { key: `identity:email:${email}`, owner: id },
    ]);
  }

  for (let i = 0; i < 12; i++) {
    const ref = newConversation(world.citizens[i % 4]!, world.queues[i % 3]!);
    world.conversations.push(ref);
    const channel = WORLD_CHANNELS[i % 4]!;
    let status: ConversationStatus = 'open';
    let assignee: AgentId | null = null;
    // Pairs of conversations open at the same minute: ties on lastActivityAt when nothing follows.
    await push([conversationOpened(ref, { at: at(10 + Math.floor(i / 2)), channel, subject: `Dossier ${i}` })]);
    if (i % 3 === 0) {
      await say('message.received', ref, { at: at(30 + Math.floor(i / 3)), channel, text: `Demande numéro ${i}`, externalId: `ext-${i}` });
    }
    if (i % 4 === 1) {
      await say('message.received', ref, { at: at(40), channel: 'email', text: `Relance par courriel ${i}` });
      const reply = await say('message.sent', ref, { at: at(41), channel, text: `Réponse de la mairie ${i}` });
      await push([messageStatus(ref, reply.id, 'delivered', at(42))]);
    }
    if (i % 5 === 2) await say('note.added', ref, { at: at(50), text: `Note interne ${i}` });
    // Mentions: a0 in three conversations (one twice: it is listed once), a1 in one of them.
    if (i % 4 === 0) await say('note.added', ref, { at: at(51), text: `@Agent ${i}`, mentions: i === 4 ? [a0, a1] : [a0] });
    if (i === 8) await say('note.added', ref, { at: at(52), text: 'encore', mentions: [a0] });
    if (i % 3 === 1 || i === 6) {
      const next = i === 6 ? a1 : a0;
      await push([conversationAssigned(ref, next, assignee, at(55))]);
      assignee = next;
    }
    if (i === 7) {
      // Assigned then handed back: currently unassigned.
      await push([conversationAssigned(ref, null, assignee, at(56))]);
      assignee = null;
    }
    if (i % 4 === 3) {
      await push([conversationStatus(ref, 'pending', status, at(60))]);
      status = 'pending';
    }
    if (i === 5 || i === 10) {
      await push([conversationStatus(ref, 'resolved', status, at(61))]);
      status = 'resolved';
    }
    if (i === 1) {
      const head = world.events[world.events.length - 1]!.seq;
      await push([conversationRead(ref, head, at(62))]);
    }
  }
  return world;
}
