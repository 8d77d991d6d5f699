import { describe, expect, it } from 'vitest';
import type { AgentId, CitizenId } from './ids.js';
import { JournalEvent, NewJournalEvent, upgradeLegacyEvent } from './journal.js';
import { Identity, upgradeLegacyCitizen, type Citizen } from './model.js';
import { reduceCitizen } from './reducers.js';

// Identity levels replaced `verified: boolean`; journals and projections written before must
// still parse and fold to the same citizen.

const citizenId = 'cit_old' as CitizenId;
const agent = { kind: 'agent' as const, id: 'agt_lea' };

describe('identities written before levels', () => {
  it('parses the old format: verified true is channel, false or absent unverified', () => {
    expect(Identity.parse({ kind: 'email', value: 'a@b.fr', verified: true })).toEqual({ kind: 'email', value: 'a@b.fr', level: 'channel' });
    expect(Identity.parse({ kind: 'email', value: 'a@b.fr', verified: false })).toEqual({ kind: 'email', value: 'a@b.fr', level: 'unverified' });
    expect(Identity.parse({ kind: 'email', value: 'a@b.fr' })).toEqual({ kind: 'email', value: 'a@b.fr', level: 'unverified' });
    expect(Identity.parse({ kind: 'account', value: 'X', level: 'portal', verified: false })).toEqual({ kind: 'account', value: 'X', level: 'portal' });
    // Only the portal's verified mode ever marked a web-chat session or an account verified.
    expect(Identity.parse({ kind: 'webchat', value: 'wcs_x', verified: true }).level).toBe('portal');
    expect(Identity.parse({ kind: 'account', value: 'CIT-1', verified: true }).level).toBe('portal');
  });

  it('parses an old-format citizen.created and identity.linked event', () => {
    const raw = {
      seq: 1,
      at: '2025-06-01T08:00:00.000Z',
      type: 'citizen.created',
      citizenId,
      actor: { kind: 'citizen', id: citizenId },
      payload: { displayName: 'Jeanne', identities: [{ kind: 'email', value: 'j@x.fr', verified: true }] },
    };
    const parsed = JournalEvent.parse(raw);
    expect(parsed.type === 'citizen.created' && parsed.payload.identities).toEqual([{ kind: 'email', value: 'j@x.fr', level: 'channel' }]);
    const linked = NewJournalEvent.parse({ ...raw, seq: undefined, type: 'identity.linked', payload: { identity: { kind: 'phone', value: '+33612345678', verified: false } } });
    expect(linked.type === 'identity.linked' && linked.payload.identity.level).toBe('unverified');
  });

  it('upgrades unparsed stored events and citizens so rebuilds fold the same', () => {
    const stored = {
      seq: 1,
      at: '2025-06-01T08:00:00.000Z',
      type: 'citizen.created',
      citizenId,
      actor: { kind: 'citizen', id: citizenId },
      payload: { displayName: 'Jeanne', identities: [{ kind: 'email', value: 'j@x.fr', verified: true }] },
    } as unknown as JournalEvent;
    const upgraded = upgradeLegacyEvent(stored);
    const folded = reduceCitizen(undefined, upgraded)!;
    expect(folded.identities).toEqual([{ kind: 'email', value: 'j@x.fr', level: 'channel' }]);
    // A projection written before levels, read back.
    const old = { id: citizenId, displayName: 'Jeanne', identities: [{ kind: 'email', value: 'j@x.fr', verified: true }], createdAt: stored.at, mergedInto: null } as unknown as Citizen;
    expect(upgradeLegacyCitizen(old)).toEqual(folded);
    // Nothing to do: the same object back.
    expect(upgradeLegacyEvent(upgraded)).toBe(upgraded);
  });
});

describe('the citizen profile in the reducer', () => {
  const created = JournalEvent.parse({
    seq: 1,
    at: '2026-03-03T09:00:00.000Z',
    type: 'citizen.created',
    citizenId,
    actor: { kind: 'citizen', id: citizenId },
    payload: { displayName: 'jeanne@x.fr', identities: [{ kind: 'email', value: 'jeanne@x.fr', level: 'channel' }, { kind: 'account', value: 'CIT-1', level: 'portal' }] },
  });
  const event = (seq: number, body: object) => JournalEvent.parse({ seq, at: `2026-03-0${seq}T10:00:00.000Z`, citizenId, actor: agent, ...body });
  const fold = (...events: JournalEvent[]) => events.reduce<Citizen | undefined>((s, e) => reduceCitizen(s, e), undefined)!;

  it('renames, keeps a preferred channel and language, and clears them with null', () => {
    const renamed = fold(created, event(2, { type: 'citizen.renamed', payload: { displayName: 'Jeanne Martin', previous: 'jeanne@x.fr' } }));
    expect(renamed.displayName).toBe('Jeanne Martin');
    const profiled = reduceCitizen(renamed, event(3, { type: 'citizen.profile-updated', payload: { preferredChannel: 'phone', language: 'fr' } }))!;
    expect([profiled.preferredChannel, profiled.language]).toEqual(['phone', 'fr']);
    const cleared = reduceCitizen(profiled, event(4, { type: 'citizen.profile-updated', payload: { preferredChannel: null } }))!;
    expect(cleared.preferredChannel).toBeUndefined();
    expect(cleared.language).toBe('fr');
  });

  it('confirms with who and how, never lowering a portal level', () => {
    const confirmed = fold(
      created,
      event(2, { type: 'identity.confirmed', payload: { identity: { kind: 'email', value: 'jeanne@x.fr' }, level: 'confirmed', how: 'rappel au numéro' } }),
      event(3, { type: 'identity.confirmed', payload: { identity: { kind: 'account', value: 'CIT-1' }, level: 'confirmed', how: 'pièce d’identité au guichet' } }),
    );
    expect(confirmed.identities[0]).toMatchObject({ level: 'confirmed', confirmation: { agentId: 'agt_lea' as AgentId, how: 'rappel au numéro', at: '2026-03-02T10:00:00.000Z' } });
    expect(confirmed.identities[1]!.level).toBe('portal');
  });

  it('removes an identity, and a re-add comes back with its new source', () => {
    const removed = fold(created, event(2, { type: 'identity.unlinked', payload: { identity: { kind: 'email', value: 'jeanne@x.fr' }, reason: 'erreur de saisie' } }));
    expect(removed.identities.map((i) => i.kind)).toEqual(['account']);
    const back = reduceCitizen(
      removed,
      event(3, { type: 'identity.linked', payload: { identity: { kind: 'email', value: 'jeanne@x.fr', level: 'unverified', source: { at: '2026-03-03T10:00:00.000Z', agentId: 'agt_lea' } }, by: 'agt_lea' } }),
    )!;
    expect(back.identities.at(-1)).toMatchObject({ kind: 'email', level: 'unverified', source: { agentId: 'agt_lea' } });
  });

  it('adds contact notes once each, with their author', () => {
    const note = event(2, { type: 'citizen.note-added', payload: { noteId: 'note_1', text: 'Préfère être appelée le matin.' } });
    const noted = fold(created, note, note);
    expect(noted.notes).toEqual([{ id: 'note_1', text: 'Préfère être appelée le matin.', at: '2026-03-02T10:00:00.000Z', agentId: 'agt_lea' }]);
  });
});
