import type { Identity } from '../../../shared/index.js';
import type { ContactHints } from './contact-hints.js';

// When two citizen records probably are one person. A reason is only a suggestion: an agent
// confirms it (and merges) or dismisses it. Each rule needs a detail that is rare between two
// strangers; a shared name alone is never enough (there are many Martins in a town).

export const DUPLICATE_REASONS = ['same_phone', 'same_email', 'same_email_local_and_name', 'same_name_and_postcode'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export interface DuplicateProfile {
  displayName: string;
  identities: readonly Pick<Identity, 'kind' | 'value'>[];
  hints: ContactHints;
}

const PHONE_KINDS = new Set(['phone', 'whatsapp']);

/** A name compared without case, accents, punctuation or word order ("DUPONT Jean" = "Jean Dupont"). */
export function nameKey(name: string): string | null {
  const words = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 1);
  // A first name alone, or a platform's placeholder, says nothing about who this is.
  if (words.length < 2) return null;
  return words.sort().join(' ');
}

function phonesOf(p: DuplicateProfile): Set<string> {
  return new Set(p.identities.filter((i) => PHONE_KINDS.has(i.kind)).map((i) => i.value));
}

function emailsOf(p: DuplicateProfile): Set<string> {
  return new Set(p.identities.filter((i) => i.kind === 'email').map((i) => i.value));
}

const localPart = (email: string) => email.slice(0, email.indexOf('@'));

/** One side holds the detail as an identity and the other has it too (identity or written). */
function sharedDetail(own: Set<string>, otherOwn: Set<string>, otherWritten: readonly string[]): boolean {
  for (const v of own) if (otherOwn.has(v) || otherWritten.includes(v)) return true;
  return false;
}

/**
 * Why `a` and `b` look like one person, strongest first; empty when they do not. Symmetric.
 * A number both merely wrote (the town hall's own, quoted back) is not a reason: one of them
 * must hold it as an identity.
 */
export function duplicateReasons(a: DuplicateProfile, b: DuplicateProfile): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  const [phonesA, phonesB] = [phonesOf(a), phonesOf(b)];
  if (sharedDetail(phonesA, phonesB, b.hints.phones) || sharedDetail(phonesB, phonesA, a.hints.phones)) reasons.push('same_phone');
  const [emailsA, emailsB] = [emailsOf(a), emailsOf(b)];
  if (sharedDetail(emailsA, emailsB, b.hints.emails) || sharedDetail(emailsB, emailsA, a.hints.emails)) reasons.push('same_email');
  const [nameA, nameB] = [nameKey(a.displayName), nameKey(b.displayName)];
  const sameName = nameA !== null && nameA === nameB;
  if (sameName) {
    const localsB = new Set([...emailsB].map(localPart).filter((l) => l.length >= 3));
    if ([...emailsA].some((e) => localsB.has(localPart(e)))) reasons.push('same_email_local_and_name');
    if (a.hints.postcodes.some((p) => b.hints.postcodes.includes(p))) reasons.push('same_name_and_postcode');
  }
  return reasons;
}
