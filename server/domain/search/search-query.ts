import { foldWords, normalizeIdentity, type IdentityKind } from '../../../shared/index.js';
import type { CitizenFound, CitizenSearch, IdentityMatch } from '../ports.js';

// What a search box query means: the words it is made of (a name, a message's text), and, when it
// looks like one, the phone number, email address or social handle it may be. One pure rule, so
// both store adapters are asked the same thing.

/** Kinds whose values are an account on a messaging service: found by exact value or prefix. */
export const HANDLE_KINDS: readonly IdentityKind[] = ['messenger', 'instagram', 'telegram', 'whatsapp', 'webchat'];

/** More words than this are dropped: a pasted paragraph must not become a query of a hundred terms. */
export const MAX_QUERY_WORDS = 8;

export interface ParsedSearch {
  /** Folded words (lower case, no accents), at most MAX_QUERY_WORDS. */
  words: string[];
  /** E.164, when the query reads as a phone number ("06 12 34 56 78", "+33 6 12…", "0612345678"). */
  phone: string | null;
  /** Lower case, when the query reads as (the start of) an email address. */
  email: string | null;
  /** The query without a leading "@", when it is one token that could be an account name or id. */
  handle: string | null;
  /** A phone number, an address, or "@something": an identity, not a name. */
  identityOnly: boolean;
}

const PHONE_LIKE = /^\+?[\d\s.\-()/]+$/;

export function parseSearch(text: string): ParsedSearch {
  const q = text.trim();
  const words = foldWords(q).slice(0, MAX_QUERY_WORDS);
  let phone: string | null = null;
  const digits = q.replace(/\D/g, '');
  if (PHONE_LIKE.test(q) && digits.length >= 6) {
    try {
      phone = normalizeIdentity('phone', q);
    } catch {
      phone = null;
    }
  }
  const email = !/\s/.test(q) && /^[^@]+@/.test(q) ? q.toLowerCase() : null;
  const bare = q.startsWith('@') ? q.slice(1) : q;
  const handle = !/\s/.test(bare) && bare.length >= 2 && /[\p{L}\p{N}]/u.test(bare) && phone === null && email === null ? bare : null;
  return { words, phone, email, handle, identityOnly: phone !== null || email !== null || q.startsWith('@') };
}

/** The identities a parsed query may be: a phone (or the WhatsApp number), an email, a handle. */
export function identityMatches(parsed: ParsedSearch): IdentityMatch[] {
  const found: IdentityMatch[] = [];
  if (parsed.phone) found.push({ kinds: ['phone', 'whatsapp'], value: parsed.phone, prefix: false });
  if (parsed.email) found.push({ kinds: ['email'], value: parsed.email, prefix: true });
  if (parsed.handle) found.push({ kinds: HANDLE_KINDS, value: parsed.handle, prefix: true });
  return found;
}

/**
 * The store query for citizens: by every word of the name (prefixes), or by an identity. A query
 * that reads as a phone number, an email address or "@handle" looks for that identity only: the pieces of
 * "karim.haddad@" are not a name.
 */
export function citizenSearchOf(parsed: ParsedSearch, limit: number, visibleTo: CitizenSearch['visibleTo']): CitizenSearch {
  const words = parsed.identityOnly ? [] : parsed.words;
  return { words, identities: identityMatches(parsed), limit, ...(visibleTo ? { visibleTo } : {}) };
}

/** The order of citizens found (the port's): display name, then id, by UTF-16 code units. */
export function byDisplayName(a: CitizenFound, b: CitizenFound): number {
  const x = a.citizen.displayName;
  const y = b.citizen.displayName;
  return x < y ? -1 : x > y ? 1 : a.citizen.id < b.citizen.id ? -1 : a.citizen.id > b.citizen.id ? 1 : 0;
}
