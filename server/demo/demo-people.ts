import { FICTION_BLOCKS } from '../domain/fictitious.js';
import { createRng, deriveSeed, type Rng } from './prng.js';

export type Gender = 'f' | 'm';

/** A demo citizen's identity card: who they are and how they can reach the town hall. */
export interface DemoPerson {
  key: string;
  firstName: string;
  lastName: string;
  gender: Gender;
  displayName: string;
  email?: string;
  /** E.164, as telephony and WhatsApp providers deliver it. */
  phone?: string;
  /** Same number as `phone`: a WhatsApp id is the holder's number. */
  whatsapp?: string;
  /** Page-scoped id, as Meta's Messenger webhooks send it. */
  messenger?: string;
  /** The widget's session id, kept in the visitor's browser so later chats thread. */
  webchat?: string;
  address: string;
}

// Names as they are spread in France today: old rural families, post-war immigration
// (Italy, Spain, Portugal, Maghreb, West Africa, Vietnam), and current first-name fashions.
const FIRST_NAMES: readonly (readonly [string, Gender])[] = [
  ['Marie', 'f'], ['Nathalie', 'f'], ['Isabelle', 'f'], ['Sylvie', 'f'], ['Catherine', 'f'], ['Françoise', 'f'],
  ['Monique', 'f'], ['Christiane', 'f'], ['Valérie', 'f'], ['Sandrine', 'f'], ['Céline', 'f'], ['Aurélie', 'f'],
  ['Émilie', 'f'], ['Julie', 'f'], ['Camille', 'f'], ['Manon', 'f'], ['Chloé', 'f'], ['Léa', 'f'], ['Inès', 'f'],
  ['Sarah', 'f'], ['Jade', 'f'], ['Louise', 'f'], ['Alice', 'f'], ['Lina', 'f'], ['Yasmine', 'f'], ['Fatima', 'f'],
  ['Nadia', 'f'], ['Samira', 'f'], ['Leïla', 'f'], ['Aïcha', 'f'], ['Awa', 'f'], ['Fatoumata', 'f'], ['Aminata', 'f'],
  ['Mariama', 'f'], ['Ana', 'f'], ['Sofia', 'f'], ['Giulia', 'f'], ['Carmen', 'f'], ['Thi Lan', 'f'], ['Mai', 'f'],
  ['Hélène', 'f'], ['Brigitte', 'f'], ['Josiane', 'f'], ['Agnès', 'f'], ['Maëlle', 'f'], ['Océane', 'f'], ['Anaïs', 'f'],
  ['Zoé', 'f'], ['Clémence', 'f'], ['Margaux', 'f'], ['Noémie', 'f'], ['Rose', 'f'], ['Ambre', 'f'], ['Myriam', 'f'],
  ['Jean', 'm'], ['Michel', 'm'], ['Philippe', 'm'], ['Alain', 'm'], ['Patrick', 'm'], ['Bernard', 'm'], ['Christophe', 'm'],
  ['Stéphane', 'm'], ['Laurent', 'm'], ['Frédéric', 'm'], ['Olivier', 'm'], ['Nicolas', 'm'], ['Julien', 'm'],
  ['Sébastien', 'm'], ['Thomas', 'm'], ['Maxime', 'm'], ['Antoine', 'm'], ['Hugo', 'm'], ['Lucas', 'm'], ['Gabriel', 'm'],
  ['Louis', 'm'], ['Raphaël', 'm'], ['Arthur', 'm'], ['Jules', 'm'], ['Adam', 'm'], ['Mohamed', 'm'], ['Karim', 'm'],
  ['Mehdi', 'm'], ['Rachid', 'm'], ['Youssef', 'm'], ['Bilal', 'm'], ['Samir', 'm'], ['Mamadou', 'm'], ['Moussa', 'm'],
  ['Ibrahima', 'm'], ['Ousmane', 'm'], ['João', 'm'], ['José', 'm'], ['Manuel', 'm'], ['Marco', 'm'], ['Paolo', 'm'],
  ['Minh', 'm'], ['Duc', 'm'], ['Gérard', 'm'], ['Daniel', 'm'], ['René', 'm'], ['Yves', 'm'], ['Didier', 'm'],
  ['Pascal', 'm'], ['Thierry', 'm'], ['Cédric', 'm'], ['Kévin', 'm'], ['Loïc', 'm'], ['Yannick', 'm'], ['Erwan', 'm'],
  ['Mathis', 'm'], ['Noah', 'm'], ['Timothée', 'm'], ['Benoît', 'm'], ['François', 'm'], ['Jean-Pierre', 'm'], ['Jean-Luc', 'm'],
];

