import type { ReportFigures } from '../../../shared/reports.js';
import type { AxisKind } from './chartMath.js';

export type Figure = Exclude<keyof ReportFigures, 'key'>;

const RATIOS = new Set<Figure>(['serviceLevel', 'resolutionServiceLevel', 'abandonmentRate', 'surveyResponseRate', 'switchRate']);
const MINUTES = new Set<Figure>(['firstResponseMedian', 'firstResponseP90', 'resolutionMedian', 'resolutionP90']);
const NUMBERS = new Set<Figure>(['satisfaction', 'contactsPerCitizen']);

/** What a figure measures: a share, business minutes, the 1–5 score, a ratio of counts or a count. */
export function figureKind(figure: Figure): AxisKind {
  if (RATIOS.has(figure)) return 'ratio';
  if (MINUTES.has(figure)) return 'minutes';
  if (figure === 'satisfaction') return 'score';
  if (NUMBERS.has(figure)) return 'number';
  return 'count';
}

/** Business minutes as "45 min" or "3 h 05". */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
}

/** A figure as shown in the tables and charts; missing (null, or absent from an older server) as "—". */
export function formatFigure(figure: Figure, value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (RATIOS.has(figure)) return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (MINUTES.has(figure)) return formatMinutes(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
