// What Guichet's own tests check for accessibility, screen by screen: the source of the
// accessibility statement (/accessibilite). audit-coverage.test.ts reads the browser tests and
// fails when this list and the tests part ways (a screen listed whose test no longer audits it,
// a test auditing a screen not listed), so the statement says what the tests do, no more.

export type Lang = 'fr' | 'en';
type Words = Record<Lang, string>;

export interface AuditedScreen {
  screen: Words;
  /** The browser test (e2e/) that runs axe-core's WCAG 2.1 A/AA rules on it. */
  test: string;
  /** The same test drives it with the keyboard alone (Tab, arrows, Enter, Escape). */
  keyboard: boolean;
}

export const AUDITED_SCREENS: readonly AuditedScreen[] = [
  { screen: { fr: 'Connexion, boîte de réception, conversation et fiche citoyen', en: 'Sign-in, inbox, conversation and citizen file' }, test: 'e2e/console.e2e.test.ts', keyboard: true },
  { screen: { fr: 'Boîte de réception, conversation et tableau de bord à 1440, 1280 et 390 px de large', en: 'Inbox, conversation and board at 1440, 1280 and 390 px wide' }, test: 'e2e/working-day.e2e.test.ts', keyboard: false },
  { screen: { fr: 'Recherche de citoyens et de messages', en: 'Citizen and message search' }, test: 'e2e/search.e2e.test.ts', keyboard: true },
  { screen: { fr: 'Fusion de fiches en double', en: 'Merging duplicate records' }, test: 'e2e/citizen-merge.e2e.test.ts', keyboard: false },
  { screen: { fr: 'Bibliothèque de réponses et son sélecteur dans la réponse', en: 'Answer library and its picker in the reply' }, test: 'e2e/answers.e2e.test.ts', keyboard: true },
  { screen: { fr: 'Mentions : sélecteur « @ » et cloche', en: 'Mentions: the “@” picker and the bell' }, test: 'e2e/mentions.e2e.test.ts', keyboard: true },
  { screen: { fr: 'Supervision en direct', en: 'Live supervision board' }, test: 'e2e/supervisor.e2e.test.ts', keyboard: false },
  { screen: { fr: 'Rapports et leurs graphiques', en: 'Reports and their charts' }, test: 'e2e/reports.e2e.test.ts', keyboard: false },
  { screen: { fr: 'Relecture des conversations et parcours de formation', en: 'Conversation replay and training courses' }, test: 'e2e/replay.e2e.test.ts', keyboard: true },
  { screen: { fr: 'Administration du personnel', en: 'Staff administration' }, test: 'e2e/admin.e2e.test.ts', keyboard: false },
  { screen: { fr: 'Déclaration d’accessibilité, en français et en anglais', en: 'This accessibility statement, in French and English' }, test: 'e2e/accessibility-statement.e2e.test.ts', keyboard: false },
  { screen: { fr: 'Widget de discussion des citoyens, fermé et ouvert, en français et en anglais', en: 'Citizens’ chat widget, closed and open, in French and English' }, test: 'e2e/widget.e2e.test.ts', keyboard: true },
];

/** Known gaps, said plainly: what the tests do not prove, or what is not conformant yet. */
export const NOT_YET_CONFORMANT: readonly Words[] = [
  {
    fr: 'Aucun audit RGAA complet par une personne experte n’a encore été mené : les tests automatiques ne couvrent qu’une partie des critères (contrastes, noms accessibles, structure, rôles ARIA, langue, formulaires).',
    en: 'No full RGAA audit by an expert has been made yet: automated tests cover part of the criteria only (contrast, accessible names, structure, ARIA roles, language, forms).',
  },
  {
    fr: 'Les pièces jointes et courriels HTML reçus des citoyens sont affichés tels qu’envoyés : leur accessibilité dépend de leur auteur.',
    en: 'Attachments and HTML emails received from citizens are shown as sent: their accessibility depends on their author.',
  },
  {
    fr: 'Les graphiques des rapports ont une alternative en tableau, mais leurs couleurs n’ont pas été testées avec des personnes daltoniennes.',
    en: 'Report charts have a table alternative, but their colours have not been tested with colour-blind people.',
  },
  {
    fr: 'Les enregistrements d’appels n’ont pas de transcription.',
    en: 'Call recordings have no transcript.',
  },
];

/** The WCAG tags the browser tests run (e2e/accessibility.ts), and the best-practice rule added. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** When the statement was last brought up to date with the tests (ISO date). */
export const STATEMENT_UPDATED = '2026-12-04';
