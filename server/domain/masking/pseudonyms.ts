import { createHmac } from 'node:crypto';
import { FICTION_BLOCKS } from '../fictitious.js';

// Pseudonyms for one replay. Values derive from a keyed HMAC of (server secret, replay scope,
// real value), so a reload, another instance or a later page of the same replay gives the same
// fake for the same real value, and nobody without the secret can recompute the mapping from a
// guessed value. A real -> fake table per replay keeps two real values from landing on one fake.

const FAKE_EMAIL_DOMAIN = 'exemple.invalid';

// Street and town names that exist nowhere, so a fake address never points at somebody's door.
const FAKE_STREETS = [
  'rue des Pseudonymes',
  'allée de l’Anonymat',
  'avenue de la Fiction',
  'chemin des Masques',
  'place du Secret',
  'impasse Imaginaire',
  'boulevard de l’Exemple',
  'rue du Faux-Semblant',
  'square des Inconnus',
  'route de Nulle-Part',
] as const;
const FAKE_TOWNS = ['Villefictive', 'Bourg-Exemple', 'Saint-Anonyme', 'Pseudonville', 'Masqueville', 'Nulle-sur-Mer'] as const;

export type PhoneKind = 'mobile' | 'other';

function letterLabel(index: number): string {
  // A..Z, then AA, AB...: a replay rarely names more than a handful of people.
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

export class Pseudonyms {
  private readonly key: Buffer;
  private readonly persons = new Map<string, string>();
  private readonly fakes = new Map<string, Map<string, string>>();
  private readonly used = new Set<string>();
  private personCount = 0;

  constructor(secret: string, scope: string) {
    this.key = createHmac('sha256', secret).update(`guichet-replay-mask:${scope}`).digest();
  }

  /** Hex digest of a label under this replay's key. */
  private digest(label: string): Buffer {
    return createHmac('sha256', this.key).update(label).digest();
  }

  /** Decimal digits drawn from the digest; `salt` varies the draw after a collision. */
  private digits(label: string, count: number, salt: number): string {
    let out = '';
    for (let round = 0; out.length < count; round++) {
      for (const byte of this.digest(`${label}#${salt}#${round}`)) {
        // Bytes >= 250 would bias the draw towards 0-5; skip them.
        if (byte < 250) out += String(byte % 10);
        if (out.length === count) break;
      }
    }
    return out;
  }

  private code(label: string, length: number, salt: number): string {
    const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
    let out = '';
    for (const byte of this.digest(`${label}#${salt}`)) {
      out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
    return out;
  }

  /** One fake per real value of a kind, never the same fake for two real values. */
  private unique(kind: string, real: string, make: (salt: number) => string): string {
    let table = this.fakes.get(kind);
    if (!table) {
      table = new Map();
      this.fakes.set(kind, table);
    }
    const known = table.get(real);
    if (known !== undefined) return known;
    for (let salt = 0; ; salt++) {
      const fake = make(salt);
      if (!this.used.has(`${kind}:${fake}`)) {
        this.used.add(`${kind}:${fake}`);
        table.set(real, fake);
        return fake;
      }
    }
  }

  /**
   * "Citoyen A", "Personne B": letters are handed out in order of first appearance, and the
   * replay's own citizens are registered first, so its subject is always A.
   */
  person(key: string, role: 'citizen' | 'person'): string {
    const known = this.persons.get(key);
    if (known !== undefined) return known;
    const label = `${role === 'citizen' ? 'Citoyen' : 'Personne'} ${letterLabel(this.personCount++)}`;
    this.persons.set(key, label);
    return label;
  }

  hasPerson(key: string): boolean {
    return this.persons.has(key);
  }

  /** `key` is the lower-cased address. Owners' addresses read as theirs: citoyen-a@, citoyen-a.2@. */
  email(key: string, owner?: string): string {
    return this.unique('email', key, (salt) => {
      const local = owner
        ? owner.toLowerCase().replace(/[^a-z0-9]+/g, '-') + (salt === 0 ? '' : `.${salt + 1}`)
        : `contact-${this.code(`email:${key}`, 6, salt)}`;
      return `${local}@${FAKE_EMAIL_DOMAIN}`;
    });
  }

  /**
   * National significant number (9 digits, no leading 0) of a fake French number. Drawn from the
   * ranges ARCEP reserves for works of fiction (01 99 00 xx xx, 06 39 98 xx xx): they ring nobody.
   */
  phone(key: string, kind: PhoneKind): string {
    return this.unique('phone', key, (salt) => `${kind === 'mobile' ? FICTION_BLOCKS.mobile : FICTION_BLOCKS.landline}${this.digits(`phone:${key}`, 4, salt)}`);
  }

  /** An opaque id of a social network or chat session. */
  socialId(key: string, kind: string): string {
    return this.unique('social', `${kind}:${key}`, (salt) => `${kind}-masque-${this.code(`social:${kind}:${key}`, 8, salt)}`);
  }

  handle(key: string): string {
    return this.unique('handle', key, (salt) => `@usager_${this.code(`handle:${key}`, 6, salt)}`);
  }

  /** `length` digits; callers put country letters and invalid check digits around them. */
  digitsFor(kind: 'iban' | 'nir', key: string, length: number): string {
    return this.unique(kind, key, (salt) => this.digits(`${kind}:${key}`, length, salt));
  }

  /** "12 chemin des Masques" for the street part of an address (number and street). */
  street(key: string): string {
    return this.unique('street', key, (salt) => {
      const d = this.digits(`street:${key}`, 5, salt);
      const number = (Number(d.slice(0, 3)) % 149) + 1;
      return `${number} ${FAKE_STREETS[Number(d.slice(3, 5)) % FAKE_STREETS.length]!}`;
    });
  }

  /** Postcodes starting 00 do not exist in France. */
  postcode(key: string): string {
    return this.unique('postcode', key, (salt) => `00${this.digits(`postcode:${key}`, 3, salt)}`);
  }

  town(key: string): string {
    return this.unique('town', key, (salt) => {
      const d = this.digits(`town:${key}`, 3, salt);
      const base = FAKE_TOWNS[Number(d) % FAKE_TOWNS.length]!;
      return salt < FAKE_TOWNS.length ? base : `${base}-${salt}`;
    });
  }
}
