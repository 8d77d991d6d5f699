import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CitizenFile, ConversationId, Page, Conversation, TimelinePage, JournalEvent } from '../../shared/index.js';
import { emailFrom, nextPush, startHarness, STAFF, type Harness } from './harness.js';

// A citizen with conversations in two services: each agent reads the one of their queue, learns
// that the other exists (dates, channels) and nothing of it; supervisors read both. And what an
// agent sees live, after a reload and after a reconnect is the same set.

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function get<T>(path: string, who: Parameters<Harness['login']>[0]): Promise<{ status: number; body: T }> {
  const { token } = await h.login(who);
  const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}

/** Jeanne asks the reception (accueil) for a birth certificate, then urbanisme about a permit. */
async function twoServices(): Promise<{ citizenId: string; accueil: ConversationId; urbanisme: ConversationId }> {
  const first = (await (await h.inbound(emailFrom('jeanne@example.fr', 'Un acte de naissance, svp.'))).json()) as { conversationId: ConversationId; citizenId: string };
  const supervisor = await h.socket('supervisor');
  const resolved = await supervisor.timeout(5000).emitWithAck('conversation:set-status', { conversationId: first.conversationId, status: 'resolved' });
  expect(resolved.ok).toBe(true);
  const second = (await (await h.inbound(emailFrom('jeanne@example.fr', 'Et pour mon permis de construire ? Secret du dossier urbanisme.'))).json()) as { conversationId: ConversationId; citizenId: string };
  expect(second.citizenId).toBe(first.citizenId);
  expect(second.conversationId).not.toBe(first.conversationId);
  expect((await h.store.getConversation(second.conversationId))!.queueId).toBe('que_urbanisme');
  return { citizenId: first.citizenId, accueil: first.conversationId, urbanisme: second.conversationId };
}

describe('a citizen with conversations in several services', () => {
  it('shows each agent the conversations of their queues, the others as dates and channels only', async () => {
    const { citizenId, accueil, urbanisme } = await twoServices();
    // Chloé takes the urbanisme conversation: a change of the other service, as hidden as its messages.
    const chloeSocket = await h.socket('outsider');
    const took = await chloeSocket.timeout(5000).emitWithAck('conversation:assign', { conversationId: urbanisme, assigneeId: STAFF.outsider.id });
    expect(took.ok).toBe(true);

    const alice = await get<CitizenFile>(`/api/citizens/${citizenId}`, 'agent');
    expect(alice.status).toBe(200);
    expect(alice.body.conversations.map((c) => c.id)).toEqual([accueil]);
    expect(alice.body.elsewhere).toEqual([{ id: urbanisme, channels: ['email'], openedAt: expect.any(String), lastActivityAt: expect.any(String) }]);
    const aliceTimeline = await get<TimelinePage>(`/api/citizens/${citizenId}/timeline`, 'agent');
    expect(aliceTimeline.body.items.map((m) => m.conversationId)).toEqual([accueil]);
    expect(aliceTimeline.body.elsewhere?.map((c) => c.id)).toEqual([urbanisme]);
    // Her service's story (resolved by the supervisor), not the other's (taken by Chloé).
    expect(aliceTimeline.body.activity?.map((e) => `${e.type}:${e.conversationId}`)).toEqual([`conversation.status:${accueil}`]);
    expect(JSON.stringify([alice.body, aliceTimeline.body])).not.toContain('Secret du dossier');
    expect((await get(`/api/conversations/${urbanisme}`, 'agent')).status).toBe(404);

    const chloe = await get<CitizenFile>(`/api/citizens/${citizenId}`, 'outsider');
    expect(chloe.body.conversations.map((c) => c.id)).toEqual([urbanisme]);
    expect(chloe.body.elsewhere.map((c) => c.id)).toEqual([accueil]);

    const sarah = await get<CitizenFile>(`/api/citizens/${citizenId}`, 'supervisor');
    expect(sarah.body.conversations.map((c) => c.id).sort()).toEqual([accueil, urbanisme].sort());
    expect(sarah.body.elsewhere).toEqual([]);
    const sarahTimeline = await get<TimelinePage>(`/api/citizens/${citizenId}/timeline`, 'supervisor');
    expect(sarahTimeline.body.items).toHaveLength(2);
    expect(sarahTimeline.body.activity?.map((e) => `${e.type}:${e.conversationId}`)).toEqual([`conversation.status:${accueil}`, `conversation.assigned:${urbanisme}`]);
    expect(sarahTimeline.body.elsewhere).toBeUndefined();
  });

  it('pushes an agent watching one conversation nothing of the citizen’s other service', async () => {
    const { accueil, urbanisme } = await twoServices();
    const alice = await h.socket('agent');
    const watched = await alice.timeout(5000).emitWithAck('conversation:watch', { conversationId: accueil });
    expect(watched.ok).toBe(true);
    const heard: JournalEvent[] = [];
    alice.onAny((_name: string, event: JournalEvent) => heard.push(event));
    const chloe = await h.socket('outsider');
    const noted = await chloe.timeout(5000).emitWithAck('note:add', { conversationId: urbanisme, text: 'Note interne urbanisme', clientMessageId: 'isolation-note-1' });
    expect(noted.ok).toBe(true);
    // A push of her own queue proves the socket listens; the other service's note never comes.
    const own = nextPush(alice, 'note:added', (e) => e.conversationId === accueil);
    const sarah = await h.socket('supervisor');
    await sarah.timeout(5000).emitWithAck('note:add', { conversationId: accueil, text: 'Note accueil', clientMessageId: 'isolation-note-2' });
    await own;
    expect(heard.filter((e) => e.conversationId === urbanisme)).toEqual([]);
  });

  it('keeps in the REST inbox what live pushes and catch-up give: a conversation of another queue assigned to the agent', async () => {
    const { urbanisme } = await twoServices();
    const sarah = await h.socket('supervisor');
    const assigned = await sarah.timeout(5000).emitWithAck('conversation:assign', { conversationId: urbanisme, assigneeId: STAFF.agent.id });
    expect(assigned.ok).toBe(true);
    const inbox = await get<Page<Conversation>>('/api/conversations', 'agent');
    expect(inbox.body.items.map((c) => c.id)).toContain(urbanisme);
    const alice = await h.socket('agent');
    const caught = await alice.timeout(5000).emitWithAck('journal:catch-up', { afterSeq: 0, limit: 1000 });
    expect(caught.ok && caught.data.events.some((e: JournalEvent) => e.conversationId === urbanisme)).toBe(true);
    expect((await get(`/api/conversations/${urbanisme}`, 'agent')).status).toBe(200);
    // Colleagues of her queue still do not see it.
    expect((await get<Page<Conversation>>('/api/conversations', 'colleague')).body.items.map((c) => c.id)).not.toContain(urbanisme);
  });
});
