import { REPORT_LOCALES, type ReportDimension, type ReportLocale, type ReportSeries, type ReportSummary } from '../../../shared/reports.js';
import type { AnswerReport } from '../../../shared/answers.js';
import { apiRequest, query } from '../../app/api.js';

export interface Period {
  from: string;
  to: string;
}

/** A download as the console speaks: its language picks the CSV's separator, decimals and titles. */
export interface CsvDownload {
  format: 'csv';
  locale: ReportLocale;
}

/** The CSV form for the console's language ("fr-FR" → fr); French, the console's first language, otherwise. */
export function csvDownload(language: string): CsvDownload {
  const base = language.toLowerCase().split('-')[0];
  return { format: 'csv', locale: (REPORT_LOCALES as readonly string[]).includes(base ?? '') ? (base as ReportLocale) : 'fr' };
}

export function summaryPath(period: Period, by: ReportDimension, download?: CsvDownload): string {
  return `/api/reports/summary${query({ ...period, by, ...download })}`;
}

export function seriesPath(period: Period, bucket: 'day' | 'week', download?: CsvDownload): string {
  return `/api/reports/series${query({ ...period, bucket, ...download })}`;
}

export const fetchSummary = (period: Period, by: ReportDimension, signal: AbortSignal) =>
  apiRequest<ReportSummary>('GET', summaryPath(period, by), undefined, { signal });

export const fetchSeries = (period: Period, bucket: 'day' | 'week', signal: AbortSignal) =>
  apiRequest<ReportSeries>('GET', seriesPath(period, bucket), undefined, { signal });

export const fetchAnswerReport = (period: Period, signal: AbortSignal) =>
  apiRequest<AnswerReport>('GET', `/api/reports/answers${query({ ...period })}`, undefined, { signal });
