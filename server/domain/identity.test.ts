import { describe, expect, it } from 'vitest';
import type { Citizen, CitizenId, Identity } from '../../shared/index.js';
import { channelLevel, findCitizen, identityClaim, identityClaimKey, normalizeOrReject, releaseClaimKey } from './identity.js';
import type { ReadModelStore } from './ports.js';
import { DomainError } from './errors.js';

const citizen = (id: string, identities: Identity[]): Citizen => ({ id: id as CitizenId, displayName: id, identities, createdAt: '2026-01-01T00:00:00.000Z', mergedInto: null });

/** Only what findCitizen reads: who holds an identity. */
function holders(...citizens: Citizen[]): ReadModelStore {
  const find = (kind: string, value: string) => citizens.find((c) => c.identities.some((i) => i.kind === kind && i.value === value)) ?? null;
  return { findCitizenByIdentity: async (kind: string, value: string) => find(kind, value) } as unknown as ReadModelStore;
}

const id = (kind: Identity['kind'], value: string, level: Identity['level'] = 'channel'): Identity => ({ kind, value, level });

describe('the match order', () => {
  const jeanne = citizen('cit_jeanne', [id('email', 'jeanne@example.fr'), id('phone', '+33612345678'), id('account', 'CIT-1', 'portal')]);
  const paul = citizen('cit_paul', [id('email', 'paul@example.fr', 'unverified')]);
  const store = holders(jeanne, paul);

  it('1. the sender’s own identity, whatever else the channel says', async () => {
    expect((await findCitizen(store, id('email', 'jeanne@example.fr'), [id('account', 'CIT-9', 'portal')]))?.id).toBe('cit_jeanne');
  });

  it('2. the phone/WhatsApp twin of the sender’s number', async () => {
    expect((await findCitizen(store, id('whatsapp', '+33612345678'), []))?.id).toBe('cit_jeanne');
    const byWhatsapp = holders(citizen('cit_w', [id('whatsapp', '+33699999999')]));
    expect((await findCitizen(byWhatsapp, id('phone', '+33699999999'), []))?.id).toBe('cit_w');
  });

  it('3. further identities the channel vouches for at level channel or above, in order', async () => {
    expect((await findCitizen(store, id('webchat', 'wcs_new'), [id('account', 'CIT-1', 'portal')]))?.id).toBe('cit_jeanne');
    expect((await findCitizen(store, id('webchat', 'wcs_new'), [id('email', 'nobody@example.fr'), id('email', 'paul@example.fr', 'franceconnect')]))?.id).toBe('cit_paul');
    expect((await findCitizen(store, id('webchat', 'wcs_new'), [id('email', 'paul@example.fr', 'confirmed'), id('account', 'CIT-1', 'portal')]))?.id).toBe('cit_paul');
  });

  it('never an unverified identity', async () => {
    expect(await findCitizen(store, id('webchat', 'wcs_new'), [id('email', 'jeanne@example.fr', 'unverified')])).toBeNull();
    expect(await findCitizen(store, id('webchat', 'wcs_new'), [])).toBeNull();
  });
});

describe('levels a channel gives', () => {
  it('takes the level, else the old verified flag, else unverified', () => {
    expect(channelLevel({ level: 'portal', verified: false })).toBe('portal');
    expect(channelLevel({ verified: true })).toBe('channel');
    expect(channelLevel({ verified: false })).toBe('unverified');
    expect(channelLevel({})).toBe('unverified');
  });

  it('normalises and keeps the eIDAS level only with franceconnect', () => {
    expect(normalizeOrReject('email', ' Jeanne@Example.FR ', 'franceconnect', { eidas: 'eidas2' })).toEqual({ kind: 'email', value: 'jeanne@example.fr', level: 'franceconnect', eidas: 'eidas2' });
    expect(normalizeOrReject('phone', '06 12 34 56 78', 'portal', { eidas: 'eidas2' })).toEqual({ kind: 'phone', value: '+33612345678', level: 'portal' });
    expect(() => normalizeOrReject('email', 'pas une adresse')).toThrow(DomainError);
    try {
      normalizeOrReject('phone', '12');
    } catch (err) {
      expect((err as DomainError).reason).toBe('identity_format');
    }
  });
});

describe('identity claims across removals', () => {
  const claims = (owned: Record<string, string>) => ({ claimOwner: async (key: string) => owned[key] ?? null });
  const email = { kind: 'email' as const, value: 'a@b.fr' };

  it('is free on the base key the first time', async () => {
    expect(await identityClaim(claims({}), email)).toEqual({ free: true, key: 'identity:email:a@b.fr' });
  });

  it('is held while the holding is not released', async () => {
    expect(await identityClaim(claims({ 'identity:email:a@b.fr': 'cit_1' }), email)).toEqual({ free: false, key: 'identity:email:a@b.fr', owner: 'cit_1' });
  });

  it('takes the next generation once released, and sees a re-added one held', async () => {
    const base = identityClaimKey(email);
    expect(await identityClaim(claims({ [base]: 'cit_1', [releaseClaimKey(base)]: 'cit_1' }), email)).toEqual({ free: true, key: `${base}#2` });
    const second = identityClaimKey(email, 2);
    expect(await identityClaim(claims({ [base]: 'cit_1', [releaseClaimKey(base)]: 'cit_1', [second]: 'cit_2' }), email)).toEqual({ free: false, key: second, owner: 'cit_2' });
  });
});
