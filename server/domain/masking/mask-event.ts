import type { Actor, Attachment, CallDetails, HiddenContent, JournalEvent, Message } from '../../../shared/index.js';
import type { Masker } from './masker.js';

// Masking of journal events for a replay. The envelope (seq, at, type, ids, staff actors) is kept
// as is: it is what the player folds and orders by. Payloads lose what identifies the citizen.
// Event types this file does not know (a channel may add some) go through a conservative walk
// that masks every string, so a new type can never leak by default.

export interface MaskedEvent {
  event: JournalEvent;
  hidden?: HiddenContent;
}

function maskActor(actor: Actor, masker: Masker, citizenId: string): Actor {
  if (actor.kind !== 'citizen') return actor;
  return { ...actor, ...(actor.name !== undefined ? { name: masker.citizenLabel(actor.id ?? citizenId) } : {}) };
}

function maskCall(call: CallDetails, masker: Masker): CallDetails {
  // Recordings and transcripts are the citizen's voice and words: hidden, not pseudonymised.
  const { recordingUrl: _recording, transcriptUrl: _transcript, ...rest } = call;
  return { ...rest, from: masker.phoneValue(call.from), to: masker.phoneValue(call.to) };
}

export function maskMessage(message: Message, masker: Masker): { message: Message; hidden?: HiddenContent } {
  // The provider id can hold an address or a number (Message-ID, wamid); the replay never needs it.
  const { externalId: _externalId, ...rest } = message;
  const recording = message.call?.recordingUrl !== undefined || message.call?.transcriptUrl !== undefined;
  const masked: Message = {
    ...rest,
    author: maskActor(message.author, masker, message.citizenId),
    text: masker.text(message.text),
    ...(message.subject !== undefined ? { subject: masker.text(message.subject) } : {}),
    ...(message.html !== undefined ? { html: masker.html(message.html) } : {}),
    attachments: [] as Attachment[],
    ...(message.call ? { call: maskCall(message.call, masker) } : {}),
  };
  const hidden = message.attachments.length > 0 || recording ? { attachments: message.attachments.length, recording } : undefined;
  return hidden ? { message: masked, hidden } : { message: masked };
}

export function maskEvent(event: JournalEvent, masker: Masker): MaskedEvent {
  // Staff events (agent state) hold no citizen data to mask.
  if (event.citizenId === undefined) return { event };
  const actor = maskActor(event.actor, masker, event.citizenId);
  switch (event.type) {
    case 'citizen.created':
      return {
        event: {
          ...event,
          actor,
          payload: { displayName: masker.citizenLabel(event.citizenId), identities: event.payload.identities.map((i) => masker.identity(i)) },
        },
      };
    case 'identity.linked':
      return { event: { ...event, actor, payload: { identity: masker.identity(event.payload.identity) } } };
    // The citizen's profile edited by hand: names become the citizen's label, identities are
    // pseudonymised, free text (notes, how an identity was checked, why it was removed) masked.
    case 'citizen.renamed':
      return { event: { ...event, actor, payload: { displayName: masker.citizenLabel(event.citizenId), previous: masker.citizenLabel(event.citizenId) } } };
    case 'citizen.note-added':
      return { event: { ...event, actor, payload: { ...event.payload, text: masker.text(event.payload.text) } } };
    case 'identity.confirmed':
      return { event: { ...event, actor, payload: { ...event.payload, identity: masker.identity(event.payload.identity), how: masker.text(event.payload.how) } } };
    case 'identity.unlinked': {
      const { claim: _claim, ...payload } = event.payload;
      return { event: { ...event, actor, payload: { ...payload, identity: masker.identity(payload.identity), reason: masker.text(payload.reason) } } };
    }
    case 'conversation.opened': {
      const { subject, via, ...payload } = event.payload;
      return {
        event: {
          ...event,
          actor,
          payload: {
            ...payload,
            citizenName: masker.citizenLabel(event.citizenId),
            ...(subject !== undefined ? { subject: masker.text(subject) } : {}),
            ...(via !== undefined ? { via: { kind: via.kind, value: masker.identityValue(via.kind, via.value) } } : {}),
          },
        },
      };
    }
    case 'citizen.merged':
    case 'citizen.unmerged':
      return {
        event: {
          ...event,
          actor,
          payload: { ...event.payload, identities: event.payload.identities.map((i) => masker.identity(i)), reason: masker.text(event.payload.reason) },
        } as JournalEvent,
      };
    case 'conversation.moved':
      return { event: { ...event, actor, payload: { ...event.payload, citizenName: masker.citizenLabel(event.payload.toCitizenId) } } };
    case 'citizen.duplicate-dismissed':
      return { event: { ...event, actor } };
    case 'message.received':
    case 'message.sent':
    case 'note.added': {
      const { message, hidden } = maskMessage(event.payload.message, masker);
      return hidden ? { event: { ...event, actor, payload: { message } }, hidden } : { event: { ...event, actor, payload: { message } } };
    }
    case 'message.status': {
      const { reason, providerMessageId: _provider, ...payload } = event.payload;
      return { event: { ...event, actor, payload: { ...payload, ...(reason !== undefined ? { reason: masker.text(reason) } : {}) } } };
    }
    case 'call.updated': {
      const { text, call, ...payload } = event.payload;
      const recording = call.recordingUrl !== undefined || call.transcriptUrl !== undefined;
      const masked: JournalEvent = {
        ...event,
        actor,
        payload: { ...payload, call: maskCall(call, masker), ...(text !== undefined ? { text: masker.text(text) } : {}) },
      };
      return recording ? { event: masked, hidden: { attachments: 0, recording } } : { event: masked };
    }
    case 'call.summarized':
      return { event: { ...event, actor, payload: { ...event.payload, summary: masker.text(event.payload.summary) } } };
    case 'conversation.assigned':
    case 'conversation.status':
    case 'conversation.read':
      return { event: { ...event, actor } };
    case 'replay.unmasked': {
      const { reason, ...payload } = event.payload;
      return { event: { ...event, actor, payload: { ...payload, ...(reason !== undefined ? { reason: masker.text(reason) } : {}) } } };
    }
    default: {
      const unknown = event as JournalEvent & { payload: unknown };
      return { event: { ...unknown, actor, payload: maskUnknown(unknown.payload, masker) } as JournalEvent };
    }
  }
}

const DROPPED_KEYS = /url$|^externalId$|^providerMessageId$|^blobId$/i;
const ID_KEYS = /(^id$|Id$|^seq$|^at$|At$|^type$|^kind$|^status$|^channel$|^direction$)/;

/** Every string masked as text, except ids, times and enums; links and provider ids dropped. */
export function maskUnknown(value: unknown, masker: Masker, key = ''): unknown {
  if (typeof value === 'string') {
    if (ID_KEYS.test(key)) return value;
    return key === 'html' ? masker.html(value) : masker.text(value);
  }
  if (Array.isArray(value)) return key === 'attachments' ? [] : value.map((v) => maskUnknown(v, masker, key));
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.kind === 'string' && typeof record.value === 'string') {
      return { ...record, value: masker.identityValue(record.kind, record.value) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) {
      if (DROPPED_KEYS.test(k)) continue;
      out[k] = maskUnknown(v, masker, k);
    }
    return out;
  }
  return value;
}
