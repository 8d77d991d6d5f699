import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId, Message } from '../../shared/index.js';
import { metaChannel } from '../channels/social/meta/meta-module.js';
import { metaSignature } from '../channels/social/meta/meta-signature.js';
import type { FakeHttp } from './fakes/fake-http.js';
import { graphError, startFakeGraphApi } from './fakes/fake-graph-api.js';
import { whatsappMessage as whatsappDelivery, whatsappStatus as whatsappReceipt } from './fakes/meta-payloads.js';
import { nextPush, startHarness, type AgentSocket, type Harness } from './harness.js';

const APP_SECRET = 'meta-app-secret-0123456789abcdef';
const VERIFY_TOKEN = 'verify-me-please';
const GRAPH = { version: 'v21.0', whatsappToken: 'wa-system-token-123', phoneNumberId: '106540352242922', pageToken: 'page-token-456789' };
const NUMBER = '33612345678';

let graph: FakeHttp;
let h: Harness;

beforeEach(async () => {
  graph = await startFakeGraphApi(GRAPH);
  h = await startHarness({
    channels: () => [
      metaChannel({
        appSecret: APP_SECRET,
        verifyToken: VERIFY_TOKEN,
        graphUrl: graph.url,
        graphVersion: GRAPH.version,
        accessToken: GRAPH.whatsappToken,
        whatsappPhoneNumberId: GRAPH.phoneNumberId,
        pageAccessToken: GRAPH.pageToken,
      }),
    ],
  });
});
afterEach(async () => {
  await h.close();
  await graph.close();
});

let seq = 0;
const wamid = () => `wamid.HBgL${Date.now()}${++seq}`;

/** A WhatsApp Cloud API delivery as Meta posts it: one message from `from`. */
function whatsappMessage(o: { id?: string; from?: string; text?: string; at?: Date; name?: string } = {}) {
  return whatsappDelivery({
    phoneNumberId: GRAPH.phoneNumberId,
    from: o.from ?? NUMBER,
    id: o.id ?? wamid(),
    text: o.text ?? 'Bonjour, mon passeport est-il prêt ?',
    ...(o.at ? { at: o.at } : {}),
    ...(o.name ? { name: o.name } : {}),
  });
}

function whatsappStatus(id: string, status: string, errors?: unknown[]) {
  return whatsappReceipt({ phoneNumberId: GRAPH.phoneNumberId, id, status, recipient: NUMBER, ...(errors ? { errors } : {}) });
}

function messagingEvent(object: 'page' | 'instagram', o: { mid: string; sender: string; text: string; echo?: boolean }) {
  return {
    object,
    entry: [
      {
        id: '1234567890',
        time: Date.now(),
        messaging: [
          {
            sender: { id: o.echo ? '1234567890' : o.sender },
            recipient: { id: o.echo ? o.sender : '1234567890' },
            timestamp: Date.now(),
            message: { mid: o.mid, text: o.text, ...(o.echo ? { is_echo: true } : {}) },
          },
        ],
      },
    ],
  };
}

/** Posts raw bytes as Meta would; `signature: undefined` signs them with the app secret. */
function postMeta(payload: unknown, options: { signature?: string | null; raw?: string } = {}): Promise<Response> {
  const body = options.raw ?? JSON.stringify(payload);
  const signature = options.signature === undefined ? metaSignature(APP_SECRET, body) : options.signature;
  return fetch(`${h.url}/webhooks/meta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature !== null ? { 'x-hub-signature-256': signature } : {}) },
    body,
  });
}

async function receivedCount(): Promise<number> {
  const events = await h.store.readJournal({ afterSeq: 0, limit: 10_000 });
  return events.filter((e) => e.type === 'message.received').length;
}

async function send(socket: AgentSocket, conversationId: ConversationId, text: string) {
  return socket.timeout(5000).emitWithAck('message:send', {
    conversationId,
    channel: 'whatsapp',
    text,
    clientMessageId: `client-${Date.now()}-${++seq}`,
  });
}

async function waitForMessage(id: string, ok: (m: Message) => boolean): Promise<Message> {
  for (let i = 0; i < 100; i++) {
    const m = await h.store.getMessage(id);
    if (m && ok(m)) return m;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`message ${id} never reached the expected state: ${JSON.stringify(await h.store.getMessage(id))}`);
}

describe('Meta webhook: subscription handshake', () => {
  it('echoes hub.challenge for the right verify token only', async () => {
    const ok = await fetch(`${h.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${h.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).toBe(403);
    const mode = await fetch(`${h.url}/webhooks/meta?hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`);
    expect(mode.status).toBe(403);
  });
});

