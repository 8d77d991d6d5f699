import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentId, ConversationId, InboundMessage, Message, QueueId } from '../../shared/index.js';
import type { AgentCommands } from './agent-commands.js';
import type { IngestService } from './ingest.js';
import { openIngestWorld, type IngestWorld } from '../test/ingest-world.js';
import type { Store } from './ports.js';
import { shortConversationRef } from './threading.js';

const QUEUE = 'que_accueil' as QueueId;
const AGENT = { id: 'agt_a' as AgentId, email: 'a@m.test', displayName: 'Agnès', role: 'agent' as const, queueIds: [QUEUE] };

let world: IngestWorld;
let store: Store;
let ingest: IngestService;
let commands: AgentCommands;

beforeEach(async () => {
  world = await openIngestWorld('threading', [{ id: QUEUE, keywords: [], isDefault: true }], AGENT);
  ({ store, ingest, commands } = world);
});
afterEach(async () => {
  await world.close();
});

let n = 0;
const mail = (from: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'email',
  externalId: `<m-${++n}@citoyen.test>`,
  from: { kind: 'email', value: from },
  subject: 'Carte grise',
  text: 'Bonjour',
  ...extra,
});

/** An agent reply the outbox has sent, with the provider id a citizen's mail client will quote. */
async function sentReply(conversationId: ConversationId, providerMessageId: string): Promise<Message> {
  const reply = await commands.sendMessage(AGENT, { conversationId, channel: 'email', text: 'Voici la réponse', clientMessageId: `c-${++n}-xxxx` });
  const conversation = (await store.getConversation(conversationId))!;
  await store.append([
    {
      at: new Date().toISOString(),
      actor: { kind: 'system' },
      citizenId: conversation.citizenId,
      conversationId,
      queueId: conversation.queueId,
      type: 'message.status',
      payload: { messageId: reply.id, status: 'sent', providerMessageId },
    },
  ]);
  return reply;
}

async function resolve(conversationId: ConversationId): Promise<void> {
  await commands.setStatus(AGENT, { conversationId, status: 'resolved' });
}

describe('threading hints', () => {
  it('reopens the resolved conversation a reply names when the citizen has nothing else running', async () => {
    const first = await ingest.ingest(mail('jeanne@example.fr'));
    const conversationId = first.message.conversationId;
    await sentReply(conversationId, '<reply-1@mairie.test>');
    await resolve(conversationId);

    const answer = await ingest.ingest(mail('jeanne@example.fr', { inReplyTo: '<reply-1@mairie.test>', references: ['<m-0@x>', '<reply-1@mairie.test>'] }));
    expect(answer.message.conversationId).toBe(conversationId);
    expect(await store.getConversation(conversationId)).toMatchObject({ status: 'open', resolvedAt: null, assigneeId: AGENT.id });
    expect(answer.events.map((e) => e.type)).toEqual(['conversation.status', 'message.received']);
  });

  it('uses References when In-Reply-To is unknown, and the subject reference when no header matches', async () => {
    const first = await ingest.ingest(mail('paul@example.fr'));
    const a = first.message.conversationId;
    await resolve(a);
    const viaReferences = await ingest.ingest(mail('paul@example.fr', { inReplyTo: '<unknown@x>', references: [first.message.externalId!, '<unknown@x>'] }));
    expect(viaReferences.message.conversationId).toBe(a);
    await resolve(a);

    const viaToken = await ingest.ingest(mail('paul@example.fr', { inReplyTo: '<unknown@y>', conversationRef: shortConversationRef(a).toUpperCase() }));
    expect(viaToken.message.conversationId).toBe(a);
  });

  it('joins the active conversation when the reply names a resolved one', async () => {
    const old = await ingest.ingest(mail('lea@example.fr'));
    await resolve(old.message.conversationId);
    const current = await ingest.ingest(mail('lea@example.fr', { subject: 'Autre chose' }));
    expect(current.message.conversationId).not.toBe(old.message.conversationId);

    const late = await ingest.ingest(mail('lea@example.fr', { inReplyTo: old.message.externalId! }));
    expect(late.message.conversationId).toBe(current.message.conversationId);
    expect((await store.getConversation(old.message.conversationId))!.status).toBe('resolved');
  });

  it("never follows a reference into another citizen's conversation", async () => {
    const victim = await ingest.ingest(mail('victime@example.fr'));
    const intruder = await ingest.ingest(
      mail('intrus@example.fr', { inReplyTo: victim.message.externalId!, conversationRef: shortConversationRef(victim.message.conversationId) }),
    );
    expect(intruder.message.conversationId).not.toBe(victim.message.conversationId);
    expect(intruder.message.citizenId).not.toBe(victim.message.citizenId);
  });

  it('lets a reopen and a concurrent new message end in one conversation, and starts afresh after the next resolution', async () => {
    const first = await ingest.ingest(mail('race@example.fr'));
    const a = first.message.conversationId;
    await resolve(a);
    const [reply, fresh] = await Promise.all([
      ingest.ingest(mail('race@example.fr', { inReplyTo: first.message.externalId! })),
      ingest.ingest(mail('race@example.fr', { subject: 'Nouvelle demande' })),
    ]);
    expect(fresh.message.conversationId).toBe(reply.message.conversationId);
    const conversations = await store.listCitizenConversations(first.message.citizenId);
    expect(conversations.filter((c) => c.status !== 'resolved')).toHaveLength(1);

    // The reopen consumed a claim; the next conversation must not trip over it.
    await resolve(reply.message.conversationId);
    const later = await ingest.ingest(mail('race@example.fr', { subject: 'Encore' }));
    expect(later.status).toBe('accepted');
    expect((await store.getConversation(later.message.conversationId))!.status).toBe('open');
  });
});
