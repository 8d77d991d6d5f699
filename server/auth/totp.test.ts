import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchingStep, newTotpSecret, otpauthUri } from './totp.js';

describe('TOTP (RFC 6238)', () => {
  it('gives RFC 6238 appendix B’s SHA-1 codes (the last six digits)', () => {
    // Secret "12345678901234567890" (ASCII), T0 = 0, 30 s steps; the RFC lists 8 digits.
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    for (const [seconds, code] of [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ] as const) {
      expect(hotp(secret, Math.floor(seconds / 30)), String(seconds)).toBe(code.slice(-6));
    }
  });

  it('agrees with an independent implementation (otpauth) and accepts one step of drift only', () => {
    const secret = newTotpSecret();
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    const other = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    const now = Date.UTC(2026, 11, 3, 10, 0, 15);
    expect(matchingStep(secret, other.generate({ timestamp: now }), now)).toBe(Math.floor(now / 30_000));
    expect(matchingStep(secret, other.generate({ timestamp: now - 30_000 }), now)).not.toBeNull();
    expect(matchingStep(secret, other.generate({ timestamp: now + 30_000 }), now)).not.toBeNull();
    expect(matchingStep(secret, other.generate({ timestamp: now - 90_000 }), now)).toBeNull();
    expect(matchingStep(secret, 'abcdef', now)).toBeNull();
    expect(otpauthUri(secret, 'lea@mairie.test', 'Guichet')).toMatch(/^otpauth:\/\/totp\/Guichet%3Alea%40mairie\.test\?secret=[A-Z2-7]+&issuer=Guichet/);
  });
});
