import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationId, Message } from '../../shared/index.js';
import { emailFrom, nextPush, STAFF, type AgentSocket, type Harness } from './harness.js';
import {
  citizen,
  clientId,
  nextCitizenEvent,
  refusal,
  signed,
  silentFor,
  startWebchatHarness,
  TOWN_ORIGIN,
  waitFor,
  type CitizenSocket,
} from './webchat-helpers.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function say(socket: CitizenSocket, text: string, extra: Record<string, unknown> = {}) {
  const ack = await socket.timeout(5000).emitWithAck('message:send', { clientId: clientId(), text, ...extra });
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

async function reply(agent: AgentSocket, conversationId: string, text: string): Promise<Message> {
  const ack = await agent.timeout(5000).emitWithAck('message:send', {
    conversationId: conversationId as ConversationId,
    channel: 'webchat',
    text,
    clientMessageId: clientId(),
  });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data;
}

async function messageOf(id: string): Promise<Message> {
  const m = await h.store.getMessage(id);
  if (!m) throw new Error(`no message ${id}`);
  return m;
}

describe('web chat: sessions', () => {
  it('restores the citizen’s own exchange after a reconnect, never notes nor another visitor’s', async () => {
    h = await startWebchatHarness();
    const agent = await h.socket('agent');
    const first = await citizen(h);
    expect(first.ready.history).toEqual([]);
    const token = first.ready.token;
    const hello = await say(first.socket, 'Bonjour, à quelle heure ouvre la mairie samedi ?');
    const conversationId = (await messageOf(hello.id)).conversationId;

    const answered = nextCitizenEvent(first.socket, 'message:received', (m) => m.from === 'agent');
    const answer = await reply(agent, conversationId, 'Bonjour, de 9 h à 12 h.');
    expect((await answered).text).toBe('Bonjour, de 9 h à 12 h.');
    const note = await agent.timeout(5000).emitWithAck('note:add', { conversationId: conversationId as ConversationId, text: 'NOTE INTERNE', clientMessageId: clientId() });
    expect(note.ok).toBe(true);
    first.socket.disconnect();

    const again = await citizen(h, { token });
    expect(again.ready.token).toBe(token);
    expect(again.ready.history.map((m) => [m.from, m.text])).toEqual([
      ['citizen', 'Bonjour, à quelle heure ouvre la mairie samedi ?'],
      ['agent', 'Bonjour, de 9 h à 12 h.'],
    ]);
    expect(again.ready.history[1]).toMatchObject({ id: answer.id, agentName: 'alice' });
    expect(JSON.stringify(again.ready.history)).not.toContain('NOTE INTERNE');

    // Another browser: a session of its own, empty.
    const stranger = await citizen(h);
    expect(stranger.ready.token).not.toBe(token);
    expect(stranger.ready.history).toEqual([]);
    // An invented token is not a session: it gets a fresh one.
    const forged = await citizen(h, { token: `${'A'.repeat(24)}.${'B'.repeat(22)}` });
    expect(forged.ready.history).toEqual([]);
    expect(forged.ready.token).not.toBe(`${'A'.repeat(24)}.${'B'.repeat(22)}`);

    // The token is kept only as a hash, in the citizen's webchat identity.
    const who = await h.store.getCitizen((await messageOf(hello.id)).citizenId);
    const webchat = who!.identities.filter((i) => i.kind === 'webchat');
    expect(webchat).toHaveLength(1);
    expect(webchat[0]!.value).not.toContain(token.split('.')[0]!);
    expect(JSON.stringify(await h.store.readJournal({ afterSeq: 0, limit: 1000 }))).not.toContain(token.split('.')[0]!);
    for (const s of [again.socket, stranger.socket, forged.socket]) s.disconnect();
  });

  it('stores a retried message once, and shows it in the session’s other tabs', async () => {
    h = await startWebchatHarness();
    const tab1 = await citizen(h);
    const tab2 = await citizen(h, { token: tab1.ready.token });
    const id = clientId();
    const seen = nextCitizenEvent(tab2.socket, 'message:received', (m) => m.clientId === id);
    const a = await tab1.socket.timeout(5000).emitWithAck('message:send', { clientId: id, text: 'Première tentative' });
    const b = await tab1.socket.timeout(5000).emitWithAck('message:send', { clientId: id, text: 'Première tentative' });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.data.id).toBe(a.data.id);
    expect((await seen).id).toBe(a.data.id);
    const page = await h.store.timeline((await messageOf(a.data.id)).citizenId, { limit: 10 });
    expect(page.items).toHaveLength(1);
    tab1.socket.disconnect();
    tab2.socket.disconnect();
  });
});

