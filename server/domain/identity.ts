import {
  IdentityFormatError,
  normalizeIdentity,
  type Citizen,
  type EidasLevel,
  type Identity,
  type IdentityKind,
  type IdentityLevel,
} from '../../shared/index.js';
import { joinsAutomatically } from '../../shared/identity-levels.js';
import { DomainError } from './errors.js';
import type { JournalStore, ReadModelStore } from './ports.js';

/**
 * The claim key of the first holding of an identity. A holding ends when the identity is unlinked
 * (identity.unlinked claims `<key>#released`); the next holder then takes generation 2
 * (`<key>#2`), and so on: claims stay forever, so a re-added identity needs a fresh key, and two
 * people re-adding it at once still race on one key.
 */
export function identityClaimKey(identity: Pick<Identity, 'kind' | 'value'>, generation = 1): string {
  const base = `identity:${identity.kind}:${identity.value}`;
  return generation === 1 ? base : `${base}#${generation}`;
}

export function releaseClaimKey(holdingKey: string): string {
  return `${holdingKey}#released`;
}

/** The identity's current holding, or the key the next holder claims when it is free. */
export type IdentityClaim = { free: true; key: string } | { free: false; key: string; owner: string };

// Generations are few (an identity removed by mistake and added back); the bound only stops a loop.
const MAX_GENERATIONS = 1000;

export async function identityClaim(store: Pick<JournalStore, 'claimOwner'>, identity: Pick<Identity, 'kind' | 'value'>): Promise<IdentityClaim> {
  for (let generation = 1; generation <= MAX_GENERATIONS; generation++) {
    const key = identityClaimKey(identity, generation);
    const owner = await store.claimOwner(key);
    if (owner === null) return { free: true, key };
    if ((await store.claimOwner(releaseClaimKey(key))) === null) return { free: false, key, owner };
  }
  throw new DomainError('unavailable', 'this identity was removed and added back too many times', { reason: 'too_many_writes' });
}

export function normalizeOrReject(
  kind: IdentityKind,
  value: string,
  level: IdentityLevel = 'unverified',
  extra: Pick<Identity, 'eidas' | 'source'> = {},
): Identity {
  try {
    const identity: Identity = { kind, value: normalizeIdentity(kind, value), level };
    if (level === 'franceconnect' && extra.eidas !== undefined) identity.eidas = extra.eidas;
    if (extra.source !== undefined) identity.source = extra.source;
    return identity;
  } catch (err) {
    if (err instanceof IdentityFormatError) throw new DomainError('bad_request', err.message, { reason: 'identity_format' });
    throw err;
  }
}

/** A channel's word on an identity: `level` if it gave one, else the old `verified` flag. */
export function channelLevel(given: { level?: IdentityLevel | undefined; verified?: boolean | undefined }): IdentityLevel {
  if (given.level !== undefined) return given.level;
  return given.verified ? 'channel' : 'unverified';
}

export function eidasOf(given: { level?: IdentityLevel | undefined; eidas?: EidasLevel | undefined }): Pick<Identity, 'eidas'> {
  return given.level === 'franceconnect' && given.eidas !== undefined ? { eidas: given.eidas } : {};
}

// A WhatsApp id is the holder's phone number: a citizen known by phone is the same citizen on
// WhatsApp, and the other way round.
const SAME_NUMBER: Partial<Record<IdentityKind, IdentityKind>> = { whatsapp: 'phone', phone: 'whatsapp' };

/**
 * Finds the citizen behind a sender. THE MATCH ORDER (the README says the same):
 *
 *   1. the sender's own identity (the address, number or account the message came from);
 *   2. its phone/WhatsApp twin: a WhatsApp id is the holder's phone number, so it is the sender's
 *      own number under the other kind, and the other way round;
 *   3. further identities the channel vouches for (a portal assertion's account, email and
 *      mobile), in the order given, each only at level `channel` or above.
 *
 * Never an `unverified` identity (an address typed in a pre-chat form, a number given in a
 * message): it is linked to the sender's record if nobody holds it, but never attaches the sender
 * to an existing citizen. The first step that finds a citizen wins; none means a new citizen.
 */
export async function findCitizen(store: ReadModelStore, from: Identity, alsoKnownAs: readonly Identity[]): Promise<Citizen | null> {
  const direct = await store.findCitizenByIdentity(from.kind, from.value);
  if (direct) return direct;
  const twin = SAME_NUMBER[from.kind];
  if (twin) {
    const byNumber = await store.findCitizenByIdentity(twin, from.value);
    if (byNumber) return byNumber;
  }
  for (const identity of alsoKnownAs) {
    if (!joinsAutomatically(identity.level)) continue;
    const found = await store.findCitizenByIdentity(identity.kind, identity.value);
    if (found) return found;
  }
  return null;
}

export function hasIdentity(citizen: Pick<Citizen, 'identities'>, identity: Pick<Identity, 'kind' | 'value'>): boolean {
  return citizen.identities.some((i) => i.kind === identity.kind && i.value === identity.value);
}
