import { CALLBACK_TAG, callOwesCallback, mergeCallDetails } from './calls.js';
import type { JournalEvent } from './journal.js';
import type { Channel, Citizen, Conversation, Message } from './model.js';

// Pure functions from journal events to state. The server's projections and the console's
// slices both call these, so the two can never disagree. Each is idempotent: an event already
// applied (seq <= lastSeq, or a message id already present) leaves the state as it was, which
// lets projections be re-applied after a crash and lets the console take catch-up overlap.

const PREVIEW_LENGTH = 140;

function withChannel(channels: Channel[], channel: Channel): Channel[] {
  return channels.includes(channel) ? channels : [...channels, channel];
}

function withTag(tags: string[], tag: string, on: boolean): string[] {
  if (tags.includes(tag) === on) return tags;
  return on ? [...tags, tag] : tags.filter((t) => t !== tag);
}

export function previewOf(message: Pick<Message, 'text' | 'kind' | 'call'>): string {
  const text = message.text.replace(/\s+/g, ' ').trim();
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

export function reduceConversation(state: Conversation | undefined, event: JournalEvent): Conversation | undefined {
  if (event.conversationId === undefined) return state;
  if (event.type === 'conversation.opened') {
    if (state) return state;
    return {
      id: event.conversationId,
      citizenId: event.citizenId,
      citizenName: event.payload.citizenName,
      status: 'open',
      queueId: event.payload.queueId,
      assigneeId: null,
      priority: event.payload.priority,
      tags: [],
      ...(event.payload.subject !== undefined ? { subject: event.payload.subject } : {}),
      channels: [event.payload.channel],
      lastInboundChannel: null,
      openedAt: event.at,
      lastActivityAt: event.at,
      waitingSince: null,
      unreadCount: 0,
      messageCount: 0,
      preview: '',
      resolvedAt: null,
      lastSeq: event.seq,
    };
  }
  if (!state || event.seq <= state.lastSeq) return state;
  const base = { ...state, lastSeq: event.seq };
  switch (event.type) {
    case 'message.received': {
      const m = event.payload.message;
      const call = m.kind === 'call' ? m.call : undefined;
      // A call an agent picked up was answered there and then, and a ringing one is not over yet
      // (call.updated decides); a missed call or a voicemail waits for a call-back, flagged by the
      // callback tag. Getting through to an agent settles a call-back that was owed.
      const waits = call ? callOwesCallback('inbound', call.outcome) : true;
      const settles = call?.outcome === 'answered' && state.tags.includes(CALLBACK_TAG);
      return {
        ...base,
        channels: withChannel(state.channels, m.channel),
        lastInboundChannel: m.channel,
        lastActivityAt: m.at,
        tags: call ? withTag(state.tags, CALLBACK_TAG, waits || (state.tags.includes(CALLBACK_TAG) && !settles)) : state.tags,
        waitingSince: waits ? (state.waitingSince ?? m.at) : settles ? null : state.waitingSince,
        // A call picked up by an agent is a response, as a reply would be (first-response level).
        ...(call?.outcome === 'answered' && state.firstRespondedAt === undefined ? { firstRespondedAt: m.at } : {}),
        unreadCount: waits ? state.unreadCount + 1 : state.unreadCount,
        messageCount: state.messageCount + 1,
        preview: previewOf(m),
        subject: state.subject ?? m.subject,
      };
    }
    case 'message.sent': {
      const m = event.payload.message;
      // A call-back that reached the citizen settles the call-back item; until then (a written
      // reply, a call-back nobody answered) the conversation keeps waiting in the queue.
      const settles = m.kind === 'call' && m.call?.outcome === 'answered';
      const owed = state.tags.includes(CALLBACK_TAG) && !settles;
      return {
        ...base,
        channels: withChannel(state.channels, m.channel),
        lastActivityAt: m.at,
        tags: withTag(state.tags, CALLBACK_TAG, owed),
        waitingSince: owed ? state.waitingSince : null,
        // First-response service level: the first reply the citizen is sent, on any channel.
        firstRespondedAt: state.firstRespondedAt ?? m.at,
        unreadCount: 0,
        messageCount: state.messageCount + 1,
        preview: previewOf(m),
      };
    }
    case 'note.added':
      return { ...base, lastActivityAt: event.payload.message.at, messageCount: state.messageCount + 1 };
    case 'call.updated': {
      const { call, direction, previousOutcome, text } = event.payload;
      const nowOwed = callOwesCallback(direction, call.outcome) && !callOwesCallback(direction, previousOutcome);
      const settles = call.outcome === 'answered' && previousOutcome !== 'answered' && state.tags.includes(CALLBACK_TAG);
      return {
        ...base,
        lastActivityAt: event.at,
        ...(text !== undefined ? { preview: previewOf({ text, kind: 'call', call }) } : {}),
        tags: nowOwed ? withTag(state.tags, CALLBACK_TAG, true) : settles ? withTag(state.tags, CALLBACK_TAG, false) : state.tags,
        waitingSince: nowOwed ? (state.waitingSince ?? event.at) : settles ? null : state.waitingSince,
        ...(direction === 'inbound' && call.outcome === 'answered' && previousOutcome !== 'answered' && state.firstRespondedAt === undefined
          ? { firstRespondedAt: event.at }
          : {}),
        unreadCount: nowOwed ? state.unreadCount + 1 : state.unreadCount,
      };
    }
    case 'conversation.assigned':
      // Any assignment (accepted offer, supervisor move) settles a pending offer.
      return { ...withoutOffer(base), assigneeId: event.payload.assigneeId };
    case 'conversation.status': {
      const resolved = event.payload.status === 'resolved';
      return {
        ...base,
        status: event.payload.status,
        // Resolving closes the request, a call-back owed included.
        tags: resolved ? withTag(state.tags, CALLBACK_TAG, false) : state.tags,
        resolvedAt: resolved ? event.at : null,
        waitingSince: resolved ? null : state.waitingSince,
        lastActivityAt: event.at,
      };
    }
    case 'conversation.read':
      return { ...base, unreadCount: 0 };
    case 'conversation.offered':
      return { ...base, offer: event.payload, offerAttempts: Math.max(state.offerAttempts ?? 0, event.payload.attempt) };
    case 'conversation.accepted':
      // Only the offer this event answers ends; a late answer to an older attempt changes nothing.
      return state.offer?.attempt === event.payload.attempt ? withoutOffer(base) : base;
    case 'conversation.offer-declined': {
      const declinedBy = (state.declinedBy ?? []).includes(event.payload.agentId)
        ? state.declinedBy
        : [...(state.declinedBy ?? []), event.payload.agentId];
      const next = state.offer?.attempt === event.payload.attempt ? withoutOffer(base) : base;
      return { ...next, ...(declinedBy ? { declinedBy } : {}) };
    }
    case 'sla.set': {
      const { firstResponseDueAt, resolutionDueAt, calendarId } = event.payload;
      return {
        ...base,
        ...(calendarId !== undefined ? { calendarId } : {}),
        ...(firstResponseDueAt !== undefined ? { firstResponseDueAt } : {}),
        ...(resolutionDueAt !== undefined ? { resolutionDueAt } : {}),
      };
    }
    case 'sla.breached':
      return { ...base, breaches: [...(state.breaches ?? []), { kind: event.payload.kind, dueAt: event.payload.dueAt, at: event.at }] };
    default:
      return base;
  }
}

function withoutOffer(conversation: Conversation): Conversation {
  const { offer: _ended, ...rest } = conversation;
  return rest;
}

/** Timeline order: message time, then id (ids are time-prefixed, so ties stay stable). */
export function compareMessages(a: Pick<Message, 'at' | 'id'>, b: Pick<Message, 'at' | 'id'>): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The message an event adds to a timeline, if any. */
export function messageOf(event: JournalEvent): Message | undefined {
  switch (event.type) {
    case 'message.received':
    case 'message.sent':
    case 'note.added':
      return event.payload.message;
    default:
      return undefined;
  }
}

/** The message an event changes in place (delivery status, call progress, call summary), if any. */
export function changedMessageId(event: JournalEvent): Message['id'] | undefined {
  switch (event.type) {
    case 'message.status':
    case 'call.updated':
    case 'call.summarized':
      return event.payload.messageId;
    default:
      return undefined;
  }
}

/** Applies an event to one message (status changes, call updates); returns it unchanged otherwise. */
export function reduceMessage(message: Message, event: JournalEvent): Message {
  if (event.type === 'call.updated' && event.payload.messageId === message.id) {
    const { call, text } = event.payload;
    return {
      ...message,
      call: message.call ? mergeCallDetails(message.call, call) : call,
      ...(text !== undefined ? { text } : {}),
    };
  }
  if (event.type === 'call.summarized' && event.payload.messageId === message.id && message.call) {
    return { ...message, call: { ...message.call, summary: event.payload.summary } };
  }
  if (event.type === 'message.status' && event.payload.messageId === message.id) {
    const { status, reason, failure, providerMessageId } = event.payload;
    return {
      ...message,
      status,
      ...(reason !== undefined ? { statusReason: reason } : {}),
      ...(failure !== undefined ? { statusFailure: failure } : {}),
      ...(providerMessageId !== undefined && message.externalId === undefined ? { externalId: providerMessageId } : {}),
    };
  }
  return message;
}

/** Applies an event to a sorted timeline, returning a new array only when something changed. */
export function reduceTimeline(timeline: readonly Message[], event: JournalEvent): readonly Message[] {
  const added = messageOf(event);
  if (added) {
    if (timeline.some((m) => m.id === added.id)) return timeline;
    const next = [...timeline];
    let i = next.length;
    while (i > 0 && compareMessages(next[i - 1]!, added) > 0) i--;
    next.splice(i, 0, added);
    return next;
  }
  const changed = changedMessageId(event);
  if (changed !== undefined) {
    const i = timeline.findIndex((m) => m.id === changed);
    if (i < 0) return timeline;
    const next = [...timeline];
    next[i] = reduceMessage(next[i]!, event);
    return next;
  }
  return timeline;
}

export function reduceCitizen(state: Citizen | undefined, event: JournalEvent): Citizen | undefined {
  switch (event.type) {
    case 'citizen.created':
      return (
        state ?? {
          id: event.citizenId,
          displayName: event.payload.displayName,
          identities: event.payload.identities,
          createdAt: event.at,
          mergedInto: null,
        }
      );
    case 'identity.linked': {
      if (!state) return state;
      const { kind, value } = event.payload.identity;
      if (state.identities.some((i) => i.kind === kind && i.value === value)) return state;
      return { ...state, identities: [...state.identities, event.payload.identity] };
    }
    default:
      return state;
  }
}
