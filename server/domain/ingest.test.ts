import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentId, InboundMessage, QueueId } from '../../shared/index.js';
import type { AgentCommands } from './agent-commands.js';
import { DomainError } from './errors.js';
import type { IngestService } from './ingest.js';
import { openIngestWorld, type IngestWorld } from '../test/ingest-world.js';
import type { Store } from './ports.js';

const QUEUES = [
  { id: 'que_accueil' as QueueId, keywords: [], isDefault: true },
  { id: 'que_etat_civil' as QueueId, keywords: ['acte de naissance', 'état civil'], isDefault: false },
];
const AGENT = { id: 'agt_a' as AgentId, email: 'a@m.test', displayName: 'Agnès', role: 'agent' as const, queueIds: QUEUES.map((q) => q.id) };

let world: IngestWorld;
let store: Store;
let ingest: IngestService;
let commands: AgentCommands;

beforeEach(async () => {
  world = await openIngestWorld('ingest', QUEUES, AGENT);
  ({ store, ingest, commands } = world);
});
afterEach(async () => {
  await world.close();
});

let n = 0;
const mail = (from: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'email',
  externalId: `m-${++n}`,
  from: { kind: 'email', value: from },
  text: 'Bonjour',
  ...extra,
});

describe('ingest', () => {
  it('resolves the same sender to one citizen and one conversation under concurrent ingest', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ingest.ingest(mail(i % 2 ? 'Paul.Martin@Example.FR' : 'paul.martin@example.fr'))),
    );
    expect(new Set(results.map((r) => r.message.citizenId)).size).toBe(1);
    expect(new Set(results.map((r) => r.message.conversationId)).size).toBe(1);
    const citizen = await store.getCitizen(results[0]!.message.citizenId);
    expect(citizen!.identities).toMatchObject([{ kind: 'email', value: 'paul.martin@example.fr', level: 'unverified', source: { channel: 'email' } }]);
    expect((await store.getConversation(results[0]!.message.conversationId))!.messageCount).toBe(20);
  });

  it('keeps one message per (channel, externalId), even when retries race', async () => {
    const message = mail('a@example.fr');
    const results = await Promise.all([ingest.ingest(message), ingest.ingest(message), ingest.ingest(message)]);
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
  });

  it('links a verified identity to the existing citizen, never an unverified one', async () => {
    const byMail = await ingest.ingest(mail('claire@example.fr'));
    const impostor = await ingest.ingest({
      channel: 'webchat',
      externalId: 'wc-1',
      from: { kind: 'webchat', value: 'visitor-1' },
      alsoKnownAs: [{ kind: 'email', value: 'claire@example.fr' }],
      text: "C'est moi",
    });
    expect(impostor.message.citizenId).not.toBe(byMail.message.citizenId);
    const portal = await ingest.ingest({
      channel: 'webchat',
      externalId: 'wc-2',
      from: { kind: 'webchat', value: 'visitor-2' },
      alsoKnownAs: [{ kind: 'email', value: 'claire@example.fr', level: 'channel' }],
      text: 'Connectée au portail',
    });
    expect(portal.message.citizenId).toBe(byMail.message.citizenId);
    const citizen = await store.getCitizen(byMail.message.citizenId);
    expect(citizen!.identities.map((i) => i.kind)).toEqual(['email', 'webchat']);
  });

  it('routes by keywords and reopens a pending conversation when the citizen answers', async () => {
    const first = await ingest.ingest(mail('r@example.fr', { subject: "Demande d'ACTE DE NAISSANCE" }));
    const conversation = await store.getConversation(first.message.conversationId);
    expect(conversation!.queueId).toBe('que_etat_civil');
    await commands.setStatus(AGENT, { conversationId: conversation!.id, status: 'pending' });
    const answer = await ingest.ingest(mail('r@example.fr'));
    expect(answer.message.conversationId).toBe(conversation!.id);
    expect((await store.getConversation(conversation!.id))!.status).toBe('open');
  });

  it('opens a new conversation once the previous one is resolved, in the same citizen history', async () => {
    const first = await ingest.ingest(mail('s@example.fr'));
    await commands.setStatus(AGENT, { conversationId: first.message.conversationId, status: 'resolved' });
    const second = await ingest.ingest(mail('s@example.fr'));
    expect(second.message.conversationId).not.toBe(first.message.conversationId);
    expect(second.message.citizenId).toBe(first.message.citizenId);
    const timeline = await store.timeline(first.message.citizenId, { limit: 10 });
    expect(timeline.items.map((m) => m.conversationId)).toEqual([first.message.conversationId, second.message.conversationId]);
  });

  it('stores sanitised HTML only', async () => {
    const result = await ingest.ingest(mail('h@example.fr', { html: '<p>Bonjour</p><script>steal()</script><img src="https://t.example/p.gif">' }));
    expect(result.message.html).toBe('<p>Bonjour</p>');
  });

  it('refuses malformed input with a reason and writes nothing', async () => {
    for (const bad of [{}, mail('not an email'), { ...mail('x@example.fr'), channel: 'pigeon' }]) {
      await expect(ingest.ingest(bad)).rejects.toBeInstanceOf(DomainError);
    }
    expect(await store.headSeq()).toBe(0);
  });
});

describe('agent commands', () => {
  it('assigns an unassigned conversation to whoever replies, and refuses channels the citizen lacks', async () => {
    const inbound = await ingest.ingest(mail('t@example.fr', { subject: 'Question' }));
    const conversationId = inbound.message.conversationId;
    await expect(
      commands.sendMessage(AGENT, { conversationId, channel: 'whatsapp', text: 'Bonjour', clientMessageId: 'c-000001' }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    const sent = await commands.sendMessage(AGENT, { conversationId, channel: 'email', text: 'Bonjour', clientMessageId: 'c-000002' });
    expect(sent).toMatchObject({ direction: 'outbound', status: 'queued', subject: 'Re: Question' });
    const conversation = await store.getConversation(conversationId);
    expect(conversation).toMatchObject({ assigneeId: AGENT.id, waitingSince: null, unreadCount: 0 });
  });
});
