import { createHmac, timingSafeEqual } from 'node:crypto';

/** Longest validity a portal may give a signature: a copied page cannot be replayed for longer. */
export const MAX_SIGNATURE_VALIDITY_SECONDS = 24 * 3600;

const SIGNATURE = /^[0-9a-f]{64}$/;
// Printable, no separators a log or a URL would mangle; a portal's account ids fit easily.
const ACCOUNT_ID = /^[^\s\p{Cc}]{1,200}$/u;

export interface SignedAccount {
  id: string;
  /** Unix time, seconds. */
  expires: number;
  /** Lower-case hex HMAC-SHA256 of `${id}.${expires}` with the site's secret. */
  signature: string;
}

export type AccountCheck = { ok: true; accountId: string } | { ok: false; reason: 'bad_signature' | 'signature_expired' };

/** What the town's citizen portal computes on its server for each page it renders. */
export function signAccount(secret: string, accountId: string, expires: number): string {
  return createHmac('sha256', secret).update(`${accountId}.${expires}`).digest('hex');
}

/**
 * Checks a signed account id in constant time. The signature is checked before the expiry so
 * that an expired answer never confirms that a forged one was well made.
 */
export function verifyAccount(secret: string, claim: SignedAccount, nowSeconds: number): AccountCheck {
  if (!ACCOUNT_ID.test(claim.id) || !Number.isSafeInteger(claim.expires) || !SIGNATURE.test(claim.signature)) {
    return { ok: false, reason: 'bad_signature' };
  }
  const expected = Buffer.from(signAccount(secret, claim.id, claim.expires), 'hex');
  const given = Buffer.from(claim.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  if (claim.expires <= nowSeconds) return { ok: false, reason: 'signature_expired' };
  if (claim.expires > nowSeconds + MAX_SIGNATURE_VALIDITY_SECONDS) return { ok: false, reason: 'bad_signature' };
  return { ok: true, accountId: claim.id };
}
