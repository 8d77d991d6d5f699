import { z } from 'zod';
import type { Channel, Citizen, IdentityKind, Message } from './model.js';

// The console's search (GET /api/search): what it asks, what it gets back, and how matching words
// are found in a text. Highlights are computed here from the query's words, never from an index's
// own markup, so the SQLite (FTS5) and MongoDB adapters light up the same words, and the console
// can light up a citizen's name with the same rule.

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 200;

export const SearchRequest = z.object({
  q: z
    .string()
    .trim()
    .min(SEARCH_MIN_LENGTH, `type at least ${SEARCH_MIN_LENGTH} characters`)
    .max(SEARCH_MAX_LENGTH, `at most ${SEARCH_MAX_LENGTH} characters`),
  /** The next page of messages (citizens come on the first page only). */
  cursor: z.string().max(300).optional(),
});
export type SearchRequest = z.input<typeof SearchRequest>;

/** Lower case without accents, one character at a time: "É" and "e" compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * The words a text is searched by: split on anything that is not a letter or a digit, lower case,
 * accents dropped, as SQLite's `unicode61 remove_diacritics 2` tokenizer does. "L'État" gives
 * ["l", "etat"].
 */
export function foldWords(text: string): string[] {
  return [...new Set(foldText(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0))];
}

/** A span of a text to highlight: [start, end) in UTF-16 units of the original text. */
export interface HighlightRange {
  start: number;
  end: number;
}

/**
 * Where the words of a text match the query's folded words, in text order. A text word matches
 * when it folds to a query word, or (with `prefix`, as names are searched) starts with one.
 */
export function highlightRanges(text: string, queryWords: readonly string[], { prefix = false } = {}): HighlightRange[] {
  if (queryWords.length === 0) return [];
  const ranges: HighlightRange[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const folded = foldText(match[0]);
    const hit = queryWords.some((w) => (prefix ? folded.startsWith(w) : folded === w));
    if (!hit) continue;
    const start = match.index;
    const end = prefix ? start + prefixLength(match[0], queryWords, folded) : start + match[0].length;
    ranges.push({ start, end });
  }
  return ranges;
}

/** How much of an original word the longest matching query prefix covers (accents fold away). */
function prefixLength(word: string, queryWords: readonly string[], folded: string): number {
  const longest = Math.max(...queryWords.filter((w) => folded.startsWith(w)).map((w) => w.length));
  if (longest >= folded.length) return word.length;
  let consumed = 0;
  let at = 0;
  for (const ch of word) {
    if (consumed >= longest) break;
    consumed += foldText(ch).length;
    at += ch.length;
  }
  return at;
}

/** A passage of a long text around its first match, with the matches inside it. */
export function snippetOf(text: string, queryWords: readonly string[], size = 160): { snippet: string; highlights: HighlightRange[] } {
  const flat = text.replace(/\s+/g, ' ').trim();
  const all = highlightRanges(flat, queryWords);
  if (flat.length <= size) return { snippet: flat, highlights: all };
  const first = all[0]?.start ?? 0;
  // Some context before the first match, cut at a word boundary.
  let start = Math.max(0, first - Math.floor(size / 4));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space !== -1 && space < first ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + size);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  const lead = start > 0 ? '… ' : '';
  const tail = end < flat.length ? ' …' : '';
  const snippet = `${lead}${flat.slice(start, end)}${tail}`;
  const highlights = all
    .filter((r) => r.start >= start && r.end <= end)
    .map((r) => ({ start: r.start - start + lead.length, end: r.end - start + lead.length }));
  return { snippet, highlights };
}

/** How a citizen matched: their name, or one of their identities (which kind). */
export type CitizenMatch = 'name' | IdentityKind;

export interface CitizenHit {
  citizen: Pick<Citizen, 'id' | 'displayName' | 'identities'>;
  matchedBy: CitizenMatch;
  /** The identity value that matched, when an identity did. */
  identityValue?: string;
  /** Where the query's words light up the display name. */
  nameHighlights: HighlightRange[];
  /** Their latest conversation the viewer may open: where choosing the citizen leads. */
  conversationId: Message['conversationId'] | null;
}

export interface MessageHit {
  messageId: Message['id'];
  conversationId: Message['conversationId'];
  citizenId: Message['citizenId'];
  citizenName: string;
  channel: Channel;
  direction: Message['direction'];
  at: string;
  subject?: string;
  subjectHighlights?: HighlightRange[];
  /** A passage of the text around the first match, and the matches inside it. */
  snippet: string;
  highlights: HighlightRange[];
}

/** GET /api/search: citizens first (first page only), then messages newest first, paged. */
export interface SearchResults {
  citizens: CitizenHit[];
  messages: MessageHit[];
  /** Pass back as `cursor` for more messages; null when there are no more. */
  nextCursor: string | null;
}
