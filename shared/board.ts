import { foldFacts, openingFacts, type ConversationFacts } from './conversation-facts.js';
import type { AgentId, ConversationId, QueueId } from './ids.js';
import type { JournalEvent } from './journal.js';
import type { AgentState, Channel } from './model.js';

// The supervisor board as a fold of the journal. The server keeps one (served as the snapshot on
// connect), the console keeps one (fed by the same pushes as the inbox) and the integration test
// recomputes one from the whole journal: the same function everywhere, so the figures can only
// differ if an event was lost. Figures that depend on the clock (waits, time in state, "today")
// are derived at read time from `now`, never stored, so a fold is a pure function of its events.

/**
 * A conversation on the board: its facts, folded by the rule the conversation and the reports use
 * (conversation-facts.ts), and what the board shows of it.
 */
export interface BoardConversation extends ConversationFacts {
  id: ConversationId;
  queueId: QueueId;
  /** Where the conversation is happening now: its last inbound channel, else the opening one. */
  channel: Channel;
  citizenName: string;
  /** Per-conversation guard: pushes from several instances may arrive out of seq order. */
  lastSeq: number;
}

export interface BoardAgent {
  id: AgentId;
  state: AgentState;
  since: string;
  lastSeq: number;
}

export interface BoardState {
  /** Highest seq folded; a snapshot with this seq already holds every event up to it. */
  lastSeq: number;
  conversations: Record<string, BoardConversation>;
  agents: Record<string, BoardAgent>;
}

export const emptyBoard = (): BoardState => ({ lastSeq: 0, conversations: {}, agents: {} });

function foldConversation(c: BoardConversation | undefined, event: JournalEvent): BoardConversation | undefined {
  if (event.conversationId === undefined) return c;
  if (event.type === 'conversation.opened') {
    if (c) return c;
    const { queueId, channel, citizenName } = event.payload;
    return { ...openingFacts(event.at, channel), id: event.conversationId, queueId, channel, citizenName, lastSeq: event.seq };
  }
  if (!c || event.seq <= c.lastSeq) return c;
  // A merge or unmerge renames whose conversation it is; no fact changes.
  if (event.type === 'conversation.moved') return { ...c, citizenName: event.payload.citizenName, lastSeq: event.seq };
  const facts = foldFacts(c, event);
  return { ...facts, channel: facts.lastInboundChannel ?? facts.openingChannel, lastSeq: event.seq };
}

/** What one event changes on the board besides lastSeq: an agent or a conversation, or nothing. */
function changeOf(state: BoardState, event: JournalEvent): { agent: BoardAgent } | { conversation: BoardConversation } | null {
  if (event.type === 'agent.state-changed') {
    const { agentId, state: agentState } = event.payload;
    const before = state.agents[agentId];
    if (before && event.seq <= before.lastSeq) return null;
    // Same rule as shared/agent-status.ts: a repeated state (presence re-asserting it) keeps its start.
    const since = before?.state === agentState ? before.since : event.at;
    return { agent: { id: agentId, state: agentState, since, lastSeq: event.seq } };
  }
  if (event.conversationId === undefined) return null;
  const before = state.conversations[event.conversationId];
  const after = foldConversation(before, event);
  return after === before || !after ? null : { conversation: after };
}

/** Folds one event; idempotent (an event already folded changes nothing), returns `state` when unchanged. */
export function reduceBoard(state: BoardState, event: JournalEvent): BoardState {
  const lastSeq = Math.max(state.lastSeq, event.seq);
  const change = changeOf(state, event);
  if (!change) return lastSeq === state.lastSeq ? state : { ...state, lastSeq };
  if ('agent' in change) return { ...state, lastSeq, agents: { ...state.agents, [change.agent.id]: change.agent } };
  return { ...state, lastSeq, conversations: { ...state.conversations, [change.conversation.id]: change.conversation } };
}

/**
 * Folds events in order. Same result as reducing them one by one, but the state's records are
 * copied once and then written in place: reduceBoard copies the whole record per event, which
 * over a year's journal (hundreds of thousands of events) would be quadratic.
 */
export function foldBoard(events: readonly JournalEvent[], from: BoardState = emptyBoard()): BoardState {
  if (events.length === 0) return from;
  return foldBoardInPlace({ lastSeq: from.lastSeq, conversations: { ...from.conversations }, agents: { ...from.agents } }, events);
}

/**
 * foldBoard writing into `state` itself, for the owner of a private state fed page by page (the
 * server's BoardService): copying it per page would be quadratic again. Returns `state`.
 */
export function foldBoardInPlace(state: BoardState, events: readonly JournalEvent[]): BoardState {
  for (const event of events) {
    state.lastSeq = Math.max(state.lastSeq, event.seq);
    const change = changeOf(state, event);
    if (!change) continue;
    if ('agent' in change) state.agents[change.agent.id] = change.agent;
    else state.conversations[change.conversation.id] = change.conversation;
  }
  return state;
}

/**
 * The board without what can no longer count: resolved conversations with nothing on `now`'s
 * day. What goes over the socket, so a snapshot's size follows today's traffic, not the history.
 * Figures at any time on that day are unchanged. An event later touching a trimmed conversation (a
 * reopening) finds it missing: the console then asks for a new snapshot (see isUnknownTo).
 */
