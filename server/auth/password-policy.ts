import { createRequire } from 'node:module';

// Staff passwords as ANSSI recommends (Recommandations relatives à l'authentification
// multifacteur et aux mots de passe, 2021): length over composition rules — at least 12
// characters, any characters — and never a password known from breaches. The list is zxcvbn's
// 49,233 most frequent passwords of public breach corpora, shipped offline by the MIT package
// @zxcvbn-ts/language-common (src/passwords.json), plus French ones it lacks.

export const MIN_LENGTH = 12;
export const MAX_LENGTH = 128;

const FRENCH = [
  'motdepasse', 'azertyuiop', 'azertyuiopqsdfghjklm', 'jetaime', 'soleil', 'bonjour', 'doudou', 'chouchou', 'loulou',
  'marseille', 'nicolas', 'camille', 'chocolat', 'princesse', 'mairie', 'guichet', 'administrateur', 'republique',
  'liberteegalitefraternite', 'bienvenue', 'coucou', 'toulouse', 'bordeaux', 'nantes', 'strasbourg', 'vacances',
];

let known: Set<string> | undefined;
function breached(): Set<string> {
  if (!known) {
    const require = createRequire(import.meta.url);
    const list = require('@zxcvbn-ts/language-common/src/passwords.json') as string[];
    known = new Set([...list, ...FRENCH]);
  }
  return known;
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's', '!': 'i', '€': 'e' };

/** The forms a password is looked up in: as typed, folded, de-leeted, without the digits and signs tacked on. */
function forms(password: string): string[] {
  const folded = password.normalize('NFKD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const deleet = [...folded].map((c) => LEET[c] ?? c).join('');
  const stripped = folded.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  return [...new Set([folded, deleet, stripped, [...stripped].map((c) => LEET[c] ?? c).join(''), folded.replace(/[\s\W_]+/gu, '')])];
}

export type PasswordProblem = 'too_short' | 'too_long' | 'breached' | 'personal' | 'repetitive';

/** Why a password is refused, or null. `personal`: it contains the account's email or name. */
export function passwordProblem(password: string, person: { email: string; displayName: string }): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_LENGTH) return 'too_short';
  if (length > MAX_LENGTH) return 'too_long';
  const variants = forms(password);
  if (variants.some((v) => breached().has(v))) return 'breached';
  if (new Set(password).size <= 3) return 'repetitive';
  const mine = [person.email.split('@')[0] ?? '', ...person.displayName.split(/\s+/)]
    .map((t) => t.normalize('NFKD').replace(/\p{Diacritic}/gu, '').toLowerCase())
    .filter((t) => t.length >= 4);
  if (variants.some((v) => mine.some((t) => v.includes(t)))) return 'personal';
  return null;
}

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: `a password has at least ${MIN_LENGTH} characters (a sentence is easy to remember)`,
  too_long: `a password has at most ${MAX_LENGTH} characters`,
  breached: 'this password is in lists of breached passwords: choose another one',
  personal: 'a password must not contain your name or your email address',
  repetitive: 'this password repeats too few characters',
};
