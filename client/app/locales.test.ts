import { describe, expect, it } from 'vitest';
import en from '../locales/en.json' with { type: 'json' };
import fr from '../locales/fr.json' with { type: 'json' };
import { DELIVERY_FAILURES } from '../../shared/delivery-failures.js';
import { ERROR_REASONS } from '../../shared/error-reasons.js';

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

  it('words every reason the server may give for a refusal or a failed delivery, in both languages', () => {
    for (const tree of [fr, en]) {
      const worded = new Set(keys(tree.errors.reason));
      expect(ERROR_REASONS.filter((r) => !worded.has(r))).toEqual([]);
      const failures = new Set(keys(tree.delivery.failure));
      expect(DELIVERY_FAILURES.filter((f) => !failures.has(f))).toEqual([]);
    }
  });
});
