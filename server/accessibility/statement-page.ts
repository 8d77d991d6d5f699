import { AUDITED_SCREENS, AXE_TAGS, NOT_YET_CONFORMANT, STATEMENT_UPDATED, type Lang } from './audit-coverage.js';

// The accessibility statement French public bodies must publish (RGAA 4.1, "déclaration
// d'accessibilité"), built from what Guichet's own tests check (audit-coverage.ts). Plain HTML,
// no script, so it reads anywhere the console may not.

export interface StatementSettings {
  /** Who runs this Guichet ("Mairie de Lyon"); a neutral wording when unset. */
  entity?: string | undefined;
  /** Where to report a problem: an email address or a web address. */
  contact?: string | undefined;
  /** The version of axe-core the tests run, when known. */
  axeVersion?: string | undefined;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const WORDS = {
  fr: {
    title: 'Déclaration d’accessibilité',
    other: { href: '/accessibilite?lang=en', label: 'English version', lang: 'en' },
    entity: 'La collectivité qui exploite ce Guichet',
    commitment: (e: string) =>
      `${e} s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration s’applique à Guichet : la console des agents, le widget de discussion des citoyens et les pages d’enquête de satisfaction.`,
    statusTitle: 'État de conformité',
    status:
      'Guichet n’a pas encore fait l’objet d’un audit de conformité au RGAA 4.1 : au sens du RGAA, il est donc <strong>non conforme</strong>. En attendant cet audit, chaque modification du logiciel passe les tests automatiques décrits ci-dessous.',
    testsTitle: 'Ce que vérifient les tests du projet',
    testsIntro: (tags: string) =>
      `À chaque modification, un navigateur Chromium sans interface ouvre les écrans suivants et y exécute les règles d’axe-core correspondant au WCAG 2.1 niveaux A et AA (${tags}), plus la règle d’unicité des repères de navigation. Aucune violation n’est admise. Certains écrans sont aussi utilisés au clavier seul.`,
    screen: 'Écran',
    audit: 'Audit automatique WCAG 2.1 AA',
    keyboard: 'Parcours au clavier',
    yes: 'oui',
    no: 'non',
    caption: 'Écrans vérifiés par les tests automatiques',
    gapsTitle: 'Contenus non accessibles ou non vérifiés',
    techTitle: 'Technologies utilisées',
    tech: 'HTML, CSS, JavaScript, WAI-ARIA.',
    envTitle: 'Environnement de test',
    env: (axe: string) => `Chromium sans interface (Debian), axe-core ${axe}, à chaque modification du code (intégration continue).`,
    dateTitle: 'Établissement de cette déclaration',
    date: (d: string) => `Cette déclaration a été établie le ${d}, à partir des tests du projet.`,
    contactTitle: 'Retour d’information et contact',
    contactIntro: 'Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez-nous pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme :',
    contactNone: 'écrivez à l’accueil de votre collectivité, par le canal de votre choix.',
    remedyTitle: 'Voies de recours',
    remedy:
      'Si vous constatez un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service, que vous nous l’avez signalé et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits : par le formulaire en ligne (https://formulaire.defenseurdesdroits.fr/), en contactant le délégué du Défenseur des droits de votre région, ou par courrier gratuit, sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
    dateFormat: 'fr-FR',
  },
  en: {
    title: 'Accessibility statement',
    other: { href: '/accessibilite?lang=fr', label: 'Version française', lang: 'fr' },
    entity: 'The public body running this Guichet',
    commitment: (e: string) =>
      `${e} is committed to making its digital services accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005. This statement applies to Guichet: the agents’ console, the citizens’ chat widget and the satisfaction survey pages.`,
    statusTitle: 'Compliance status',
    status:
      'Guichet has not yet been audited against RGAA 4.1 (the French accessibility framework, based on WCAG 2.1): under RGAA it is therefore <strong>not compliant</strong>. Until that audit, every change to the software passes the automated tests described below.',
    testsTitle: 'What the project’s tests check',
    testsIntro: (tags: string) =>
      `On every change, a headless Chromium browser opens the screens below and runs the axe-core rules of WCAG 2.1 levels A and AA (${tags}) on them, plus the rule that navigation landmarks be unique. No violation is accepted. Some screens are also used with the keyboard alone.`,
    screen: 'Screen',
    audit: 'Automated WCAG 2.1 AA audit',
    keyboard: 'Keyboard walk-through',
    yes: 'yes',
    no: 'no',
    caption: 'Screens checked by the automated tests',
    gapsTitle: 'Content that is not accessible or not checked',
    techTitle: 'Technologies',
    tech: 'HTML, CSS, JavaScript, WAI-ARIA.',
    envTitle: 'Test environment',
    env: (axe: string) => `Headless Chromium (Debian), axe-core ${axe}, on every change to the code (continuous integration).`,
    dateTitle: 'Date of this statement',
    date: (d: string) => `This statement was made on ${d}, from the project’s tests.`,
    contactTitle: 'Feedback and contact',
    contactIntro: 'If you cannot access some content or service, contact us to be directed to an accessible alternative or to get the content in another form:',
    contactNone: 'write to your public body’s front desk, on the channel of your choice.',
    remedyTitle: 'Remedies',
    remedy:
      'If you report an accessibility problem that keeps you from some content or service and do not get a satisfactory answer, you may refer the matter to the Défenseur des droits (the French rights ombudsman): through its online form (https://formulaire.defenseurdesdroits.fr/), through its delegate in your region, or by free post: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
    dateFormat: 'en-GB',
  },
} as const;

function contactHtml(contact: string | undefined, none: string): string {
  if (!contact) return esc(none);
  const href = contact.includes('@') && !/^https?:/i.test(contact) ? `mailto:${contact}` : contact;
  return `<a href="${esc(href)}">${esc(contact)}</a>`;
}

export function statementPage(lang: Lang, settings: StatementSettings = {}): string {
  const w = WORDS[lang];
  const date = new Date(`${STATEMENT_UPDATED}T12:00:00Z`).toLocaleDateString(w.dateFormat, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const rows = AUDITED_SCREENS.map(
    (s) => `<tr><th scope="row">${esc(s.screen[lang])}</th><td>${w.yes}</td><td>${s.keyboard ? w.yes : w.no}</td></tr>`,
  ).join('\n');
  const gaps = NOT_YET_CONFORMANT.map((g) => `<li>${esc(g[lang])}</li>`).join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title} — Guichet</title>
<style>body{font:1.05rem/1.55 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#1d2433;background:#fff}
h1{font-size:1.8rem}h2{font-size:1.3rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #98a2b3;padding:.4rem .6rem;text-align:left;vertical-align:top}thead th{background:#e8eefc}
caption{text-align:left;font-weight:600;margin-bottom:.4rem}a{color:#173ea6}
:focus-visible{outline:3px solid #1f4fd1;outline-offset:2px}header{display:flex;justify-content:flex-end}</style></head>
<body>
<header><a href="${w.other.href}" lang="${w.other.lang}" hreflang="${w.other.lang}">${w.other.label}</a></header>
<main>
<h1>${w.title}</h1>
<p>${esc(w.commitment(settings.entity?.trim() || w.entity))}</p>
<h2>${w.statusTitle}</h2>
<p>${w.status}</p>
<h2>${w.testsTitle}</h2>
<p>${esc(w.testsIntro(AXE_TAGS.join(', ')))}</p>
<table><caption>${w.caption}</caption>
<thead><tr><th scope="col">${w.screen}</th><th scope="col">${w.audit}</th><th scope="col">${w.keyboard}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>${w.gapsTitle}</h2>
<ul>
${gaps}
</ul>
<h2>${w.techTitle}</h2>
<p>${w.tech}</p>
<h2>${w.envTitle}</h2>
<p>${esc(w.env(settings.axeVersion ?? ''))}</p>
<h2>${w.dateTitle}</h2>
<p>${esc(w.date(date))}</p>
<h2>${w.contactTitle}</h2>
<p>${esc(w.contactIntro)} ${contactHtml(settings.contact, w.contactNone)}</p>
<h2>${w.remedyTitle}</h2>
<p>${esc(w.remedy)}</p>
</main>
</body></html>`;
}
