import { afterEach, describe, expect, it } from 'vitest';
import type { AgentId, ConversationId, JournalEvent, QueueId } from '../../shared/index.js';
import { boardFiguresThreeWays, liveBoard, ok } from './board-check.js';
import { emailFrom, nextPush, QUEUES, STAFF, type AgentSocket, type Harness } from './harness.js';
import { citizen, clientId, nextCitizenEvent, silentFor, startWebchatHarness, waitFor } from './webchat-helpers.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const QUEUE_IDS: QueueId[] = [QUEUES.accueil, QUEUES.urbanisme];
const AGENT_IDS: AgentId[] = [STAFF.agent.id, STAFF.colleague.id, STAFF.outsider.id];

describe('supervisor board', () => {
  it("the board's figures over the socket equal the same figures recomputed from the journal, through a burst and a reconnect", async () => {
    // Both queues set a first-response target, so the SLA rounds journal due times to judge by.
    const target = { serviceLevels: { default: { firstResponseMinutes: 60 } } };
    h = await startWebchatHarness({}, null, {
      queues: [
        { id: QUEUES.accueil, name: 'Accueil', description: '', keywords: [], isDefault: true, ...target },
        { id: QUEUES.urbanisme, name: 'Urbanisme', description: '', keywords: ['permis de construire'], isDefault: false, ...target },
      ],
    });
    const supervisor = await h.socket('supervisor');
    const live = await liveBoard(supervisor);
    const alice = await h.socket('agent');
    const bruno = await h.socket('colleague');
    const chloe = await h.socket('outsider');

    // A burst: 30 citizens at once over two queues, then assignments, replies and resolutions racing each other.
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        h.inbound(emailFrom(`rafale${i}@example.fr`, i % 3 === 0 ? `Mon permis de construire n°${i}` : `Acte de naissance n°${i}`)),
      ),
    );
    const messageIds = await Promise.all(responses.map(async (r) => ((await r.json()) as { messageId: string }).messageId));
    const conversations = await Promise.all(messageIds.map(async (id) => (await h.store.getMessage(id))!.conversationId as ConversationId));

    await waitFor(async () => (await Promise.all(conversations.map((id) => h.store.getConversation(id)))).every((c) => c?.firstResponseDueAt !== undefined));

    // The supervisor reconnects in the middle: its new snapshot must be as good as the live fold.
    supervisor.disconnect();
    const back = await h.socket('supervisor');
    const afterReconnect = await liveBoard(back);

    await Promise.all(
      conversations.map(async (conversationId, i) => {
        const conversation = (await h.store.getConversation(conversationId))!;
        if (i % 5 === 4) return; // left waiting
        const owner = conversation.queueId === QUEUES.urbanisme ? { id: STAFF.outsider.id, socket: chloe } : i % 2 ? { id: STAFF.agent.id, socket: alice } : { id: STAFF.colleague.id, socket: bruno };
        await ok(back.timeout(5000).emitWithAck('conversation:assign', { conversationId, assigneeId: owner.id }));
        if (i % 5 >= 2) {
          await ok(owner.socket.timeout(5000).emitWithAck('message:send', { conversationId, channel: 'email', text: 'Bonjour, nous traitons votre demande.', clientMessageId: clientId() }));
        }
        if (i % 5 === 3) await ok(owner.socket.timeout(5000).emitWithAck('conversation:set-status', { conversationId, status: 'resolved' }));
      }),
    );

    const figures = await boardFiguresThreeWays(h.store, back, afterReconnect, QUEUE_IDS, AGENT_IDS);
    const recomputed = figures.journal;
    expect(figures.live).toEqual(recomputed);
    expect(figures.snapshot).toEqual(recomputed);

    // And the figures are the ones the traffic should give, so the equality above is not trivially empty.
    const total = (k: 'waiting' | 'inProgress' | 'metToday') => recomputed.queues.reduce((n, q) => n + q[k], 0);
    expect(total('waiting')).toBe(6);
    expect(total('inProgress')).toBe(18);
    expect(total('metToday')).toBe(12);
    expect(recomputed.queues.find((q) => q.queueId === QUEUES.urbanisme)!.waiting + recomputed.queues.find((q) => q.queueId === QUEUES.urbanisme)!.inProgress).toBeGreaterThan(0);
    // The first console went away mid-burst: its board stopped, which is why the reconnect matters.
    expect(live.current().lastSeq).toBeLessThan(await h.store.headSeq());
  });

  it('a whisper reaches the agent and the supervisors, never a colleague, the citizen or the outbox', async () => {
    // Both queues set a first-response target, so the SLA rounds journal due times to judge by.
    const target = { serviceLevels: { default: { firstResponseMinutes: 60 } } };
    h = await startWebchatHarness({}, null, {
      queues: [
        { id: QUEUES.accueil, name: 'Accueil', description: '', keywords: [], isDefault: true, ...target },
        { id: QUEUES.urbanisme, name: 'Urbanisme', description: '', keywords: ['permis de construire'], isDefault: false, ...target },
      ],
    });
    const supervisor = await h.socket('supervisor');
    const alice = await h.socket('agent');
    const bruno = await h.socket('colleague');
    const widget = await citizen(h);
    const hello = await ok(widget.socket.timeout(5000).emitWithAck('message:send', { clientId: clientId(), text: 'Bonjour, mon dossier ?' }));
    const conversationId = (await h.store.getMessage(hello.id))!.conversationId as ConversationId;
    await ok(supervisor.timeout(5000).emitWithAck('conversation:assign', { conversationId, assigneeId: STAFF.agent.id }));
    // Bruno has the conversation open, so he hears everything else about it.
    await ok(bruno.timeout(5000).emitWithAck('conversation:watch', { conversationId }));

    const toAlice = nextPush(alice, 'whisper:sent');
    const toSupervisor = nextPush(supervisor, 'whisper:sent');
    const brunoSilent = silentFor(bruno, 'whisper:sent', 600);
    const citizenSilent = silentFor(widget.socket, 'message:received', 600);
    const whisper = await ok(supervisor.timeout(5000).emitWithAck('whisper:send', { conversationId, text: 'CHUCHOTEMENT: proposez un rendez-vous' }));
    expect(whisper.payload.toAgentId).toBe(STAFF.agent.id);
    expect((await toAlice).payload.text).toBe('CHUCHOTEMENT: proposez un rendez-vous');
    expect((await toSupervisor).seq).toBe(whisper.seq);
    expect(await brunoSilent).toBe(true);
    expect(await citizenSilent).toBe(true);

    // Not through catch-up either: the colleague's reconnect skips it, the recipient's finds it.
    const catchUp = async (s: AgentSocket): Promise<JournalEvent[]> => (await ok(s.timeout(5000).emitWithAck('journal:catch-up', { afterSeq: whisper.seq - 1, limit: 10 }))).events;
    expect((await catchUp(bruno)).map((e) => e.type)).not.toContain('whisper.sent');
    expect((await catchUp(alice)).map((e) => e.type)).toContain('whisper.sent');
    // Nor through the whisper list a reloaded console reads.
    expect((await ok(alice.timeout(5000).emitWithAck('whisper:list', { conversationId }))).map((e: JournalEvent) => (e.type === 'whisper.sent' ? e.payload.text : ''))).toEqual(['CHUCHOTEMENT: proposez un rendez-vous']);
    expect(await ok(bruno.timeout(5000).emitWithAck('whisper:list', { conversationId }))).toEqual([]);
    expect(await ok(supervisor.timeout(5000).emitWithAck('whisper:list', { conversationId }))).toHaveLength(1);

    // The citizen's side: no history entry after a reconnect, nothing queued for any channel sender.
    widget.socket.disconnect();
    const again = await citizen(h, { token: widget.ready.token });
    expect(JSON.stringify(again.ready.history)).not.toContain('CHUCHOTEMENT');
    const far = new Date(Date.now() + 86_400_000).toISOString();
    expect(await h.store.leaseOutbox(far, far, 100)).toEqual([]);
    const timeline = await h.store.timeline((await h.store.getConversation(conversationId))!.citizenId, { limit: 50 });
    expect(JSON.stringify(timeline)).not.toContain('CHUCHOTEMENT');

    // An agent may not whisper, and a citizen answer still flows normally afterwards.
    const refused = await alice.timeout(5000).emitWithAck('whisper:send', { conversationId, text: 'non' });
    expect(refused.ok).toBe(false);
    const answered = nextCitizenEvent(again.socket, 'message:received', (m) => m.from === 'agent');
    await ok(alice.timeout(5000).emitWithAck('message:send', { conversationId, channel: 'webchat', text: 'Votre dossier est prêt.', clientMessageId: clientId() }));
    expect((await answered).text).toBe('Votre dossier est prêt.');
  });
});
