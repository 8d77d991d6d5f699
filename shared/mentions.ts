// "@Karim" or "@Karim Haddad" in an internal note calls a colleague. One rule, used by the
// console's alerts (a mention of me raises one) and by anything else that must recognise staff
// mentions, so the two can never disagree on what counts as one.

/** Lower case without accents: "@helene" mentions Hélène, as typed on any keyboard. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Letters, digits, apostrophes and hyphens make up a name ("Anne-Laure", "N'Diaye"). */
const NAME_CHAR = /[\p{L}\p{N}'’-]/u;

/** The words an agent may be mentioned by: their first name, or their full name, dots or spaces between. */
function mentionForms(displayName: string): string[] {
  const words = fold(displayName).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const forms = new Set([words.join(' '), words.join('.'), words.join(''), words[0]!]);
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * The ids of the agents a text mentions, in the order of the directory. A mention is "@" at the
 * start of the text or after a non-name character, followed by one of the agent's forms and then
 * a character that cannot continue a name: "@Karim," mentions Karim, "@Karimah" does not, nor does
 * "karim@mairie.example".
 */
export function mentionedAgents<Id extends string>(text: string, agents: readonly { id: Id; displayName: string }[]): Id[] {
  if (!text.includes('@')) return [];
  const folded = fold(text);
  const found: Id[] = [];
  for (const agent of agents) {
    const forms = mentionForms(agent.displayName);
    let at = folded.indexOf('@');
    search: while (at !== -1) {
      const before = at === 0 ? '' : folded[at - 1]!;
      if (!NAME_CHAR.test(before) && before !== '@' && before !== '.') {
        for (const form of forms) {
          if (!folded.startsWith(form, at + 1)) continue;
          const after = folded[at + 1 + form.length] ?? '';
          // A dot ends a sentence ("merci @karim."), unless a name goes on after it ("@karim.h").
          const continues = NAME_CHAR.test(after) || (after === '.' && NAME_CHAR.test(folded[at + 2 + form.length] ?? ''));
          if (!continues) {
            found.push(agent.id);
            break search;
          }
        }
      }
      at = folded.indexOf('@', at + 1);
    }
  }
  return found;
}
