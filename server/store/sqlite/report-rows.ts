import type BetterSqlite3 from 'better-sqlite3';
import type { AgentId, Channel, CitizenId, ConversationId, JournalEvent, QueueId } from '../../../shared/index.js';
import { foldReportRow, type MeasureMinutes, type ReportRow } from '../../domain/reports/report-row.js';
import type { ReportRowQuery } from '../../domain/ports.js';

interface Row {
  conversation_id: string;
  citizen_id: string;
  queue_id: string;
  channel: string;
  assignee_id: string | null;
  opened_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  first_response_minutes: number | null;
  resolution_minutes: number | null;
  calendar_id: string | null;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  first_response_breached: number;
  resolution_breached: number;
  channel_switches: number;
  last_channel: string;
  chat_abandoned: number;
  missed_call_pending: number;
  survey_sent: number;
  survey_score: number | null;
  last_seq: number;
}

const COLUMNS = `conversation_id, citizen_id, queue_id, channel, assignee_id, opened_at, first_response_at, resolved_at,
  first_response_minutes, resolution_minutes, channel_switches, last_channel, chat_abandoned, missed_call_pending,
  survey_sent, survey_score, last_seq, calendar_id, first_response_due_at, resolution_due_at, first_response_breached,
  resolution_breached`;

function fromRow(r: Row): ReportRow {
  return {
    conversationId: r.conversation_id as ConversationId,
    citizenId: r.citizen_id as CitizenId,
    queueId: r.queue_id as QueueId,
    channel: r.channel as Channel,
    assigneeId: r.assignee_id as AgentId | null,
    openedAt: r.opened_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    firstResponseMinutes: r.first_response_minutes,
    resolutionMinutes: r.resolution_minutes,
    channelSwitches: r.channel_switches,
    lastChannel: r.last_channel as Channel,
    chatAbandoned: r.chat_abandoned === 1,
    missedCallPending: r.missed_call_pending === 1,
    surveySent: r.survey_sent === 1,
    surveyScore: r.survey_score,
    lastSeq: r.last_seq,
    calendarId: r.calendar_id,
    firstResponseDueAt: r.first_response_due_at,
    resolutionDueAt: r.resolution_due_at,
    firstResponseBreached: r.first_response_breached === 1,
    resolutionBreached: r.resolution_breached === 1,
  };
}

/** A raw result row, in COLUMNS order. */
function fromArray(a: unknown[]): ReportRow {
  return {
    conversationId: a[0] as ConversationId,
    citizenId: a[1] as CitizenId,
    queueId: a[2] as QueueId,
    channel: a[3] as Channel,
    assigneeId: a[4] as AgentId | null,
    openedAt: a[5] as string,
    firstResponseAt: a[6] as string | null,
    resolvedAt: a[7] as string | null,
    firstResponseMinutes: a[8] as number | null,
    resolutionMinutes: a[9] as number | null,
    channelSwitches: a[10] as number,
    lastChannel: a[11] as Channel,
    chatAbandoned: a[12] === 1,
    missedCallPending: a[13] === 1,
    surveySent: a[14] === 1,
    surveyScore: a[15] as number | null,
    lastSeq: a[16] as number,
    calendarId: a[17] as string | null,
    firstResponseDueAt: a[18] as string | null,
    resolutionDueAt: a[19] as string | null,
    firstResponseBreached: a[20] === 1,
    resolutionBreached: a[21] === 1,
  };
}

function toRow(r: ReportRow): Row {
  return {
    conversation_id: r.conversationId,
    citizen_id: r.citizenId,
    queue_id: r.queueId,
    channel: r.channel,
    assignee_id: r.assigneeId,
    opened_at: r.openedAt,
    first_response_at: r.firstResponseAt,
    resolved_at: r.resolvedAt,
    first_response_minutes: r.firstResponseMinutes,
    resolution_minutes: r.resolutionMinutes,
    channel_switches: r.channelSwitches,
    last_channel: r.lastChannel,
    chat_abandoned: r.chatAbandoned ? 1 : 0,
    missed_call_pending: r.missedCallPending ? 1 : 0,
    survey_sent: r.surveySent ? 1 : 0,
    survey_score: r.surveyScore,
    last_seq: r.lastSeq,
    calendar_id: r.calendarId,
    first_response_due_at: r.firstResponseDueAt,
    resolution_due_at: r.resolutionDueAt,
    first_response_breached: r.firstResponseBreached ? 1 : 0,
    resolution_breached: r.resolutionBreached ? 1 : 0,
  };
}

export interface ReportRowsTable {
  readonly name: 'reports';
  apply(event: JournalEvent): void;
  clear(): void;
  list(query: ReportRowQuery): ReportRow[];
}

export function reportRowsTable(db: BetterSqlite3.Database, measure: MeasureMinutes): ReportRowsTable {
  const get = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM report_rows WHERE conversation_id = ?`);
  const put = db.prepare<[Row]>(
    `INSERT OR REPLACE INTO report_rows (${COLUMNS}) VALUES (@conversation_id, @citizen_id, @queue_id, @channel,
      @assignee_id, @opened_at, @first_response_at, @resolved_at, @first_response_minutes, @resolution_minutes,
      @channel_switches, @last_channel, @chat_abandoned, @missed_call_pending, @survey_sent, @survey_score, @last_seq,
      @calendar_id, @first_response_due_at, @resolution_due_at, @first_response_breached, @resolution_breached)`,
  );
  // Raw arrays: building 100k keyed row objects only to copy them costs more than the scan itself.
  const range = db
    .prepare<[string, string], unknown[]>(`SELECT ${COLUMNS} FROM report_rows WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at, conversation_id`)
    .raw(true);
  return {
    name: 'reports',
    apply(event) {
      if (event.conversationId === undefined) return;
      const stored = get.get(event.conversationId);
      const before = stored ? fromRow(stored) : undefined;
      const after = foldReportRow(before, event, measure);
      if (after && after !== before) put.run(toRow(after));
    },
    clear() {
      db.exec('DELETE FROM report_rows');
    },
    list(query) {
      const rows = range.all(query.from, query.to).map(fromArray);
      if (!query.queueIds) return rows;
      const allowed = new Set<string>(query.queueIds);
      return rows.filter((r) => allowed.has(r.queueId));
    },
  };
}