describe('web chat: replies, typing and read receipts', () => {
  it('delivers a reply live, and journals the citizen’s read receipt once', async () => {
    h = await startWebchatHarness();
    const agent = await h.socket('agent');
    const visitor = await citizen(h);
    const hello = await say(visitor.socket, 'Mon colis municipal n’est pas arrivé.');
    const conversationId = (await messageOf(hello.id)).conversationId;

    const live = nextCitizenEvent(visitor.socket, 'message:received', (m) => m.from === 'agent');
    const delivered = nextPush(agent, 'message:status-changed', (e) => e.payload.status === 'delivered');
    const sent = await reply(agent, conversationId, 'Nous regardons cela.');
    const shown = await live;
    expect(shown).toMatchObject({ id: sent.id, text: 'Nous regardons cela.', from: 'agent' });
    expect((await delivered).payload.messageId).toBe(sent.id);

    const read = nextPush(agent, 'message:status-changed', (e) => e.payload.status === 'read');
    const ack = await visitor.socket.timeout(5000).emitWithAck('message:mark-read', { messageId: sent.id });
    expect(ack).toEqual({ ok: true, data: null });
    const event = await read;
    expect(event.payload.messageId).toBe(sent.id);
    expect(event.actor.kind).toBe('citizen');
    expect((await messageOf(sent.id)).status).toBe('read');
    // A second tab acking the same reply adds nothing to the journal.
    const head = await h.store.headSeq();
    await visitor.socket.timeout(5000).emitWithAck('message:mark-read', { messageId: sent.id });
    expect(await h.store.headSeq()).toBe(head);

    // Nobody acks a message that is not theirs.
    const other = await citizen(h);
    await say(other.socket, 'Autre visiteur');
    const foreign = await other.socket.timeout(5000).emitWithAck('message:mark-read', { messageId: sent.id });
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect(foreign.error.code).toBe('not_found');
    visitor.socket.disconnect();
    other.socket.disconnect();
  });

  it('marks a reply sent, not delivered, when no widget is open, and serves it on the next visit', async () => {
    h = await startWebchatHarness();
    const agent = await h.socket('agent');
    const visitor = await citizen(h);
    const hello = await say(visitor.socket, 'Je reviendrai plus tard.');
    visitor.socket.disconnect();
    const status = nextPush(agent, 'message:status-changed');
    const sent = await reply(agent, (await messageOf(hello.id)).conversationId, 'Voici la réponse.');
    expect((await status).payload.status).toBe('sent');
    const back = await citizen(h, { token: visitor.ready.token });
    expect(back.ready.history.at(-1)).toMatchObject({ id: sent.id, status: 'sent' });
    back.socket.disconnect();
  });

  it('relays typing both ways, only to those allowed to see it', async () => {
    h = await startWebchatHarness();
    const agent = await h.socket('agent');
    const outsider = await h.socket('outsider');
    const visitor = await citizen(h);
    const hello = await say(visitor.socket, 'Question sur la cantine');
    const conversationId = (await messageOf(hello.id)).conversationId;
    const watch = await agent.timeout(5000).emitWithAck('conversation:watch', { conversationId });
    expect(watch.ok).toBe(true);

    const citizenTyping = nextPush(agent, 'citizen:typing', (e) => e.typing);
    const outsiderHears = silentFor(outsider, 'citizen:typing');
    visitor.socket.emit('typing:set', { typing: true });
    expect(await citizenTyping).toEqual({ conversationId, typing: true });
    expect(await outsiderHears).toBe(true);
    const stopped = nextPush(agent, 'citizen:typing', (e) => !e.typing);
    visitor.socket.emit('typing:set', { typing: false });
    expect((await stopped).typing).toBe(false);

    const agentTyping = nextCitizenEvent(visitor.socket, 'agent:typing', (e) => e.typing);
    agent.emit('conversation:typing', { conversationId, typing: true });
    expect(await agentTyping).toEqual({ typing: true });

    // An agent outside the conversation's queue cannot make the widget say someone is writing.
    const quiet = silentFor(visitor.socket, 'agent:typing');
    outsider.emit('conversation:typing', { conversationId, typing: true });
    expect(await quiet).toBe(true);

    // Closing the widget while typing ends the indicator in the console.
    visitor.socket.emit('typing:set', { typing: true });
    await nextPush(agent, 'citizen:typing', (e) => e.typing);
    const ended = nextPush(agent, 'citizen:typing', (e) => !e.typing);
    visitor.socket.disconnect();
    expect((await ended).conversationId).toBe(conversationId);
  });
});