const LAST_NAMES: readonly string[] = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent',
  'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefèvre',
  'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc',
  'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont',
  'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire',
  'Duval', 'Joly', 'Gautier', 'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier', 'Jean', 'Perez', 'Marchand',
  'Dufour', 'Blanchard', 'Marie', 'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin', 'Fernandez',
  'Pierre', 'Renard', 'Arnaud', 'Rolland', 'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois', 'Renaud',
  'Le Gall', 'Le Goff', 'Kerbrat', 'Le Bihan', 'Étienne', 'Hoarau', 'Payet', 'Benali', 'Haddad', 'Belkacem', 'Bouzid',
  'Cherif', 'Mansouri', 'Amrani', 'El Idrissi', 'Benmoussa', 'Ziani', 'Traoré', 'Diallo', 'Koné', 'Coulibaly', 'Diop',
  'Ndiaye', 'Sow', 'Camara', 'Mendy', 'Da Silva', 'Pereira', 'Ferreira', 'Rodrigues', 'Dos Santos', 'Oliveira', 'Costa',
  'Rossi', 'Russo', 'Bianchi', 'Esposito', 'Romano', 'Tran', 'Pham', 'Lê', 'Hoang', 'Vu', 'Weber', 'Klein', 'Wagner',
  'Kowalski', 'Nowak', 'Yilmaz', 'Kaya', 'Demir', "N'Diaye", 'Lemoine', 'Marty', 'Carré', 'Baron', 'Besnard', 'Chauvin',
];

// Invented people get addresses that reach nobody: domains under the reserved names (RFC 2606),
// spread the way French inboxes are spread across providers.
const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['courriel.example', 22], ['webmail.example', 26], ['boite.example', 12], ['poste.example', 9], ['messagerie.example', 8],
  ['fai.example', 8], ['mobile.example', 6], ['portail.example', 5], ['famille.test', 4], ['nuage.example', 3], ['box.example', 2],
  ['secure.example', 1],
];
const STREETS: readonly string[] = [
  'rue de la République', 'rue Victor-Hugo', 'avenue Jean-Jaurès', 'rue des Tilleuls', 'allée des Châtaigniers',
  'chemin du Moulin', 'rue Pasteur', 'place de l’Église', 'rue du Stade', 'impasse des Lilas', 'boulevard Gambetta',
  'rue Jules-Ferry', 'route de Nantes', 'rue des Écoles', 'rue Saint-Exupéry', 'résidence Les Hortensias',
  'rue du 8-Mai-1945', 'avenue de la Gare', 'rue Aristide-Briand', 'lotissement Le Clos Fleuri',
];

/** Folds a name into an email local part: no accents, no spaces or apostrophes. */
export function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z-]/g, '');
}

function emailFor(rng: Rng, first: string, last: string): string {
  const f = emailPart(first);
  const l = emailPart(last);
  const year = String(rng.int(52, 99)).padStart(2, '0');
  const local = rng.weighted<string>([
    [`${f}.${l}`, 40],
    [`${f}${l}`, 12],
    [`${f[0] ?? 'x'}.${l}`, 10],
    [`${l}.${f}`, 8],
    [`${f}.${l}${year}`, 10],
    [`${f}_${l}`, 5],
    [`${f}.${l}${rng.int(1, 99)}`, 8],
    [`${f[0] ?? 'x'}${l}${rng.int(10, 99)}`, 7],
  ]);
  return `${local}@${rng.weighted(EMAIL_DOMAINS)}`;
}

/** A French mobile that rings nobody: E.164 in ARCEP's fiction block, +33 6 39 98 xx xx. */
export function frenchMobile(rng: Rng): string {
  return `+33${FICTION_BLOCKS.mobile}${rng.digits(4)}`;
}

function messengerId(rng: Rng): string {
  return `${rng.int(1, 9)}${rng.digits(15)}`;
}

function webchatId(rng: Rng): string {
  return `wcs_${rng.hex(20)}`;
}

export function addressFor(rng: Rng): string {
  return `${rng.int(1, 140)}${rng.chance(0.1) ? ' bis' : ''} ${rng.pick(STREETS)}`;
}

/**
 * One person. `unique` holds the identities already given out: a (kind, value) pair belongs to
 * one citizen, so a collision would silently merge two demo people into one.
 */
export function makePerson(rng: Rng, key: string, unique: Set<string>): DemoPerson {
  const [firstName, gender] = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const person: DemoPerson = { key, firstName, lastName, gender, displayName: `${firstName} ${lastName}`, address: addressFor(rng) };
  const take = (kind: string, make: () => string): string => {
    for (;;) {
      const value = make();
      if (!unique.has(`${kind}:${value}`)) {
        unique.add(`${kind}:${value}`);
        return value;
      }
    }
  };
  const hasEmail = rng.chance(0.88);
  const hasPhone = rng.chance(0.85) || !hasEmail;
  if (hasEmail) person.email = take('email', () => emailFor(rng, firstName, lastName));
  if (hasPhone) {
    person.phone = take('phone', () => frenchMobile(rng));
    if (rng.chance(0.4)) person.whatsapp = person.phone;
  }
  if (rng.chance(0.2)) person.messenger = take('messenger', () => messengerId(rng));
  if (rng.chance(0.3)) person.webchat = take('webchat', () => webchatId(rng));
  return person;
}

/** The demo population. Independent of the clock, so the simulator gets the same people back. */
export function generateDemoPeople(opts: { seed: number; count: number }): DemoPerson[] {
  const unique = new Set<string>();
  const people: DemoPerson[] = [];
  for (let i = 0; i < opts.count; i++) {
    const key = `c${String(i + 1).padStart(3, '0')}`;
    people.push(makePerson(createRng(deriveSeed(opts.seed, 'person', i)), key, unique));
  }
  return people;
}
