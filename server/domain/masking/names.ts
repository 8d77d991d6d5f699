import { escapeRegExp, foldKey, isUpper } from './fold.js';
import { matchesOf } from './spans.js';

// Names. Two sources: the names the journal knows (a citizen's display name, the sender name of
// their e-mails, in any part and spelling), and names announced by the text itself (after
// "Madame", "Père :", "je m'appelle", or alone on the line after "Cordialement,"). A first name
// mentioned with no such cue (a child's, a neighbour's) is not found: masking it would mean
// masking every capitalised word.

/** Particles of French (and immigrant) family names; never a name on their own. */
const PARTICLES = new Set([
  'de', 'du', 'des', "d'", 'la', 'le', 'les', "l'", 'van', 'von', 'der', 'den', 'da', 'das', 'do', 'dos', 'di', 'del', 'della',
  'el', 'al', 'ben', 'bin', 'ibn', 'ter', 'ten', 'zu', 'y', 'e', 'et',
]);

/**
 * Ordinary French words that are also common names (Petit, Blanc, Rose...). Alone, such a name is
 * masked only when a civility or label introduces it, or in capitals ("PETIT"), so "un petit
 * jardin" or "Rose des vents" at the start of a sentence survive.
 */
const COMMON_WORDS = new Set([
  'petit', 'petite', 'blanc', 'blanche', 'roux', 'brun', 'brune', 'rose', 'noel', 'roche', 'marchand', 'meunier', 'mercier',
  'masson', 'chevalier', 'baron', 'renard', 'boulanger', 'berger', 'boucher', 'charpentier', 'fontaine', 'clement', 'clemence',
  'bonnet', 'pierre', 'jean', 'marie', 'colin', 'roger', 'robin', 'jade', 'ambre', 'mai', 'duc', 'carre', 'joly', 'roy', 'vu',
  'denis', 'bourgeois', 'barbier', 'chauvin', 'france', 'violette', 'constance', 'aurore', 'capucine', 'ange', 'marin', 'olive',
  'prudence', 'page', 'lebon', 'bon', 'grand', 'legrand', 'lenoir', 'noir', 'rousseau', 'garde', 'vidal', 'marchal', 'moulin',
  'pont', 'dupont', 'fleur', 'fleury', 'lion', 'loup', 'leroy', 'ferrand', 'gros', 'court', 'long', 'lelong', 'sage', 'prince',
  'comte', 'chef', 'abbe', 'vincent', 'martin', 'valentin', 'auguste', 'juste', 'lucas', 'louise', 'cerise', 'perle', 'neige',
]);

/** Words that follow "Madame"/"Monsieur" and are functions, not names: "Monsieur le Maire". */
const FUNCTION_WORDS = new Set([
  'maire', 'adjoint', 'adjointe', 'prefet', 'prefete', 'sous-prefet', 'president', 'presidente', 'directeur', 'directrice',
  'ministre', 'depute', 'deputee', 'senateur', 'senatrice', 'juge', 'procureur', 'procureure', 'notaire', 'agent', 'agente',
  'conseiller', 'conseillere', 'secretaire', 'responsable', 'chef', 'commissaire', 'capitaine', 'general', 'colonel', 'cure',
  'abbe', 'madame', 'monsieur', 'mademoiselle', 'messieurs', 'mesdames', 'docteur', 'maitre', 'service', 'equipe', 'officier',
  'receveur', 'inspecteur', 'inspectrice', 'controleur', 'controleuse', 'gestionnaire', 'instructeur', 'instructrice',
]);

/** Accents kept: "Lê" is a Vietnamese family name, not the article "le". */
export function isParticle(token: string): boolean {
  return PARTICLES.has(token.toLowerCase().replace(/[’‘ʼ]/g, "'"));
}

function tokensOf(name: string): string[] {
  return name.trim().split(/\s+/).filter((t) => t.length > 0);
}

/** Whether a string is a person's name at all (ingest falls back to the address or number). */
export function looksLikeName(name: string): boolean {
  return /\p{L}{2}/u.test(name) && !/[@\d]/.test(name);
}

export interface NameVariant {
  /** Folded (lower case, no accents), separators as single spaces. */
  folded: string;
  /** Count of tokens that are not particles. */
  weight: number;
  /** Exactly one token, no particle: subject to the capitalisation and common-word rules. */
  bare: boolean;
  /** As written in the source name, for short names that must match exactly ("Lê" is not "Le"). */
  spellings: string[];
  /** Holds a short word that is not a particle ("Vu", "Lê"): only its exact spelling counts. */
  exact: boolean;
}

/** Separators (spaces, hyphens) as one space: "Jean-Pierre" and "Jean Pierre" are one key. */
export function canonical(folded: string): string {
  return folded.replace(/[\s-]+/g, ' ').trim();
}

/**
 * Every way a text may write part of a name: the whole, the first names (prefixes) and the family
 * name (suffixes). "Marie-Thérèse de La Fontaine" yields "marie therese", "de la fontaine",
 * "la fontaine", "fontaine" and the whole; never a particle alone or a variant ending with one.
 */
