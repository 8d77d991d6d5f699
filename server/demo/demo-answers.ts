import { chooseVariant, fillPlaceholders, placeholderValues } from '../../shared/answer-text.js';
import { AnswerId, type Answer, type AnswerContent } from '../../shared/answers.js';
import type { AnswerUse, Channel } from '../../shared/index.js';
import type { Store } from '../domain/ports.js';
import { DEMO_AGENTS } from './demo-directory.js';
import { HOLDING, QUESTIONS, SCENARIOS } from './demo-scenarios.js';
import { TOWN } from './demo-text.js';

// The demo town hall's answer library: one answer per kind of request (written from the very
// sentence its staff use in the demo history, so the history is "written from the library"), the
// generic replies, a few answers the history never uses, and English versions of the most asked.
// Every answer has its three variants, with the placeholders live use fills.

const SUPERVISOR = DEMO_AGENTS.nadia.id;
const DAY = 86_400_000;

const SCENARIO_ANSWERS: Record<string, { title: string; theme: string }> = {
  'acte-naissance': { title: 'Acte de naissance : demande en ligne ou au guichet', theme: 'État civil' },
  passeport: { title: 'Passeport : prise de rendez-vous', theme: 'État civil' },
  'carte-identite': { title: 'Carte d’identité : pré-demande et timbre fiscal', theme: 'État civil' },
  mariage: { title: 'Mariage : dossier et délai de dépôt', theme: 'État civil' },
  pacs: { title: 'PACS : enregistrement en mairie', theme: 'État civil' },
  deces: { title: 'Acte de décès : copies gratuites', theme: 'État civil' },
  'permis-construire': { title: 'Permis de construire : dépôt en ligne et conseil', theme: 'Urbanisme' },
  'declaration-prealable': { title: 'Déclaration préalable de travaux', theme: 'Urbanisme' },
  encombrants: { title: 'Encombrants : collecte sur rendez-vous', theme: 'Déchets' },
  'bac-collecte': { title: 'Bac de collecte abîmé ou volé', theme: 'Déchets' },
  'depot-sauvage': { title: 'Dépôt sauvage : signalement', theme: 'Déchets' },
  cantine: { title: 'Cantine scolaire : inscription et tarifs', theme: 'Enfance et écoles' },
  bruit: { title: 'Nuisances sonores : démarches', theme: 'Tranquillité publique' },
  stationnement: { title: 'Stationnement gênant : signalement', theme: 'Tranquillité publique' },
  'liste-electorale': { title: 'Inscription sur les listes électorales', theme: 'Élections' },
  salle: { title: 'Location d’une salle municipale', theme: 'Vie associative' },
  eclairage: { title: 'Éclairage public en panne', theme: 'Voirie' },
};

const QUESTION_TITLES = [
  'Démarche à distance ou en personne',
  'Horaires d’ouverture de la mairie',
  'Démarche gratuite',
  'Documents envoyés en photo',
  'Délai de traitement habituel',
];
const HOLDING_TITLES = ['Accusé de réception : transmis au service', 'Accusé de réception : dossier en cours'];

const LINKS = {
  servicePublic: { label: 'Service-public.fr', url: 'https://www.service-public.fr/' },
  ants: { label: 'ANTS — titres d’identité', url: 'https://ants.gouv.fr/' },
  urbanisme: { label: 'Guichet numérique des autorisations d’urbanisme', url: 'https://www.service-public.fr/particuliers/vosdroits/R52221' },
  elections: { label: 'Vérifier son inscription électorale', url: 'https://www.service-public.fr/particuliers/vosdroits/demarches-et-outils/ISE' },
};

function linksFor(key: string): AnswerContent['links'] {
  if (key === 'passeport' || key === 'carte-identite') return [LINKS.ants];
  if (key === 'permis-construire' || key === 'declaration-prealable') return [LINKS.urbanisme];
  if (key === 'liste-electorale') return [LINKS.elections];
  return [LINKS.servicePublic];
}

