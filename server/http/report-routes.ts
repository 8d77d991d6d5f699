import { Router, type Response } from 'express';
import { SeriesQuery, SummaryQuery } from '../../shared/reports.js';
import type { SessionService } from '../auth/session-service.js';
import { visibleQueues } from '../domain/access.js';
import { parseOrReject } from '../domain/errors.js';
import { figuresCsv } from '../domain/reports/csv.js';
import type { ReportService } from '../domain/reports/report-service.js';
import { agentOf, requireStaff } from './session-middleware.js';

function sendCsv(res: Response, name: string, body: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  // A BOM so spreadsheet software opens the accents (Français, Déchets) as UTF-8.
  res.send(`\uFEFF${body}`);
}

/** One endpoint per chart; `format=csv` gives the same table as a download. */
export function reportRoutes(reports: ReportService, sessions: SessionService): Router {
  const router = Router();

  router.get('/reports/summary', requireStaff(sessions, 'reports:read'), async (req, res) => {
    const { format, by, ...filter } = parseOrReject(SummaryQuery, req.query, 'report query');
    const summary = await reports.summary({ ...filter, visibleQueueIds: visibleQueues(agentOf(res)) }, by);
    if (format === 'csv') return sendCsv(res, `guichet-${by}-${filter.from}-${filter.to}`, figuresCsv(['key'], [...summary.groups, summary.total]));
    res.json(summary);
  });

  router.get('/reports/series', requireStaff(sessions, 'reports:read'), async (req, res) => {
    const { format, bucket, ...filter } = parseOrReject(SeriesQuery, req.query, 'report query');
    const result = await reports.series({ ...filter, visibleQueueIds: visibleQueues(agentOf(res)) }, bucket);
    if (format === 'csv') return sendCsv(res, `guichet-series-${bucket}-${filter.from}-${filter.to}`, figuresCsv(['bucket', 'key'], result.points));
    res.json(result);
  });

  return router;
}
