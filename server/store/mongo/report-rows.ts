import type { ReportRowQuery } from '../../domain/ports.js';
import type { ReportRow } from '../../domain/reports/report-row.js';
import type { Collections } from './models.js';

/**
 * Rows opened in the range, in the SQLite adapter's order. A plain range find: FerretDB gives no
 * aggregation guarantees, and the reports aggregate in the domain anyway.
 */
export async function listReportRows(c: Collections, query: ReportRowQuery): Promise<ReportRow[]> {
  const docs = await c.reportRows
    .find({ openedAt: { $gte: query.from, $lt: query.to } })
    .sort({ openedAt: 1, _id: 1 })
    .toArray();
  const allowed = query.queueIds ? new Set<string>(query.queueIds) : null;
  const rows: ReportRow[] = [];
  for (const { _id: _i, _seq: _s, ...row } of docs) {
    if (!allowed || allowed.has(row.queueId)) rows.push(row);
  }
  return rows;
}
