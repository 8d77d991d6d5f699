import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Citizen, Conversation, ConversationId, Page, SessionInfo } from '../../shared/index.js';
import { startServerProcess, type RunningServer } from '../../e2e/server-process.js';
import { isDemoCitizen } from '../demo/demo-sender-guard.js';
import { startFakeGraphApi } from './fakes/fake-graph-api.js';
import type { FakeHttp } from './fakes/fake-http.js';
import { startFakeTelegramApi } from './fakes/fake-telegram-api.js';
import { startSmtpSink, type SmtpSink } from './email-sink.js';
import type { AgentSocket } from './harness.js';

// The demo, started as `npm start` starts it, with every relay and provider pointed at local
// sinks: not one seeded reply, survey or demo citizen's answer may reach them. A reply to someone
// real who wrote in during the trial does, which shows the sinks were live all along.

const PASSWORD = 'demo-sinks-password';
const INGEST_KEY = 'demo-sinks-ingest-key-0123456789';
const GRAPH = { version: 'v21.0', whatsappToken: 'wa-system-token-123', phoneNumberId: '106540352242922', pageToken: 'page-token-456789' };
const BOT_TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

let dir: string;
let smtp: SmtpSink;
let graph: FakeHttp;
let telegram: FakeHttp;
let server: RunningServer;

async function lines(file: string): Promise<number> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

/** Resolves once the demo outbox file stopped growing: the seeded replies are all handed over. */
async function drained(file: string, timeoutMs = 90_000): Promise<number> {
  const started = Date.now();
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const n = await lines(file);
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (n > 0 && Date.now() - stableSince > 2000) {
      return n;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`demo outbox still growing (${n} lines)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-demo-sinks-'));
  smtp = await startSmtpSink();
  graph = await startFakeGraphApi(GRAPH);
  telegram = await startFakeTelegramApi({ botToken: BOT_TOKEN });
  server = await startServerProcess(
    {
      DATA_DIR: dir,
      GUICHET_DEMO: '1',
      GUICHET_DEMO_PASSWORD: PASSWORD,
      INGEST_API_KEY: INGEST_KEY,
      SMTP_RELAY_URL: smtp.url,
      SMTP_FROM: 'Mairie de Saint-Aubin <contact@mairie.example>',
      META_APP_SECRET: 'meta-app-secret-0123456789',
      META_GRAPH_URL: graph.url,
      META_ACCESS_TOKEN: GRAPH.whatsappToken,
      WHATSAPP_PHONE_NUMBER_ID: GRAPH.phoneNumberId,
      META_PAGE_ACCESS_TOKEN: GRAPH.pageToken,
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_SECRET_TOKEN: 'telegram-secret-token-0123',
      TELEGRAM_API_URL: telegram.url,
    },
    [],
    120_000,
  );
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all([smtp?.close(), graph?.close(), telegram?.close()]);
  await rm(dir, { recursive: true, force: true });
});

async function agentSession(): Promise<{ token: string; socket: AgentSocket }> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'superviseur@mairie.example', password: PASSWORD }),
  });
  const { token } = (await res.json()) as SessionInfo;
  const socket: AgentSocket = connect(`${server.url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return { token, socket };
}

async function reply(socket: AgentSocket, conversationId: string, channel: 'email' | 'whatsapp', text: string, clientMessageId: string): Promise<string> {
  const ack = await socket.timeout(10_000).emitWithAck('message:send', { conversationId: conversationId as ConversationId, channel, text, clientMessageId });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data.id;
}

async function statusOf(token: string, citizenId: string, messageId: string): Promise<string | undefined> {
  const res = await fetch(`${server.url}/api/citizens/${citizenId}/timeline?limit=200`, { headers: { authorization: `Bearer ${token}` } });
  const page = (await res.json()) as { items: { id: string; status: string }[] };
  return page.items.find((m) => m.id === messageId)?.status;
}

async function settled(token: string, citizenId: string, messageId: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const status = await statusOf(token, citizenId, messageId);
    if (status && status !== 'queued') return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`message ${messageId} still queued`);
}

describe('the demo never mails strangers', () => {
  it('hands every seeded reply to the demo outbox file, none to the relay or the providers', async () => {
    const sunk = await drained(path.join(dir, 'demo-outbox.jsonl'));
    expect(sunk).toBeGreaterThan(500);
    expect(smtp.received).toEqual([]);
    expect(graph.requests).toEqual([]);
    expect(telegram.requests).toEqual([]);
  }, 120_000);

  it('sends an agent’s new reply to a demo citizen to the sink too, and a real person’s through the real relay', async () => {
    const { token, socket } = await agentSession();
    try {
      const inbox = await fetch(`${server.url}/api/conversations?channel=email&limit=20`, { headers: { authorization: `Bearer ${token}` } });
      const demo = ((await inbox.json()) as Page<Conversation>).items[0]!;
      const { citizen } = (await (await fetch(`${server.url}/api/citizens/${demo.citizenId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { citizen: Citizen };
      expect(isDemoCitizen(citizen)).toBe(true);
      const before = await lines(path.join(dir, 'demo-outbox.jsonl'));
      const toDemo = await reply(socket, demo.id, 'email', 'Bonjour, votre demande est en cours de traitement.', 'demo-sinks-reply-1');
      expect(await settled(token, demo.citizenId, toDemo)).not.toBe('failed');
      expect(await lines(path.join(dir, 'demo-outbox.jsonl'))).toBe(before + 1);

      // Someone real writes in during the trial: the answer goes through the configured relay.
      const inbound = await fetch(`${server.url}/api/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
        body: JSON.stringify({ channel: 'email', externalId: '<essai-1@ville-voisine.fr>', from: { kind: 'email', value: 'essai@ville-voisine.fr', displayName: 'Essai' }, subject: 'Essai', text: 'Bonjour, ceci est un essai.' }),
      });
      const filed = (await inbound.json()) as { conversationId: string; citizenId: string };
      const toReal = await reply(socket, filed.conversationId, 'email', 'Bonjour, bien reçu.', 'demo-sinks-reply-2');
      const mail = await smtp.next((m) => m.envelopeTo.includes('essai@ville-voisine.fr'), 15_000);
      expect(mail.parsed.text).toContain('bien reçu');
      expect(await settled(token, filed.citizenId, toReal)).toBe('sent');
      expect(smtp.received).toHaveLength(1);
      expect(graph.requests).toEqual([]);
      expect(telegram.requests).toEqual([]);
    } finally {
      socket.disconnect();
    }
  }, 60_000);
});
