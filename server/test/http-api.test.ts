import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxPage, TimelinePage } from '../../shared/index.js';
import { emailFrom, INGEST_KEY, startHarness, STAFF, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ loginLimit: 3 });
});
afterEach(async () => {
  await h.close();
});

async function get<T>(path: string, token: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}

describe('POST /api/inbound', () => {
  it('absorbs a retried delivery: same externalId twice gives one message', async () => {
    const message = emailFrom('retry@example.fr');
    const first = await h.inbound(message);
    const second = await h.inbound(message);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    const a = (await first.json()) as { messageId: string };
    const b = (await second.json()) as { messageId: string; status: string };
    expect(b).toMatchObject({ status: 'duplicate', messageId: a.messageId });
    const journal = await h.store.readJournal({ afterSeq: 0, limit: 100 });
    expect(journal.filter((e) => e.type === 'message.received')).toHaveLength(1);
  });

  it('files one citizen across channels: the same phone on calls and WhatsApp', async () => {
    const call = await h.inbound({
      channel: 'phone',
      externalId: 'CA-test-1',
      from: { kind: 'phone', value: '06 12 34 56 78' },
      kind: 'call',
      text: 'Appel entrant',
      call: { from: '+33612345678', to: '+33140000000', startedAt: '2026-11-27T09:00:00Z', durationSec: 65, outcome: 'answered' },
    });
    const whatsapp = await h.inbound({ channel: 'whatsapp', externalId: 'wamid.1', from: { kind: 'whatsapp', value: '+33612345678' }, text: 'Suite à mon appel' });
    const a = (await call.json()) as { citizenId: string; conversationId: string };
    const b = (await whatsapp.json()) as { citizenId: string; conversationId: string };
    expect(b.citizenId).toBe(a.citizenId);
    expect(b.conversationId).toBe(a.conversationId);
    const citizen = await h.store.getCitizen(a.citizenId as never);
    expect(citizen!.identities.map((i) => `${i.kind}:${i.value}`).sort()).toEqual(['phone:+33612345678', 'whatsapp:+33612345678']);
  });

  it('answers bad input with a 4xx and a reason, and leaves the store unchanged', async () => {
    await h.inbound(emailFrom('before@example.fr'));
    const head = await h.store.headSeq();
    const post = (body: string, key = INGEST_KEY, type = 'application/json') =>
      fetch(`${h.url}/api/inbound`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${key}` }, body });
    const cases: [Promise<Response>, number][] = [
      [post('{"channel": "email",'), 400],
      [post(JSON.stringify({ channel: 'fax', externalId: 'x', from: { kind: 'email', value: 'a@b.fr' }, text: 'x' })), 400],
      [post(JSON.stringify({ channel: 'email', externalId: 'x', from: { kind: 'email', value: 'pas-un-email' }, text: 'x' })), 400],
      [post(JSON.stringify({ channel: 'phone', externalId: 'x', from: { kind: 'phone', value: '12' }, text: 'x' })), 400],
      [post(JSON.stringify({ channel: 'phone', externalId: 'y', from: { kind: 'phone', value: '0612345678' }, kind: 'call', text: 'x' })), 400],
      [post(JSON.stringify(emailFrom('a@b.fr')), 'wrong-key-wrong-key'), 401],
      [post(JSON.stringify({ ...emailFrom('a@b.fr'), text: 'x'.repeat(3_000_000) })), 413],
      [post('[]'), 400],
    ];
    for (const [pending, status] of cases) {
      const res = await pending;
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message.length).toBeGreaterThan(5);
    }
    expect(await h.store.headSeq()).toBe(head);
  });
});

describe('console REST API', () => {
  it('requires a session and the right role', async () => {
    expect((await fetch(`${h.url}/api/conversations`)).status).toBe(401);
    const trainer = await h.login('trainer');
    expect((await get('/api/conversations', trainer.token)).status).toBe(403);
    const agent = await h.login('agent');
    expect((await get('/api/conversations', agent.token)).status).toBe(200);
  });

  it('accepts the session cookie set at login', async () => {
    const { cookie } = await h.login('agent');
    expect(cookie).toMatch(/^guichet_session=/);
    const res = await fetch(`${h.url}/api/auth/me`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { agent: { id: string } }).agent.id).toBe(STAFF.agent.id);
  });

  it('rate-limits login attempts', async () => {
    const attempt = () =>
      fetch(`${h.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: STAFF.agent.email, password: 'wrong password' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it('lists the inbox with filters and cursor pagination, and the whole cross-channel timeline', async () => {
    for (let i = 0; i < 7; i++) await h.inbound(emailFrom(`c${i}@example.fr`, `demande ${i}`));
    await h.inbound({ channel: 'webchat', externalId: 'wc-1', from: { kind: 'webchat', value: 'session-abc' }, alsoKnownAs: [{ kind: 'email', value: 'c0@example.fr', level: 'channel' }], text: 'Je reviens par le chat' });
    const { token } = await h.login('agent');

    const seen: string[] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/conversations?limit=3&scope=unassigned${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const { status, body } = await get<InboxPage>(q, token);
      expect(status).toBe(200);
      seen.push(...body.items.map((c) => c.id));
      totals.push(body.total);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    // Every page tells the whole count, "3 sur 7" from the first one.
    expect(totals).toEqual([7, 7, 7]);

    const webchat = await get<InboxPage>('/api/conversations?channel=webchat', token);
    expect(webchat.body.items).toHaveLength(1);
    expect(webchat.body.total).toBe(1);
    // Counted within what the caller may see: the outsider's queue holds none of these.
    const { token: outsider } = await h.login('outsider');
    expect((await get<InboxPage>('/api/conversations?limit=1', outsider)).body).toEqual({ items: [], nextCursor: null, total: 0 });
    const citizenId = webchat.body.items[0]!.citizenId;
    const timeline = await get<TimelinePage>(`/api/citizens/${citizenId}/timeline?limit=10`, token);
    expect(timeline.body.items.map((m) => m.channel)).toEqual(['email', 'webchat']);

    expect((await get('/api/conversations?status=archived', token)).status).toBe(400);
    expect((await get('/api/conversations?cursor=%%%garbage', token)).status).toBe(400);
    expect((await get('/api/citizens/cit_unknown', token)).status).toBe(404);
  });

  it('publishes an OpenAPI document and health probes', async () => {
    const doc = (await (await fetch(`${h.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/conversations', '/api/citizens/{id}/timeline', '/api/inbound']));
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  });
});
