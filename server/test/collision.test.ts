import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../e2e/server-process.js';
import type { ConversationId, JournalEvent, PresenceChanged } from '../../shared/index.js';
import type { MentionsPage } from '../../shared/mention-inbox.js';
import { emailFrom, INGEST_KEY, STAFF, type AgentSocket } from './harness.js';
import { agentSocket, eventually, login, openSharedStore, startInstances, type SharedStore } from './multi-instance.js';
import { redisAvailability, startRedisServer, type RedisServer } from './redis-server.js';

// Issue 13, collision: two agents on two instances sharing one Redis see each other on the same
// conversation. The TTL is shortened through PRESENCE_TTL_MS (production default 10 s).
const TTL_MS = 2000;

const availability = redisAvailability();
if (!availability.available) console.warn(`[collision] skipped: ${availability.reason}`);

/** The last presence list a socket was pushed for a conversation. */
function presenceOf(socket: AgentSocket, conversationId: ConversationId): { latest: () => PresenceChanged['present'] | null } {
  let latest: PresenceChanged['present'] | null = null;
  socket.on('presence:changed', (info) => {
    if (info.conversationId === conversationId) latest = info.present;
  });
  return { latest: () => latest };
}

const activityOf = (list: PresenceChanged['present'] | null, agentId: string) => list?.find((p) => p.agentId === agentId)?.activity ?? 'absent';

