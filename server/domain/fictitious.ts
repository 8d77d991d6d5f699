import type { Identity } from '../../shared/index.js';

// Addresses and numbers that reach nobody, for invented people (the demo, masked replays).
// Numbers: the blocks ARCEP keeps for works of fiction, 01 99 00 xx xx and 06 39 98 xx xx.
// Mail: the names RFC 2606 and RFC 6761 reserve (.example, .test, .invalid, .localhost, and
// example.com, .net, .org), which no mail system delivers.

/** National significant number prefixes (after +33) of the fiction blocks; four digits follow. */
export const FICTION_BLOCKS = { mobile: '63998', landline: '19900' } as const;

const FICTION_E164 = /^\+33(?:63998|19900)\d{4}$/;
const RESERVED_DOMAIN = /(?:^|\.)(?:example|test|invalid|localhost)$|^example\.(?:com|net|org)$/;

export function isFictionNumber(e164: string): boolean {
  return FICTION_E164.test(e164);
}

export function isReservedEmail(address: string): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');
  return address.includes('@') && RESERVED_DOMAIN.test(domain);
}

/** Whether this identity provably reaches nobody: a reserved address or a fiction number. */
export function isFictitiousIdentity(identity: Pick<Identity, 'kind' | 'value'>): boolean {
  if (identity.kind === 'email') return isReservedEmail(identity.value);
  if (identity.kind === 'phone' || identity.kind === 'whatsapp') return isFictionNumber(identity.value);
  return false;
}
