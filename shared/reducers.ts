import { CALLBACK_TAG, mergeCallDetails } from './calls.js';
import { foldFacts, messageWaits, openingFacts, updateOwesCallback, type ConversationFacts } from './conversation-facts.js';
import type { EventOfType, JournalEvent } from './journal.js';
import type { Citizen, Conversation, Message, SlaKind } from './model.js';
import type { AgentId } from './ids.js';
import { strongerLevel } from './identity-levels.js';

// Pure functions from journal events to state. The server's projections and the console's
// slices both call these, so the two can never disagree. Each is idempotent: an event already
// applied (seq <= lastSeq, or a message id already present) leaves the state as it was, which
// lets projections be re-applied after a crash and lets the console take catch-up overlap.

const PREVIEW_LENGTH = 140;

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
  const base = withFacts({ ...state, lastSeq: event.seq }, foldFacts(factsOf(state), event));
  switch (event.type) {
    case 'message.received': {
      const m = event.payload.message;
      return {
        ...base,
        lastActivityAt: m.at,
        unreadCount: messageWaits(m) ? state.unreadCount + 1 : state.unreadCount,
        messageCount: state.messageCount + 1,
        preview: previewOf(m),
        subject: state.subject ?? m.subject,
      };
    }
    case 'message.sent': {
      const m = event.payload.message;
      return { ...base, lastActivityAt: m.at, unreadCount: 0, messageCount: state.messageCount + 1, preview: previewOf(m) };
    }
    case 'note.added': {
      const { message } = event.payload;
      const next = { ...base, lastActivityAt: message.at, messageCount: state.messageCount + 1 };
      if (!message.mentions?.length) return next;
      const by = message.author.kind === 'agent' ? ((message.author.id ?? null) as AgentId | null) : null;
      const mentions = message.mentions;
      const kept = (state.mentioned ?? []).filter((m) => !mentions.includes(m.agentId));
      return { ...next, mentioned: [...kept, ...mentions.map((agentId) => ({ agentId, at: message.at, messageId: message.id, by }))] };
    }
    case 'call.updated': {
      const { call, text } = event.payload;
      return {
        ...base,
        lastActivityAt: event.at,
        ...(text !== undefined ? { preview: previewOf({ text, kind: 'call', call }) } : {}),
        unreadCount: updateOwesCallback(event.payload) ? state.unreadCount + 1 : state.unreadCount,
      };
    }
    case 'conversation.assigned':
      // Any assignment (accepted offer, supervisor move) settles a pending offer.
      return withoutOffer(base);
    case 'conversation.status':
      return { ...base, lastActivityAt: event.at };
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
    case 'sla.breached':
      return { ...base, breaches: [...(state.breaches ?? []), { kind: event.payload.kind, dueAt: event.payload.dueAt, at: event.at }] };
    case 'conversation.moved':
      // A merge or unmerge is no activity: the inbox order, the waits and the seq the facts were
      // folded to stay as they were, so an unmerge gives back the very same conversation. Applying
      // it twice sets the same two fields.
      return { ...state, citizenId: event.payload.toCitizenId, citizenName: event.payload.citizenName };
    default:
      return base;
  }
}

/**
 * The facts shared with the board and the reports (conversation-facts.ts), as a conversation
 * holds them: the call-back owed is its tag, what it does not keep (channel switches) is filled
 * with the opening's values, which no fact it keeps reads.
 */
function factsOf(c: Conversation): ConversationFacts {
  const breachAt = (kind: SlaKind) => c.breaches?.find((b) => b.kind === kind)?.at ?? null;
  return {
    ...openingFacts(c.openedAt, c.channels[0] ?? 'email'),
    status: c.status,
    assigneeId: c.assigneeId,
    channels: c.channels,
    lastInboundChannel: c.lastInboundChannel,
    waitingSince: c.waitingSince,
    callbackOwed: c.tags.includes(CALLBACK_TAG),
    firstResponseAt: c.firstRespondedAt ?? null,
    resolvedAt: c.resolvedAt,
    firstResponseDueAt: c.firstResponseDueAt ?? null,
    resolutionDueAt: c.resolutionDueAt ?? null,
    calendarId: c.calendarId ?? null,
    firstResponseBreachedAt: breachAt('first_response'),
    resolutionBreachedAt: breachAt('resolution'),
  };
}

