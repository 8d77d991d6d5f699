import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentId, CitizenId, Identity, NewJournalEvent } from '../../../shared/index.js';
import { identityClaimKey, releaseClaimKey } from '../../domain/identity.js';
import type { Store } from '../../domain/ports.js';
import { at, citizenCreated, ids } from '../../testing/journal-events.js';

// The citizen profile agents edit (identity.confirmed, identity.unlinked, citizen.renamed,
// citizen.profile-updated, citizen.note-added): both adapters fold them into the citizen, an
// unlinked identity is free for its next holder, and a rebuild gives the live state back.

const lea = 'agt_lea' as AgentId;
const byLea = { kind: 'agent' as const, id: lea };
const email: Identity = { kind: 'email', value: 'jeanne@example.fr', level: 'channel', source: { at: at(0), channel: 'email' } };
const phone: Identity = { kind: 'phone', value: '+33612345678', level: 'unverified', source: { at: at(1), agentId: lea } };

const linkedByHand = (citizenId: CitizenId, identity: Identity, when: string): NewJournalEvent => ({
  type: 'identity.linked',
  at: when,
  actor: byLea,
  citizenId,
  payload: { identity, by: lea },
});

function profileEvents(citizenId: CitizenId): NewJournalEvent[] {
  const base = { actor: byLea, citizenId };
  return [
    { ...base, at: at(2), type: 'citizen.renamed', payload: { displayName: 'Jeanne Martin', previous: 'jeanne@example.fr' } },
    { ...base, at: at(3), type: 'citizen.profile-updated', payload: { preferredChannel: 'phone', language: 'fr' } },
    { ...base, at: at(4), type: 'citizen.note-added', payload: { noteId: 'note_1', text: 'Préfère être appelée le matin.' } },
    { ...base, at: at(5), type: 'identity.confirmed', payload: { identity: { kind: 'phone', value: phone.value }, level: 'confirmed', how: 'rappel au numéro' } },
  ];
}

export function citizenProfileContract(current: () => Store): void {
  describe('citizen profile', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it('folds renames, profile, notes and confirmations into the citizen', async () => {
      const id = ids.citizen();
      await store.append([citizenCreated(id, { displayName: 'jeanne@example.fr', identities: [email] }), linkedByHand(id, phone, at(1))]);
      await store.append(profileEvents(id));
      const citizen = await store.getCitizen(id);
      expect(citizen).toMatchObject({ displayName: 'Jeanne Martin', preferredChannel: 'phone', language: 'fr', notes: [{ id: 'note_1', text: 'Préfère être appelée le matin.', at: at(4), agentId: lea }] });
      expect(citizen!.identities).toEqual([email, { ...phone, level: 'confirmed', confirmation: { agentId: lea, at: at(5), how: 'rappel au numéro' } }]);
      await store.append([{ actor: byLea, citizenId: id, at: at(6), type: 'citizen.profile-updated', payload: { preferredChannel: null } }]);
      const cleared = await store.getCitizen(id);
      expect(cleared).not.toHaveProperty('preferredChannel');
      expect(cleared!.language).toBe('fr');
    });

    it('frees an unlinked identity for its next holder, on the next claim generation', async () => {
      const first = ids.citizen();
      const second = ids.citizen();
      const key = identityClaimKey(phone);
      await store.append([citizenCreated(first, { identities: [email, phone] })], [{ key, owner: first }]);
      await store.append(
        [{ actor: byLea, citizenId: first, at: at(2), type: 'identity.unlinked', payload: { identity: { kind: 'phone', value: phone.value }, reason: 'erreur de saisie', claim: key } }],
        [{ key: releaseClaimKey(key), owner: first }],
      );
      expect((await store.getCitizen(first))!.identities).toEqual([email]);
      expect(await store.findCitizenByIdentity('phone', phone.value)).toBeNull();
      expect(await store.claimOwner(key)).toBe(first);

      const again = identityClaimKey(phone, 2);
      await store.append([citizenCreated(second, { identities: [phone] })], [{ key: again, owner: second }]);
      expect((await store.findCitizenByIdentity('phone', phone.value))?.id).toBe(second);
      expect(await store.claimOwner(again)).toBe(second);
      // The first holder still has its email.
      expect((await store.findCitizenByIdentity('email', email.value))?.id).toBe(first);
    });

    it('lets a citizen take back an identity it lost, within one append', async () => {
      const id = ids.citizen();
      await store.append([citizenCreated(id, { identities: [phone] })]);
      await store.append([
        { actor: byLea, citizenId: id, at: at(2), type: 'identity.unlinked', payload: { identity: { kind: 'phone', value: phone.value }, reason: 'doublon' } },
        linkedByHand(id, phone, at(3)),
      ]);
      expect((await store.findCitizenByIdentity('phone', phone.value))?.id).toBe(id);
    });

    it('rebuilds the same citizens and identity holders from the journal', async () => {
      const first = ids.citizen();
      const second = ids.citizen();
      await store.append([citizenCreated(first, { identities: [email, phone] }), ...profileEvents(first)]);
      await store.append([{ actor: byLea, citizenId: first, at: at(6), type: 'identity.unlinked', payload: { identity: { kind: 'email', value: email.value }, reason: 'erreur' } }]);
      await store.append([citizenCreated(second, { at: at(7), identities: [email] })]);
      const snapshot = async () => ({
        first: await store.getCitizen(first),
        second: await store.getCitizen(second),
        byEmail: (await store.findCitizenByIdentity('email', email.value))?.id,
        byPhone: (await store.findCitizenByIdentity('phone', phone.value))?.id,
      });
      const live = await snapshot();
      expect(live.byEmail).toBe(second);
      expect(live.byPhone).toBe(first);
      await store.rebuildProjections();
      expect(await snapshot()).toEqual(live);
    });
  });
}
