import type { ReportFigures } from '../../../shared/reports.js';
import { formatDuration } from '../../ui/duration.js';
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

/**
 * Business minutes as every duration of the console reads ("45 min", "3 h 5 min"), rounded to the
 * minute (a median is no deadline to truncate), in hours at most: a business day is not 24 hours.
 */
export function formatMinutes(minutes: number, locale: string): string {
  return formatDuration(Math.round(minutes) * 60, locale, { smallest: 'minute', largest: 'hour' });
}

/** A figure as shown in the tables and charts; missing (null, or absent from an older server) as "—". */
export function formatFigure(figure: Figure, value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (RATIOS.has(figure)) return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (MINUTES.has(figure)) return formatMinutes(value, locale);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
