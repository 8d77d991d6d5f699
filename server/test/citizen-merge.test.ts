import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CitizenId, ConversationId, InboundMessage, TimelinePage } from '../../shared/index.js';
import { catchUpAll, emailFrom, nextPush, startHarness, type Harness } from './harness.js';

// Merging two records of one person, end to end: socket.io-client agents on a real server see it
// live, a console that was away catches it up once, and an agent outside the queues changes nothing.

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function filed(message: InboundMessage): Promise<{ citizenId: CitizenId; conversationId: ConversationId }> {
  const res = await h.inbound(message);
  expect(res.status).toBe(201);
  const { messageId } = (await res.json()) as { messageId: string };
  const m = (await h.store.getMessage(messageId))!;
  return { citizenId: m.citizenId, conversationId: m.conversationId };
}

const messenger = (text: string): InboundMessage => ({
  channel: 'messenger',
  externalId: `mid.${Date.now()}.${Math.random()}`,
  from: { kind: 'messenger', value: 'psid-jean-dupont', displayName: 'Jean Dupont', level: 'channel' },
  text,
});


describe('citizen merge over the socket', () => {
  it('shows the merge live to the consoles of both records, and a console that was away catches it up once', async () => {
    const byEmail = await filed(emailFrom('jean.dupont@example.fr', 'Acte de naissance, merci.\nJean Dupont'));
    const byMessenger = await filed(messenger('Bonjour, toujours pas de réponse ? jean.dupont@example.fr'));

    const alice = await h.socket('agent');
    const bruno = await h.socket('colleague');
    expect((await alice.timeout(5000).emitWithAck('conversation:watch', { conversationId: byEmail.conversationId })).ok).toBe(true);
    expect((await bruno.timeout(5000).emitWithAck('conversation:watch', { conversationId: byMessenger.conversationId })).ok).toBe(true);

    // A third console, then away during the merge.
    const away = await h.socket('agent');
    const lastSeq = await h.store.headSeq();
    away.disconnect();

    const aliceSees = nextPush(alice, 'citizen:merged');
    const brunoSees = nextPush(bruno, 'citizen:merged');
    const brunoMoves = nextPush(bruno, 'conversation:moved');
    const ack = await alice.timeout(5000).emitWithAck('citizen:merge', { survivorId: byEmail.citizenId, mergedId: byMessenger.citizenId, reason: 'même adresse e-mail', suggested: ['same_email'] });
    expect(ack.ok).toBe(true);
    const [merged, seenByBruno, moved] = await Promise.all([aliceSees, brunoSees, brunoMoves]);
    expect(merged.payload).toMatchObject({ survivorId: byEmail.citizenId, mergedId: byMessenger.citizenId, by: 'agt_alice' });
    expect(seenByBruno.seq).toBe(merged.seq);
    expect(moved).toMatchObject({ conversationId: byMessenger.conversationId, citizenId: byEmail.citizenId, payload: { fromCitizenId: byMessenger.citizenId, cause: 'merge' } });

    const back = await h.socket('agent');
    const events = await catchUpAll(back, lastSeq);
    const seqs = events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(events.filter((e) => e.type === 'conversation.moved').map((e) => e.conversationId)).toEqual([byMessenger.conversationId]);

    // One timeline, both channels, under the survivor; the merged record points to it.
    const { cookie } = await h.login('agent');
    const timeline = (await (await fetch(`${h.url}/api/citizens/${byEmail.citizenId}/timeline`, { headers: { cookie } })).json()) as TimelinePage;
    expect(timeline.items.map((m) => m.channel)).toEqual(['email', 'messenger']);
    const old = (await (await fetch(`${h.url}/api/citizens/${byMessenger.citizenId}`, { headers: { cookie } })).json()) as { citizen: { mergedInto: string } };
    expect(old.citizen.mergedInto).toBe(byEmail.citizenId);
  });

  it('refuses an agent outside the records’ queues and leaves the store as it was', async () => {
    const a = await filed(emailFrom('camille@example.fr'));
    const b = await filed(messenger('bonjour'));
    // Citizens' events only: opening a socket journals the agent's presence.
    const citizenEvents = async () => (await h.store.readJournal({ afterSeq: 0, limit: 1000 })).filter((e) => e.citizenId !== undefined);
    const before = await citizenEvents();
    const outsider = await h.socket('outsider');
    const ack = await outsider.timeout(5000).emitWithAck('citizen:merge', { survivorId: a.citizenId, mergedId: b.citizenId, reason: 'essai' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const unmerge = await (await h.socket('agent')).timeout(5000).emitWithAck('citizen:unmerge', { mergedId: b.citizenId, reason: 'essai' });
    expect(unmerge).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await citizenEvents()).toEqual(before);
    expect((await h.store.getCitizen(b.citizenId))?.mergedInto).toBeNull();
  });
});
