import { describe, expect, it } from 'vitest';
import { SearchRequest, foldWords, highlightRanges, snippetOf } from './search.js';

const cut = (text: string, ranges: { start: number; end: number }[]) => ranges.map((r) => text.slice(r.start, r.end));

describe('search highlights', () => {
  it('lights up whole words whatever their case and accents', () => {
    const text = "L'État vous répond : votre demande d'ÉTAT civil est prête.";
    expect(cut(text, highlightRanges(text, foldWords('etat')))).toEqual(['État', 'ÉTAT']);
    expect(cut(text, highlightRanges(text, foldWords('demande')))).toEqual(['demande']);
    expect(highlightRanges(text, foldWords('dem'))).toEqual([]);
  });

  it('lights up the start of a name word with prefix', () => {
    const name = 'Hélène Lefèvre';
    expect(cut(name, highlightRanges(name, ['hel'], { prefix: true }))).toEqual(['Hél']);
    expect(cut(name, highlightRanges(name, ['lefevre', 'helene'], { prefix: true }))).toEqual(['Hélène', 'Lefèvre']);
  });

  it('cuts a passage around the first match of a long text', () => {
    const text = `${'Bonjour, '.repeat(40)}je voudrais renouveler mon passeport avant l’été. ${'Merci. '.repeat(40)}`;
    const { snippet, highlights } = snippetOf(text, ['passeport']);
    expect(snippet.length).toBeLessThanOrEqual(165);
    expect(snippet.startsWith('… ')).toBe(true);
    expect(cut(snippet, highlights)).toEqual(['passeport']);
  });

  it('refuses an empty or too long query with a reason', () => {
    expect(SearchRequest.safeParse({ q: ' a ' }).success).toBe(false);
    expect(SearchRequest.safeParse({ q: 'x'.repeat(201) }).success).toBe(false);
    expect(SearchRequest.parse({ q: '  passeport ' }).q).toBe('passeport');
  });
});
