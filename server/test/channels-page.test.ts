import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelStatus, ConversationId } from '../../shared/index.js';
import { metaChannel } from '../channels/social/meta/meta-module.js';
import { telegramChannel } from '../channels/social/telegram/telegram-module.js';
import { startFakeGraphApi, graphError } from './fakes/fake-graph-api.js';
import type { FakeHttp } from './fakes/fake-http.js';
import { emailFrom, startHarness, type Harness } from './harness.js';

// The admins' channels page: what is on, where the provider must call, the last message in and
// the last delivery error — and no secret anywhere in the answer.

const APP_SECRET = 'meta-app-secret-0123456789';
const GRAPH = { version: 'v21.0', whatsappToken: 'wa-system-token-123', phoneNumberId: '106540352242922', pageToken: 'page-token-456789' };
const TELEGRAM_SECRET = 'telegram-secret-token-0123';

let h: Harness;
let graph: FakeHttp;
beforeAll(async () => {
  graph = await startFakeGraphApi(GRAPH);
  h = await startHarness({
    channels: () => [
      metaChannel({ appSecret: APP_SECRET, graphUrl: graph.url, graphVersion: GRAPH.version, accessToken: GRAPH.whatsappToken, whatsappPhoneNumberId: GRAPH.phoneNumberId }),
      telegramChannel({ secretToken: TELEGRAM_SECRET, apiUrl: 'http://127.0.0.1:9' }),
    ],
  });
});
afterAll(async () => {
  await h?.close();
  await graph?.close();
});

async function page(who: Parameters<Harness['login']>[0] = 'supervisor'): Promise<{ status: number; items: ChannelStatus[]; text: string }> {
  const { token } = await h.login(who);
  const res = await fetch(`${h.url}/api/admin/channels`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, items: res.status === 200 ? ((JSON.parse(text) as { items: ChannelStatus[] }).items) : [], text };
}

describe('channels page', () => {
  it('is for admins only', async () => {
    expect((await page('supervisor')).status).toBe(403);
  });

  it('says what each channel does, with its webhook URL, its last message in and its last delivery error, never a secret', async () => {
    await h.store.saveAgent({ id: 'agt_alba' as never, email: 'alba@mairie.test', displayName: 'Alba', role: 'admin', queueIds: [], passwordHash: (await h.store.getAgent('agt_sarah' as never))!.passwordHash });
    const opened = (await (await h.inbound({ channel: 'whatsapp', externalId: 'wamid.page-1', from: { kind: 'whatsapp', value: '+33612345678' }, text: 'Bonjour' })).json()) as { conversationId: ConversationId };
    await h.inbound(emailFrom('page@example.fr'));
    // A reply Meta refuses for good: the page shows its reason.
    graph.failNext(graphError(400, '(#131047) Re-engagement message', 131047));
    const sarah = await h.socket('supervisor');
    await sarah.timeout(5000).emitWithAck('message:send', { conversationId: opened.conversationId, channel: 'whatsapp', text: 'Réponse', clientMessageId: 'channels-page-1' });
    let items: ChannelStatus[] = [];
    for (let i = 0; i < 50; i++) {
      const login = await fetch(`${h.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'alba@mairie.test', password: 'correct horse battery' }) });
      const { token } = (await login.json()) as { token: string };
      const res = await fetch(`${h.url}/api/admin/channels`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      for (const secret of [APP_SECRET, GRAPH.whatsappToken, GRAPH.pageToken, TELEGRAM_SECRET]) expect(text).not.toContain(secret);
      items = (JSON.parse(text) as { items: ChannelStatus[] }).items;
      if (items.find((c) => c.channel === 'whatsapp')?.lastError) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const by = (c: string) => items.find((x) => x.channel === c)!;
    expect(by('whatsapp')).toMatchObject({ receiving: true, sending: true, webhookUrl: `${h.url}/webhooks/meta`, lastError: { final: true, reason: expect.stringContaining('Re-engagement') } });
    expect(by('whatsapp').lastInboundAt).not.toBeNull();
    // The Page token defaults to META_ACCESS_TOKEN; the missing verify token is said.
    expect(by('messenger')).toMatchObject({ receiving: true, sending: true, notes: expect.arrayContaining([expect.stringMatching(/META_VERIFY_TOKEN is not set/)]) });
    expect(by('telegram')).toMatchObject({ receiving: true, sending: false, webhookUrl: `${h.url}/webhooks/telegram` });
    expect(by('email')).toMatchObject({ receiving: false, sending: false, notes: ['not configured'] });
    expect(by('email').lastInboundAt).not.toBeNull();
    expect(items.map((c) => c.channel)).toEqual(['email', 'phone', 'webchat', 'messenger', 'whatsapp', 'instagram', 'telegram']);
  });
});
