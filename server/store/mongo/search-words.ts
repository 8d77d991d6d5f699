import { foldWords, type Message } from '../../../shared/index.js';

// Message search without a text index (FerretDB 1.x has none; MongoDB's would stem French words
// and rank differently from SQLite's FTS5). Each message stores its folded words; a query
// matches the messages holding all of its folded words. Folding mirrors SQLite's
// `unicode61 remove_diacritics 2` tokenizer: split on anything that is not a letter or a
// digit, lower-case, drop accents. So "L'État" is stored as ["l", "etat"] and found by "etat".

// The folding itself is shared (shared/search.ts): the console's highlights use it too.
export { foldWords };

/** What search finds a message by: its subject, its text, and a call's summary. */
export function messageWords(message: Message): string[] {
  return foldWords([message.subject ?? '', message.text, message.call?.summary ?? ''].join('\n'));
}
