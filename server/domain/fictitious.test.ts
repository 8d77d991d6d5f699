import { describe, expect, it } from 'vitest';
import { isFictionNumber, isFictitiousIdentity, isReservedEmail } from './fictitious.js';

describe('addresses and numbers that reach nobody', () => {
  it('knows the reserved mail names and nothing else', () => {
    for (const ok of ['a@mairie.example', 'b@courriel.example', 'c@famille.test', 'd@x.invalid', 'e@example.com', 'f@EXAMPLE.ORG', 'g@boite.example.']) {
      expect(isReservedEmail(ok), ok).toBe(true);
    }
    for (const real of ['jeanne@free.fr', 'a@example.fr', 'a@myexample.com', 'a@example.com.evil.fr', 'a@test.fr', 'nobody', 'a@exampletest']) {
      expect(isReservedEmail(real), real).toBe(false);
    }
  });

  it('knows ARCEP’s fiction blocks, in E.164', () => {
    expect(isFictionNumber('+33639981234')).toBe(true);
    expect(isFictionNumber('+33199000100')).toBe(true);
    for (const real of ['+33612345678', '+33240123400', '+3363998123', '+336399812345', '0639981234']) expect(isFictionNumber(real), real).toBe(false);
  });

  it('says so of identities; ids of other networks are never provably fictitious', () => {
    expect(isFictitiousIdentity({ kind: 'whatsapp', value: '+33639980001' })).toBe(true);
    expect(isFictitiousIdentity({ kind: 'email', value: 'x@poste.example' })).toBe(true);
    expect(isFictitiousIdentity({ kind: 'messenger', value: '1234567890123456' })).toBe(false);
  });
});
