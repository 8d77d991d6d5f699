import type { Pseudonyms } from './pseudonyms.js';

// French numbers as people write them: 06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56
// 78, +33 (0)6 12 34 56 78, 0033 6 12 34 56 78, +33 612 345 678; and other countries' numbers in
// international form. The key of a number is its E.164 digits, so every spelling of one number
// gets the same fake.

const SEP = '[ .\\-\\u00a0]?';
const FR_NATIONAL = `0[1-9](?:${SEP}\\d{2}){4}`;
const FR_INTL_PREFIX = `(?:\\+|00)[ \\u00a0]?33[ .\\-\\u00a0]?(?:\\(0\\)[ \\u00a0]?)?`;
const FR_INTL = `${FR_INTL_PREFIX}[1-9](?:(?:${SEP}\\d{2}){4}|\\d{2}${SEP}\\d{3}${SEP}\\d{3})`;
const OTHER_INTL = `\\+(?!33)[1-9]\\d{0,2}(?:[ .\\-\\u00a0]?\\d{1,4}){2,6}`;

export const PHONE_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}+])(?:${FR_INTL}|${FR_NATIONAL}|${OTHER_INTL})(?![\\p{L}\\p{N}])`, 'gu');

/** E.164 digits (no plus) of a written number, or null when it is not a phone number. */
export function phoneKey(raw: string): string | null {
  const trimmed = raw.trim();
  let digits = trimmed.replace(/\(0\)/g, '').replace(/\D/g, '');
  if (/^(\+|00)/.test(trimmed)) {
    if (trimmed.startsWith('00')) digits = digits.slice(2);
    if (digits.startsWith('33')) return digits.length === 11 && digits[2] !== '0' ? digits : null;
    return digits.length >= 8 && digits.length <= 15 ? digits : null;
  }
  if (/^0[1-9]\d{8}$/.test(digits)) return `33${digits.slice(1)}`;
  return null;
}

function isMobile(key: string): boolean {
  return /^33[67]/.test(key);
}

/** The fake number written the way the original was: same prefix style, same separator. */
export function renderLike(original: string, nsn: string): string {
  const sepMatch = /\d([ .\-\u00a0])\d/.exec(original.replace(/^(\+|00)[ \u00a0]?33[ .\-\u00a0]?(\(0\)[ \u00a0]?)?/, ''));
  const sep = sepMatch ? sepMatch[1]! : '';
  const pairs = nsn.slice(1).match(/\d{2}/g) ?? [];
  if (/^(\+|00)/.test(original.trim())) {
    const prefix = original.trim().startsWith('00') ? '0033' : '+33';
    const zero = /\(0\)/.test(original) ? '(0)' : '';
    const head = sep === '' ? `${prefix}${zero}` : `${prefix}${sep === '.' || sep === '-' ? sep : ' '}${zero}`;
    return `${head}${nsn[0]}${sep}${pairs.join(sep)}`;
  }
  return [`0${nsn[0]}`, ...pairs].join(sep);
}

/** Fake for a phone written anywhere (text, call details, identity value). */
export function fakePhone(p: Pseudonyms, original: string): string | null {
  const key = phoneKey(original);
  if (key === null) return null;
  return renderLike(original, p.phone(key, isMobile(key) ? 'mobile' : 'other'));
}
