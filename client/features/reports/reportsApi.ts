import type { ReportDimension, ReportSeries, ReportSummary } from '../../../shared/reports.js';
import { apiRequest, query } from '../../app/api.js';

export interface Period {
  from: string;
  to: string;
}

export function summaryPath(period: Period, by: ReportDimension, format?: 'csv'): string {
  return `/api/reports/summary${query({ ...period, by, format })}`;
}

export function seriesPath(period: Period, bucket: 'day' | 'week', format?: 'csv'): string {
  return `/api/reports/series${query({ ...period, bucket, format })}`;
}

export const fetchSummary = (period: Period, by: ReportDimension, signal: AbortSignal) =>
  apiRequest<ReportSummary>('GET', summaryPath(period, by), undefined, { signal });

export const fetchSeries = (period: Period, bucket: 'day' | 'week', signal: AbortSignal) =>
  apiRequest<ReportSeries>('GET', seriesPath(period, bucket), undefined, { signal });
