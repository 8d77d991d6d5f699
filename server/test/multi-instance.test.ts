import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../e2e/server-process.js';
import type { AgentId, ConversationId, MessageId } from '../../shared/index.js';
import { hashPassword } from '../auth/passwords.js';
import { emailFrom, INGEST_KEY, nextPush, PASSWORD, STAFF } from './harness.js';
import {
  agentSocket,
  catchUpAll,
  eventually,
  ingest,
  journalFor,
  login,
  messageIds,
  openConsole,
  openSharedStore,
  recordPushes,
  startInstances,
  viewProblems,
  type SharedStore,
} from './multi-instance.js';
import { redisAvailability, startRedisServer, type RedisServer } from './redis-server.js';
import { startTcpSwitch } from './tcp-switch.js';

const availability = redisAvailability();
if (!availability.available) console.warn(`[multi-instance] skipped: ${availability.reason}`);

describe.skipIf(!availability.available)('two Guichet processes, one store, one Redis', () => {
  let redis: RedisServer;
  let shared: SharedStore;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    redis = await startRedisServer();
    shared = await openSharedStore();
    [a, b] = (await startInstances(shared, redis.url, ['a', 'b'])) as [RunningServer, RunningServer];
  });
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => console.error(`instance A:\n${a.output()}\ninstance B:\n${b.output()}`));
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await shared?.close();
    await redis?.stop();
  });

  it('ends on B the sockets of an account deactivated on A, at once', async () => {
    await shared.store.saveAgent({ id: 'agt_alba' as AgentId, email: 'alba@mairie.test', displayName: 'Alba', role: 'admin', queueIds: [], passwordHash: await hashPassword(PASSWORD) });
    const admin = (await (await fetch(`${a.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'alba@mairie.test', password: PASSWORD }) })).json()) as { token: string };
    const brunoToken = await login(b.url, 'colleague');
    const bruno = await agentSocket(b.url, brunoToken);
    const closed = new Promise<string>((resolve) => bruno.once('disconnect', resolve));
    const started = performance.now();
    const res = await fetch(`${a.url}/api/admin/accounts/${STAFF.colleague.id}/deactivate`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(2000);
    console.info(`[multi-instance] deactivation on A closed the socket on B in ${Math.round(ms)} ms`);
    // And B refuses the session from now on.
    expect((await fetch(`${b.url}/api/auth/me`, { headers: { authorization: `Bearer ${brunoToken}` } })).status).toBe(401);
    await fetch(`${a.url}/api/admin/accounts/${STAFF.colleague.id}/reactivate`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` } });
  });

  it('applies on B a routing setup saved on A, without a restart', async () => {
    await shared.store.saveAgent({ id: 'agt_alba' as AgentId, email: 'alba@mairie.test', displayName: 'Alba', role: 'admin', queueIds: [], passwordHash: await hashPassword(PASSWORD) });
    const { token } = (await (await fetch(`${a.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'alba@mairie.test', password: PASSWORD }) })).json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const doc = (await (await fetch(`${a.url}/api/admin/routing`, { headers })).json()) as { queues: { id: string; keywords: string[] }[] };
    const edited = { ...doc, queues: doc.queues.map((q) => (q.id === 'que_urbanisme' ? { ...q, keywords: [...q.keywords, 'piscine municipale'] } : q)) };
    expect((await fetch(`${a.url}/api/admin/routing`, { method: 'PUT', headers, body: JSON.stringify(edited) })).status).toBe(200);
    const savedAt = performance.now();
    // B reloads on its next routing round (every second): a new request about the topic goes to urbanisme.
    const queueOn = async () => {
      const res = await fetch(`${b.url}/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` }, body: JSON.stringify(emailFrom(`nageur${Math.random()}@example.fr`, 'Les horaires de la piscine municipale ?')) });
      const { conversationId } = (await res.json()) as { conversationId: ConversationId };
      return (await shared.store.getConversation(conversationId))!.queueId;
    };
    let queue = await queueOn();
    while (queue !== 'que_urbanisme' && performance.now() - savedAt < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      queue = await queueOn();
    }
    expect(queue).toBe('que_urbanisme');
    console.info(`[multi-instance] routing saved on A applied on B within ${Math.round(performance.now() - savedAt)} ms`);
  });

  it('pushes a message ingested on instance B live to an agent connected to instance A, once', async () => {
    const alice = await agentSocket(a.url, await login(a.url, 'agent'));
    const sarah = await agentSocket(b.url, await login(b.url, 'supervisor'));
    const aliceSaw = recordPushes(alice);
    const sarahSaw = recordPushes(sarah);
    try {
      const toAlice = nextPush(alice, 'message:received', (e) => e.payload.message.text === 'Passeport, via B');
      const id = await ingest(b.url, emailFrom('jeanne@example.fr', 'Passeport, via B'));
      expect((await toAlice).payload.message.id).toBe(id);

      const toSarah = nextPush(sarah, 'message:received', (e) => e.payload.message.text === 'Carte grise, via A');
      const back = await ingest(a.url, emailFrom('paul@example.fr', 'Carte grise, via A'));
      expect((await toSarah).payload.message.id).toBe(back);

      // Each instance publishes only what it committed: nobody hears an event twice.
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const seen of [aliceSaw, sarahSaw]) {
        const seqs = seen.map((e) => e.seq);
        expect(new Set(seqs).size).toBe(seqs.length);
        expect(messageIds(seen)).toEqual([id, back]);
      }
    } finally {
      alice.disconnect();
      sarah.disconnect();
    }
  });

  it('lets an agent who reconnects to the other instance catch up every missed event exactly once', async () => {
    const first = await agentSocket(a.url, await login(a.url, 'agent'));
    const seen = nextPush(first, 'message:received', (e) => e.payload.message.text === 'Avant la coupure');
    await ingest(a.url, emailFrom('avant@example.fr', 'Avant la coupure'));
    const lastSeq = (await seen).seq;
    first.disconnect();

    // Missed while away, committed on both instances.
    const missed: string[] = [];
    for (let i = 0; i < 6; i++) {
      const on = i % 2 === 0 ? b : a;
      missed.push(await ingest(on.url, emailFrom(`absent${i}@example.fr`, `Message manqué ${i}`)));
    }
    // A supervisor on B acts meanwhile: a command's event must come back too.
    const sarah = await agentSocket(b.url, await login(b.url, 'supervisor'));
    const conversationId = (await shared.store.getMessage(missed[1]! as MessageId))!.conversationId as ConversationId;
    const ack = await sarah.timeout(5000).emitWithAck('conversation:set-status', { conversationId, status: 'pending' });
    expect(ack.ok).toBe(true);
    sarah.disconnect();

    const again = await agentSocket(b.url, await login(b.url, 'agent'));
    const live = recordPushes(again);
    try {
      const caught = await catchUpAll(again, lastSeq, 3);
      const seqs = caught.map((e) => e.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
      const journal = await journalFor(shared.store, 'agent', lastSeq);
      expect(seqs).toEqual(journal.map((e) => e.seq));
      expect(messageIds(caught)).toEqual(missed);
      expect(caught.some((e) => e.type === 'conversation.status')).toBe(true);
      expect(again.headSeq).toBeGreaterThanOrEqual(seqs.at(-1)!);

      // And live again, from A to B, with nothing replayed.
      const next = nextPush(again, 'message:received', (e) => e.payload.message.text === 'Après le retour');
      const after = await ingest(a.url, emailFrom('apres@example.fr', 'Après le retour'));
      expect((await next).payload.message.id).toBe(after);
      expect(messageIds(live)).toEqual([after]);
    } finally {
      again.disconnect();
    }
  });

  it('moves a console from A to B behind a load balancer while messages keep coming: none lost, none doubled', async () => {
    const balancer = await startTcpSwitch(Number(new URL(a.url).port));
    const token = await login(a.url, 'colleague');
    const view = openConsole(balancer.url, token, { checkpointMs: 60_000 });
    try {
      await eventually(() => view.status() === 'live', 10_000, () => `console status ${view.status()}`);
      const accepted: string[] = [];
      const stream = (async () => {
        for (let i = 0; i < 24; i++) {
          const on = i % 2 === 0 ? a : b;
          accepted.push(await ingest(on.url, emailFrom(`flux${i}@example.fr`, `Flux ${i}`)));
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Instance A goes away for this console: the balancer sends it to B.
      balancer.route(Number(new URL(b.url).port));
      balancer.dropAll();
      await stream;
      await eventually(() => viewProblems(view, accepted).length === 0, 10_000, () => viewProblems(view, accepted).join(', '));
      expect(view.connects()).toBeGreaterThanOrEqual(2);
      // Nothing else arrives late and doubles.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(viewProblems(view, accepted)).toEqual([]);
      const journal = messageIds(await journalFor(shared.store, 'colleague', 0));
      expect(accepted.every((id) => journal.includes(id))).toBe(true);
    } finally {
      view.close();
      await balancer.close();
    }
  });
});