describe('Meta webhook: signed deliveries', () => {
  it('accepts a signed WhatsApp message, files it under the sender, and pushes it live', async () => {
    const agent = await h.socket('agent');
    const pushed = nextPush(agent, 'message:received', (e) => e.payload.message.channel === 'whatsapp');
    const id = wamid();
    const res = await postMeta(whatsappMessage({ id, text: 'Bonjour, où en est mon dossier ?' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('EVENT_RECEIVED');
    const stored = await h.store.findMessageByExternalId('whatsapp', id);
    expect(stored).toMatchObject({ channel: 'whatsapp', direction: 'inbound', text: 'Bonjour, où en est mon dossier ?' });
    const citizen = await h.store.getCitizen(stored!.citizenId);
    expect(citizen).toMatchObject({ displayName: 'Jeanne Dupont', identities: [{ kind: 'whatsapp', value: '+33612345678' }] });
    expect((await pushed).payload.message.id).toBe(stored!.id);
  });

  it('refuses a missing (401) or wrong (403) signature and stores nothing', async () => {
    const head = await h.store.headSeq();
    const payload = whatsappMessage();
    const raw = JSON.stringify(payload);
    expect((await postMeta(payload, { signature: null })).status).toBe(401);
    expect((await postMeta(payload, { signature: metaSignature('another-app-secret-0000', raw) })).status).toBe(403);
    expect((await postMeta(payload, { signature: 'sha256=' })).status).toBe(403);
    // A valid signature of other bytes: the body was tampered with on the way.
    const tampered = raw.replace('Bonjour', 'Bonsoir');
    expect((await postMeta(null, { raw: tampered, signature: metaSignature(APP_SECRET, raw) })).status).toBe(403);
    // The same bytes, re-serialised with other spacing, do not carry the signature either.
    expect((await postMeta(null, { raw: JSON.stringify(payload, null, 1), signature: metaSignature(APP_SECRET, raw) })).status).toBe(403);
    expect(await h.store.headSeq()).toBe(head);
  });

  it('stores a replayed delivery once', async () => {
    const payload = whatsappMessage({ id: wamid() });
    const first = await postMeta(payload);
    const again = await postMeta(payload);
    const concurrent = await Promise.all([postMeta(payload), postMeta(payload)]);
    expect([first.status, again.status, ...concurrent.map((r) => r.status)]).toEqual([200, 200, 200, 200]);
    expect(await receivedCount()).toBe(1);
  });

  it('normalises Messenger and Instagram messages and ignores the page’s own echoes', async () => {
    expect((await postMeta(messagingEvent('page', { mid: 'm_abc1', sender: '6185532221', text: 'Horaires du samedi ?' }))).status).toBe(200);
    expect((await postMeta(messagingEvent('instagram', { mid: 'aWdfZAG1', sender: '17841400000', text: 'Bonjour !' }))).status).toBe(200);
    expect((await postMeta(messagingEvent('page', { mid: 'm_echo', sender: '6185532221', text: 'Réponse', echo: true }))).status).toBe(200);
    const messenger = await h.store.findMessageByExternalId('messenger', 'm_abc1');
    const instagram = await h.store.findMessageByExternalId('instagram', 'aWdfZAG1');
    expect(messenger).toMatchObject({ channel: 'messenger', text: 'Horaires du samedi ?' });
    expect(instagram).toMatchObject({ channel: 'instagram', text: 'Bonjour !' });
    expect((await h.store.getCitizen(messenger!.citizenId))!.identities).toMatchObject([{ kind: 'messenger', value: '6185532221', level: 'channel' }]);
    expect(await h.store.findMessageByExternalId('messenger', 'm_echo')).toBeNull();
  });
});

describe('WhatsApp replies', () => {
  async function citizenWrites(at = new Date()): Promise<Message> {
    const id = wamid();
    expect((await postMeta(whatsappMessage({ id, at }))).status).toBe(200);
    return (await h.store.findMessageByExternalId('whatsapp', id))!;
  }

  it('sends through the Graph API and follows delivery and read receipts', async () => {
    const inbound = await citizenWrites();
    const agent = await h.socket('agent');
    const ack = await send(agent, inbound.conversationId as ConversationId, 'Votre passeport est disponible en mairie.');
    expect(ack.ok).toBe(true);
    const reply = ack.ok ? ack.data : null;

    const request = await graph.request(1);
    expect(request.path).toBe(`/v21.0/${GRAPH.phoneNumberId}/messages`);
    expect(request.headers.authorization).toBe(`Bearer ${GRAPH.whatsappToken}`);
    expect(request.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: NUMBER,
      type: 'text',
      text: { preview_url: false, body: 'Votre passeport est disponible en mairie.' },
    });
    const sent = await waitForMessage(reply!.id, (m) => m.status === 'sent');
    expect(sent.externalId).toBe('wamid.FAKE1');

    const pushed = nextPush(agent, 'message:status-changed', (e) => e.payload.status === 'read');
    expect((await postMeta(whatsappStatus('wamid.FAKE1', 'delivered'))).status).toBe(200);
    expect((await h.store.getMessage(reply!.id))!.status).toBe('delivered');
    expect((await postMeta(whatsappStatus('wamid.FAKE1', 'read'))).status).toBe(200);
    expect((await pushed).payload.messageId).toBe(reply!.id);
    // Late or repeated receipts never move a message back.
    const head = await h.store.headSeq();
    expect((await postMeta(whatsappStatus('wamid.FAKE1', 'delivered'))).status).toBe(200);
    expect((await postMeta(whatsappStatus('wamid.FAKE1', 'read'))).status).toBe(200);
    expect((await h.store.getMessage(reply!.id))!.status).toBe('read');
    expect(await h.store.headSeq()).toBe(head);
    // A receipt about a message that is not ours is acknowledged and changes nothing.
    expect((await postMeta(whatsappStatus('wamid.NOT-OURS', 'delivered'))).status).toBe(200);
    expect(await h.store.headSeq()).toBe(head);
  });

  it('marks a reply failed with Meta’s reason, from the send or from a failed status', async () => {
    const inbound = await citizenWrites();
    const agent = await h.socket('agent');
    graph.failNext(graphError(400, '(#131026) Message undeliverable', 131026));
    const refused = await send(agent, inbound.conversationId as ConversationId, 'Premier essai');
    const failed = await waitForMessage(refused.ok ? refused.data.id : '', (m) => m.status === 'failed');
    expect(failed.statusReason).toContain('Message undeliverable');

    const ack = await send(agent, inbound.conversationId as ConversationId, 'Second essai');
    const sent = await waitForMessage(ack.ok ? ack.data.id : '', (m) => m.status === 'sent');
    const errors = [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'More than 24 hours have passed' } }];
    expect((await postMeta(whatsappStatus(sent.externalId!, 'failed', errors))).status).toBe(200);
    const after = await h.store.getMessage(sent.id);
    expect(after).toMatchObject({ status: 'failed', statusFailure: 'undeliverable' });
    expect(after!.statusReason).toContain('More than 24 hours have passed');
  });

  it('refuses free text outside the 24-hour window, on the server, and allows it once the citizen writes again', async () => {
    const old = await citizenWrites(new Date(Date.now() - 25 * 3_600_000));
    const agent = await h.socket('agent');
    const refused = await send(agent, old.conversationId as ConversationId, 'Bonjour, suite à votre message…');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('bad_request');
      expect(refused.error.message).toMatch(/24-hour|window/);
    }
    expect(graph.requests).toHaveLength(0);
    const outbound = (await h.store.timeline(old.citizenId, { limit: 50 })).items.filter((m) => m.direction === 'outbound');
    expect(outbound).toEqual([]);

    await citizenWrites(new Date(Date.now() - 23 * 3_600_000));
    const allowed = await send(agent, old.conversationId as ConversationId, 'Votre dossier est complet.');
    expect(allowed.ok).toBe(true);
    expect((await graph.request(1)).body).toMatchObject({ to: NUMBER, text: { body: 'Votre dossier est complet.' } });
  });

  it('answers Messenger on /me/messages with the page token', async () => {
    await postMeta(messagingEvent('page', { mid: 'm_q1', sender: '6185532221', text: 'Bonjour' }));
    const inbound = (await h.store.findMessageByExternalId('messenger', 'm_q1'))!;
    const agent = await h.socket('agent');
    const ack = await agent.timeout(5000).emitWithAck('message:send', {
      conversationId: inbound.conversationId,
      channel: 'messenger',
      text: 'Bonjour, que puis-je pour vous ?',
      clientMessageId: 'client-messenger-1',
    });
    expect(ack.ok).toBe(true);
    const request = await graph.request(1);
    expect(request.path).toBe('/v21.0/me/messages');
    expect(request.headers.authorization).toBe(`Bearer ${GRAPH.pageToken}`);
    expect(request.body).toEqual({ recipient: { id: '6185532221' }, messaging_type: 'RESPONSE', message: { text: 'Bonjour, que puis-je pour vous ?' } });
    const sent = await waitForMessage(ack.ok ? ack.data.id : '', (m) => m.status === 'sent');
    expect(sent.externalId).toMatch(/^m_FAKE/);
  });
});

describe('Meta webhook without an app secret', () => {
  it('is disabled: it answers 503 with the reason and stores nothing', async () => {
    const off = await startHarness({ channels: () => [metaChannel({ graphUrl: graph.url, graphVersion: 'v21.0' })] });
    try {
      const body = JSON.stringify(whatsappMessage());
      const res = await fetch(`${off.url}/webhooks/meta`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(APP_SECRET, body) },
        body,
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('META_APP_SECRET');
      expect((await fetch(`${off.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`)).status).toBe(503);
      expect(await off.store.headSeq()).toBe(0);
    } finally {
      await off.close();
    }
  });
});
