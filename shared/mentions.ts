// "@Karim" or "@Karim Haddad" in an internal note calls a colleague. One rule, used by the
// console's alerts (a mention of me raises one) and by anything else that must recognise staff
// mentions, so the two can never disagree on what counts as one.

/**
 * Lower case without accents: "@helene" mentions Hélène, as typed on any keyboard. Folded one
 * character at a time, with where each folded unit came from, so that a mention found in the
 * folded text can be cut out of the original (a lower-cased "İ" is two units, not one).
 */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let at = 0;
  for (const ch of text) {
    const f = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    folded += f;
    for (let i = 0; i < f.length; i++) origin.push(at);
    at += ch.length;
  }
  origin.push(at);
  return { folded, origin };
}

/** Letters, digits, apostrophes and hyphens make up a name ("Anne-Laure", "N'Diaye"). */
const NAME_CHAR = /[\p{L}\p{N}'’-]/u;

/** The words an agent may be mentioned by: their first name, or their full name, dots or spaces between. */
function mentionForms(displayName: string): string[] {
  const words = fold(displayName).folded.split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const forms = new Set([words.join(' '), words.join('.'), words.join(''), words[0]!]);
  return [...forms].sort((a, b) => b.length - a.length);
}

/** One mention in a text: who, and where ("@Karim Haddad" from start to end, the "@" included). */
export interface Mention<Id extends string> {
  id: Id;
  start: number;
  end: number;
}

/**
 * Every mention of an agent in a text, in text order. A mention is "@" at the start of the text or
 * after a non-name character, followed by one of the agent's forms (the longest that fits) and
 * then a character that cannot continue a name: "@Karim," mentions Karim, "@Karimah" does not,
 * nor does "karim@mairie.example". Two agents sharing a first name are both mentioned by it.
 */
export function mentionsIn<Id extends string>(text: string, agents: readonly { id: Id; displayName: string }[]): Mention<Id>[] {
  if (!text.includes('@')) return [];
  const { folded, origin } = fold(text);
  const found: Mention<Id>[] = [];
  for (const agent of agents) {
    const forms = mentionForms(agent.displayName);
    for (let at = folded.indexOf('@'); at !== -1; at = folded.indexOf('@', at + 1)) {
      const before = at === 0 ? '' : folded[at - 1]!;
      if (NAME_CHAR.test(before) || before === '@' || before === '.') continue;
      for (const form of forms) {
        if (!folded.startsWith(form, at + 1)) continue;
        const after = folded[at + 1 + form.length] ?? '';
        // A dot ends a sentence ("merci @karim."), unless a name goes on after it ("@karim.h").
        const continues = NAME_CHAR.test(after) || (after === '.' && NAME_CHAR.test(folded[at + 2 + form.length] ?? ''));
        if (!continues) {
          found.push({ id: agent.id, start: origin[at]!, end: origin[at + 1 + form.length]! });
          break;
        }
      }
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The ids of the agents a text mentions, once each, in the order of the directory. */
export function mentionedAgents<Id extends string>(text: string, agents: readonly { id: Id; displayName: string }[]): Id[] {
  const mentions = mentionsIn(text, agents);
  return agents.filter((a) => mentions.some((m) => m.id === a.id)).map((a) => a.id);
}
