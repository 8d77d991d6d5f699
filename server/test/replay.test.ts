import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation, ConversationId, Course, JournalEvent, ReplayData, ReplayPage } from '../../shared/index.js';
import { nextPush, startHarness, STAFF, type Harness, type StaffKey } from './harness.js';

// The replay API end to end: real server, real SQLite file, real HTTP and socket clients.

let h: Harness;
let conversationId: ConversationId;
let otherConversationId: ConversationId;
let tokens: Partial<Record<StaffKey, string>>;

const REAL = ['Hélène', 'Dos Santos', 'helene.ds@orange.fr', '+33612345678', '06 12 34 56 78', '12 rue Pasteur'];

async function token(who: StaffKey): Promise<string> {
  tokens[who] ??= (await h.login(who)).token;
  return tokens[who];
}

async function call<T>(who: StaffKey, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(who)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const envelope = (e: JournalEvent) => ({ seq: e.seq, at: e.at, type: e.type, citizenId: e.citizenId, conversationId: e.conversationId });

beforeEach(async () => {
  h = await startHarness();
  tokens = {};
  const post = async (body: unknown) => {
    const res = await h.inbound(body as never);
    expect(res.status).toBe(201);
    return (await res.json()) as { conversationId: ConversationId };
  };
  // A conversation over three channels: e-mail (with HTML and a file), WhatsApp, a missed call.
  const first = await post({
    channel: 'email', externalId: '<r1@orange.fr>', from: { kind: 'email', value: 'helene.ds@orange.fr', displayName: 'Hélène Dos Santos' },
    alsoKnownAs: [{ kind: 'phone', value: '+33612345678' }], subject: 'Acte de naissance',
    text: 'Bonjour, je voudrais un acte de naissance. Adresse : 12 rue Pasteur. Hélène Dos Santos',
    html: '<p>Bonjour, je voudrais un <b>acte de naissance</b>.</p><p>Hélène Dos Santos, 06 12 34 56 78</p>',
    attachments: [{ name: 'livret.pdf', contentType: 'application/pdf', size: 2048 }],
  });
  conversationId = first.conversationId;
  await post({ channel: 'whatsapp', externalId: 'wamid.r2', from: { kind: 'whatsapp', value: '+33612345678' }, text: 'Je précise : c’est pour un passeport.' });
  await post({
    channel: 'phone', externalId: 'CA-r3', from: { kind: 'phone', value: '+33612345678' }, kind: 'call', text: 'Appel manqué',
    call: { from: '+33612345678', to: '+33240123400', startedAt: new Date().toISOString(), outcome: 'missed' },
  });
  const agent = await h.socket('agent');
  const ack = await agent.timeout(5000).emitWithAck('message:send', { conversationId, channel: 'email', text: 'Bonjour Madame Dos Santos, c’est envoyé.', clientMessageId: 'replay-reply-1' });
  expect(ack.ok).toBe(true);
  const other = await post({ channel: 'email', externalId: '<r4@free.fr>', from: { kind: 'email', value: 'autre@free.fr', displayName: 'Marc Autre' }, text: 'Autre demande' });
  otherConversationId = other.conversationId;
});

afterEach(async () => {
  await h.close();
});

describe('GET /api/replays/conversation/:id', () => {
  it('streams the conversation’s journal slice, in order, with original timestamps, masked', async () => {
    const { status, body } = await call<ReplayData>('trainer', 'GET', `/api/replays/conversation/${conversationId}`);
    expect(status).toBe(200);
    const slice = await h.store.readJournalSlice({ conversationId, afterSeq: 0, limit: 1000 });
    expect(slice.length).toBeGreaterThanOrEqual(5);
    expect(body.events.map(envelope)).toEqual(slice.map(envelope));
    expect(body.events.map((e) => e.seq)).toEqual([...body.events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(new Set(body.events.flatMap((e) => (e.type === 'message.received' || e.type === 'message.sent' ? [e.payload.message.channel] : [])))).toEqual(new Set(['email', 'whatsapp', 'phone']));
    expect(body).toMatchObject({ masked: true, citizenLabel: 'Citoyen A', truncated: false });
    const text = JSON.stringify(body);
    for (const value of REAL) expect(text, value).not.toContain(value);
    expect(Object.values(body.hidden)).toContainEqual({ attachments: 1, recording: false });
  });

  it('refuses agents and unknown kinds, and answers 404 for an unknown conversation', async () => {
    expect((await call('agent', 'GET', `/api/replays/conversation/${conversationId}`)).status).toBe(403);
    expect((await call('trainer', 'GET', `/api/replays/message/${conversationId}`)).status).toBe(400);
    expect((await call('trainer', 'GET', '/api/replays/conversation/conv_unknown')).status).toBe(404);
    const list = await call<ReplayPage>('trainer', 'GET', '/api/replays/conversations?limit=10');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.conversationId)).toEqual([otherConversationId, conversationId]);
    expect(JSON.stringify(list.body)).not.toContain('Dos Santos');
  });
});

describe('trainees', () => {
  it('play the replays of their courses and get 403 for anything else', async () => {
    expect((await call('trainee', 'GET', `/api/replays/conversation/${conversationId}`)).status).toBe(403);
    const created = await call<Course>('trainer', 'POST', '/api/courses', {
      title: 'Accueil multicanal',
      items: [{ replay: { kind: 'conversation', id: conversationId } }],
      traineeIds: [STAFF.trainee.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.items[0]!.label).toBe('Acte de naissance');

    expect((await call<ReplayData>('trainee', 'GET', `/api/replays/conversation/${conversationId}`)).status).toBe(200);
    expect((await call('trainee', 'GET', `/api/replays/conversation/${otherConversationId}`)).status).toBe(403);
    expect((await call('trainee', 'GET', '/api/replays/conversation/conv_unknown')).status).toBe(403);
    expect((await call('trainee', 'GET', `/api/replays/citizen/${created.body.items[0]!.replay.id}`)).status).toBe(403);
    expect((await call('trainee', 'GET', '/api/replays/conversations')).status).toBe(403);
    expect((await call('trainee', 'POST', '/api/courses', { title: 'x' })).status).toBe(403);
    const mine = await call<{ items: Course[] }>('trainee', 'GET', '/api/courses');
    expect(mine.body.items.map((c) => c.id)).toEqual([created.body.id]);
    // The trainee may not inbox either.
    expect((await call('trainee', 'GET', '/api/conversations')).status).toBe(403);
  });
});

describe('POST /api/replays/conversation/:id/unmask', () => {
  it('is refused to a trainer, journaling nothing', async () => {
    const head = await h.store.headSeq();
    const res = await call('trainer', 'POST', `/api/replays/conversation/${conversationId}/unmask`, {});
    expect(res.status).toBe(403);
    expect(await h.store.headSeq()).toBe(head);
  });

  it('shows a supervisor the real data and journals who, when and which conversation, pushed live to supervisors', async () => {
    const watcher = await h.socket('supervisor');
    const pushed = nextPush(watcher, 'replay:unmasked');
    const before = Date.now();
    const res = await call<ReplayData>('supervisor', 'POST', `/api/replays/conversation/${conversationId}/unmask`, { reason: 'Contrôle qualité' });
    expect(res.status).toBe(200);
    expect(res.body.masked).toBe(false);
    expect(JSON.stringify(res.body)).toContain('Dos Santos');
    const [audit] = await h.store.readJournal({ afterSeq: (await h.store.headSeq()) - 1, limit: 1 });
    expect(audit).toMatchObject({
      type: 'replay.unmasked',
      actor: { kind: 'agent', id: STAFF.supervisor.id },
      conversationId,
      payload: { scope: 'conversation', reason: 'Contrôle qualité' },
    });
    expect(Date.parse(audit!.at)).toBeGreaterThanOrEqual(before - 1000);
    expect((await pushed).seq).toBe(audit!.seq);
    // The audit event is in the journal but not in the replay.
    const again = await call<ReplayData>('trainer', 'GET', `/api/replays/conversation/${conversationId}`);
    expect(again.body.events.some((e) => e.type === 'replay.unmasked')).toBe(false);
  });
});

describe('annotations', () => {
  it('are pinned by a trainer, shown in the replay, edited and deleted', async () => {
    const replay = (await call<ReplayData>('trainer', 'GET', `/api/replays/conversation/${conversationId}`)).body;
    const sent = replay.events.find((e) => e.type === 'message.sent')!;
    const created = await call<Annotation>('trainer', 'POST', `/api/replays/conversation/${conversationId}/annotations`, { seq: sent.seq, at: sent.at, text: 'Bonne réponse.' });
    expect(created.status).toBe(201);
    const shown = await call<ReplayData>('supervisor', 'GET', `/api/replays/conversation/${conversationId}`);
    expect(shown.body.annotations).toEqual([created.body]);
    expect((await call('supervisor', 'PATCH', `/api/annotations/${created.body.id}`, { text: 'non' })).status).toBe(403);
    expect((await call<Annotation>('trainer', 'PATCH', `/api/annotations/${created.body.id}`, { text: 'Très bonne réponse.' })).body.text).toBe('Très bonne réponse.');
    expect((await call('trainer', 'DELETE', `/api/annotations/${created.body.id}`)).status).toBe(204);
    expect((await call('trainer', 'DELETE', `/api/annotations/${created.body.id}`)).status).toBe(404);
  });
});

it('documents the replay API in the OpenAPI document', async () => {
  const doc = (await (await fetch(`${h.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/replays/{kind}/{id}', '/api/replays/{kind}/{id}/unmask', '/api/courses', '/api/annotations/{id}']));
});