export function trimBoard(state: BoardState, now: Date): BoardState {
  const today = dayInParis(now);
  const onToday = (iso: string | null) => iso !== null && dayInParis(iso) === today;
  const conversations: Record<string, BoardConversation> = {};
  for (const c of Object.values(state.conversations)) {
    if (c.status !== 'resolved' || onToday(c.resolvedAt) || onToday(c.firstResponseAt) || onToday(c.firstResponseBreachedAt)) conversations[c.id] = c;
  }
  // New records: the state may be the server's private one, written in place afterwards.
  return { lastSeq: state.lastSeq, conversations, agents: { ...state.agents } };
}

/** True when the event is about a conversation this board does not hold (trimmed, or missed). */
export function isUnknownTo(state: BoardState, event: JournalEvent): boolean {
  return event.conversationId !== undefined && event.type !== 'conversation.opened' && state.conversations[event.conversationId] === undefined;
}

// ---- Figures, derived at read time ----

export interface QueueFigures {
  queueId: QueueId;
  /** Not resolved and nobody's: waiting for an agent. */
  waiting: number;
  /** Seconds the longest-waiting of them has waited (0 when none). */
  oldestWaitSec: number;
  /** Not resolved and assigned. */
  inProgress: number;
  /**
   * First responses with a target given today (Europe/Paris) in time, and first-response targets
   * missed today (as the reports judge them: breached, or answered after the deadline).
   */
  metToday: number;
  breachedToday: number;
  /** metToday / (metToday + breachedToday), null when nothing was measured today. */
  attainment: number | null;
  /** Not answered yet and past their first-response deadline: the ones to take now. */
  overdue: number;
  /** Not answered yet, deadline within DUE_SOON_SEC: about to be missed. */
  dueSoon: number;
}

/** How close a first-response deadline must be for a waiting conversation to count as due soon. */
export const DUE_SOON_SEC = 30 * 60;

export interface AgentFigures {
  agentId: AgentId;
  /** An agent never seen in the journal is offline (as for routing). */
  state: AgentState;
  /** Seconds in the current state, null when the agent never reported one. */
  inStateSec: number | null;
  load: Partial<Record<Channel, number>>;
  conversationIds: ConversationId[];
}

export interface BoardFigures {
  queues: QueueFigures[];
  agents: AgentFigures[];
}

const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
export const dayInParis = (iso: string | Date): string => parisDay.format(typeof iso === 'string' ? new Date(iso) : iso);

const secondsBetween = (from: string, now: Date): number => Math.max(0, Math.floor((now.getTime() - Date.parse(from)) / 1000));

/**
 * The board's figures at `now`, for the given queues and agents (so an idle queue or agent shows
 * zeros rather than vanishing), sorted as given.
 */
export function boardFigures(
  state: BoardState,
  now: Date,
  queueIds: readonly QueueId[],
  agentIds: readonly AgentId[],
): BoardFigures {
  const today = dayInParis(now);
  const queues = new Map<QueueId, QueueFigures>(
    queueIds.map((queueId) => [queueId, { queueId, waiting: 0, oldestWaitSec: 0, inProgress: 0, metToday: 0, breachedToday: 0, attainment: null, overdue: 0, dueSoon: 0 }]),
  );
  const agents = new Map<AgentId, AgentFigures>(
    agentIds.map((agentId) => {
      const a = state.agents[agentId];
      return [agentId, { agentId, state: a?.state ?? 'offline', inStateSec: a ? secondsBetween(a.since, now) : null, load: {}, conversationIds: [] }];
    }),
  );
  // Sorted by id so that the conversation lists compare equal whatever order the fold saw them in.
  const conversations = Object.values(state.conversations).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const c of conversations) {
    const q = queues.get(c.queueId);
    if (q) {
      const late = c.firstResponseDueAt !== null && c.firstResponseAt !== null && c.firstResponseAt > c.firstResponseDueAt;
      if (c.firstResponseBreachedAt && dayInParis(c.firstResponseBreachedAt) === today) q.breachedToday++;
      else if (c.firstResponseDueAt && c.firstResponseAt && dayInParis(c.firstResponseAt) === today) {
        if (late && !c.firstResponseBreachedAt) q.breachedToday++;
        else if (!c.firstResponseBreachedAt) q.metToday++;
      }
      if (c.status !== 'resolved' && c.firstResponseAt === null && c.firstResponseDueAt !== null) {
        const leftSec = (Date.parse(c.firstResponseDueAt) - now.getTime()) / 1000;
        if (c.firstResponseBreachedAt || leftSec <= 0) q.overdue++;
        else if (leftSec <= DUE_SOON_SEC) q.dueSoon++;
      }
    }
    if (c.status === 'resolved') continue;
    if (c.assigneeId === null) {
      if (q) {
        q.waiting++;
        q.oldestWaitSec = Math.max(q.oldestWaitSec, secondsBetween(c.waitingSince ?? c.openedAt, now));
      }
      continue;
    }
    if (q) q.inProgress++;
    const a = agents.get(c.assigneeId);
    if (a) {
      a.load[c.channel] = (a.load[c.channel] ?? 0) + 1;
      a.conversationIds.push(c.id);
    }
  }
  for (const q of queues.values()) {
    const measured = q.metToday + q.breachedToday;
    q.attainment = measured === 0 ? null : q.metToday / measured;
  }
  return { queues: [...queues.values()], agents: [...agents.values()] };
}
