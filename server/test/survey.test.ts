import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentId, Conversation, JournalEvent, Message, MessageId, NewJournalEvent } from '../../shared/index.js';
import { newId } from '../../shared/index.js';
import { emailFrom, startHarness, STAFF, type Harness } from './harness.js';

// Surveys through a real server: resolution queues one survey on the conversation's channel, the
// signed link's page records one answer, a WhatsApp digit reply answers a pending survey.

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ surveys: { secret: 'survey-test-secret-0123456789', publicUrl: 'https://guichet.example' } });
});
afterEach(async () => {
  await h.close();
});

async function journal(): Promise<JournalEvent[]> {
  return h.store.readJournal({ afterSeq: 0, limit: 1000 });
}

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}

async function commit(events: NewJournalEvent[]): Promise<void> {
  h.guichet.bus.publish(await h.store.append(events));
}

/** An agent answers then resolves the citizen's latest conversation. */
async function answerAndResolve(conversation: Conversation): Promise<void> {
  const env = { at: new Date().toISOString(), citizenId: conversation.citizenId, conversationId: conversation.id, queueId: conversation.queueId };
  const agentActor = { kind: 'agent' as const, id: STAFF.agent.id, name: 'Alice' };
  const reply: Message = {
    id: newId<MessageId>('msg'),
    conversationId: conversation.id,
    citizenId: conversation.citizenId,
    direction: 'outbound',
    channel: conversation.lastInboundChannel ?? 'email',
    kind: 'text',
    author: agentActor,
    text: 'Voici votre acte.',
    attachments: [],
    at: env.at,
    status: 'sent',
  };
  await commit([
    { ...env, actor: agentActor, type: 'conversation.assigned', payload: { assigneeId: STAFF.agent.id as AgentId, previousAssigneeId: null } },
    { ...env, actor: agentActor, type: 'message.sent', payload: { message: reply } },
    { ...env, actor: agentActor, type: 'conversation.status', payload: { status: 'resolved', previousStatus: 'open' } },
  ]);
}

async function onlyConversation(): Promise<Conversation> {
  const page = await h.store.listConversations({ limit: 10 });
  return page.items[0]!;
}

describe('satisfaction surveys', () => {
  it('sends one link after resolution; the page records one answer, linked to channel and agent', async () => {
    expect((await h.inbound(emailFrom('sondage@example.fr'))).status).toBe(201);
    const conversation = await onlyConversation();
    await answerAndResolve(conversation);

    const sent = await until(async () => (await journal()).find((e) => e.type === 'message.sent' && e.payload.message.author.kind === 'system'));
    if (sent.type !== 'message.sent') throw new Error('unreachable');
    expect(sent.payload.message).toMatchObject({ channel: 'email', status: 'queued' });
    const link = /https:\/\/guichet\.example(\/survey\/\S+)/.exec(sent.payload.message.text)?.[1];
    expect(link).toBeDefined();

    const form = await fetch(`${h.url}${link}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<html lang="fr">');
    expect(html.match(/type="radio" name="score"/g)).toHaveLength(5);
    expect(html).toContain('<legend>');

    const post = (score: string) =>
      fetch(`${h.url}${link}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `score=${score}&comment=Tr%C3%A8s+bien` });
    expect(await (await post('4')).text()).toContain('Merci, votre avis a bien été enregistré.');
    expect(await (await post('1')).text()).toContain('déjà répondu');

    const answers = (await journal()).filter((e) => e.type === 'survey.answered');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ conversationId: conversation.id, payload: { score: 4, channel: 'email', agentId: STAFF.agent.id, comment: 'Très bien' } });
    // Resolving again (after a reopen) sends no second survey.
    const env = { at: new Date().toISOString(), actor: { kind: 'system' as const }, citizenId: conversation.citizenId, conversationId: conversation.id, queueId: conversation.queueId };
    await commit([
      { ...env, type: 'conversation.status', payload: { status: 'open', previousStatus: 'resolved' } },
      { ...env, type: 'conversation.status', payload: { status: 'resolved', previousStatus: 'open' } },
    ]);
    await new Promise((r) => setTimeout(r, 100));
    expect((await journal()).filter((e) => e.type === 'survey.sent')).toHaveLength(1);
  });

  it('refuses a forged or altered link', async () => {
    expect((await fetch(`${h.url}/survey/abc.def`)).status).toBe(404);
    const res = await fetch(`${h.url}/survey/abc.def?lang=en`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'score=5' });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('This survey link is not valid.');
    expect((await journal()).some((e) => e.type === 'survey.answered')).toBe(false);
  });

  it('takes a WhatsApp digit as the answer and files the reply away', async () => {
    const from = { kind: 'whatsapp' as const, value: '+33612345678' };
    expect((await h.inbound({ channel: 'whatsapp', externalId: 'wamid.1', from, text: 'Bonjour, mon dossier ?' })).status).toBe(201);
    const conversation = await onlyConversation();
    await answerAndResolve(conversation);
    const sent = await until(async () => (await journal()).find((e) => e.type === 'survey.sent'));
    expect(sent).toMatchObject({ payload: { channel: 'whatsapp' } });
    const question = (await journal()).find((e) => e.type === 'message.sent' && e.payload.message.author.kind === 'system');
    expect(question?.type === 'message.sent' && question.payload.message.text).toMatch(/chiffre de 1/);

    expect((await h.inbound({ channel: 'whatsapp', externalId: 'wamid.2', from, text: ' 5 ' })).status).toBe(201);
    const answer = await until(async () => (await journal()).find((e) => e.type === 'survey.answered'));
    expect(answer).toMatchObject({ conversationId: conversation.id, payload: { score: 5, channel: 'whatsapp' } });
    // The digit opened a conversation of its own; it is resolved, not left waiting in an inbox.
    const open = await until(async () => {
      const list = await h.store.listConversations({ limit: 10, status: 'open' });
      return list.items.length === 0 ? list : undefined;
    });
    expect(open.items).toEqual([]);
    // And that resolution (no agent ever answered it) sends no survey.
    await new Promise((r) => setTimeout(r, 100));
    expect((await journal()).filter((e) => e.type === 'survey.sent')).toHaveLength(1);
  });
});
