import { foldKey } from './fold.js';
import { fakePhone, PHONE_PATTERN, phoneKey } from './phones.js';
import type { Pseudonyms } from './pseudonyms.js';
import { matchesOf, type Span } from './spans.js';

// Detectors for values that have a shape: addresses, numbers, e-mail. Names are in names.ts.

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

export interface EmailOwners {
  /** Label of the person an address belongs to ("Citoyen A"), when it is a known identity. */
  ownerOf(emailKey: string): string | undefined;
}

export function fakeEmail(p: Pseudonyms, address: string, owners: EmailOwners): string {
  const key = address.trim().toLowerCase();
  return p.email(key, owners.ownerOf(key));
}

export function emailSpans(text: string, p: Pseudonyms, owners: EmailOwners): Span[] {
  return [...matchesOf(EMAIL, text)].map((m) => ({ start: m.index, end: m.index + m[0].length, replace: () => fakeEmail(p, m[0], owners) }));
}

// Profile links carry the handle or the number: facebook.com/jeanne.dupont.75, wa.me/33612345678.
const SOCIAL_URL =
  /(?:https?:\/\/)?(?:www\.|m\.)?(?:facebook\.com|fb\.com|fb\.me|m\.me|instagram\.com|twitter\.com|x\.com|linkedin\.com\/in|tiktok\.com|t\.me|wa\.me|snapchat\.com\/add)\/[^\s<>"')]+/giu;

export function socialUrlSpans(text: string, p: Pseudonyms): Span[] {
  return [...matchesOf(SOCIAL_URL, text)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    replace: () => `https://${p.socialId(m[0].toLowerCase().replace(/^https?:\/\/(www\.|m\.)?/, ''), 'profil')}.exemple.invalid`,
  }));
}

/** Groups of 4 that hold at least one digit, so a following word in capitals is not swallowed. */
const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ \u00a0]?(?=[A-Z]{0,3}\d)[A-Z0-9]{4}){2,7}(?:[ \u00a0]?(?=[A-Z]{0,2}\d)[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/gu;

/** The same characters, separators where the original had them. */
function shapeLike(original: string, alnum: string): string {
  let i = 0;
  let out = '';
  for (const ch of original) {
    if (/[A-Za-z0-9]/.test(ch)) out += alnum[i++] ?? '';
    else out += ch;
  }
  return out;
}

export function ibanSpans(text: string, p: Pseudonyms): Span[] {
  const spans: Span[] = [];
  for (const m of matchesOf(IBAN, text)) {
    const compact = m[0].replace(/[^A-Z0-9]/g, '');
    // Ten digits at least: a reference like "AB12 CDEF GHIJ" is not an account number.
    if ((compact.match(/\d/g)?.length ?? 0) < 10 || compact.length < 15) continue;
    spans.push({
      start: m.index,
      end: m.index + m[0].length,
      // Check digits 00 never validate, so the fake can never be somebody's real account.
      replace: () => shapeLike(m[0], `${compact.slice(0, 2)}00${p.digitsFor('iban', compact, compact.length - 4)}`),
    });
  }
  return spans;
}

/** French social-security number (NIR): sex, year, month, department, commune, order, key. */
const NIR = /(?<![\p{L}\p{N}])[1-478][ .\u00a0]?\d{2}[ .\u00a0]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .\u00a0]?(?:\d{2}|2[ABab])[ .\u00a0]?\d{3}[ .\u00a0]?\d{3}(?:[ .\u00a0]?\d{2})?(?![\p{L}\p{N}])/gu;

export function nirSpans(text: string, p: Pseudonyms): Span[] {
  return [...matchesOf(NIR, text)].map((m) => {
    const compact = m[0].replace(/[^0-9ABab]/g, '').toUpperCase();
    // Keyed on the 13 digits so the number with or without its key maps to the same fake.
    const body = compact.slice(0, 13);
    return {
      start: m.index,
      end: m.index + m[0].length,
      replace: () => {
        const drawn = p.digitsFor('nir', body, 13);
        const sex = Number(drawn[0]) % 2 === 0 ? '2' : '1';
        // Key 00 is never valid (valid keys are 01-97).
        return shapeLike(m[0], `${sex}${drawn.slice(1)}${compact.length > 13 ? '00' : ''}`);
      },
    };
  });
}

export function phoneSpans(text: string, p: Pseudonyms): Span[] {
  const spans: Span[] = [];
  for (const m of matchesOf(PHONE_PATTERN, text)) {
    if (phoneKey(m[0]) === null) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, replace: () => fakePhone(p, m[0]) ?? m[0] });
  }
  return spans;
}

