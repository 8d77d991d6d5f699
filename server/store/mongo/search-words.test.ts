import { describe, expect, it } from 'vitest';
import { foldWords } from './search-words.js';

// The words a message is found by, compared with what SQLite's FTS5 `unicode61
// remove_diacritics 2` tokenizer yields for the same text.
describe('foldWords', () => {
  it('splits on anything but letters and digits, lower-cases and drops accents', () => {
    expect(foldWords("L'État, c'est MOI : pièce n°42 — déjà reçue")).toEqual(['l', 'etat', 'c', 'est', 'moi', 'piece', 'n', '42', 'deja', 'recue']);
  });

  it('keeps each word once and ignores operators and punctuation', () => {
    expect(foldWords('demande OR demande* "NEAR(" -dossier')).toEqual(['demande', 'or', 'near', 'dossier']);
    expect(foldWords(' \t"*:() ')).toEqual([]);
  });

  it('folds decomposed and precomposed accents alike', () => {
    expect(foldWords('e\u0301tat')).toEqual(foldWords('\u00e9tat'));
  });
});
