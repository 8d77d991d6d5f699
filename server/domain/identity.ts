import {
  IdentityFormatError,
  normalizeIdentity,
  type Citizen,
  type Identity,
  type IdentityKind,
} from '../../shared/index.js';
import { DomainError } from './errors.js';
import type { ReadModelStore } from './ports.js';

export function identityClaimKey(identity: Pick<Identity, 'kind' | 'value'>): string {
  return `identity:${identity.kind}:${identity.value}`;
}

export function normalizeOrReject(kind: IdentityKind, value: string, verified = false): Identity {
  try {
    return { kind, value: normalizeIdentity(kind, value), verified };
  } catch (err) {
    if (err instanceof IdentityFormatError) throw new DomainError('bad_request', err.message);
    throw err;
  }
}

// A WhatsApp id is the holder's phone number: a citizen known by phone is the same citizen on
// WhatsApp, and the other way round.
const SAME_NUMBER: Partial<Record<IdentityKind, IdentityKind>> = { whatsapp: 'phone', phone: 'whatsapp' };

/**
 * Finds the citizen behind a sender. Only the sender's own identity, an identity sharing its
 * phone number, or an identity the channel *verified* may point to an existing citizen:
 * an unverified address typed in a form must never open someone else's history.
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
    if (!identity.verified) continue;
    const found = await store.findCitizenByIdentity(identity.kind, identity.value);
    if (found) return found;
  }
  return null;
}

export function hasIdentity(citizen: Pick<Citizen, 'identities'>, identity: Pick<Identity, 'kind' | 'value'>): boolean {
  return citizen.identities.some((i) => i.kind === identity.kind && i.value === identity.value);
}
