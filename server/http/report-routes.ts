import { Router, type Response } from 'express';
import { seesEveryQueue, type Agent } from '../../shared/index.js';
import { SeriesQuery, SummaryQuery, type ReportDimension, type ReportLocale } from '../../shared/reports.js';
import type { SessionService } from '../auth/session-service.js';
import { parseOrReject } from '../domain/errors.js';
import type { Store } from '../domain/ports.js';
import { csvForm, figuresCsv } from '../domain/reports/csv.js';
import type { ReportService } from '../domain/reports/report-service.js';
import { guardFor } from './route-access.js';
import { agentOf } from './session-middleware.js';

function sendCsv(res: Response, name: string, body: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  // A BOM so spreadsheet software opens the accents (Français, Déchets) as UTF-8.
  res.send(`\uFEFF${body}`);
}

/** Reports count by queue: whoever does not see every queue sees their queues' figures only. */
function reportQueues(viewer: Agent): Agent['queueIds'] | undefined {
  return seesEveryQueue(viewer) ? undefined : viewer.queueIds;
}

/**
 * Queue or agent names by id for a French export, whose reader wants "Accueil", not "que_accueil".
 * The English form keeps ids, as it always had.
 */
async function keyNames(directory: Pick<Store, 'listQueues' | 'listAgents'>, by: ReportDimension, locale: ReportLocale): Promise<Map<string, string>> {
  if (locale !== 'fr' || by === 'channel') return new Map();
  if (by === 'queue') return new Map((await directory.listQueues()).map((q) => [q.id as string, q.name]));
  return new Map((await directory.listAgents()).map((a) => [a.id as string, a.displayName]));
}

/** One endpoint per chart; `format=csv` gives the same table as a download, in the reader's `locale`. */
export function reportRoutes(reports: ReportService, sessions: SessionService, directory: Pick<Store, 'listQueues' | 'listAgents'>): Router {
  const router = Router();
  const guard = guardFor(sessions);

  router.get('/reports/summary', guard('GET /api/reports/summary'), async (req, res) => {
    const { format, locale, by, ...filter } = parseOrReject(SummaryQuery, req.query, 'report query');
    const summary = await reports.summary({ ...filter, visibleQueueIds: reportQueues(agentOf(res)) }, by);
    if (format === 'csv') {
      const form = csvForm(locale, { key: by }, await keyNames(directory, by, locale));
      return sendCsv(res, `guichet-${by}-${filter.from}-${filter.to}`, figuresCsv(['key'], [...summary.groups, summary.total], form));
    }
    res.json(summary);
  });

  router.get('/reports/series', guard('GET /api/reports/series'), async (req, res) => {
    const { format, locale, bucket, ...filter } = parseOrReject(SeriesQuery, req.query, 'report query');
    const result = await reports.series({ ...filter, visibleQueueIds: reportQueues(agentOf(res)) }, bucket);
    if (format === 'csv') return sendCsv(res, `guichet-series-${bucket}-${filter.from}-${filter.to}`, figuresCsv(['bucket', 'key'], result.points, csvForm(locale, { key: 'channel', bucket })));
    res.json(result);
  });

  return router;
}