describe('web chat: verified mode', () => {
  it('recognises a signed account as the citizen already known by email', async () => {
    h = await startWebchatHarness();
    // The portal's account was linked to this citizen earlier (a message carrying both).
    const res = await h.inbound({
      ...emailFrom('jeanne.martin@example.fr', 'Bonjour, demande d’acte de naissance.'),
      alsoKnownAs: [{ kind: 'account', value: 'CIT-0042', verified: true }],
    });
    expect(res.status).toBe(201);
    const { messageId } = (await res.json()) as { messageId: string };
    const jeanne = (await messageOf(messageId)).citizenId;

    const verified = await citizen(h, { account: signed('CIT-0042') });
    expect(verified.ready.verified).toBe(true);
    const chat = await say(verified.socket, 'Je relance pour mon acte de naissance.');
    const stored = await messageOf(chat.id);
    expect(stored.citizenId).toBe(jeanne);
    const file = await h.store.getCitizen(jeanne);
    expect(file!.identities.map((i) => i.kind).sort()).toEqual(['account', 'email', 'webchat']);
    expect(file!.identities.find((i) => i.kind === 'webchat')?.level).toBe('portal');
    expect(file!.identities.find((i) => i.kind === 'account')?.level).toBe('channel'); // linked by the e-mail above, with the old `verified` flag;

    // The same browser without the portal's signature is an anonymous visitor, who sees nothing of Jeanne's.
    const anonymous = await citizen(h, { token: verified.ready.token });
    expect(anonymous.ready.verified).toBe(false);
    expect(anonymous.ready.history).toEqual([]);
    const anon = await say(anonymous.socket, 'Anonyme');
    expect((await messageOf(anon.id)).citizenId).not.toBe(jeanne);
    // Back with the signature: Jeanne's chat again, from a new page load.
    const back = await citizen(h, { token: verified.ready.token, account: signed('CIT-0042') });
    expect(back.ready.history.map((m) => m.text)).toEqual(['Je relance pour mon acte de naissance.']);
    for (const s of [verified.socket, anonymous.socket, back.socket]) s.disconnect();
  });

  it('files a FranceConnect sign-in at level franceconnect with its eIDAS level; a plain one at portal, the session id at channel', async () => {
    h = await startWebchatHarness();
    const fc = await citizen(h, { account: signed('CIT-0077', 3600, undefined, 'eidas2') });
    const chat = await say(fc.socket, 'Connectée par FranceConnect.');
    const file = await h.store.getCitizen((await messageOf(chat.id)).citizenId);
    expect(file!.identities.map((i) => [i.kind, i.level, i.eidas])).toEqual([
      ['webchat', 'franceconnect', 'eidas2'],
      ['account', 'franceconnect', 'eidas2'],
    ]);
    const anonymous = await citizen(h, {});
    const anon = await say(anonymous.socket, 'Anonyme');
    expect((await h.store.getCitizen((await messageOf(anon.id)).citizenId))!.identities.map((i) => i.level)).toEqual(['channel']);
    for (const s of [fc.socket, anonymous.socket]) s.disconnect();
  });

  it('refuses a forged, tampered, expired or unsigned-site identity', async () => {
    h = await startWebchatHarness();
    const good = signed('CIT-0042');
    expect(await refusal(h, { account: { ...good, signature: good.signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) } })).toBe('bad_signature');
    expect(await refusal(h, { account: { ...good, id: 'CIT-0043' } })).toBe('bad_signature');
    expect(await refusal(h, { account: signed('CIT-0042', 3600, 'another-portal-secret-0123456789abcdef') })).toBe('bad_signature');
    expect(await refusal(h, { account: signed('CIT-0042', -5) })).toBe('signature_expired');
    // Signed for longer than a day: a copied page must not be replayable for long.
    expect(await refusal(h, { account: signed('CIT-0042', 3 * 86_400) })).toBe('bad_signature');
    expect(await refusal(h, { site: 'office-tourisme', origin: 'https://tourisme.mairie-test.fr', account: good })).toBe('verified_mode_disabled');
    expect(await h.store.countCitizens()).toBe(0);
  });
});

