import { FIGURE_COLUMNS, type FigureColumn, type ReportFigures, type ReportLocale } from '../../../shared/reports.js';

/**
 * How a CSV is written for a reader. English is the form the exports always had (comma, decimal
 * point, the API's field names), which scripts may parse. French is what a French spreadsheet
 * opens into columns on a double click: Excel and LibreOffice in a French locale split on `;` and
 * read `0,5` as a number, since the comma is their decimal separator.
 */
export interface CsvForm {
  separator: ',' | ';';
  decimal: '.' | ',';
  /** The header cell of each column. */
  title(column: string): string;
  /** A group's key as the reader knows it (a channel's, a queue's or an agent's name). */
  keyName(key: string): string;
}

/** One CSV cell (RFC 4180), with spreadsheet formula injection neutralised: a key is citizen-free but may be a queue name. */
function cell(value: string | number | null, form: CsvForm): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value).replace('.', form.decimal) : value;
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  // Either separator is quoted in text, but a French number's decimal comma is no separator there.
  const quote = typeof value === 'string' ? /[",;\r\n]/ : /[";\r\n]/;
  return quote.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV table: the leading columns, then every figure, one row per record; CRLF line ends. */
export function figuresCsv<T extends ReportFigures>(lead: readonly (keyof T & string)[], records: readonly T[], form: CsvForm = ENGLISH_CSV): string {
  const header = [...lead, ...FIGURE_COLUMNS].map((c) => cell(form.title(c), form)).join(form.separator);
  const lines = records.map((r) =>
    [...lead.map((k) => cell(k === 'key' ? form.keyName(r.key) : (r[k] as string | number | null), form)), ...FIGURE_COLUMNS.map((k) => cell(r[k], form))].join(form.separator),
  );
  return [header, ...lines].join('\r\n') + '\r\n';
}

export const ENGLISH_CSV: CsvForm = { separator: ',', decimal: '.', title: (c) => c, keyName: (k) => k };

/**
 * French column titles: the console's table headers (client/locales/fr.json, reports.figures),
 * with the unit of the raw value where the table shows it formatted (minutes, shares 0 to 1).
 */
export const FRENCH_FIGURE_TITLES: Readonly<Record<FigureColumn, string>> = {
  conversations: 'Conversations',
  resolved: 'Résolues',
  firstResponseMedian: '1re réponse (médiane) — minutes ouvrées',
  firstResponseP90: '1re réponse (90e centile) — minutes ouvrées',
  resolutionMedian: 'Résolution (médiane) — minutes ouvrées',
  resolutionP90: 'Résolution (90e centile) — minutes ouvrées',
  serviceLevel: 'Niveau de service (1re réponse) — part de 0 à 1',
  resolutionServiceLevel: 'Niveau de service (résolution) — part de 0 à 1',
  breaches: 'Délais dépassés',
  chatsAbandoned: 'Chats abandonnés',
  missedCallsNotCalledBack: 'Appels manqués non rappelés',
  abandonmentRate: 'Taux d’abandon — part de 0 à 1',
  surveysSent: 'Enquêtes envoyées',
  surveysAnswered: 'Réponses',
  satisfaction: 'Satisfaction (sur 5)',
  surveyResponseRate: 'Taux de réponse — part de 0 à 1',
  citizens: 'Usagers',
  contactsPerCitizen: 'Contacts par usager',
  channelSwitches: 'Changements de canal',
  switchRate: 'Conversations multicanal — part de 0 à 1',
};

/** The keys every report may hold besides queue and agent ids, as the console names them (reports.keys). */
export const FRENCH_KEY_NAMES: Readonly<Record<string, string>> = {
  total: 'Total',
  unassigned: 'Non attribuées',
  email: 'E-mail',
  phone: 'Téléphone',
  webchat: 'Chat web',
  messenger: 'Messenger',
  whatsapp: 'WhatsApp',
  instagram: 'Instagram',
  telegram: 'Telegram',
};

const FRENCH_LEAD_TITLES = { channel: 'Canal', queue: 'File', agent: 'Agent', day: 'Jour', week: 'Semaine' } as const;

/**
 * The French form of one export. `lead` names what the leading columns hold (the key's dimension,
 * the series' time step); `names` are the queues' and agents' names by id, unknown ids kept.
 */
export function frenchCsv(lead: { key: 'channel' | 'queue' | 'agent'; bucket?: 'day' | 'week' }, names: ReadonlyMap<string, string> = new Map()): CsvForm {
  return {
    separator: ';',
    decimal: ',',
    title: (c) =>
      c === 'key' ? FRENCH_LEAD_TITLES[lead.key] : c === 'bucket' ? FRENCH_LEAD_TITLES[lead.bucket ?? 'day'] : (FRENCH_FIGURE_TITLES[c as FigureColumn] ?? c),
    keyName: (k) => FRENCH_KEY_NAMES[k] ?? names.get(k) ?? k,
  };
}

export function csvForm(locale: ReportLocale, lead: Parameters<typeof frenchCsv>[0], names?: ReadonlyMap<string, string>): CsvForm {
  return locale === 'fr' ? frenchCsv(lead, names) : ENGLISH_CSV;
}
