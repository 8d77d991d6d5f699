import { describe, expect, it } from 'vitest';
import en from '../locales/en.json' with { type: 'json' };
import fr from '../locales/fr.json' with { type: 'json' };

function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('console wording', () => {
  // Plural forms differ by language (French has a "many" form English lacks): compare the words.
  const words = (tree: unknown) => new Set(keys(tree).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));

  it('has every French text in English and the other way round', () => {
    const f = words(fr);
    const e = words(en);
    expect([...f].filter((k) => !e.has(k))).toEqual([]);
    expect([...e].filter((k) => !f.has(k))).toEqual([]);
  });
});