describe('web chat: abuse limits', () => {
  it('limits each session’s message rate and message length', async () => {
    h = await startWebchatHarness({ burst: 3, messagesPerMinute: 1, maxLength: 50 });
    const visitor = await citizen(h);
    const send = (text: string) => visitor.socket.timeout(5000).emitWithAck('message:send', { clientId: clientId(), text });
    const tooLong = await send('x'.repeat(51));
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.error).toMatchObject({ code: 'bad_request', issues: [{ path: 'text', message: 'too_long' }] });
    const results = [await send('un'), await send('deux'), await send('trois')];
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    const limited = results[2]!;
    if (!limited.ok) expect(limited.error.code).toBe('rate_limited');
    // The bucket is the session's, not the socket's: a second tab shares it.
    const tab = await citizen(h, { token: visitor.ready.token });
    const fromTab = await tab.socket.timeout(5000).emitWithAck('message:send', { clientId: clientId(), text: 'quatre' });
    expect(fromTab.ok).toBe(false);
    const bad = await send('');
    expect(bad.ok).toBe(false);
    visitor.socket.disconnect();
    tab.socket.disconnect();
  });

  it('accepts only allowed origins and known sites', async () => {
    h = await startWebchatHarness();
    expect(await refusal(h, { origin: 'https://evil.example' })).toBe('origin_not_allowed');
    expect(await refusal(h, { origin: 'null' })).toBe('origin_not_allowed');
    expect(await refusal(h, { origin: null })).toBe('origin_not_allowed');
    // Each site has its own origins.
    expect(await refusal(h, { site: 'office-tourisme', origin: TOWN_ORIGIN })).toBe('origin_not_allowed');
    expect(await refusal(h, { site: 'office-tourisme', origin: 'https://tourisme.mairie-test.fr' })).toBe('accepted');
    expect(await refusal(h, { site: 'nowhere' })).toBe('unknown_site');
    // The server's own pages (the demo) are always allowed.
    expect(await refusal(h, { origin: h.url })).toBe('accepted');
    expect(await refusal(h, { origin: TOWN_ORIGIN })).toBe('accepted');

    // Polling from a town's page needs CORS; other origins get none.
    const poll = (origin: string) => fetch(`${h.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    const allowed = await poll(TOWN_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(TOWN_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await poll('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('caps the new sessions one address opens per minute, not the returning ones', async () => {
    h = await startWebchatHarness({ sessionsPerIpPerMinute: 2 });
    const one = await citizen(h);
    const two = await citizen(h);
    expect(await refusal(h, {})).toBe('too_many_sessions');
    // A forged token is a new session too, and is refused the same way.
    expect(await refusal(h, { token: 'made-up-token' })).toBe('too_many_sessions');
    expect(await refusal(h, { token: one.ready.token })).toBe('accepted');
    one.socket.disconnect();
    two.socket.disconnect();
  });
});

describe('web chat: no agent available', () => {
  it('says so, takes the message with an email for the answer, and tells when an agent arrives', async () => {
    h = await startWebchatHarness();
    // A trainer is staff but does not answer citizens.
    await h.socket('trainer');
    const known = await h.inbound(emailFrom('deja.connu@example.fr', 'Message antérieur'));
    const knownCitizen = (await messageOf(((await known.json()) as { messageId: string }).messageId)).citizenId;

    const visitor = await citizen(h);
    expect(visitor.ready.agentsAvailable).toBe(false);
    expect(visitor.ready.contactEmail).toBe('contact@mairie-test.fr');

    const left = await say(visitor.socket, 'Pouvez-vous me rappeler ?', { replyByEmail: 'Paul.Durand@Example.fr' });
    expect(left.text).toContain('paul.durand@example.fr');
    const paul = await h.store.getCitizen((await messageOf(left.id)).citizenId);
    expect(paul!.identities).toContainEqual(expect.objectContaining({ kind: 'email', value: 'paul.durand@example.fr', level: 'unverified' }));

    // An address typed in the form never opens someone else's file.
    const other = await citizen(h);
    const claim = await say(other.socket, 'Je suis deja.connu', { profile: { email: 'deja.connu@example.fr' } });
    const claimed = await messageOf(claim.id);
    expect(claimed.citizenId).not.toBe(knownCitizen);
    expect(other.ready.history).toEqual([]);

    const invalid = await visitor.socket.timeout(5000).emitWithAck('message:send', { clientId: clientId(), text: 'x', replyByEmail: 'pas-une-adresse' });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.error.issues?.[0]).toEqual({ path: 'replyByEmail', message: 'invalid_email' });

    const arrives = nextCitizenEvent(visitor.socket, 'availability:changed', (e) => e.agentsAvailable);
    const agent = await h.socket('agent');
    expect(await arrives).toEqual({ agentsAvailable: true });
    const leaves = nextCitizenEvent(visitor.socket, 'availability:changed', (e) => !e.agentsAvailable);
    agent.disconnect();
    expect(await leaves).toEqual({ agentsAvailable: false });
    // A new visitor is told at once.
    await h.socket('agent');
    await waitFor(async () => {
      const c = await citizen(h);
      c.socket.disconnect();
      return c.ready.agentsAvailable;
    });
    visitor.socket.disconnect();
    other.socket.disconnect();
  });
});

describe('web chat: widget routes', () => {
  it('serves the demo page and never the console shell for a missing widget file', async () => {
    h = await startWebchatHarness();
    const demo = await fetch(`${h.url}/widget-demo`);
    expect(demo.status).toBe(200);
    const html = await demo.text();
    expect(html).toContain('<script src="/widget/guichet-widget.js" data-site="default"');
    expect(demo.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script>(?!<)/);
    const missing = await fetch(`${h.url}/widget/guichet-widget.js`);
    expect(missing.status).toBe(404);
    expect(STAFF.agent.id).toBeTruthy();
  });
});
