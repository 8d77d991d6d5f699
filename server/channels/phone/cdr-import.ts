import { parse } from 'csv-parse/sync';
import { isSafeLink, SAFE_LINK_RULE } from '../../../shared/index.js';
import type { CallFiled, CallProgressReport, CallStageName } from '../../domain/calls.js';
import { DomainError } from '../../domain/errors.js';
import { zoneOffsetMs } from '../../domain/business-hours/zoned-time.js';

// CDR import (`npm run import:calls FILE.csv`): call logs exported from a PBX, one call per row,
// with a header row. Columns are documented in the README ("Call logs (CSV)"); the common
// Asterisk names are accepted as aliases. A call is keyed by its `call_id`, so importing the same
// file again changes nothing, and a row about a call already reported by a webhook completes it.

export const CDR_COLUMNS = ['call_id', 'direction', 'from', 'to', 'start', 'answer', 'end', 'duration', 'outcome', 'recording_url', 'caller_name'] as const;
type Column = (typeof CDR_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['call_id', 'from', 'to', 'start'];

const ALIASES: Record<string, Column> = {
  uniqueid: 'call_id',
  callid: 'call_id',
  src: 'from',
  source: 'from',
  caller: 'from',
  dst: 'to',
  destination: 'to',
  callee: 'to',
  start_time: 'start',
  answer_time: 'answer',
  answered_at: 'answer',
  end_time: 'end',
  billsec: 'duration',
  talk_time: 'duration',
  disposition: 'outcome',
  status: 'outcome',
  recording: 'recording_url',
  clid: 'caller_name',
};

const OUTCOMES: Record<string, CallStageName> = {
  answered: 'completed',
  completed: 'completed',
  missed: 'missed',
  no_answer: 'missed',
  noanswer: 'missed',
  busy: 'missed',
  failed: 'missed',
  congestion: 'missed',
  canceled: 'missed',
  cancelled: 'missed',
  voicemail: 'voicemail',
  abandoned: 'abandoned',
};

const DIRECTIONS: Record<string, 'inbound' | 'outbound'> = {
  inbound: 'inbound',
  in: 'inbound',
  incoming: 'inbound',
  entrant: 'inbound',
  outbound: 'outbound',
  out: 'outbound',
  outgoing: 'outbound',
  sortant: 'outbound',
};

export class CdrFormatError extends Error {}

/** A row that cannot be imported, by its line in the file (1 is the header). */
export interface RejectedRow {
  line: number;
  reason: string;
}

export interface CdrRow {
  line: number;
  report: CallProgressReport;
}

const key = (raw: string) => raw.trim().toLowerCase().replace(/[\s-]+/g, '_');

function columnOf(header: string): string {
  const k = key(header);
  return ALIASES[k] ?? k;
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A CDR time: ISO 8601 with an offset as is; a local "YYYY-MM-DD HH:MM[:SS]" (what Asterisk
 * writes) in the PBX's time zone, so a French town's export needs no conversion.
 */
export function cdrTime(value: string, timeZone: string): string | null {
  const naive = NAIVE.exec(value.trim());
  if (naive) {
    const [, y, mo, d, h, mi, s] = naive;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
    // The offset at the guessed instant, then again at the corrected one (daylight-saving edges).
    let utc = wall - zoneOffsetMs(wall, timeZone);
    utc = wall - zoneOffsetMs(utc, timeZone);
    return new Date(utc).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value.trim())) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new CdrFormatError(`unknown time zone "${timeZone}" (use an IANA name such as Europe/Paris)`);
  }
}

