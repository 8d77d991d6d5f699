import type { AgentId, Channel, CitizenId, ConversationId, JournalEvent, QueueId } from '../../../shared/index.js';

/**
 * One conversation as the reports see it: the reporting projection's row. Durations are measured
 * when the row is folded (not when a report is asked for), so a report over 100k conversations
 * is a scan of numbers, not 100k calendar walks.
 */
export interface ReportRow {
  conversationId: ConversationId;
  citizenId: CitizenId;
  queueId: QueueId;
  /** The channel the conversation was opened on: the one its volumes count under. */
  channel: Channel;
  /** Agent assigned last; null while nobody took it. Figures are attributed to them. */
  assigneeId: AgentId | null;
  openedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  /** Business minutes from opening to the first outbound message; null before it. */
  firstResponseMinutes: number | null;
  /** Business minutes from opening to the (last) resolution; null while unresolved. */
  resolutionMinutes: number | null;
  /** Calendar the durations are counted in (journal `sla.set`); null: the deployment's default. */
  calendarId: string | null;
  /** Service-level due times (journal `sla.set`); null when the queue sets no target. */
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  /** Targets missed (journal `sla.breached`). */
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  /** How often consecutive citizen/agent messages changed channel: the omnichannel signal. */
  channelSwitches: number;
  /** Channel of the last message, to count the next switch. */
  lastChannel: Channel;
  /** A web chat the citizen left (resolved or closed) with no agent reply. */
  chatAbandoned: boolean;
  /** An inbound call missed (missed, voicemail, abandoned) and not followed by an outbound call. */
  missedCallPending: boolean;
  surveySent: boolean;
  /** 1–5 once the citizen answered. */
  surveyScore: number | null;
  /** Last seq folded into the row: the per-row idempotency guard. */
  lastSeq: number;
}

/**
 * Business minutes between two instants in the named calendar (null: the deployment's default).
 * The reports take it as a function so the projection does not depend on how opening hours are
 * configured; `elapsedMinutes` is the fallback.
 */
export type MeasureMinutes = (fromIso: string, toIso: string, calendarId: string | null) => number;

export const elapsedMinutes: MeasureMinutes = (from, to) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));

const MISSED = new Set(['missed', 'voicemail', 'abandoned']);

/** A conversation's row as it opens: nothing answered, resolved, measured or surveyed yet. */
export function newReportRow(opened: Pick<ReportRow, 'conversationId' | 'citizenId' | 'queueId' | 'channel' | 'openedAt' | 'lastSeq'>): ReportRow {
  return {
    ...opened,
    assigneeId: null,
    firstResponseAt: null,
    resolvedAt: null,
    firstResponseMinutes: null,
    resolutionMinutes: null,
    calendarId: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstResponseBreached: false,
    resolutionBreached: false,
    channelSwitches: 0,
    lastChannel: opened.channel,
    chatAbandoned: false,
    missedCallPending: false,
    surveySent: false,
    surveyScore: null,
  };
}

/**
 * Folds one journal event into a conversation's report row. Returns `before` unchanged (same
 * object) for events that do not concern it or were already folded, so adapters can skip writes.
 */
export function foldReportRow(before: ReportRow | undefined, event: JournalEvent, measure: MeasureMinutes): ReportRow | undefined {
  if (event.conversationId === undefined) return before;
  if (before && event.seq <= before.lastSeq) return before;
  if (event.type === 'conversation.opened') {
    // Staff events carry no citizen; a conversation always has one, so this only guards the type.
    if (before || !event.citizenId) return before;
    return newReportRow({
      conversationId: event.conversationId,
      citizenId: event.citizenId,
      queueId: event.payload.queueId,
      channel: event.payload.channel,
      openedAt: event.at,
      lastSeq: event.seq,
    });
  }
  if (!before) return before;
  const row: ReportRow = { ...before, lastSeq: event.seq };
  switch (event.type) {
    case 'message.received':
    case 'message.sent': {
      const message = event.payload.message;
      // System messages (the survey itself) are neither a response nor the citizen's channel choice.
      if (message.author.kind === 'system') return row;
      if (message.channel !== row.lastChannel) row.channelSwitches += 1;
      row.lastChannel = message.channel;
      if (message.direction === 'outbound') {
        responded(row, event.at, measure);
        if (message.kind === 'call') row.missedCallPending = false;
        row.chatAbandoned = false;
      } else if (message.kind === 'call' && message.call && MISSED.has(message.call.outcome)) {
        row.missedCallPending = true;
      } else if (message.kind === 'call' && message.call?.outcome === 'answered') {
        // A call an agent picked up is the response (same rule as the conversation and the board).
        responded(row, event.at, measure);
      }
      return row;
    }
    case 'call.updated':
      if (event.payload.direction === 'inbound') {
        const missed = MISSED.has(event.payload.call.outcome);
        if (missed) row.missedCallPending = true;
        else if (MISSED.has(event.payload.previousOutcome)) row.missedCallPending = false;
        if (event.payload.call.outcome === 'answered' && event.payload.previousOutcome !== 'answered') responded(row, event.at, measure);
      } else {
        row.missedCallPending = false;
      }
      return row;
    case 'conversation.assigned':
      row.assigneeId = event.payload.assigneeId ?? row.assigneeId;
      return row;
    case 'conversation.status':
      if (event.payload.status === 'resolved') {
        row.resolvedAt = event.at;
        row.resolutionMinutes = measure(row.openedAt, event.at, row.calendarId);
        row.chatAbandoned = row.channel === 'webchat' && row.firstResponseAt === null;
      } else if (event.payload.previousStatus === 'resolved') {
        // Reopened: the earlier resolution no longer stands.
        row.resolvedAt = null;
        row.resolutionMinutes = null;
        row.chatAbandoned = false;
      }
      return row;
    case 'sla.set':
      row.firstResponseDueAt = event.payload.firstResponseDueAt ?? row.firstResponseDueAt;
      row.resolutionDueAt = event.payload.resolutionDueAt ?? row.resolutionDueAt;
      if (event.payload.calendarId !== undefined && event.payload.calendarId !== row.calendarId) {
        // The calendar is journaled just after the opening, sometimes after a quick first reply:
        // durations already measured are counted again in it.
        row.calendarId = event.payload.calendarId;
        if (row.firstResponseAt !== null) row.firstResponseMinutes = measure(row.openedAt, row.firstResponseAt, row.calendarId);
        if (row.resolvedAt !== null) row.resolutionMinutes = measure(row.openedAt, row.resolvedAt, row.calendarId);
      }
      return row;
    case 'sla.breached':
      if (event.payload.kind === 'first_response') row.firstResponseBreached = true;
      else row.resolutionBreached = true;
      return row;
    case 'survey.sent':
      row.surveySent = true;
      return row;
    case 'survey.answered':
      row.surveySent = true;
      row.surveyScore = event.payload.score;
      return row;
    default:
      return row;
  }
}

/** The first response, once: an outbound message or a call an agent picked up. */
function responded(row: ReportRow, at: string, measure: MeasureMinutes): void {
  if (row.firstResponseAt !== null) return;
  row.firstResponseAt = at;
  row.firstResponseMinutes = measure(row.openedAt, at, row.calendarId);
}
