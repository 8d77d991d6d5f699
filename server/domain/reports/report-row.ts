import { callOwesCallback, foldFacts, openingFacts, type AgentId, type Channel, type CitizenId, type ConversationFacts, type ConversationId, type JournalEvent, type QueueId } from '../../../shared/index.js';

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
  // A merge or unmerge moves the row to the other record and changes no figure (nor the seq the
  // figures were folded to, so an unmerge gives back the very same row).
  if (event.type === 'conversation.moved') return { ...before, citizenId: event.payload.toCitizenId };
  const was = factsOf(before);
  const facts = foldFacts(was, event);
  const row: ReportRow = {
    ...before,
    lastSeq: event.seq,
    // Figures are attributed to the agent who had it last, so an unassignment keeps them.
    assigneeId: facts.assigneeId ?? before.assigneeId,
    firstResponseAt: facts.firstResponseAt,
    resolvedAt: facts.resolvedAt,
    calendarId: facts.calendarId,
    firstResponseDueAt: facts.firstResponseDueAt,
    resolutionDueAt: facts.resolutionDueAt,
    firstResponseBreached: facts.firstResponseBreachedAt !== null,
    resolutionBreached: facts.resolutionBreachedAt !== null,
    channelSwitches: facts.channelSwitches,
    lastChannel: facts.lastChannel,
    chatAbandoned: chatAbandoned(facts, before.channel),
    missedCallPending: missedCallPending(before.missedCallPending, event),
  };
  // The calendar is journaled just after the opening, sometimes after a quick first reply:
  // durations already measured are counted again in it.
  const recount = facts.calendarId !== was.calendarId;
  if (facts.firstResponseAt !== was.firstResponseAt || recount) row.firstResponseMinutes = minutesTo(row, facts.firstResponseAt, measure);
  if (facts.resolvedAt !== was.resolvedAt || recount) row.resolutionMinutes = minutesTo(row, facts.resolvedAt, measure);
  if (event.type === 'survey.sent') row.surveySent = true;
  if (event.type === 'survey.answered') {
    row.surveySent = true;
    row.surveyScore = event.payload.score;
  }
  return row;
}

/**
 * The shared facts as a row holds them. The row keeps whether a target was breached, not when:
 * any instant reads back as "breached". What it does not keep at all (waiting, channels, status
 * beyond resolved) is filled with the opening's values, which no fact it keeps reads.
 */
function factsOf(row: ReportRow): ConversationFacts {
  return {
    ...openingFacts(row.openedAt, row.channel),
    status: row.resolvedAt !== null ? 'resolved' : 'open',
    assigneeId: row.assigneeId,
    lastChannel: row.lastChannel,
    channelSwitches: row.channelSwitches,
    firstResponseAt: row.firstResponseAt,
    resolvedAt: row.resolvedAt,
    firstResponseDueAt: row.firstResponseDueAt,
    resolutionDueAt: row.resolutionDueAt,
    calendarId: row.calendarId,
    firstResponseBreachedAt: row.firstResponseBreached ? row.openedAt : null,
    resolutionBreachedAt: row.resolutionBreached ? row.openedAt : null,
  };
}

/** A web chat resolved with no response: the citizen left it (or was left) unanswered. */
function chatAbandoned(facts: ConversationFacts, channel: Channel): boolean {
  return channel === 'webchat' && facts.resolvedAt !== null && facts.firstResponseAt === null;
}

/**
 * "Missed calls not called back", the reports' own measure: whether staff returned the call, so
 * any outbound call settles it, answered or not, and resolving without one does not. It differs
 * on purpose from the call-back owed to the citizen (conversation-facts.ts).
 */
function missedCallPending(pending: boolean, event: JournalEvent): boolean {
  if (event.type === 'message.received' || event.type === 'message.sent') {
    const m = event.payload.message;
    if (m.author.kind === 'system' || m.kind !== 'call') return pending;
    if (m.direction === 'outbound') return false;
    return m.call !== undefined && callOwesCallback('inbound', m.call.outcome) ? true : pending;
  }
  if (event.type !== 'call.updated') return pending;
  const { direction, call, previousOutcome } = event.payload;
  if (direction === 'outbound') return false;
  if (callOwesCallback('inbound', call.outcome)) return true;
  return callOwesCallback('inbound', previousOutcome) ? false : pending;
}

function minutesTo(row: ReportRow, at: string | null, measure: MeasureMinutes): number | null {
  return at === null ? null : measure(row.openedAt, at, row.calendarId);
}
