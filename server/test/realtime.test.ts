import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId } from '../../shared/index.js';
import { catchUpAll, emailFrom, nextPush, startHarness, STAFF, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});


describe('agent gateway', () => {
  it('pushes a message ingested over HTTP to a connected agent in real time', async () => {
    const socket = await h.socket('agent');
    const pushed = nextPush(socket, 'message:received', (e) => e.payload.message.text.includes('passeport'));
    const res = await h.inbound(emailFrom('Jeanne.Dupont@Example.fr', 'Rendez-vous pour un passeport ?'));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { messageId: string };
    const event = await pushed;
    expect(event.payload.message.id).toBe(body.messageId);
    expect(event.payload.message.channel).toBe('email');
    expect(event.seq).toBeGreaterThan(0);
  });

  it('lets a reconnecting agent catch up every missed event exactly once', async () => {
    const first = await h.socket('agent');
    const seen = nextPush(first, 'message:received');
    await h.inbound(emailFrom('avant@example.fr'));
    const lastSeq = (await seen).seq;
    first.disconnect();

    const missed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await h.inbound(emailFrom(`absent${i}@example.fr`, `message manqué ${i}`));
      missed.push(((await res.json()) as { messageId: string }).messageId);
    }
    // A supervisor acts meanwhile: that event must be caught up too.
    const supervisor = await h.socket('supervisor');
    const conversationId = (await h.store.getMessage(missed[0]!))!.conversationId as ConversationId;
    const ack = await supervisor.timeout(5000).emitWithAck('conversation:set-status', { conversationId, status: 'pending' });
    expect(ack.ok).toBe(true);

    const again = await h.socket('agent');
    const events = await catchUpAll(again, lastSeq, 2);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(seqs.every((s) => s > lastSeq)).toBe(true);
    const journal = await h.store.readJournal({ afterSeq: lastSeq, limit: 1000 });
    // Staff events (the supervisor's presence) concern no queue: an agent reads its own status
    // through agent:statuses, not in the catch-up of its queues.
    expect(seqs).toEqual(journal.filter((e) => e.citizenId !== undefined).map((e) => e.seq));
    const caughtMessages = events.flatMap((e) => (e.type === 'message.received' ? [e.payload.message.id] : []));
    expect(caughtMessages).toEqual(missed);
    expect(events.some((e) => e.type === 'conversation.status')).toBe(true);
  });

  it('serves an agent only the traffic of their queues on catch-up', async () => {
    await h.inbound(emailFrom('urba@example.fr', "Question sur mon permis de construire"));
    await h.inbound(emailFrom('accueil@example.fr', 'Horaires de la mairie ?'));
    const outsider = await h.socket('outsider');
    const events = await catchUpAll(outsider, 0, 100);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.queueId === 'que_urbanisme')).toBe(true);
  });

  it('carries an agent reply, note, assignment and status change to a colleague live', async () => {
    const alice = await h.socket('agent');
    const bruno = await h.socket('colleague');
    const received = nextPush(alice, 'message:received');
    await h.inbound(emailFrom('citoyen@example.fr'));
    const conversationId = (await received).conversationId as ConversationId;

    const sentPush = nextPush(bruno, 'message:sent');
    const sent = await alice.timeout(5000).emitWithAck('message:send', {
      conversationId,
      channel: 'email',
      text: 'Bonjour, voici la marche à suivre.',
      clientMessageId: 'client-msg-0001',
    });
    expect(sent.ok && sent.data.direction).toBe('outbound');
    expect((await sentPush).payload.message.text).toBe('Bonjour, voici la marche à suivre.');

    // A retried command with the same client id writes nothing new.
    const retry = await alice.timeout(5000).emitWithAck('message:send', {
      conversationId,
      channel: 'email',
      text: 'Bonjour, voici la marche à suivre.',
      clientMessageId: 'client-msg-0001',
    });
    expect(retry.ok && sent.ok && retry.data.id === sent.data.id).toBe(true);

    const note = await alice.timeout(5000).emitWithAck('note:add', { conversationId, text: 'Pièces reçues', clientMessageId: 'client-note-0001' });
    expect(note.ok && note.data.direction).toBe('note');

    const assignedPush = nextPush(bruno, 'conversation:assigned', (e) => e.payload.assigneeId === STAFF.colleague.id);
    const assigned = await alice.timeout(5000).emitWithAck('conversation:assign', { conversationId, assigneeId: STAFF.colleague.id });
    expect(assigned.ok && assigned.data.assigneeId).toBe(STAFF.colleague.id);
    await assignedPush;

    const statusPush = nextPush(alice, 'conversation:status-changed');
    const resolved = await bruno.timeout(5000).emitWithAck('conversation:set-status', { conversationId, status: 'resolved' });
    expect(resolved.ok && resolved.data.status).toBe('resolved');
    expect((await statusPush).payload.status).toBe('resolved');

    const timeline = await h.store.timeline((await h.store.getConversation(conversationId))!.citizenId, { limit: 50 });
    expect(timeline.items.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'note']);
  });
});

