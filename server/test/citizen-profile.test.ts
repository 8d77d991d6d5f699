import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Citizen, CitizenId } from '../../shared/index.js';
import { emailFrom, nextPush, startHarness, type Harness, type StaffKey } from './harness.js';

// The citizen profile over HTTP on a real server: edits attributed in the journal and pushed,
// identities validated, the role rules, and refusals that change nothing.

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const tokens = new Map<StaffKey, string>();
async function call(who: StaffKey, method: string, path: string, body?: unknown): Promise<{ status: number; body: { citizen?: Citizen; error?: { reason?: string; code: string } } }> {
  const token = tokens.get(who) ?? (await h.login(who)).token;
  tokens.set(who, token);
  const res = await fetch(`${h.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as never };
}

async function jeanne(): Promise<CitizenId> {
  const res = await h.inbound(emailFrom('jeanne.dupont@example.fr'));
  return ((await res.json()) as { citizenId: CitizenId }).citizenId;
}

describe('citizen profile routes', () => {
  beforeEach(() => tokens.clear());

  it('renames, keeps the profile and notes, each an event by the agent, pushed to the console', async () => {
    const id = await jeanne();
    const socket = await h.socket('agent');
    try {
      const pushed = nextPush(socket, 'citizen:renamed', (e) => e.citizenId === id);
      const renamed = await call('agent', 'PUT', `/api/citizens/${id}/name`, { displayName: 'Jeanne Dupont-Martin' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.citizen!.displayName).toBe('Jeanne Dupont-Martin');
      expect((await pushed).actor).toMatchObject({ kind: 'agent', id: 'agt_alice' });
    } finally {
      socket.disconnect();
    }
    expect((await call('agent', 'PATCH', `/api/citizens/${id}/profile`, { preferredChannel: 'phone', language: 'fr' })).status).toBe(200);
    expect((await call('agent', 'POST', `/api/citizens/${id}/notes`, { text: 'Sourde : préférer l’écrit.' })).status).toBe(201);
    const citizen = await h.store.getCitizen(id);
    expect(citizen).toMatchObject({ displayName: 'Jeanne Dupont-Martin', preferredChannel: 'phone', language: 'fr', notes: [{ text: 'Sourde : préférer l’écrit.', agentId: 'agt_alice' }] });
    const history = await call('agent', 'GET', `/api/citizens/${id}/profile-history`);
    expect(history.status).toBe(200);
    const items = (history.body as unknown as { items: { type: string; actor: { id: string } }[] }).items;
    expect(items.map((e) => e.type)).toEqual(['citizen.renamed', 'citizen.profile-updated', 'citizen.note-added']);
    expect(items.every((e) => e.actor.id === 'agt_alice')).toBe(true);
    expect((await call('outsider', 'GET', `/api/citizens/${id}/profile-history`)).status).toBe(404);
  });

  it('adds an identity normalised, refuses bad or taken ones with a reason, confirms with how', async () => {
    const id = await jeanne();
    const other = ((await (await h.inbound(emailFrom('paul@example.fr'))).json()) as { citizenId: CitizenId }).citizenId;
    const added = await call('agent', 'POST', `/api/citizens/${id}/identities`, { kind: 'phone', value: '06 12 34 56 78' });
    expect(added.status).toBe(201);
    expect(added.body.citizen!.identities.at(-1)).toMatchObject({ kind: 'phone', value: '+33612345678', level: 'unverified', source: { agentId: 'agt_alice' } });
    const head = await h.store.headSeq();
    expect(await call('agent', 'POST', `/api/citizens/${id}/identities`, { kind: 'email', value: 'pas une adresse' })).toMatchObject({ status: 400, body: { error: { reason: 'identity_format' } } });
    expect(await call('agent', 'POST', `/api/citizens/${id}/identities`, { kind: 'fax', value: '1' })).toMatchObject({ status: 400 });
    expect(await call('agent', 'POST', `/api/citizens/${id}/identities`, '{"kind":')).toMatchObject({ status: 400 });
    expect(await call('supervisor', 'POST', `/api/citizens/${other}/identities`, { kind: 'phone', value: '+33612345678' })).toMatchObject({ status: 409, body: { error: { reason: 'identity_held_elsewhere' } } });
    expect(await call('agent', 'POST', `/api/citizens/${id}/identities`, { kind: 'email', value: 'Jeanne.Dupont@example.fr' })).toMatchObject({ status: 409, body: { error: { reason: 'identity_already_held' } } });
    expect(await h.store.headSeq()).toBe(head);

    const confirmed = await call('agent', 'POST', `/api/citizens/${id}/identities/confirm`, { kind: 'phone', value: '+33612345678', how: 'rappel au numéro' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.citizen!.identities.at(-1)).toMatchObject({ level: 'confirmed', confirmation: { agentId: 'agt_alice', how: 'rappel au numéro' } });
  });

  it('lets an agent remove what staff added; what a channel proved only a supervisor', async () => {
    const id = await jeanne();
    await call('agent', 'POST', `/api/citizens/${id}/identities`, { kind: 'phone', value: '+33612345678' });
    expect((await call('colleague', 'POST', `/api/citizens/${id}/identities/remove`, { kind: 'phone', value: '+33612345678', reason: 'erreur de saisie' })).status).toBe(200);
    const head = await h.store.headSeq();
    expect(await call('agent', 'POST', `/api/citizens/${id}/identities/remove`, { kind: 'email', value: 'jeanne.dupont@example.fr' })).toMatchObject({ status: 403, body: { error: { reason: 'identity_channel_proved' } } });
    expect(await h.store.headSeq()).toBe(head);
    expect((await call('supervisor', 'POST', `/api/citizens/${id}/identities/remove`, { kind: 'email', value: 'jeanne.dupont@example.fr', reason: 'adresse d’un tiers' })).status).toBe(200);
    expect((await h.store.getCitizen(id))!.identities).toEqual([]);
    const unlinked = (await h.store.readJournalSlice({ citizenId: id, afterSeq: 0, limit: 50 })).filter((e) => e.type === 'identity.unlinked');
    expect(unlinked.map((e) => e.actor.id)).toEqual(['agt_bruno', 'agt_sarah']);
    // The address is free: the next email from it opens a new citizen, no claim in the way.
    const again = await h.inbound(emailFrom('jeanne.dupont@example.fr'));
    expect(again.status).toBe(201);
    expect(((await again.json()) as { citizenId: string }).citizenId).not.toBe(id);
  });

  it('refuses an agent outside the citizen’s queues, and roles without the right, changing nothing', async () => {
    const id = await jeanne();
    const head = await h.store.headSeq();
    const before = await h.store.getCitizen(id);
    const attempts: [StaffKey, string, string, unknown][] = [
      ['outsider', 'PUT', 'name', { displayName: 'Intrus' }],
      ['outsider', 'PATCH', 'profile', { language: 'en' }],
      ['outsider', 'POST', 'notes', { text: 'intrus' }],
      ['outsider', 'POST', 'identities', { kind: 'phone', value: '+33699999999' }],
      ['outsider', 'POST', 'identities/remove', { kind: 'email', value: 'jeanne.dupont@example.fr' }],
    ];
    // Outside the caller's queues a citizen's file does not exist for them (route-access.ts: 404).
    for (const [who, method, path, body] of attempts) expect((await call(who, method, `/api/citizens/${id}/${path}`, body)).status).toBe(404);
    expect((await call('trainer', 'PUT', `/api/citizens/${id}/name`, { displayName: 'Formateur' })).status).toBe(403);
    expect((await call('trainee', 'POST', `/api/citizens/${id}/notes`, { text: 'x' })).status).toBe(403);
    expect(await h.store.headSeq()).toBe(head);
    expect(await h.store.getCitizen(id)).toEqual(before);
  });
});
