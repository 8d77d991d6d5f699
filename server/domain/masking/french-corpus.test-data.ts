// A French test corpus for the masking tests: what citizens of a town hall write, with every kind
// of personal value the replay must hide, and a clean sample that must come out unchanged.

export const SUBJECT = {
  citizenId: 'cit_subject',
  displayName: 'Hélène de La Tour d’Auvergne',
  /** How her e-mail client signs (another spelling of the same person). */
  senderName: 'Helene DE LA TOUR D’AUVERGNE',
  email: 'helene.delatour@orange.fr',
  phoneE164: '+33612345678',
  messenger: '2345678901234567',
  webchat: 'wcs_0a1b2c3d4e5f6a7b8c9d',
};

export const SECOND = {
  citizenId: 'cit_second',
  displayName: 'Jean-Pierre Le Goff',
  email: 'jp.legoff@free.fr',
  phoneE164: '+33298765432',
};

/** One number in every spelling people use; all must map to one fake. */
export const PHONE_SPELLINGS = [
  '06 12 34 56 78',
  '06.12.34.56.78',
  '06-12-34-56-78',
  '0612345678',
  '+33 6 12 34 56 78',
  '+33612345678',
  '+33 (0)6 12 34 56 78',
  '0033 6 12 34 56 78',
  '+33 612 345 678',
  '06 12 34 56 78',
];

export const IBANS = ['FR76 3000 6000 0112 3456 7890 189', 'FR7630004000031234567890143', 'DE89 3704 0044 0532 0130 00'];
export const NIRS = ['2 84 05 75 123 456 78', '184052A12345678', '1 69 12 44 109 001'];

export const ADDRESSES = [
  '12 bis rue de la République, 44150 Saint-Aubin',
  '3 place de l’Église',
  '7 lotissement Le Clos Fleuri',
  '45 avenue Jean-Jaurès',
  '2 rue du 8-Mai-1945',
  '18 Allée des Châtaigniers\n44150 Saint-Aubin',
];

/** Messages over several channels, each holding personal values. */
export const MESSAGES = {
  email: `Madame, Monsieur,

Je m’appelle Hélène de La Tour d’Auvergne et je souhaite obtenir une copie intégrale de mon acte de naissance.
Voici les informations demandées :
- Nom de naissance : DE LA TOUR D’AUVERGNE
- Père : Jean-Claude de La Tour d’Auvergne
- Mère : Aïcha N’Diaye
- Adresse d’envoi : 12 bis rue de la République, 44150 Saint-Aubin
Mon numéro de sécurité sociale : 2 84 05 75 123 456 78.
Vous pouvez me joindre au 06 12 34 56 78 ou par courriel à helene.delatour@orange.fr.

Cordialement,
Hélène de La Tour d’Auvergne`,
  whatsapp: 'Bonjour, c’est Mme de La Tour d’Auvergne. Pour le remboursement, mon IBAN : FR76 3000 6000 0112 3456 7890 189. Mon mari Marc-Antoine Dos Santos peut aussi répondre au +33 7 81 23 45 67.',
  webchat: 'Bonjour, je m’appelle Hélène, session wcs_0a1b2c3d4e5f6a7b8c9d. J’habite 3 place de l’Église depuis mars. Mon compte Messenger : 2345678901234567, Instagram @helene_dlt.',
  voicemail: 'Appel entrant — messagerie vocale : « Bonjour, ici Madame de La Tour, rappelez-moi au 0612345678 ou au fixe 02.40.12.34.56, merci. »',
  agentReply: `Bonjour Madame de La Tour d’Auvergne,

Votre acte de naissance a été posté ce jour au 12 bis rue de la République, 44150 Saint-Aubin.

Bien cordialement,

Camille Martin
Service État civil — Mairie de Saint-Aubin`,
  html: '<p>Madame, Monsieur,</p><p>Je suis <b>Hélène</b> de La Tour d’Auvergne, joignable au <a href="tel:+33612345678">06&nbsp;12&nbsp;34&nbsp;56&nbsp;78</a> ou <a href="mailto:helene.delatour@orange.fr" title="Écrire à Hélène de La Tour d’Auvergne">helene.delatour@orange.fr</a>.</p><ul><li>Adresse : 12 bis rue de la République</li></ul><p>Cordialement,<br>Hélène de La Tour d’Auvergne</p>',
};

/** Values none of which may survive masking, in any field. */
export const REAL_VALUES = [
  'Hélène', 'Helene', 'Tour d’Auvergne', 'TOUR D’AUVERGNE', 'Auvergne', 'helene.delatour', 'orange.fr', 'Aïcha', 'N’Diaye',
  'Jean-Claude', 'Marc-Antoine', 'Dos Santos', 'République', 'Église', 'Clos Fleuri', 'Jean-Jaurès', 'Châtaigniers', '8-Mai-1945',
  '44150', '2345678901234567', 'wcs_0a1b2c3d4e5f6a7b8c9d', 'helene_dlt', '3000 6000', '30006000', '0532 0130', '123 456', '12345678',
  '12 34 56 78', '12.34.56.78', '12-34-56-78', '81 23 45 67', '40 12 34 56', '40.12.34.56', '345 678', 'jp.legoff', 'Le Goff',
];

/**
 * Ordinary administrative French, with words that are also names (petit, blanc, Rose, Pierre),
 * dates, amounts, references, street names without a number, a title after "Monsieur": nothing
 * here is personal, so masking must return it unchanged.
 */
export const CLEAN_SAMPLE = `Madame, Monsieur,

Pierre angulaire de notre service public, l’accueil de la mairie est ouvert du lundi au vendredi de 8 h 30 à 17 h 30.
Rose des vents et blason de la ville figurent sur le nouveau livret d’accueil. Un petit rappel : le bac jaune est collecté
le mardi, le bac blanc le jeudi. Monsieur le Maire et Madame la Directrice générale des services vous remercient.
La demande n° 25 12345 du 14/03/1987 a été enregistrée ; le dossier PC 044 168 25 00042 est en cours d’instruction.
Le montant dû est de 1 200,50 € (soit 12 % de plus qu’en 2024), à régler avant le 31/12/2025 à 23 h 59.
Rendez-vous rue de la République, place de l’Église ou avenue de la Gare : les travaux durent 2 à 3 semaines.
Pour toute question, consultez service-public.fr ou le site de l’ANTS (pré-demande 7TQ2M8ZK1P).
Les Hortensias, Le Clos Fleuri et La Roche-sur-Yon sont desservis par la ligne 12.
Vu l’urgence, Martin-pêcheur et Grand Duc ont été observés près du Moulin. Mai sera chaud.
Bien cordialement,
Le service État civil`;

/** Citizens whose names are ordinary words, known to the masker while the clean sample is masked. */
export const COMMON_NAMED_CITIZENS = [
  { citizenId: 'cit_rose', names: ['Rose Petit'], identities: [] },
  { citizenId: 'cit_pierre', names: ['Pierre Blanc'], identities: [] },
  { citizenId: 'cit_vu', names: ['Minh Vu', 'Mai Lê'], identities: [] },
];
