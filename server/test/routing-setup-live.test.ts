import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, ConversationId, Queue } from '../../shared/index.js';
import { emailFrom, STAFF, startHarness, type Harness } from './harness.js';

// The routing setup edited through the API the screens use: validated like the file, applied
// without a restart (the next conversation gets the new service level), journaled, versioned.

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ routing: { intervalMs: 100 } });
});
afterEach(async () => {
  await h.close();
});

interface SetupDocument {
  calendars: unknown[];
  queues: Queue[];
  agents: { email: string; queueIds?: string[] }[];
}

async function as(who: Parameters<Harness['login']>[0]) {
  const { token } = await h.login(who);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    get: async () => {
      const res = await fetch(`${h.url}/api/admin/routing`, { headers });
      return { status: res.status, etag: res.headers.get('etag'), body: (await res.json()) as SetupDocument };
    },
    put: async (body: unknown, ifMatch?: string) => {
      const res = await fetch(`${h.url}/api/admin/routing`, { method: 'PUT', headers: { ...headers, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, body: JSON.stringify(body) });
      return { status: res.status, etag: res.headers.get('etag'), body: (await res.json()) as { error?: { message: string } } };
    },
    history: async () => ((await (await fetch(`${h.url}/api/admin/routing/history`, { headers })).json()) as { items: { version: number; by: { name: string }; summary: string }[] }).items,
  };
}

const withTarget = (doc: SetupDocument, queueId: string, minutes: number): SetupDocument => ({
  ...doc,
  queues: doc.queues.map((q) => (q.id === queueId ? { ...q, serviceLevels: { default: { firstResponseMinutes: minutes } } } : q)),
});

async function dueMinutes(conversationId: ConversationId): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const c = (await h.store.getConversation(conversationId)) as Conversation;
    if (c.firstResponseDueAt) return (Date.parse(c.firstResponseDueAt) - Date.parse(c.openedAt)) / 60_000;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no due time was set');
}

describe('routing setup, live', () => {
  it('changes the next conversation’s due time as soon as a service level is saved, and keeps a history', async () => {
    const sarah = await as('supervisor');
    const first = await sarah.get();
    expect(first.status).toBe(200);
    expect(first.body.queues.map((q) => q.id).sort()).toEqual(['que_accueil', 'que_urbanisme']);
    expect(first.body.agents.map((a) => a.email)).toContain(STAFF.agent.email);

    // A supervisor of no queue may not touch accueil; an admin-grade edit needs an admin… or a member.
    expect((await sarah.put(withTarget(first.body, 'que_accueil', 90), first.etag!)).status).toBe(403);
    await h.store.patchAgent(STAFF.supervisor.id, { queueIds: ['que_accueil'] as never });
    const sarahAgain = await as('supervisor');
    const saved = await sarahAgain.put(withTarget((await sarahAgain.get()).body, 'que_accueil', 90), first.etag!);
    expect(saved.status).toBe(200);
    const opened = (await (await h.inbound(emailFrom('apres@example.fr'))).json()) as { conversationId: ConversationId };
    expect(await dueMinutes(opened.conversationId)).toBe(90);

    // A screen left open on the old version cannot overwrite the new one.
    const stale = await sarahAgain.put(withTarget(first.body, 'que_accueil', 30), first.etag!);
    expect(stale.status).toBe(409);
    const history = await sarahAgain.history();
    expect(history[0]).toMatchObject({ by: { name: 'sarah' }, summary: 'queues changed: que_accueil' });
    const events = await h.store.readJournal({ afterSeq: 0, limit: 1000 });
    expect(events.filter((e) => e.type === 'routing.changed')).toHaveLength(history.length);
  });

  it('refuses what the file would refuse, with the reason and its place', async () => {
    const sarah = await as('supervisor');
    const doc = (await sarah.get()).body;
    const bad = await sarah.put({ ...doc, queues: doc.queues.map((q) => ({ ...q, isDefault: true })) });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/queues\[1\]\.isDefault: a second default queue/);
    const typo = await sarah.put({ ...doc, queues: [{ ...doc.queues[0], serviceLevel: {} }, ...doc.queues.slice(1)] });
    expect(typo.status).toBe(400);
    expect((await (await as('agent')).put(doc)).status).toBe(403);
  });
});
