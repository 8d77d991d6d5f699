import type { Annotation, HiddenContent, ReplayData, ReplayRef } from '../../../shared/index.js';
import { maskEvent } from '../masking/mask-event.js';
import type { ReplaySource } from './replay-slice.js';
import { sourceMasker } from './replay-masking.js';

export interface BuildOptions {
  ref: ReplayRef;
  source: ReplaySource;
  annotations: readonly Annotation[];
  /** null: the real data (unmasking, journaled by the caller). */
  mask: { secret: string; staffNames: readonly string[] } | null;
}

/**
 * The replay as the player receives it: the slice in seq order with its original times, masked
 * event by event with one masker so a pseudonym means the same person everywhere. Context comes
 * first so letters follow the order in which a reader of the whole history meets people.
 */
export function buildReplay({ ref, source, annotations, mask }: BuildOptions): ReplayData {
  const base = { ref, citizenId: source.citizen.id, truncated: source.truncated };
  if (!mask) {
    return {
      ...base,
      masked: false,
      citizenLabel: source.citizen.displayName,
      title: source.subject,
      context: source.context,
      events: source.events,
      hidden: {},
      annotations: [...annotations],
    };
  }
  const masker = sourceMasker(mask.secret, ref, source, mask.staffNames);
  const hidden: Record<string, HiddenContent> = {};
  const maskAll = (events: ReplaySource['events']) =>
    events.map((event) => {
      const masked = maskEvent(event, masker);
      if (masked.hidden) {
        const id = 'messageId' in event.payload ? event.payload.messageId : 'message' in event.payload ? event.payload.message.id : String(event.seq);
        const before = hidden[id];
        hidden[id] = before
          ? { attachments: Math.max(before.attachments, masked.hidden.attachments), recording: before.recording || masked.hidden.recording }
          : masked.hidden;
      }
      return masked.event;
    });
  const context = maskAll(source.context);
  const events = maskAll(source.events);
  return {
    ...base,
    masked: true,
    citizenLabel: masker.citizenLabel(source.citizen.id),
    title: source.subject === null ? null : masker.text(source.subject),
    context,
    events,
    hidden,
    // A supervisor may have written a real name in an annotation while looking at real data.
    annotations: annotations.map((a) => ({ ...a, text: masker.text(a.text) })),
  };
}
