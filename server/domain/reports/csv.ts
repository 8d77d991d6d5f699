import { FIGURE_COLUMNS, type ReportFigures } from '../../../shared/reports.js';

/** One CSV cell (RFC 4180), with spreadsheet formula injection neutralised: a key is citizen-free but may be a queue name. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV table: the leading columns, then every figure, one row per record; CRLF line ends. */
export function figuresCsv<T extends ReportFigures>(lead: readonly (keyof T & string)[], records: readonly T[]): string {
  const header = [...lead, ...FIGURE_COLUMNS].join(',');
  const lines = records.map((r) => [...lead.map((k) => cell(r[k] as string | number | null)), ...FIGURE_COLUMNS.map((k) => cell(r[k]))].join(','));
  return [header, ...lines].join('\r\n') + '\r\n';
}
