import type { Channel } from '../../../shared/index.js';
import type { ReportDimension, ReportFigures, ReportSummary, SeriesPoint } from '../../../shared/reports.js';
import type { ReportRow } from './report-row.js';
import { mean, percentileSorted, ratio } from './stats.js';

/**
 * First-response targets in business minutes, per channel: the service level of conversations
 * whose queue sets no target of its own (those carry due times from `sla.set`).
 */
export type ResponseTargets = Readonly<Record<Channel, number>>;

export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = {
  phone: 1,
  webchat: 3,
  whatsapp: 60,
  messenger: 60,
  instagram: 60,
  telegram: 60,
  email: 480,
};

/** Running totals for one group; `finish` turns them into figures. */
class Accumulator {
  conversations = 0;
  resolved = 0;
  firstResponse: number[] = [];
  resolution: number[] = [];
  withinTarget = 0;
  judged = 0;
  resolvedInTime = 0;
  resolutionJudged = 0;
  breaches = 0;
  chatsAbandoned = 0;
  missedCalls = 0;
  surveysSent = 0;
  surveysAnswered = 0;
  scoreSum = 0;
  citizens = new Set<string>();
  switches = 0;
  switched = 0;

  add(row: ReportRow, targets: ResponseTargets): void {
    this.conversations += 1;
    if (row.resolvedAt !== null) this.resolved += 1;
    if (row.firstResponseMinutes !== null) this.firstResponse.push(row.firstResponseMinutes);
    if (row.resolutionMinutes !== null) this.resolution.push(row.resolutionMinutes);
    this.judgeFirstResponse(row, targets);
    if (row.resolutionDueAt !== null) {
      const inTime = !row.resolutionBreached && row.resolvedAt !== null && row.resolvedAt <= row.resolutionDueAt;
      if (inTime || row.resolutionBreached || row.resolvedAt !== null) this.resolutionJudged += 1;
      if (inTime) this.resolvedInTime += 1;
    }
    if (row.firstResponseBreached) this.breaches += 1;
    if (row.resolutionBreached) this.breaches += 1;
    if (row.chatAbandoned) this.chatsAbandoned += 1;
    if (row.missedCallPending) this.missedCalls += 1;
    if (row.surveySent) this.surveysSent += 1;
    if (row.surveyScore !== null) {
      this.surveysAnswered += 1;
      this.scoreSum += row.surveyScore;
    }
    this.citizens.add(row.citizenId);
    this.switches += row.channelSwitches;
    if (row.channelSwitches > 0) this.switched += 1;
  }

  /**
   * With a due time, a conversation counts once answered (in time unless breached or answered
   * after it: a breach event can trail a late reply by one SLA round) or once breached; still
   * waiting within its target, it is not judged yet. Without one, its channel's default target.
   */
  private judgeFirstResponse(row: ReportRow, targets: ResponseTargets): void {
    if (row.firstResponseDueAt !== null) {
      if (!row.firstResponseBreached && row.firstResponseAt === null) return;
      this.judged += 1;
      if (!row.firstResponseBreached && row.firstResponseAt !== null && row.firstResponseAt <= row.firstResponseDueAt) this.withinTarget += 1;
    } else if (row.firstResponseMinutes !== null) {
      this.judged += 1;
      if (row.firstResponseMinutes <= targets[row.channel]) this.withinTarget += 1;
    }
  }

  finish(key: string): ReportFigures {
    const fr = this.firstResponse.sort((a, b) => a - b);
    const rs = this.resolution.sort((a, b) => a - b);
    return {
      key,
      conversations: this.conversations,
      resolved: this.resolved,
      firstResponseMedian: percentileSorted(fr, 50),
      firstResponseP90: percentileSorted(fr, 90),
      resolutionMedian: percentileSorted(rs, 50),
      resolutionP90: percentileSorted(rs, 90),
      serviceLevel: ratio(this.withinTarget, this.judged),
      resolutionServiceLevel: ratio(this.resolvedInTime, this.resolutionJudged),
      breaches: this.breaches,
      chatsAbandoned: this.chatsAbandoned,
      missedCallsNotCalledBack: this.missedCalls,
      abandonmentRate: ratio(this.chatsAbandoned + this.missedCalls, this.conversations),
      surveysSent: this.surveysSent,
      surveysAnswered: this.surveysAnswered,
      satisfaction: mean(this.scoreSum, this.surveysAnswered),
      surveyResponseRate: ratio(this.surveysAnswered, this.surveysSent),
      citizens: this.citizens.size,
      contactsPerCitizen: mean(this.conversations, this.citizens.size),
      channelSwitches: this.switches,
      switchRate: ratio(this.switched, this.conversations),
    };
  }
}

function keyOf(row: ReportRow, by: ReportDimension): string {
  if (by === 'channel') return row.channel;
  if (by === 'queue') return row.queueId;
  return row.assigneeId ?? 'unassigned';
}

/** Figures per channel, queue or agent (sorted by key), and over all rows. */
export function summarize(rows: readonly ReportRow[], by: ReportDimension, targets: ResponseTargets = DEFAULT_RESPONSE_TARGETS): ReportSummary {
  const groups = new Map<string, Accumulator>();
  const total = new Accumulator();
  for (const row of rows) {
    const key = keyOf(row, by);
    let acc = groups.get(key);
    if (!acc) groups.set(key, (acc = new Accumulator()));
    acc.add(row, targets);
    total.add(row, targets);
  }
  return {
    by,
    groups: [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, acc]) => acc.finish(key)),
    total: total.finish('total'),
  };
}

/**
 * Figures per time bucket and channel ("total" included), in bucket order: the time-series charts.
 * `bucketOf` maps an openedAt to its bucket's first day.
 */
export function series(rows: readonly ReportRow[], bucketOf: (openedAt: string) => string, targets: ResponseTargets = DEFAULT_RESPONSE_TARGETS): SeriesPoint[] {
  const byBucket = new Map<string, Map<string, Accumulator>>();
  for (const row of rows) {
    const bucket = bucketOf(row.openedAt);
    let groups = byBucket.get(bucket);
    if (!groups) byBucket.set(bucket, (groups = new Map()));
    for (const key of [row.channel, 'total']) {
      let acc = groups.get(key);
      if (!acc) groups.set(key, (acc = new Accumulator()));
      acc.add(row, targets);
    }
  }
  const points: SeriesPoint[] = [];
  for (const bucket of [...byBucket.keys()].sort()) {
    const groups = byBucket.get(bucket)!;
    for (const key of [...groups.keys()].sort()) points.push({ bucket, ...groups.get(key)!.finish(key) });
  }
  return points;
}
