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
      // A call an agent picked up was answered there and then; a missed call or a voicemail
      // waits for a call-back like any unanswered message.
      const handled = m.kind === 'call' && m.call?.outcome === 'answered';
      return {
        ...base,
        channels: withChannel(state.channels, m.channel),
        lastInboundChannel: m.channel,
        lastActivityAt: m.at,
        waitingSince: handled ? state.waitingSince : (state.waitingSince ?? m.at),
        unreadCount: handled ? state.unreadCount : state.unreadCount + 1,
        messageCount: state.messageCount + 1,
        preview: previewOf(m),
        subject: state.subject ?? m.subject,
      };
    }
    case 'message.sent': {
      const m = event.payload.message;
      return {
        ...base,
        channels: withChannel(state.channels, m.channel),
        lastActivityAt: m.at,
        waitingSince: null,
        unreadCount: 0,
        messageCount: state.messageCount + 1,
        preview: previewOf(m),
      };
    }
    case 'note.added':
      return { ...base, lastActivityAt: event.payload.message.at, messageCount: state.messageCount + 1 };
    case 'conversation.assigned':
      return { ...base, assigneeId: event.payload.assigneeId };
    case 'conversation.status': {
      const resolved = event.payload.status === 'resolved';
      return {
        ...base,
        status: event.payload.status,
        resolvedAt: resolved ? event.at : null,
        waitingSince: resolved ? null : state.waitingSince,
        lastActivityAt: event.at,
      };
    }
    case 'conversation.read':
      return { ...base, unreadCount: 0 };
    default:
      return base;
  }
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

/** Applies an event to one message (status changes); returns the message unchanged otherwise. */
export function reduceMessage(message: Message, event: JournalEvent): Message {
  if (event.type === 'message.status' && event.payload.messageId === message.id) {
    const { status, reason, providerMessageId } = event.payload;
    return {
      ...message,
      status,
      ...(reason !== undefined ? { statusReason: reason } : {}),
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
  if (event.type === 'message.status') {
    const i = timeline.findIndex((m) => m.id === event.payload.messageId);
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