const plain = (text: string) => text.replace(/\*\*/g, '');
const lowerFirst = (s: string) => (/^[A-ZÀ-Ý][a-zà-ÿ’' ]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** The three variants of one reply: the full email, the short message, what is said on the phone. */
function variantsOf(body: string): AnswerContent['variants'] {
  const text = plain(body);
  return {
    email: `Bonjour {{citoyen.nom}},\n\n${text}\n\nBien cordialement,\n\n{{agent.nom}}\n{{service.nom}} — ${TOWN}`,
    short: `Bonjour {{citoyen.nom}}, ${lowerFirst(text)}`,
    phone: text,
  };
}

interface DemoAnswer {
  id: AnswerId;
  content: AnswerContent;
  /** The sentence of the demo history this answer was written from, if any. */
  source?: string;
  /** An earlier wording, kept as version 1 (the library's history shows an edit). */
  earlier?: AnswerContent['variants'];
}

function fr(id: string, title: string, theme: string, body: string, links: AnswerContent['links'] = [LINKS.servicePublic]): DemoAnswer {
  return { id: AnswerId.parse(`ans_${id}`), content: { title, theme, language: 'fr', variants: variantsOf(body), links, archived: false } };
}

function en(id: string, of: string, title: string, theme: string, body: string): DemoAnswer {
  const text = plain(body);
  return {
    id: AnswerId.parse(`ans_${id}`),
    content: {
      title,
      theme,
      language: 'en',
      group: AnswerId.parse(`ans_${of}`),
      variants: {
        email: `Dear {{citoyen.nom}},\n\n${text}\n\nKind regards,\n\n{{agent.nom}}\n{{service.nom}} — ${TOWN}`,
        short: `Hello {{citoyen.nom}}, ${text}`,
        phone: text,
      },
      links: [LINKS.servicePublic],
      archived: false,
    },
  };
}

function buildLibrary(): DemoAnswer[] {
  const answers: DemoAnswer[] = [];
  for (const scenario of SCENARIOS) {
    const meta = SCENARIO_ANSWERS[scenario.key];
    const body = scenario.answer[0];
    // An answer naming one request's reference or date is that request's, not the library's.
    if (!meta || !body || body.includes('{')) continue;
    answers.push({ ...fr(scenario.key, meta.title, meta.theme, body, linksFor(scenario.key)), source: body });
  }
  QUESTIONS.forEach(([, reply], i) => answers.push({ ...fr(`question-${i + 1}`, QUESTION_TITLES[i] ?? `Question ${i + 1}`, 'Accueil', reply), source: reply }));
  HOLDING.forEach((reply, i) => answers.push({ ...fr(`attente-${i + 1}`, HOLDING_TITLES[i] ?? `Attente ${i + 1}`, 'Accueil', reply), source: reply }));

  // The identity card answer was corrected once: the fee for a lost card used to read 20 €.
  const card = answers.find((a) => a.id === 'ans_carte-identite');
  if (card?.source) card.earlier = variantsOf(card.source.replace('25 €', '20 €'));

  answers.push(
    fr('recensement-citoyen', 'Recensement citoyen à 16 ans', 'État civil', 'Le recensement se fait dans les trois mois qui suivent les 16 ans, en ligne ou à l’accueil avec le livret de famille et une pièce d’identité. L’attestation remise est demandée pour les examens et le permis de conduire.'),
    fr('inscription-scolaire', 'Inscription à l’école maternelle ou élémentaire', 'Enfance et écoles', 'L’inscription scolaire se fait au service Enfance de janvier à mars, avec le livret de famille, un justificatif de domicile de moins de 3 mois et le carnet de vaccinations.'),
    fr('jours-collecte', 'Jours de collecte des ordures ménagères', 'Déchets', 'Les ordures ménagères sont collectées le lundi et le jeudi, les emballages le mercredi des semaines paires. Sortez vos bacs la veille au soir après 19 h.'),
    fr('ccas-aide', 'Aide sociale : orientation vers le CCAS', 'Solidarités', 'Le CCAS vous reçoit sur rendez-vous du lundi au vendredi de 9 h à 12 h pour étudier votre situation (aide alimentaire, aide aux factures, domiciliation).'),
    fr('objets-trouves', 'Objets trouvés', 'Accueil', 'Les objets trouvés sur la commune sont conservés à l’accueil de la mairie pendant un an. Présentez-vous avec une pièce d’identité et une description de l’objet.'),
    fr('horaires-ete', 'Horaires d’été de la mairie', 'Accueil', 'Du 14 juillet au 15 août, la mairie est ouverte du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h ; l’accueil du samedi matin est fermé.'),
    en('question-2-en', 'question-2', 'Town hall opening hours', 'Accueil', 'The front desk is open on Saturdays from 9 am to 12 noon, and Monday to Friday from 8:30 am to 5:30 pm.'),
    en('acte-naissance-en', 'acte-naissance', 'Birth certificate: online or at the desk', 'État civil', 'You can apply online on service-public.fr (“Birth certificate”): it is free and the certificate is posted to you within a few days. You can also come to the registry office desk with an identity document.'),
    en('encombrants-en', 'encombrants', 'Bulky waste: collection by appointment', 'Déchets', 'Bulky items are collected by appointment on the first Wednesday of the month. You can also take them free of charge to the recycling centre, open Tuesday to Saturday.'),
  );
  return answers;
}

const LIBRARY = buildLibrary();
const BY_SOURCE = new Map(LIBRARY.filter((a) => a.source !== undefined).map((a) => [a.source!, a]));

/** How many answers the demo library holds (its tests and the seed's log). */
export const DEMO_ANSWER_COUNT = LIBRARY.length;

/** Writes the library, dated before the history starts; edited answers get their earlier version first. */
export async function seedDemoAnswers(store: Store, historyStart: Date): Promise<void> {
  const written = new Date(historyStart.getTime() - 30 * DAY);
  for (const a of LIBRARY) {
    let version = 1;
    if (a.earlier) {
      await store.saveAnswerVersion({ ...a.content, variants: a.earlier, id: a.id, version, at: written.toISOString(), by: SUPERVISOR });
      version += 1;
    }
    await store.saveAnswerVersion({ ...a.content, id: a.id, version, at: new Date(written.getTime() + (version - 1) * 7 * DAY).toISOString(), by: SUPERVISOR });
  }
}

export interface LibraryReply {
  text: string;
  answer: AnswerUse;
}

/**
 * The reply an agent sends from the library when the history's sentence is one of its answers:
 * the channel's variant, filled as the composer fills it. Null for sentences of one request only.
 */
export function libraryReply(body: string, channel: Channel, ctx: { citizenName: string; agentName: string; service: string; at: Date }): LibraryReply | null {
  const found = BY_SOURCE.get(body);
  if (!found) return null;
  const values = placeholderValues({ citizenName: ctx.citizenName, agentName: ctx.agentName, queueName: ctx.service, now: ctx.at, language: 'fr' });
  const choice = chooseVariant(found.content.variants, channel, (t) => fillPlaceholders(t, values).text);
  if (!choice) return null;
  return { text: choice.text, answer: { answerId: found.id, version: found.earlier ? 2 : 1 } };
}

/** The library as written (tests). */
export function demoLibrary(): readonly Answer[] {
  return LIBRARY.map((a) => ({ ...a.content, id: a.id, version: a.earlier ? 2 : 1, at: '', by: SUPERVISOR }));
}
