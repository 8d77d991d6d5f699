import { callOwesCallback } from './calls.js';
import type { AgentId } from './ids.js';
import type { JournalEvent } from './journal.js';
import type { Channel, ConversationStatus, Message } from './model.js';

// The one fold of a conversation's facts: when it started waiting, when it was first answered,
// which channels it used, who has it, its service-level times. The console's conversation
// (reducers.ts), the supervisor board (board.ts) and the reports' rows all derive these from here,
// so a rule about waiting or responding cannot be written differently for one of them.
//
// Each fact's rule reads the event and that fact alone, except waitingSince, which also reads
// callbackOwed. That is what lets a consumer keeping only some facts (a report row has no
// waitingSince; a conversation no channel-switch count) fold those from a record of just them,
// whatever it puts in the others. A rule reading another fact must keep that fact in every
// consumer reading the rule's own; the cross-fold agreement test fails otherwise.

export interface ConversationFacts {
  status: ConversationStatus;
  assigneeId: AgentId | null;
  openedAt: string;
  /** The channel it was opened on: the one the reports count its volume under. */
  openingChannel: Channel;
  /** Channels of its exchanges, the opening one first, each once. */
  channels: Channel[];
  lastInboundChannel: Channel | null;
  /** Channel of the last exchange (either way), the opening one before any. */
  lastChannel: Channel;
  /** How often consecutive exchanges changed channel: the omnichannel signal. */
  channelSwitches: number;
  /** Oldest citizen request not yet answered; null when nothing is waiting. */
  waitingSince: string | null;
  /** A missed call or a voicemail nobody reached the citizen about yet. */
  callbackOwed: boolean;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  /** Calendar the service levels are counted in; null: the deployment's default. */
  calendarId: string | null;
  /** First breach of each target (journal `sla.breached`). */
  firstResponseBreachedAt: string | null;
  resolutionBreachedAt: string | null;
}

export function openingFacts(at: string, channel: Channel): ConversationFacts {
  return {
    status: 'open',
    assigneeId: null,
    openedAt: at,
    openingChannel: channel,
    channels: [channel],
    lastInboundChannel: null,
    lastChannel: channel,
    channelSwitches: 0,
    waitingSince: null,
    callbackOwed: false,
    firstResponseAt: null,
    resolvedAt: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    calendarId: null,
    firstResponseBreachedAt: null,
    resolutionBreachedAt: null,
  };
}

/**
 * Whether a citizen's message is a request left waiting. A call an agent picked up was answered
 * there and then, and a ringing one is not over yet (call.updated decides); a missed call or a
 * voicemail waits for a call-back.
 */
export function messageWaits(message: Pick<Message, 'kind' | 'call'>): boolean {
  const call = message.kind === 'call' ? message.call : undefined;
  return call ? callOwesCallback('inbound', call.outcome) : true;
}

/** Whether a call update turns the call into one owed a call-back (it did not owe one before). */
export function updateOwesCallback(payload: Extract<JournalEvent, { type: 'call.updated' }>['payload']): boolean {
  const { direction, call, previousOutcome } = payload;
  return callOwesCallback(direction, call.outcome) && !callOwesCallback(direction, previousOutcome);
}

/**
 * Applies one event to the facts; returns `facts` itself when the event changes none. The caller
 * guards idempotency (its own lastSeq): the fold does not know which events a record has seen.
 */
export function foldFacts<F extends ConversationFacts>(facts: F, event: JournalEvent): F {
  switch (event.type) {
    case 'message.received':
    case 'message.sent': {
      const m = event.payload.message;
      // Automatic messages (the survey) answer nobody and are not the citizen's choice of channel.
      if (m.author.kind === 'system') return facts;
      return { ...exchangedOn(facts, m.channel), ...(event.type === 'message.received' ? received(facts, m) : replied(facts, m)) };
    }
    case 'call.updated':
      return { ...facts, ...callUpdated(facts, event.payload, event.at) };
    case 'conversation.assigned':
      return { ...facts, assigneeId: event.payload.assigneeId };
    case 'conversation.status': {
      const resolved = event.payload.status === 'resolved';
      // Resolving closes the request, a call-back owed included.
      return {
        ...facts,
        status: event.payload.status,
        resolvedAt: resolved ? event.at : null,
        ...(resolved ? { waitingSince: null, callbackOwed: false } : {}),
      };
    }
    case 'sla.set': {
      const { firstResponseDueAt, resolutionDueAt, calendarId } = event.payload;
      return {
        ...facts,
        firstResponseDueAt: firstResponseDueAt ?? facts.firstResponseDueAt,
        resolutionDueAt: resolutionDueAt ?? facts.resolutionDueAt,
        calendarId: calendarId ?? facts.calendarId,
      };
    }
    case 'sla.breached':
      return event.payload.kind === 'first_response'
        ? { ...facts, firstResponseBreachedAt: facts.firstResponseBreachedAt ?? event.at }
        : { ...facts, resolutionBreachedAt: facts.resolutionBreachedAt ?? event.at };
    default:
      return facts;
  }
}

function exchangedOn<F extends ConversationFacts>(facts: F, channel: Channel): F {
  return {
    ...facts,
    channels: facts.channels.includes(channel) ? facts.channels : [...facts.channels, channel],
    lastChannel: channel,
    channelSwitches: facts.channelSwitches + (channel === facts.lastChannel ? 0 : 1),
  };
}

type Change = Partial<ConversationFacts>;

function received(facts: ConversationFacts, m: Message): Change {
  const call = m.kind === 'call' ? m.call : undefined;
  const waits = messageWaits(m);
  // Getting through to an agent settles a call-back that was owed, and is a response.
  const answered = call?.outcome === 'answered';
  const settles = answered && facts.callbackOwed;
  return {
    lastInboundChannel: m.channel,
    callbackOwed: call && waits ? true : settles ? false : facts.callbackOwed,
    waitingSince: waits ? (facts.waitingSince ?? m.at) : settles ? null : facts.waitingSince,
    firstResponseAt: answered ? (facts.firstResponseAt ?? m.at) : facts.firstResponseAt,
  };
}

function replied(facts: ConversationFacts, m: Message): Change {
  // Only a call-back that reached the citizen settles the call-back; until then (a written reply,
  // a call-back nobody answered) the citizen is still waiting for it, and the supervisor sees so.
  const settles = m.kind === 'call' && m.call?.outcome === 'answered';
  const owed = facts.callbackOwed && !settles;
  return {
    callbackOwed: owed,
    waitingSince: owed ? facts.waitingSince : null,
    // First-response service level: the first reply the citizen is sent, on any channel.
    firstResponseAt: facts.firstResponseAt ?? m.at,
  };
}

function callUpdated(facts: ConversationFacts, payload: Extract<JournalEvent, { type: 'call.updated' }>['payload'], at: string): Change {
  const { call, direction, previousOutcome } = payload;
  const nowOwed = updateOwesCallback(payload);
  const pickedUp = call.outcome === 'answered' && previousOutcome !== 'answered';
  const settles = pickedUp && facts.callbackOwed;
  return {
    callbackOwed: nowOwed ? true : settles ? false : facts.callbackOwed,
    waitingSince: nowOwed ? (facts.waitingSince ?? at) : settles ? null : facts.waitingSince,
    // An inbound call an agent picked up is a response; an outbound one is the agent's own call.
    firstResponseAt: direction === 'inbound' && pickedUp ? (facts.firstResponseAt ?? at) : facts.firstResponseAt,
  };
}