function rowReport(row: Record<string, string | undefined>, timeZone: string): CallProgressReport {
  const get = (c: Column) => row[c]?.trim() ?? '';
  const time = (c: Column): string | undefined => {
    const raw = get(c);
    if (!raw) return undefined;
    const iso = cdrTime(raw, timeZone);
    if (!iso) throw new DomainError('bad_request', `${c}: "${raw}" is not a date (ISO 8601 or YYYY-MM-DD HH:MM:SS)`);
    return iso;
  };
  const callId = get('call_id');
  if (!callId) throw new DomainError('bad_request', 'call_id is empty');
  if (callId.length > 200) throw new DomainError('bad_request', 'call_id is longer than 200 characters');
  const directionRaw = key(get('direction'));
  const direction = directionRaw ? DIRECTIONS[directionRaw] : 'inbound';
  if (!direction) throw new DomainError('bad_request', `direction: "${get('direction')}" is not inbound or outbound`);
  const start = time('start');
  if (!start) throw new DomainError('bad_request', 'start is empty');
  const answer = time('answer');
  const end = time('end');
  const durationRaw = get('duration');
  const duration = durationRaw === '' ? undefined : Number(durationRaw);
  if (duration !== undefined && !(Number.isInteger(duration) && duration >= 0)) {
    throw new DomainError('bad_request', `duration: "${durationRaw}" is not a whole number of seconds`);
  }
  const outcomeRaw = key(get('outcome'));
  const stage = outcomeRaw ? OUTCOMES[outcomeRaw] : answer ? 'completed' : undefined;
  if (!stage) {
    throw new DomainError('bad_request', outcomeRaw ? `outcome: "${get('outcome')}" is unknown` : 'outcome is empty and the call has no answer time');
  }
  const recording = get('recording_url');
  if (recording && !isSafeLink(recording)) throw new DomainError('bad_request', `recording_url: "${recording.slice(0, 200)}": ${SAFE_LINK_RULE}`);
  const inbound = direction === 'inbound';
  const endedAt = end ?? (duration !== undefined ? new Date(Date.parse(answer ?? start) + duration * 1000).toISOString() : undefined);
  return {
    externalId: callId,
    direction,
    citizenNumber: inbound ? get('from') : get('to'),
    townNumber: inbound ? get('to') : get('from'),
    stage,
    at: endedAt ?? start,
    startedAt: start,
    answeredAt: stage === 'completed' || stage === 'voicemail' ? answer : undefined,
    endedAt,
    durationSec: duration,
    recordingUrl: recording || undefined,
    callerName: get('caller_name') || undefined,
  };
}

/** Parses a CDR file into call reports, setting aside (with their line) the rows that are wrong. */
export function parseCdr(text: string, options: { timeZone: string }): { rows: CdrRow[]; rejected: RejectedRow[] } {
  assertTimeZone(options.timeZone);
  let headerColumns: string[] = [];
  let records: { record: Record<string, string | undefined>; info: { lines: number; empty_lines: number; error?: unknown } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => {
        headerColumns = header.map(columnOf);
        return headerColumns;
      },
      info: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (err) {
    throw new CdrFormatError(`the file is not readable CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  const missing = REQUIRED.filter((c) => !headerColumns.includes(c));
  if (headerColumns.length > 0 && missing.length > 0) {
    throw new CdrFormatError(`the header row lacks ${missing.join(', ')} (columns: ${CDR_COLUMNS.join(', ')})`);
  }
  const rows: CdrRow[] = [];
  const rejected: RejectedRow[] = [];
  // csv-parse reports the line a record ends on; a record starts after the previous one and any
  // blank lines skipped in between (the header is line 1).
  let previousEnd = 1;
  let previousEmpty = 0;
  for (const { record, info } of records) {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    if (info.error) {
      rejected.push({ line, reason: `expected ${headerColumns.length} columns, found ${Object.values(record).filter((v) => v !== undefined).length}` });
      continue;
    }
    try {
      rows.push({ line, report: rowReport(record, options.timeZone) });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      rejected.push({ line, reason: err.message });
    }
  }
  return { rows, rejected };
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
}

/**
 * Imports a CDR file through the same path as the webhooks. A row the domain refuses (a number
 * that is not one) is reported with its line; any other failure (the store) stops the import,
 * and running it again resumes where it stopped since imported rows are then unchanged.
 */
export async function importCdr(
  text: string,
  calls: { record(report: CallProgressReport): Promise<CallFiled> },
  options: { timeZone: string },
): Promise<ImportSummary> {
  const { rows, rejected } = parseCdr(text, options);
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, rejected: [...rejected] };
  for (const { line, report } of rows) {
    try {
      const result = await calls.record(report);
      summary[result.status] += 1;
    } catch (err) {
      if (!(err instanceof DomainError) || err.code === 'unavailable') throw err;
      summary.rejected.push({ line, reason: err.message });
    }
  }
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}
