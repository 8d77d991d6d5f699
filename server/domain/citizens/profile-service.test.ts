import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent, AgentId, InboundMessage, QueueId } from '../../../shared/index.js';
import { openIngestWorld, type IngestWorld } from '../../test/ingest-world.js';
import { AccessGate } from '../access.js';
import { DomainError } from '../errors.js';
import { identityClaimKey } from '../identity.js';
import { systemClock } from '../ports.js';
import { CitizenProfileService } from './profile-service.js';
import { LocalEventBus } from '../../events/local-event-bus.js';

const QUEUES = [
  { id: 'que_accueil' as QueueId, keywords: [], isDefault: true },
  { id: 'que_urbanisme' as QueueId, keywords: ['permis'], isDefault: false },
];
const LEA: Agent = { id: 'agt_lea' as AgentId, email: 'lea@m.test', displayName: 'Léa Martin', role: 'agent', queueIds: ['que_accueil' as QueueId] };
const OUTSIDER: Agent = { ...LEA, id: 'agt_out' as AgentId, displayName: 'Hors file', queueIds: ['que_urbanisme' as QueueId] };
const SUPERVISOR: Agent = { ...LEA, id: 'agt_sup' as AgentId, displayName: 'Sam Chef', role: 'supervisor', queueIds: [] };

let world: IngestWorld;
let profile: CitizenProfileService;
let n = 0;
const mail = (from: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({ channel: 'email', externalId: `p-${++n}`, from: { kind: 'email', value: from, level: 'channel' }, text: 'Bonjour', ...extra });

beforeEach(async () => {
  world = await openIngestWorld('profile', QUEUES, LEA);
  profile = new CitizenProfileService({ store: world.store, bus: new LocalEventBus(), clock: systemClock, access: new AccessGate(world.store) });
});
afterEach(async () => {
  await world.close();
});

async function refusal(p: Promise<unknown>): Promise<{ code: string; reason: string | undefined }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, reason: err.reason };
    throw err;
  }
  throw new Error('not refused');
}