describe('roles', () => {
  it('refuses a supervisor-only command to an agent and grants it to a supervisor', async () => {
    const agent = await h.socket('agent');
    const refused = await agent.timeout(5000).emitWithAck('supervisor:subscribe', {});
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
    const supervisor = await h.socket('supervisor');
    expect(await supervisor.timeout(5000).emitWithAck('supervisor:subscribe', {})).toEqual({ ok: true, data: null });
  });

  it('refuses agent commands to a trainer', async () => {
    const alice = await h.socket('agent');
    const received = nextPush(alice, 'message:received');
    await h.inbound(emailFrom('citoyen@example.fr'));
    const conversationId = (await received).conversationId as ConversationId;
    const trainer = await h.socket('trainer');
    const res = await trainer.timeout(5000).emitWithAck('message:send', { conversationId, channel: 'email', text: 'x', clientMessageId: 'trainer-msg-1' });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('forbidden');
  });

  it('keeps an agent out of another queue’s conversation', async () => {
    const alice = await h.socket('agent');
    const received = nextPush(alice, 'message:received');
    await h.inbound(emailFrom('citoyen@example.fr'));
    const conversationId = (await received).conversationId as ConversationId;
    const outsider = await h.socket('outsider');
    const res = await outsider.timeout(5000).emitWithAck('conversation:set-status', { conversationId, status: 'resolved' });
    // Another queue's conversation does not exist for them: not_found, as for an unknown id.
    expect(!res.ok && res.error.code).toBe('not_found');
    expect((await h.store.getConversation(conversationId))!.status).toBe('open');
  });

  it('refuses a staff socket opened from another site, even with a valid session', async () => {
    const { io } = await import('socket.io-client');
    const { token } = await h.login('agent');
    const connectFrom = (origin: string) =>
      io(`${h.url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin } });
    const foreign = connectFrom('https://www.ville.example');
    const error = await new Promise<Error>((resolve) => foreign.once('connect_error', resolve));
    foreign.disconnect();
    expect(error.message).toBe('forbidden origin');
    const own = connectFrom(h.url);
    await new Promise<void>((resolve, reject) => {
      own.once('session:ready', () => resolve());
      own.once('connect_error', reject);
    });
    own.disconnect();
  });

  it('trusts X-Forwarded-Host for the console’s own origin only when a proxy is configured', async () => {
    const { io } = await import('socket.io-client');
    const attempt = async (url: string, token: string) => {
      const socket = io(`${url}/agent`, {
        auth: { token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { origin: 'https://www.ville.example', 'x-forwarded-host': 'www.ville.example' },
      });
      const outcome = await new Promise<string>((resolve) => {
        socket.once('session:ready', () => resolve('accepted'));
        socket.once('connect_error', (err) => resolve(err.message));
      });
      socket.disconnect();
      return outcome;
    };
    // No TRUST_PROXY: anyone can write the header, so it names nothing.
    expect(await attempt(h.url, (await h.login('agent')).token)).toBe('forbidden origin');
    const proxied = await startHarness({ trustProxy: 'loopback' });
    try {
      expect(await attempt(proxied.url, (await proxied.login('agent')).token)).toBe('accepted');
    } finally {
      await proxied.close();
    }
  });

  it('rejects a socket without a valid session', async () => {
    const { io } = await import('socket.io-client');
    const socket = io(`${h.url}/agent`, { auth: { token: 'forged' }, transports: ['websocket'], reconnection: false, forceNew: true });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    expect(error.message).toBe('unauthenticated');
  });
});

describe('bad socket payloads', () => {
  it('answers malformed commands with a reason and writes nothing', async () => {
    const alice = await h.socket('agent');
    await h.inbound(emailFrom('citoyen@example.fr'));
    const head = await h.store.headSeq();
    const cases: [string, unknown][] = [
      ['message:send', { conversationId: 42 }],
      ['message:send', null],
      ['note:add', { conversationId: 'conv_x', text: '   ', clientMessageId: 'note-empty-1' }],
      ['conversation:assign', { conversationId: 'conv_missing', assigneeId: 'agt_nobody' }],
      ['conversation:set-status', { conversationId: 'conv_missing', status: 'archived' }],
      ['journal:catch-up', { afterSeq: -1 }],
    ];
    for (const [name, payload] of cases) {
      const res = (await alice.timeout(5000).emitWithAck(name as 'message:send', payload as never)) as { ok: boolean; error?: { code: string; message: string } };
      expect(res.ok, name).toBe(false);
      expect(['bad_request', 'not_found']).toContain(res.error!.code);
      expect(res.error!.message.length).toBeGreaterThan(5);
    }
    expect(await h.store.headSeq()).toBe(head);
    // The connection survives garbage.
    expect(alice.connected).toBe(true);
  });
});
