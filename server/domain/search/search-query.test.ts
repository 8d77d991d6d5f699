import { describe, expect, it } from 'vitest';
import { identityMatches, parseSearch } from './search-query.js';

describe('parseSearch', () => {
  it('reads a phone number in any spelling as E.164', () => {
    for (const typed of ['06 12 34 56 78', '0612345678', '+33612345678', '+33 6 12 34 56 78', '06.12.34.56.78', '06-12-34-56-78']) {
      expect(parseSearch(typed).phone, typed).toBe('+33612345678');
    }
    expect(identityMatches(parseSearch('06 12 34 56 78'))).toEqual([{ kinds: ['phone', 'whatsapp'], value: '+33612345678', prefix: false }]);
  });

  it('does not take a short number or words for a phone', () => {
    expect(parseSearch('12 34').phone).toBeNull();
    expect(parseSearch('dossier 2026').phone).toBeNull();
  });

  it('reads an address, or its start, as a lower-case email prefix', () => {
    expect(parseSearch('Marie.Dupont@Example.FR').email).toBe('marie.dupont@example.fr');
    expect(parseSearch('marie@').email).toBe('marie@');
    expect(parseSearch('@marie').email).toBeNull();
  });

  it('reads one token as a possible handle, without its @', () => {
    expect(parseSearch('@jeanne_m').handle).toBe('jeanne_m');
    expect(parseSearch('jeanne').handle).toBe('jeanne');
    expect(parseSearch('Jeanne Martin').handle).toBeNull();
    expect(identityMatches(parseSearch('@jeanne_m'))[0]).toMatchObject({ kinds: ['messenger', 'instagram', 'telegram', 'whatsapp', 'webchat'], prefix: true });
  });

  it('folds words: lower case, no accents, split as the index does, at most eight', () => {
    expect(parseSearch("L'État civil").words).toEqual(['l', 'etat', 'civil']);
    expect(parseSearch('Hélène').words).toEqual(['helene']);
    expect(parseSearch('a b c d e f g h i j').words).toHaveLength(8);
  });
});
