import { createHmac, timingSafeEqual } from 'node:crypto';
import { EIDAS_LEVELS, type EidasLevel } from '../../../shared/identity-levels.js';

/** Longest validity a portal may give a signature: a copied page cannot be replayed for longer. */
export const MAX_SIGNATURE_VALIDITY_SECONDS = 24 * 3600;

const SIGNATURE = /^[0-9a-f]{64}$/;
// Printable, no separators a log or a URL would mangle; a portal's account ids fit easily.
const ACCOUNT_ID = /^[^\s\p{Cc}]{1,200}$/u;

export interface SignedAccount {
  id: string;
  /** Unix time, seconds. */
  expires: number;
  /**
   * Optional: the eIDAS level of the FranceConnect sign-in behind the portal session (`eidas1`,
   * `eidas2`, `eidas3`, FranceConnect's `acr`). Signed with the rest; the identity is then at level
   * `franceconnect` rather than `portal`.
   */
  eidas?: string | undefined;
  /** Lower-case hex HMAC-SHA256 of `${id}.${expires}` (or `${id}.${expires}.${eidas}`) with the site's secret. */
  signature: string;
}

export type AccountCheck =
  | { ok: true; accountId: string; eidas: EidasLevel | null }
  | { ok: false; reason: 'bad_signature' | 'signature_expired' };

/** What the town's citizen portal computes on its server for each page it renders. */
export function signAccount(secret: string, accountId: string, expires: number, eidas?: EidasLevel): string {
  const signed = eidas === undefined ? `${accountId}.${expires}` : `${accountId}.${expires}.${eidas}`;
  return createHmac('sha256', secret).update(signed).digest('hex');
}

const isEidas = (v: string): v is EidasLevel => (EIDAS_LEVELS as readonly string[]).includes(v);

/**
 * Checks a signed account id in constant time. The signature is checked before the expiry so
 * that an expired answer never confirms that a forged one was well made.
 */
export function verifyAccount(secret: string, claim: SignedAccount, nowSeconds: number): AccountCheck {
  if (!ACCOUNT_ID.test(claim.id) || !Number.isSafeInteger(claim.expires) || !SIGNATURE.test(claim.signature)) {
    return { ok: false, reason: 'bad_signature' };
  }
  const eidas = claim.eidas ?? null;
  if (eidas !== null && !isEidas(eidas)) return { ok: false, reason: 'bad_signature' };
  const expected = Buffer.from(signAccount(secret, claim.id, claim.expires, eidas ?? undefined), 'hex');
  const given = Buffer.from(claim.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  if (claim.expires <= nowSeconds) return { ok: false, reason: 'signature_expired' };
  if (claim.expires > nowSeconds + MAX_SIGNATURE_VALIDITY_SECONDS) return { ok: false, reason: 'bad_signature' };
  return { ok: true, accountId: claim.id, eidas };
}
