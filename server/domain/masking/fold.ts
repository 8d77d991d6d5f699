// Matching is done on a folded copy of the text (lower case, no accents, one apostrophe and one
// dash) that keeps every UTF-16 offset of the original, so a match found in the copy is cut out
// of the original at the same place.

const APOSTROPHES = /['’‘ʼ`´]/;
const DASHES = /[-‐‑‒–—]/;

function foldChar(ch: string): string {
  if (ch.length !== 1) return ch;
  if (APOSTROPHES.test(ch)) return "'";
  if (DASHES.test(ch)) return '-';
  if (ch === '\u00a0' || ch === '\u202f') return ' ';
  const base = ch.normalize('NFD').charAt(0);
  const lower = base.toLowerCase();
  return lower.length === 1 ? lower : base;
}

/** Same length as `text`: character i of the result is the folded character i of the text. */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

/** A folded string meant as a lookup key (names, handles). */
export function foldKey(text: string): string {
  return foldText(text).replace(/\s+/g, ' ').trim();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
