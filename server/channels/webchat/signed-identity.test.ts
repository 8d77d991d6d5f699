import { describe, expect, it } from 'vitest';
import { MAX_SIGNATURE_VALIDITY_SECONDS, signAccount, verifyAccount } from './signed-identity.js';

const SECRET = 'portal-secret-0123456789abcdef-0123456789';
const NOW = 1_750_000_000;

describe('signed account ids', () => {
  it('matches the documented recipe: hex HMAC-SHA256 of "<id>.<expires>"', async () => {
    const { createHmac } = await import('node:crypto');
    expect(signAccount(SECRET, 'CIT-1', NOW)).toBe(createHmac('sha256', SECRET).update(`CIT-1.${NOW}`).digest('hex'));
  });

  it('accepts a valid signature until it expires', () => {
    const claim = { id: 'CIT-1', expires: NOW + 60, signature: signAccount(SECRET, 'CIT-1', NOW + 60) };
    expect(verifyAccount(SECRET, claim, NOW)).toEqual({ ok: true, accountId: 'CIT-1', eidas: null });
    expect(verifyAccount(SECRET, claim, NOW + 60)).toEqual({ ok: false, reason: 'signature_expired' });
  });

  it('carries a signed FranceConnect eIDAS level, and refuses one added, changed or unknown', () => {
    const expires = NOW + 60;
    const signed = signAccount(SECRET, 'CIT-1', expires, 'eidas2');
    expect(verifyAccount(SECRET, { id: 'CIT-1', expires, eidas: 'eidas2', signature: signed }, NOW)).toEqual({ ok: true, accountId: 'CIT-1', eidas: 'eidas2' });
    const plain = signAccount(SECRET, 'CIT-1', expires);
    expect(verifyAccount(SECRET, { id: 'CIT-1', expires, eidas: 'eidas3', signature: plain }, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyAccount(SECRET, { id: 'CIT-1', expires, eidas: 'eidas3', signature: signed }, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyAccount(SECRET, { id: 'CIT-1', expires, signature: signed }, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyAccount(SECRET, { id: 'CIT-1', expires, eidas: 'eidas9', signature: signAccount(SECRET, 'CIT-1', expires) }, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses anything else as a bad signature', () => {
    const expires = NOW + 60;
    const good = signAccount(SECRET, 'CIT-1', expires);
    const cases = [
      { id: 'CIT-2', expires, signature: good },
      { id: 'CIT-1', expires: expires + 1, signature: good },
      { id: 'CIT-1', expires, signature: good.toUpperCase() },
      { id: 'CIT-1', expires, signature: good.slice(0, 62) },
      { id: 'CIT-1', expires, signature: signAccount('another-secret-0123456789abcdef', 'CIT-1', expires) },
      { id: 'CIT 1', expires, signature: signAccount(SECRET, 'CIT 1', expires) },
      { id: 'CIT-1', expires: 1.5, signature: signAccount(SECRET, 'CIT-1', 1.5) },
    ];
    for (const claim of cases) expect(verifyAccount(SECRET, claim, NOW), JSON.stringify(claim)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses signatures valid for longer than a day', () => {
    const far = NOW + MAX_SIGNATURE_VALIDITY_SECONDS + 1;
    expect(verifyAccount(SECRET, { id: 'CIT-1', expires: far, signature: signAccount(SECRET, 'CIT-1', far) }, NOW).ok).toBe(false);
  });
});
