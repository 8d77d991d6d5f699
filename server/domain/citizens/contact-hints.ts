import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { normalizeIdentity } from '../../../shared/normalize.js';

/**
 * Contact details a citizen wrote rather than sent from: the phone and postcode in an email's
 * signature, the address typed in a chat. They never attach a sender to a record (only what a
 * channel proves does) but they are what makes two records look like one person, so the
 * duplicate suggestions read them.
 */
export interface ContactHints {
  /** E.164 numbers. */
  phones: string[];
  /** Lower-cased addresses. */
  emails: string[];
  /** French postcodes followed by a place name ("75011 Paris", "69003 LYON"). */
  postcodes: string[];
}

export const NO_HINTS: ContactHints = { phones: [], emails: [], postcodes: [] };

const EMAIL_IN_TEXT = /[^\s@<>()[\]\\,;:"'«»]+@[^\s@<>()[\]\\,;:"'«»]+\.[a-z]{2,}/giu;
// Five digits, then a place name starting with a capital: not an amount ("12000 euros") nor a
// reference number ("dossier 20260 ").
const POSTCODE_IN_TEXT = /\b((?:0[1-9]|[1-8]\d|9[0-8])\d{3})\s+(?:cedex\s+)?\p{Lu}[\p{L}'’-]+/gu;

const FRENCH_NUMBER = /(?:\+33[\s.-]?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b/g;

/** Only the end of a long message is read: signatures sit there, and quoted history does not count. */
const READ_LAST_CHARS = 2_000;

export function contactHintsOf(text: string): ContactHints {
  const tail = text.length > READ_LAST_CHARS ? text.slice(-READ_LAST_CHARS) : text;
  const phones: string[] = findPhoneNumbersInText(tail, 'FR').map((found) => found.number.number);
  // libphonenumber finds only numbers it holds valid; a French number as people write it is
  // enough here (ARCEP's fiction blocks, used by the demo, are not "valid" but are possible).
  for (const match of tail.matchAll(FRENCH_NUMBER)) {
    try {
      phones.push(normalizeIdentity('phone', match[0]));
    } catch {
      // Not a possible number after all.
    }
  }
  const emails: string[] = [];
  for (const match of tail.matchAll(EMAIL_IN_TEXT)) {
    try {
      emails.push(normalizeIdentity('email', match[0].replace(/\.$/, '')));
    } catch {
      // Looked like an address, was not one.
    }
  }
  const postcodes = [...tail.matchAll(POSTCODE_IN_TEXT)].map((m) => m[1]!);
  return { phones: unique(phones), emails: unique(emails), postcodes: unique(postcodes) };
}

export function mergeHints(all: readonly ContactHints[]): ContactHints {
  return {
    phones: unique(all.flatMap((h) => h.phones)),
    emails: unique(all.flatMap((h) => h.emails)),
    postcodes: unique(all.flatMap((h) => h.postcodes)),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