const HANDLE = /(?<![\p{L}\p{N}_.@])@[A-Za-z0-9_.]{1,29}[A-Za-z0-9_](?![\p{L}\p{N}_@])/gu;

export function handleSpans(text: string, p: Pseudonyms): Span[] {
  return [...matchesOf(HANDLE, text)].map((m) => ({ start: m.index, end: m.index + m[0].length, replace: () => p.handle(m[0].toLowerCase()) }));
}

// ---------------------------------------------------------------------------------------------
// Postal addresses: "12 bis rue de la République, 44150 Saint-Aubin", "3 place de l’Église".

/** Case-insensitive on the first letter only: "Rue" and "rue", not "RUe". */
function word(w: string): string {
  const first = w.charAt(0);
  return `[${first.toUpperCase()}${first.toLowerCase()}]${w.slice(1).replace(/\./g, '\\.')}`;
}

const STREET_TYPES = [
  'rue', 'avenue', 'av.', 'bd', 'boulevard', 'place', 'allée', 'allee', 'chemin', 'impasse', 'route', 'rte', 'quai', 'cours',
  'square', 'résidence', 'residence', 'lotissement', 'lieu-dit', 'lieudit', 'hameau', 'voie', 'passage', 'sentier', 'faubourg',
  'cité', 'cite', 'domaine', 'parvis', 'esplanade', 'promenade', 'rond-point', 'villa', 'clos', 'montée', 'ruelle', 'venelle',
  'traverse', 'mail', 'cour', 'square',
].sort((a, b) => b.length - a.length);

const H = '[ \\t\\u00a0]+';
// A capitalised word, or a date-like name ("8-Mai-1945"); never a bare number, which would eat
// the phone number that often follows an address.
const CAP_TOKEN = `(?:\\p{Lu}[\\p{L}\\p{N}'’-]*|\\p{N}+-[\\p{L}\\p{N}'’-]+)`;
const STREET_LINK = `(?:de|du|des|la|le|les|aux?|en|sur|sous|et|à)`;
const STREET_NAME = `(?:${H}(?:${STREET_LINK}${H})*(?:[ldLD]['’])?${CAP_TOKEN}){1,6}`;
const TOWN = `\\p{Lu}[\\p{L}'’-]*(?:[ \\-](?:sur|sous|en|le|la|les|de|du|des|lès|lez|\\p{Lu}[\\p{L}'’-]*))*`;
const POSTCODE_TOWN = `(\\d{5})${H}(${TOWN})`;
const NUMBER = `\\d{1,4}(?:[ \\u00a0]?(?:bis|ter|quater|[A-Da-d]))?`;

const ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])(${NUMBER},?${H}(?:${STREET_TYPES.map(word).join('|')})(?![\\p{L}\\p{N}])${STREET_NAME})(?:\\s*,?\\s*${POSTCODE_TOWN})?`,
  'gu',
);
const LONE_POSTCODE_TOWN = new RegExp(`(?<![\\p{L}\\p{N}])${POSTCODE_TOWN}`, 'gu');

export function addressSpans(text: string, p: Pseudonyms): Span[] {
  const spans: Span[] = [];
  for (const m of matchesOf(ADDRESS, text)) {
    const [whole, street, postcode, town] = m;
    spans.push({
      start: m.index,
      end: m.index + whole.length,
      replace: () => {
        const fakeStreet = p.street(foldKey(street!));
        if (postcode === undefined || town === undefined) return fakeStreet;
        // Keep what stood between the street and the postcode (", " or a line break).
        const between = whole.slice(street!.length, whole.indexOf(postcode, street!.length));
        return `${fakeStreet}${between}${p.postcode(postcode)} ${p.town(foldKey(town))}`;
      },
    });
  }
  for (const m of matchesOf(LONE_POSTCODE_TOWN, text)) {
    const [whole, postcode, town] = m;
    spans.push({ start: m.index, end: m.index + whole.length, replace: () => `${p.postcode(postcode!)} ${p.town(foldKey(town!))}` });
  }
  return spans;
}