describe.skipIf(!availability.available)('collision indicators across two instances', () => {
  let redis: RedisServer;
  let shared: SharedStore;
  let a: RunningServer;
  let b: RunningServer;
  let conversationId: ConversationId;

  beforeAll(async () => {
    redis = await startRedisServer();
    shared = await openSharedStore();
    [a, b] = (await startInstances(shared, redis.url, ['a', 'b'], { PRESENCE_TTL_MS: String(TTL_MS) })) as [RunningServer, RunningServer];
    const res = await fetch(`${a.url}/api/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
      body: JSON.stringify(emailFrom('collision@example.fr', 'Mon acte de naissance, svp')),
    });
    conversationId = ((await res.json()) as { conversationId: ConversationId }).conversationId;
  }, 60_000);
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => console.error(`instance A:\n${a.output()}\ninstance B:\n${b.output()}`));
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await shared?.close();
    await redis?.stop();
  });

  async function open(url: string, who: 'agent' | 'colleague' | 'outsider' | 'supervisor'): Promise<AgentSocket> {
    const socket = await agentSocket(url, await login(url, who));
    const watched = await socket.timeout(5000).emitWithAck('conversation:watch', { conversationId });
    if (who !== 'outsider') expect(watched.ok).toBe(true);
    return socket;
  }
  const announce = async (socket: AgentSocket, activity: 'viewing' | 'replying' | 'noting' | 'left') =>
    socket.timeout(5000).emitWithAck('presence:set', { conversationId, activity });

  it('shows each agent the other viewing, then typing, within 1 s; refuses one who may not read the conversation', async () => {
    const alice = await open(a.url, 'agent');
    const bruno = await open(b.url, 'colleague');
    const chloe = await open(b.url, 'outsider');
    const aliceSees = presenceOf(alice, conversationId);
    const brunoSees = presenceOf(bruno, conversationId);
    const chloeSees = presenceOf(chloe, conversationId);
    try {
      let started = performance.now();
      expect((await announce(alice, 'viewing')).ok).toBe(true);
      const ack = await announce(bruno, 'viewing');
      // The ack answers the list as B knows it now (A's relay may still be on its way).
      expect(ack.ok && ack.data.present.map((p: { agentId: string }) => p.agentId)).toContain(STAFF.colleague.id);
      const viewing = await eventually(() => activityOf(brunoSees.latest(), STAFF.agent.id) === 'viewing' && activityOf(aliceSees.latest(), STAFF.colleague.id) === 'viewing', 1000, () => JSON.stringify([aliceSees.latest(), brunoSees.latest()]));

      started = performance.now();
      await announce(bruno, 'replying');
      await eventually(() => activityOf(aliceSees.latest(), STAFF.colleague.id) === 'replying', 1000, () => JSON.stringify(aliceSees.latest()));
      const replying = performance.now() - started;
      started = performance.now();
      await announce(alice, 'noting');
      await eventually(() => activityOf(brunoSees.latest(), STAFF.agent.id) === 'noting', 1000, () => JSON.stringify(brunoSees.latest()));
      const noting = performance.now() - started;
      console.info(`[collision] across instances: viewing seen in ${Math.round(viewing)} ms, replying in ${Math.round(replying)} ms, noting in ${Math.round(noting)} ms`);
      expect(brunoSees.latest()!.find((p) => p.agentId === STAFF.agent.id)!.name).toBe('alice');

      // Chloé (urbanisme) may not read it: refused as not found, and she was never told who is there.
      const refused = await announce(chloe, 'viewing');
      expect(refused.ok ? 'ok' : refused.error.code).toBe('not_found');
      expect(chloeSees.latest()).toBeNull();
      expect(activityOf(aliceSees.latest(), STAFF.outsider.id)).toBe('absent');

      // Leaving says so at once.
      await announce(alice, 'left');
      await eventually(() => activityOf(brunoSees.latest(), STAFF.agent.id) === 'absent', 1000, () => JSON.stringify(brunoSees.latest()));
    } finally {
      alice.disconnect();
      bruno.disconnect();
      chloe.disconnect();
    }
  });

  it("tells the other instance's composer that a reply went out, and a mention reaches only the colleague it names", async () => {
    const alice = await open(a.url, 'agent');
    const bruno = await open(b.url, 'colleague');
    const brunoElsewhere = await agentSocket(b.url, await login(b.url, 'colleague'));
    const sarah = await open(a.url, 'supervisor');
    const chloe = await agentSocket(b.url, await login(b.url, 'outsider'));
    const pushes = { bruno: [] as JournalEvent[], sarah: [] as JournalEvent[], chloe: [] as JournalEvent[] };
    bruno.on('message:sent', (e) => pushes.bruno.push(e));
    for (const [who, socket] of [['bruno', bruno], ['sarah', sarah], ['chloe', chloe]] as const) socket.on('note:added', (e) => pushes[who].push(e));
    const readElsewhere: MentionsPage[] = [];
    brunoElsewhere.on('mentions:read', (page) => readElsewhere.push(page));
    try {
      // Alice replies on instance A: Bruno's console on B learns it (its composer then asks him to confirm).
      const sent = await alice.timeout(5000).emitWithAck('message:send', { conversationId, channel: 'email', text: 'Votre acte part ce jour.', clientMessageId: 'collision-reply-1' });
      expect(sent.ok).toBe(true);
      await eventually(() => pushes.bruno.some((e) => e.type === 'message.sent' && e.actor?.id === STAFF.agent.id), 1000, () => JSON.stringify(pushes.bruno.map((e) => e.type)));

      // "@bruno" and "@chloe": Chloé (urbanisme) may not open the conversation, so only Bruno is mentioned.
      const note = await alice.timeout(5000).emitWithAck('note:add', { conversationId, text: '@bruno peux-tu vérifier la pièce ? @chloe pour info', clientMessageId: 'collision-note-1' });
      expect(note.ok && note.data.mentions).toEqual([STAFF.colleague.id]);
      await eventually(() => pushes.bruno.some((e) => e.type === 'note.added') && pushes.sarah.some((e) => e.type === 'note.added'), 1000, () => JSON.stringify(pushes));
      expect(pushes.chloe).toEqual([]);

      const bell = async (url: string, who: 'colleague' | 'supervisor' | 'outsider' | 'agent') => {
        const res = await fetch(`${url}/api/mentions`, { headers: { authorization: `Bearer ${await login(url, who)}` } });
        expect(res.status).toBe(200);
        return (await res.json()) as MentionsPage;
      };
      const brunoBell = await bell(b.url, 'colleague');
      expect(brunoBell.unread).toBe(1);
      expect(brunoBell.items).toMatchObject([{ conversationId, unread: true, by: { id: STAFF.agent.id, name: 'alice' }, excerpt: '@bruno peux-tu vérifier la pièce ? @chloe pour info' }]);
      for (const [url, who] of [[a.url, 'supervisor'], [b.url, 'outsider'], [a.url, 'agent']] as const) {
        expect(await bell(url, who), who).toEqual({ items: [], unread: 0 });
      }
      // The inbox's "Mentions" view: Bruno's only.
      const inbox = async (who: 'colleague' | 'supervisor') => {
        const res = await fetch(`${a.url}/api/conversations?scope=mentions&status=open`, { headers: { authorization: `Bearer ${await login(a.url, who)}` } });
        return ((await res.json()) as { items: { id: string }[] }).items.map((c) => c.id);
      };
      expect(await inbox('colleague')).toEqual([conversationId]);
      expect(await inbox('supervisor')).toEqual([]);

      // Read from the bell on one console: his other console follows, and the count is down.
      const read = await bruno.timeout(5000).emitWithAck('mentions:mark-read', { conversationId });
      expect(read.ok && read.data.unread).toBe(0);
      await eventually(() => readElsewhere.length > 0, 1000, () => 'no mentions:read push');
      expect(readElsewhere[0]!.items[0]!.unread).toBe(false);
      expect((await bell(b.url, 'colleague')).unread).toBe(0);

      // A new mention in the same conversation is unread again.
      await alice.timeout(5000).emitWithAck('note:add', { conversationId, text: 'Merci @Bruno !', clientMessageId: 'collision-note-2' });
      expect((await bell(a.url, 'colleague')).unread).toBe(1);
      const all = await bruno.timeout(5000).emitWithAck('mentions:mark-read', {});
      expect(all.ok && all.data.unread).toBe(0);
    } finally {
      for (const s of [alice, bruno, brunoElsewhere, sarah, chloe]) s.disconnect();
    }
  });

  it('drops a console that stops announcing within the TTL, and a closed one at once', async () => {
    const alice = await open(a.url, 'agent');
    const bruno = await open(b.url, 'colleague');
    const brunoSees = presenceOf(bruno, conversationId);
    // Bruno keeps his console's announces going, as the client does.
    const keepAlive = setInterval(() => void announce(bruno, 'viewing'), TTL_MS / 4);
    try {
      await announce(bruno, 'viewing');
      await announce(alice, 'viewing');
      const lastAnnounce = performance.now();
      await eventually(() => activityOf(brunoSees.latest(), STAFF.agent.id) === 'viewing', 1000, () => JSON.stringify(brunoSees.latest()));
      // Alice's console goes silent (a frozen tab, a network cut the socket has not noticed yet).
      await eventually(() => activityOf(brunoSees.latest(), STAFF.agent.id) === 'absent', TTL_MS + 2000, () => JSON.stringify(brunoSees.latest()));
      const gone = performance.now() - lastAnnounce;
      // Not before the TTL: Bruno's own announces meanwhile must not have dropped her.
      expect(gone).toBeGreaterThanOrEqual(TTL_MS - 100);
      expect(activityOf(brunoSees.latest(), STAFF.colleague.id)).toBe('viewing');

      // Back (a reconnect re-announces), then the tab closes: gone within a second, not a TTL.
      await announce(alice, 'replying');
      await eventually(() => activityOf(brunoSees.latest(), STAFF.agent.id) === 'replying', 1000, () => JSON.stringify(brunoSees.latest()));
      const closed = performance.now();
      alice.disconnect();
      await eventually(() => activityOf(brunoSees.latest(), STAFF.agent.id) === 'absent', 1000, () => JSON.stringify(brunoSees.latest()));
      console.info(`[collision] silent console dropped after ${Math.round(gone)} ms (TTL ${TTL_MS} ms), closed one in ${Math.round(performance.now() - closed)} ms`);
    } finally {
      clearInterval(keepAlive);
      alice.disconnect();
      bruno.disconnect();
    }
  });
});