describe('citizen profile', () => {
  it('renames, sets the preferred channel and language, and adds notes, each attributed', async () => {
    const { message } = await world.ingest.ingest(mail('jeanne@example.fr'));
    const id = message.citizenId;
    const renamed = await profile.rename(LEA, id, { displayName: '  Jeanne Martin ' });
    expect(renamed.citizen.displayName).toBe('Jeanne Martin');
    expect(renamed.events[0]).toMatchObject({ type: 'citizen.renamed', actor: { kind: 'agent', id: LEA.id }, citizenId: id, queueId: 'que_accueil', payload: { previous: 'jeanne@example.fr' } });
    expect((await profile.rename(LEA, id, { displayName: 'Jeanne Martin' })).events).toEqual([]);
    await profile.updateProfile(LEA, id, { preferredChannel: 'phone', language: 'FR' });
    await profile.addNote(LEA, id, { text: 'Appeler plutôt le matin.' });
    const citizen = await world.store.getCitizen(id);
    expect(citizen).toMatchObject({ displayName: 'Jeanne Martin', preferredChannel: 'phone', language: 'fr', notes: [{ text: 'Appeler plutôt le matin.', agentId: LEA.id }] });
    expect(await refusal(profile.rename(LEA, id, { displayName: '   ' }))).toMatchObject({ code: 'bad_request' });
    expect(await refusal(profile.updateProfile(LEA, id, { language: 'pas une langue' }))).toMatchObject({ code: 'bad_request' });
  });

  it('adds an identity by hand, normalised, unverified, with who added it; refuses bad or taken ones', async () => {
    const jeanne = (await world.ingest.ingest(mail('jeanne@example.fr'))).message.citizenId;
    const paul = (await world.ingest.ingest(mail('paul@example.fr'))).message.citizenId;
    const added = await profile.addIdentity(LEA, jeanne, { kind: 'phone', value: '06 12 34 56 78' });
    expect(added.citizen.identities.at(-1)).toMatchObject({ kind: 'phone', value: '+33612345678', level: 'unverified', source: { agentId: LEA.id } });
    expect(added.events[0]).toMatchObject({ type: 'identity.linked', payload: { by: LEA.id } });
    expect(await refusal(profile.addIdentity(LEA, jeanne, { kind: 'email', value: 'pas-une-adresse' }))).toEqual({ code: 'bad_request', reason: 'identity_format' });
    expect(await refusal(profile.addIdentity(LEA, jeanne, { kind: 'email', value: 'JEANNE@example.fr' }))).toEqual({ code: 'conflict', reason: 'identity_already_held' });
    expect(await refusal(profile.addIdentity(LEA, paul, { kind: 'phone', value: '+33612345678' }))).toEqual({ code: 'conflict', reason: 'identity_held_elsewhere' });
    expect((await world.store.findCitizenByIdentity('phone', '+33612345678'))?.id).toBe(jeanne);
  });

  it('confirms an identity with who and how', async () => {
    const id = (await world.ingest.ingest(mail('jeanne@example.fr'))).message.citizenId;
    const { citizen } = await profile.confirmIdentity(LEA, id, { kind: 'email', value: 'jeanne@example.fr', how: 'pièce d’identité au guichet' });
    expect(citizen.identities[0]).toMatchObject({ level: 'confirmed', confirmation: { agentId: LEA.id, how: 'pièce d’identité au guichet' } });
    expect(await refusal(profile.confirmIdentity(LEA, id, { kind: 'email', value: 'jeanne@example.fr', how: '' }))).toMatchObject({ code: 'bad_request' });
    expect(await refusal(profile.confirmIdentity(LEA, id, { kind: 'phone', value: '+33611111111', how: 'rappel' }))).toEqual({ code: 'not_found', reason: 'identity_not_found' });
  });

  it('lets an agent remove what staff added, and only a supervisor what a channel proved', async () => {
    const id = (await world.ingest.ingest(mail('jeanne@example.fr'))).message.citizenId;
    await profile.addIdentity(LEA, id, { kind: 'phone', value: '+33612345678' });
    const removed = await profile.removeIdentity(LEA, id, { kind: 'phone', value: '+33612345678', reason: 'erreur de saisie' });
    expect(removed.citizen.identities.map((i) => i.kind)).toEqual(['email']);
    expect(await world.store.findCitizenByIdentity('phone', '+33612345678')).toBeNull();
    expect(await refusal(profile.removeIdentity(LEA, id, { kind: 'email', value: 'jeanne@example.fr' }))).toEqual({ code: 'forbidden', reason: 'identity_channel_proved' });
    expect((await world.store.getCitizen(id))!.identities).toHaveLength(1);
    await profile.removeIdentity(SUPERVISOR, id, { kind: 'email', value: 'jeanne@example.fr', reason: 'adresse d’un tiers' });
    expect((await world.store.getCitizen(id))!.identities).toEqual([]);
  });

  it('takes a removed identity back by hand, and files the next message from it under its new holder', async () => {
    const jeanne = (await world.ingest.ingest(mail('jeanne@example.fr'))).message.citizenId;
    const paul = (await world.ingest.ingest(mail('paul@example.fr'))).message.citizenId;
    await profile.addIdentity(LEA, jeanne, { kind: 'phone', value: '+33612345678' });
    await profile.removeIdentity(LEA, jeanne, { kind: 'phone', value: '+33612345678' });
    // Added back to the wrong record, removed, then to the right one: each holding its own claim.
    await profile.addIdentity(LEA, jeanne, { kind: 'phone', value: '+33612345678' });
    await profile.removeIdentity(LEA, jeanne, { kind: 'phone', value: '+33612345678' });
    await profile.addIdentity(LEA, paul, { kind: 'phone', value: '+33612345678' });
    expect(await world.store.claimOwner(identityClaimKey({ kind: 'phone', value: '+33612345678' }, 3))).toBe(paul);
    const call = await world.ingest.ingest({ channel: 'whatsapp', externalId: 'wa-1', from: { kind: 'whatsapp', value: '+33612345678', level: 'channel' }, text: 'Bonjour' });
    expect(call.message.citizenId).toBe(paul);

    // A channel identity removed by a supervisor: the next message from it opens a new citizen.
    await profile.removeIdentity(SUPERVISOR, jeanne, { kind: 'email', value: 'jeanne@example.fr' });
    const again = await world.ingest.ingest(mail('jeanne@example.fr'));
    expect(again.status).toBe('accepted');
    expect(again.message.citizenId).not.toBe(jeanne);
    expect((await world.store.findCitizenByIdentity('email', 'jeanne@example.fr'))?.id).toBe(again.message.citizenId);
  });

  it('refuses an agent who sees none of the citizen’s conversations, as if the citizen did not exist', async () => {
    const id = (await world.ingest.ingest(mail('jeanne@example.fr'))).message.citizenId;
    const head = await world.store.headSeq();
    for (const attempt of [
      profile.rename(OUTSIDER, id, { displayName: 'X' }),
      profile.addIdentity(OUTSIDER, id, { kind: 'phone', value: '+33612345678' }),
      profile.removeIdentity(OUTSIDER, id, { kind: 'email', value: 'jeanne@example.fr' }),
      profile.addNote(OUTSIDER, id, { text: 'x' }),
    ]) {
      expect(await refusal(attempt)).toMatchObject({ code: 'not_found' });
    }
    expect(await refusal(profile.rename({ ...LEA, role: 'trainer' }, id, { displayName: 'X' }))).toMatchObject({ code: 'forbidden' });
    expect(await world.store.headSeq()).toBe(head);
  });
});
