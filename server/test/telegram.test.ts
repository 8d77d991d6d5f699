import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId, Message } from '../../shared/index.js';
import { telegramChannel } from '../channels/social/telegram/telegram-module.js';
import type { FakeHttp } from './fakes/fake-http.js';
import { botApiError, startFakeTelegramApi } from './fakes/fake-telegram-api.js';
import { nextPush, startHarness, type Harness } from './harness.js';

const BOT_TOKEN = '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const SECRET = 'telegram-secret_token-0123';

let api: FakeHttp;
let h: Harness;

beforeEach(async () => {
  api = await startFakeTelegramApi({ botToken: BOT_TOKEN });
  h = await startHarness({ channels: () => [telegramChannel({ botToken: BOT_TOKEN, secretToken: SECRET, apiUrl: api.url })] });
});
afterEach(async () => {
  await h.close();
  await api.close();
});

let updateId = 5000;
function update(o: { messageId: number; text?: string; chatType?: string; userId?: number }) {
  const userId = o.userId ?? 111222333;
  return {
    update_id: ++updateId,
    message: {
      message_id: o.messageId,
      from: { id: userId, is_bot: false, first_name: 'Jeanne', last_name: 'Dupont', language_code: 'fr' },
      chat: o.chatType === 'group' ? { id: -100123, title: 'Quartier', type: 'group' } : { id: userId, first_name: 'Jeanne', last_name: 'Dupont', type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text: o.text ?? 'Bonjour, la déchetterie est-elle ouverte dimanche ?',
    },
  };
}

function post(body: unknown, secret: string | null = SECRET): Promise<Response> {
  return fetch(`${h.url}/webhooks/telegram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(body),
  });
}

async function waitForMessage(id: string, ok: (m: Message) => boolean): Promise<Message> {
  for (let i = 0; i < 100; i++) {
    const m = await h.store.getMessage(id);
    if (m && ok(m)) return m;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`message ${id} never reached the expected state`);
}

describe('Telegram webhook', () => {
  it('refuses a missing (401) or wrong (403) secret token and stores nothing', async () => {
    expect((await post(update({ messageId: 1 }), null)).status).toBe(401);
    expect((await post(update({ messageId: 1 }), 'telegram-secret_token-0124')).status).toBe(403);
    expect((await post(update({ messageId: 1 }), '')).status).toBe(401);
    expect(await h.store.headSeq()).toBe(0);
  });

  it('files a private message under the Telegram user, live, and once when redelivered', async () => {
    const agent = await h.socket('agent');
    const pushed = nextPush(agent, 'message:received', (e) => e.payload.message.channel === 'telegram');
    const body = update({ messageId: 42 });
    const res = await post(body);
    expect(res.status).toBe(200);
    const stored = await h.store.findMessageByExternalId('telegram', '111222333:42');
    expect(stored).toMatchObject({ channel: 'telegram', text: 'Bonjour, la déchetterie est-elle ouverte dimanche ?' });
    expect(await h.store.getCitizen(stored!.citizenId)).toMatchObject({
      displayName: 'Jeanne Dupont',
      identities: [{ kind: 'telegram', value: '111222333' }],
    });
    expect((await pushed).payload.message.id).toBe(stored!.id);
    expect((await post(body)).status).toBe(200);
    const events = await h.store.readJournal({ afterSeq: 0, limit: 100 });
    expect(events.filter((e) => e.type === 'message.received')).toHaveLength(1);
  });

  it('acknowledges group messages without filing them', async () => {
    expect((await post(update({ messageId: 7, chatType: 'group' }))).status).toBe(200);
    expect(await h.store.headSeq()).toBe(0);
  });

  it('replies with sendMessage to the citizen’s chat and records Telegram’s message id', async () => {
    await post(update({ messageId: 43 }));
    const inbound = (await h.store.findMessageByExternalId('telegram', '111222333:43'))!;
    const agent = await h.socket('agent');
    const ack = await agent.timeout(5000).emitWithAck('message:send', {
      conversationId: inbound.conversationId as ConversationId,
      channel: 'telegram',
      text: 'Oui, de 9 h à 12 h.',
      clientMessageId: 'client-telegram-1',
    });
    expect(ack.ok).toBe(true);
    const request = await api.request(1);
    expect(request.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(request.body).toEqual({ chat_id: '111222333', text: 'Oui, de 9 h à 12 h.' });
    const sent = await waitForMessage(ack.ok ? ack.data.id : '', (m) => m.status === 'sent');
    expect(sent.externalId).toBe('111222333:101');
  });

  it('fails a reply for good when Telegram refuses it, with Telegram’s description', async () => {
    await post(update({ messageId: 44 }));
    const inbound = (await h.store.findMessageByExternalId('telegram', '111222333:44'))!;
    api.failNext(botApiError(403, 'Forbidden: bot was blocked by the user'));
    const agent = await h.socket('agent');
    const ack = await agent.timeout(5000).emitWithAck('message:send', {
      conversationId: inbound.conversationId as ConversationId,
      channel: 'telegram',
      text: 'Bonjour',
      clientMessageId: 'client-telegram-2',
    });
    const failed = await waitForMessage(ack.ok ? ack.data.id : '', (m) => m.status === 'failed');
    expect(failed.statusReason).toBe('Telegram: Forbidden: bot was blocked by the user');
    expect(failed.statusReason).not.toContain(BOT_TOKEN);
  });
});

describe('Telegram webhook without a secret token', () => {
  it('is disabled and says why', async () => {
    const off = await startHarness({ channels: () => [telegramChannel({ botToken: BOT_TOKEN, apiUrl: api.url })] });
    try {
      const res = await fetch(`${off.url}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update({ messageId: 1 })),
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('TELEGRAM_SECRET_TOKEN');
      expect(await off.store.headSeq()).toBe(0);
    } finally {
      await off.close();
    }
  });
});
