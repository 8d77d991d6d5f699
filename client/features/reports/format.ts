import type { ReportFigures } from '../../../shared/reports.js';

export type Figure = Exclude<keyof ReportFigures, 'key'>;

const RATIOS = new Set<Figure>(['serviceLevel', 'abandonmentRate', 'surveyResponseRate', 'switchRate']);
const MINUTES = new Set<Figure>(['firstResponseMedian', 'firstResponseP90', 'resolutionMedian', 'resolutionP90']);

/** Business minutes as "45 min" or "3 h 05". */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
}

export function formatFigure(figure: Figure, value: number | null, locale: string): string {
  if (value === null) return '—';
  if (RATIOS.has(figure)) return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (MINUTES.has(figure)) return formatMinutes(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
