// The "@" of a note being written: what the agent has typed after it, the colleagues it may be,
// and the text once one is chosen. Pure, so the picker's rules are tested without a browser.

export interface MentionQuery {
  /** Where the "@" is. */
  start: number;
  /** What follows it, up to the caret. */
  query: string;
}

export interface Mentionable {
  id: string;
  displayName: string;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The mention being typed just before the caret, if any: an "@" at the start or after a space or
 * punctuation (not inside "karim@mairie.fr"), then up to two words ("@Léa Du").
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const m = /(?:^|[^\p{L}\p{N}@._-])@([\p{L}\p{N}'’-]{0,30}(?: [\p{L}\p{N}'’-]{0,30})?)$/u.exec(before);
  if (!m) return null;
  const query = m[1]!;
  return { start: caret - query.length - 1, query };
}

/** Colleagues whose name has a word starting with each word typed, in order; the first name first. */
export function colleaguesMatching(query: string, agents: readonly Mentionable[], limit = 6): Mentionable[] {
  const typed = fold(query).split(' ').filter(Boolean);
  const scored = agents.flatMap((a) => {
    const words = fold(a.displayName).split(/[\s-]+/).filter(Boolean);
    let from = 0;
    for (const t of typed) {
      const at = words.findIndex((w, i) => i >= from && w.startsWith(t));
      if (at === -1) return [];
      from = at + 1;
    }
    // "@ka" is Karim Haddad (first name) before Paul Kaplan (last name).
    const first = typed.length === 0 || (words[0] ?? '').startsWith(typed[0]!) ? 0 : 1;
    return [{ a, first }];
  });
  return scored
    .sort((x, y) => x.first - y.first || x.a.displayName.localeCompare(y.a.displayName))
    .slice(0, limit)
    .map((s) => s.a);
}

/** The text with the typed mention replaced by the colleague's full name and a space; where the caret goes. */
export function insertMention(text: string, at: MentionQuery, caret: number, agent: Mentionable): { text: string; caret: number } {
  const mention = `@${agent.displayName} `;
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, at.start) + mention + rest, caret: at.start + mention.length };
}
