import type { AgentId, QueueId } from '../../../shared/index.js';
import type { ReportQuery, ReportDimension, ReportSeries, ReportSummary } from '../../../shared/reports.js';
import type { JournalStore, ReportRowStore } from '../ports.js';
import { DEFAULT_RESPONSE_TARGETS, series, summarize, type ResponseTargets } from './aggregate.js';
import { addDays, dayOfCache, localMidnight, weekStart } from './period.js';
import type { ReportRow } from './report-row.js';

export type ReportFilter = Omit<ReportQuery, 'format' | 'locale'> & {
  /** Queues the caller may see; undefined means every queue. */
  visibleQueueIds?: readonly QueueId[] | undefined;
};

/** Reads the reporting projection for a period and aggregates it: the figures behind each chart. */
export class ReportService {
  /**
   * The last rows read, with the journal head they were read at. A report page asks for several
   * charts of one period at once; they share one read while nothing new is committed. Also bounded
   * in age, since a MongoDB projection may trail the head it was read at.
   */
  private last: { key: string; head: number; at: number; rows: Promise<ReportRow[]> } | null = null;

  constructor(
    /** The journal's head keys the cache of rows read. */
    private readonly store: Pick<JournalStore, 'headSeq'> & ReportRowStore,
    private readonly targets: ResponseTargets = DEFAULT_RESPONSE_TARGETS,
    private readonly maxAgeMs = 5000,
  ) {}

  async summary(filter: ReportFilter, by: ReportDimension): Promise<ReportSummary> {
    return summarize(await this.rows(filter), by, this.targets);
  }

  async series(filter: ReportFilter, bucket: 'day' | 'week'): Promise<ReportSeries> {
    const dayOf = dayOfCache();
    const weeks = new Map<string, string>();
    const weekOf = (day: string) => weeks.get(day) ?? weeks.set(day, weekStart(day)).get(day)!;
    const bucketOf = bucket === 'day' ? dayOf : (iso: string) => weekOf(dayOf(iso));
    return { bucket, points: series(await this.rows(filter), bucketOf, this.targets) };
  }

  private async rows(filter: ReportFilter): Promise<ReportRow[]> {
    const queueIds = filter.queueId
      ? filter.visibleQueueIds && !filter.visibleQueueIds.includes(filter.queueId)
        ? []
        : [filter.queueId]
      : filter.visibleQueueIds;
    const query = { from: localMidnight(filter.from), to: localMidnight(addDays(filter.to, 1)), ...(queueIds ? { queueIds } : {}) };
    const key = JSON.stringify(query);
    const head = await this.store.headSeq();
    const now = Date.now();
    if (!this.last || this.last.key !== key || this.last.head !== head || now - this.last.at > this.maxAgeMs) {
      const rows = this.store.listReportRows(query);
      this.last = { key, head, at: now, rows };
      // A failed read must not be served to the next caller.
      rows.catch(() => {
        if (this.last?.rows === rows) this.last = null;
      });
    }
    const rows = await this.last.rows;
    const agent: AgentId | undefined = filter.agentId;
    if (!filter.channel && !agent) return rows;
    return rows.filter((r) => (!filter.channel || r.channel === filter.channel) && (!agent || r.assigneeId === agent));
  }
}