export function nameVariants(name: string): NameVariant[] {
  if (!looksLikeName(name)) return [];
  const tokens = tokensOf(name);
  const out = new Map<string, NameVariant>();
  const add = (parts: string[]) => {
    const last = parts[parts.length - 1];
    if (!last || isParticle(last)) return;
    const weight = parts.filter((t) => !isParticle(t)).length;
    if (weight === 0) return;
    const folded = canonical(foldKey(parts.join(' ')));
    if (folded.replace(/[^a-z]/g, '').length < 2) return;
    const spelling = parts.join(' ');
    const known = out.get(folded);
    if (known) {
      if (!known.spellings.includes(spelling)) known.spellings.push(spelling);
      return;
    }
    const exact = parts.some((t) => foldKey(t).length <= 3 && !isParticle(t));
    out.set(folded, { folded, weight, bare: parts.length === 1, spellings: [spelling], exact });
  };
  for (let i = 1; i <= tokens.length; i++) {
    add(tokens.slice(0, i));
    add(tokens.slice(tokens.length - i));
  }
  return [...out.values()];
}

/** The non-particle tokens of a folded name, split on spaces and hyphens. */
export function nameTokens(folded: string): string[] {
  return folded.split(/[\s-]+/).filter((t) => t.length > 0 && !PARTICLES.has(t) && !PARTICLES.has(t.replace(/^[dl]'/, '')));
}

function variantPattern(folded: string): string {
  return folded.split(' ').map(escapeRegExp).join('[\\s-]+');
}

export interface NameHit {
  start: number;
  end: number;
  /** Canonical folded form of the matched text. */
  folded: string;
}

/** Finds given variants in a text, longest first, whole words only. */
export class VariantFinder {
  private readonly re: RegExp | null;
  private readonly byFolded = new Map<string, NameVariant>();

  constructor(variants: readonly NameVariant[]) {
    for (const v of variants) {
      const known = this.byFolded.get(v.folded);
      if (known) known.spellings.push(...v.spellings.filter((sp) => !known.spellings.includes(sp)));
      else this.byFolded.set(v.folded, { ...v, spellings: [...v.spellings] });
    }
    const sorted = [...this.byFolded.keys()].sort((a, b) => b.length - a.length);
    this.re = sorted.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.map(variantPattern).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  }

  find(text: string, folded: string): NameHit[] {
    if (!this.re) return [];
    const hits: NameHit[] = [];
    for (const m of matchesOf(this.re, folded)) {
      const key = canonical(m[0]);
      const variant = this.byFolded.get(key);
      if (!variant) continue;
      const hit = { start: m.index, end: m.index + m[0].length, folded: key };
      const original = text.slice(hit.start, hit.end);
      // The first letter that is not a particle's must be a capital: "petit" the word is not Petit.
      const namePart = original.replace(/^(?:(?:de|du|des|la|le|les|van|von|da|dos|di|del|el|al|ben)\s+|[dl]['’])+/u, '');
      if (!isUpper(namePart.charAt(0))) continue;
      if (variant.bare && !bareNameAllowed(original, hit.start, text, variant)) {
        // "Gérard Vu", "Simone Pierre": an ordinary word right after a first name is a family name.
        const before = precedingName(text, hit.start);
        if (before === null || !spelledRight(original, variant)) continue;
        hit.start = before;
      }
      // A name with a short word ("Mai Lê") must keep its accents: "Mai le service" is a sentence.
      if (!variant.bare && variant.exact && !spelledAs(original, variant)) continue;
      hits.push(hit);
    }
    return hits;
  }
}

const CIVILITY_WORDS = [
  'Madame', 'Monsieur', 'Mademoiselle', 'Mesdames', 'Messieurs', 'Mme', 'Mmes', 'Mlle', 'Mr', 'M\\.', 'MM\\.', 'Dr', 'Docteur',
  'Docteure', 'Maître', 'Me', 'Pr', 'Professeur', 'MADAME', 'MONSIEUR', 'MADEMOISELLE',
];
const CIVILITY = `(?:${CIVILITY_WORDS.join('|')})\\.?`;
const H = '[ \\t\\u00a0]';
const NAME_PARTICLE = `(?:de${H}+la|de|du|des|d['’]|le|la|les|van${H}+der|van|von|der|da|das|dos|do|di|del|della|el|al|ben|bin|ibn|ter|ten)`;
// An initial keeps its dot ("J."); a full word does not, so "Dupont. Je" ends at the word.
const NAME_TOKEN = `(?:\\p{Lu}\\.|\\p{Lu}(?:[\\p{L}'’-]*\\p{L})?)`;
const NAME = `(?:${NAME_PARTICLE}${H}*)?${NAME_TOKEN}(?:${H}+(?:${NAME_PARTICLE}${H}*)?${NAME_TOKEN}){0,4}`;
const NAME_LIST = `${NAME}(?:${H}*(?:,|et|&)${H}*${NAME})*`;

/** Case-insensitive first letter. */
function ci(words: readonly string[]): string {
  return words.map((w) => `[${w.charAt(0).toUpperCase()}${w.charAt(0).toLowerCase()}]${w.slice(1)}`).join('|');
}

const LABELS = ci([
  'père', 'mère', 'parents', 'parent', 'nom de naissance', 'nom de famille', 'nom de jeune fille', "nom d['’]usage", 'nom',
  'prénoms', 'prénom', 'enfants', 'enfant', 'fils', 'fille', 'époux', 'épouse', 'conjointe', 'conjoint', 'titulaire', 'défunte',
  'défunt', 'demandeuse', 'demandeur', 'témoins', 'témoin', 'nom et prénom', 'nom, prénom',
]).replace(/ /g, `${H}+`);

const RELATIVES = [
  'mari', 'femme', 'épouse', 'époux', 'fils', 'fille', 'père', 'mère', 'frère', 'sœur', 'soeur', 'conjoint', 'conjointe',
  'compagnon', 'compagne', 'voisin', 'voisine', 'enfant', 'oncle', 'tante', 'grand-père', 'grand-mère', 'petit-fils',
  'petite-fille', 'beau-père', 'belle-mère', 'cousin', 'cousine', 'neveu', 'nièce', 'ami', 'amie', 'avocat', 'avocate',
].join('|');

const CUES: readonly RegExp[] = [
  new RegExp(`(?<![\\p{L}])${CIVILITY}${H}+(${NAME})`, 'gu'),
  new RegExp(`(?<![\\p{L}])(?:${LABELS})${H}*:${H}*(${NAME_LIST})`, 'gu'),
  new RegExp(`(?<![\\p{L}])(?:${ci(["je m['’]appelle", 'je me nomme', 'mon nom est'])})${H}+(${NAME})`, 'gu'),
  // Relatives and neighbours: "mon mari Marc-Antoine Dos Santos", "ma fille Emma".
  new RegExp(`(?<![\\p{L}])(?:${ci(['mon', 'ma', 'notre'])})${H}+(?:${RELATIVES})${H}*,?${H}*(${NAME})`, 'gu'),
  // A name alone on the line after a closing formula: the signature.
  new RegExp(
    `(?:${ci(['cordialement', 'bien cordialement', 'sincèrement', 'salutations', 'bien à vous', 'respectueusement', 'merci', 'merci beaucoup', 'bonne journée', 'bonne soirée'])})[ \\t,.!]*\\r?\\n(?:${H}*\\r?\\n)?${H}*(${NAME})${H}*(?=\\r?\\n|$)`,
    'gu',
  ),
];

/** Names introduced by a cue, each as its span in the text. */
export function cuedNames(text: string): NameHit[] {
  const hits: NameHit[] = [];
  for (const re of CUES) {
    for (const m of matchesOf(re, text)) {
      const list = m[1]!;
      const listStart = m.index + m[0].lastIndexOf(list);
      // A list ("Alain et Josette Dupont") is one span: the people are named together.
      const folded = canonical(foldKey(list));
      const first = nameTokens(folded)[0];
      if (first === undefined || FUNCTION_WORDS.has(first)) continue;
      hits.push({ start: listStart, end: listStart + list.length, folded });
    }
  }
  return hits;
}

/** Start of a capitalised word just before `at`, unless that word opens a sentence. */
function precedingName(text: string, at: number): number | null {
  const m = /(\p{Lu}[\p{L}'’-]*\p{L})[ \t\u00a0]+$/u.exec(text.slice(Math.max(0, at - 40), at));
  if (!m) return null;
  const start = at - m[0].length;
  const lead = text.slice(0, start).trimEnd();
  if (lead === '' || /[.!?:;\n«"—–-]$/.test(lead)) return null;
  if (FUNCTION_WORDS.has(foldKey(m[1]!)) || new RegExp(`^${CIVILITY}$`, 'u').test(m[1]!)) return null;
  return start;
}

function spelledAs(original: string, variant: NameVariant): boolean {
  const norm = (t: string) => t.toLowerCase().replace(/[’‘ʼ]/g, "'").replace(/[\s-]+/g, ' ');
  return variant.spellings.some((sp) => norm(sp) === norm(original));
}

/** Short names ("Vu", "Lê", "Roy") count only spelt exactly as in the journal, or in capitals. */
function spelledRight(original: string, variant: NameVariant): boolean {
  const capitals = original.length > 1 && original === original.toUpperCase();
  return variant.folded.length > 3 || capitals || variant.spellings.includes(original);
}

/**
 * A one-word name alone: spelt right, and when it is an ordinary word (Petit, Rose) only after a
 * civility or a label, or in capitals.
 */
function bareNameAllowed(original: string, start: number, text: string, variant: NameVariant): boolean {
  if (!spelledRight(original, variant)) return false;
  if (!COMMON_WORDS.has(variant.folded)) return true;
  if (original.length > 1 && original === original.toUpperCase()) return true;
  const before = text.slice(Math.max(0, start - 16), start);
  return new RegExp(`(?:${CIVILITY}|:)${H}*$`, 'u').test(before);
}
