import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { IdentityKind } from './model.js';

export class IdentityFormatError extends Error {
  constructor(
    readonly kind: IdentityKind,
    readonly value: string,
  ) {
    super(`"${value}" is not a valid ${kind} identifier`);
  }
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Identities compare by normalised value: the same person must yield the same key on every channel. */
export function normalizeIdentity(kind: IdentityKind, raw: string, defaultRegion: CountryCode = 'FR'): string {
  const value = raw.trim();
  switch (kind) {
    case 'email': {
      const lower = value.toLowerCase();
      if (!EMAIL.test(lower) || lower.length > 320) throw new IdentityFormatError(kind, raw);
      return lower;
    }
    case 'phone':
    case 'whatsapp': {
      const phone = parsePhoneNumberFromString(value, defaultRegion);
      if (!phone || !phone.isPossible()) throw new IdentityFormatError(kind, raw);
      return phone.number;
    }
    default:
      if (value.length === 0 || value.length > 320) throw new IdentityFormatError(kind, raw);
      return value;
  }
}