function withFacts(c: Conversation, f: ConversationFacts): Conversation {
  return {
    ...c,
    status: f.status,
    assigneeId: f.assigneeId,
    channels: f.channels,
    lastInboundChannel: f.lastInboundChannel,
    waitingSince: f.waitingSince,
    tags: withTag(c.tags, CALLBACK_TAG, f.callbackOwed),
    resolvedAt: f.resolvedAt,
    // Optional in the schema: absent until known, as a conversation projected before them has it.
    ...(f.firstResponseAt !== null ? { firstRespondedAt: f.firstResponseAt } : {}),
    ...(f.firstResponseDueAt !== null ? { firstResponseDueAt: f.firstResponseDueAt } : {}),
    ...(f.resolutionDueAt !== null ? { resolutionDueAt: f.resolutionDueAt } : {}),
    ...(f.calendarId !== null ? { calendarId: f.calendarId } : {}),
  };
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
    case 'identity.confirmed':
    case 'identity.unlinked':
    case 'citizen.renamed':
    case 'citizen.profile-updated':
    case 'citizen.note-added':
      return state ? reduceCitizenProfile(state, event) : state;
    default:
      return state;
  }
}

/** Events agents write on a citizen's record by hand; the citizens projections fold them. */
export const CITIZEN_PROFILE_EVENTS: ReadonlySet<JournalEvent['type']> = new Set([
  'identity.confirmed',
  'identity.unlinked',
  'citizen.renamed',
  'citizen.profile-updated',
  'citizen.note-added',
]);

export type CitizenProfileEvent = EventOfType<'identity.confirmed' | 'identity.unlinked' | 'citizen.renamed' | 'citizen.profile-updated' | 'citizen.note-added'>;
type ProfileEvent = CitizenProfileEvent;

export function isCitizenProfileEvent(event: JournalEvent): event is CitizenProfileEvent {
  return CITIZEN_PROFILE_EVENTS.has(event.type);
}

/** What agents change on a citizen's record by hand (server/domain/citizens/profile-service.ts). */
function reduceCitizenProfile(state: Citizen, event: ProfileEvent): Citizen {
  const actorAgent = event.actor.kind === 'agent' && event.actor.id !== undefined ? (event.actor.id as AgentId) : undefined;
  switch (event.type) {
    case 'identity.confirmed': {
      const { kind, value } = event.payload.identity;
      const i = state.identities.findIndex((x) => x.kind === kind && x.value === value);
      if (i < 0) return state;
      const before = state.identities[i]!;
      const identities = [...state.identities];
      identities[i] = {
        ...before,
        // Confirming never lowers what a portal or FranceConnect already proved.
        level: strongerLevel(before.level, event.payload.level),
        ...(actorAgent !== undefined ? { confirmation: { agentId: actorAgent, at: event.at, how: event.payload.how } } : {}),
      };
      return { ...state, identities };
    }
    case 'identity.unlinked': {
      const { kind, value } = event.payload.identity;
      const identities = state.identities.filter((x) => !(x.kind === kind && x.value === value));
      return identities.length === state.identities.length ? state : { ...state, identities };
    }
    case 'citizen.renamed':
      return state.displayName === event.payload.displayName ? state : { ...state, displayName: event.payload.displayName };
    case 'citizen.profile-updated': {
      const next: Citizen = { ...state };
      const { preferredChannel, language } = event.payload;
      if (preferredChannel === null) delete next.preferredChannel;
      else if (preferredChannel !== undefined) next.preferredChannel = preferredChannel;
      if (language === null) delete next.language;
      else if (language !== undefined) next.language = language;
      return next;
    }
    case 'citizen.note-added': {
      const notes = state.notes ?? [];
      if (notes.some((n) => n.id === event.payload.noteId)) return state;
      const note = { id: event.payload.noteId, text: event.payload.text, at: event.at, ...(actorAgent !== undefined ? { agentId: actorAgent } : {}) };
      return { ...state, notes: [...notes, note] };
    }
  }
}
