import { ACTIVITY_EVENT_TYPES, isActivityEvent, type ActivityEvent, type CitizenId, type JournalEvent, type TimelinePage } from '../../shared/index.js';
import type { JournalSliceQuery, TimelineRange } from '../domain/ports.js';
import { decodeCursor } from './cursor.js';

// A timeline page's activity lines (shared/timeline-activity.ts), computed the same way by both
// adapters from their typed journal slice. A page covers a span of time [from, until): from its
// first message when there are older ones (else from the beginning), until the message just
// after it (the `before` cursor's) or its last one when newer ones follow an `after` page (else
// up to now). Successive pages' spans tile the history, so no line falls between two pages.

const BATCH = 1000;

/** The typed slice that holds a citizen's activity events after `afterSeq`. */
export function activitySlice(citizenId: CitizenId, afterSeq: number): JournalSliceQuery {
  return { citizenId, afterSeq, limit: BATCH, types: ACTIVITY_EVENT_TYPES };
}

/** Reads a slice to its end, batch after batch. */
export function readAllSync(read: (afterSeq: number) => JournalEvent[]): JournalEvent[] {
  const out: JournalEvent[] = [];
  for (let batch = read(0); batch.length > 0; batch = batch.length < BATCH ? [] : read(batch[batch.length - 1]!.seq)) out.push(...batch);
  return out;
}

export async function readAll(read: (afterSeq: number) => Promise<JournalEvent[]>): Promise<JournalEvent[]> {
  const out: JournalEvent[] = [];
  for (let batch = await read(0); batch.length > 0; batch = batch.length < BATCH ? [] : await read(batch[batch.length - 1]!.seq)) out.push(...batch);
  return out;
}

export interface ActivitySpan {
  /** Inclusive; null: from the beginning. */
  from: string | null;
  /** Exclusive; null: up to now. */
  until: string | null;
}

export function activitySpan(range: TimelineRange, page: TimelinePage): ActivitySpan {
  const before = range.before !== undefined ? decodeCursor('timeline', range.before) : null;
  const after = range.after !== undefined ? decodeCursor('timeline', range.after) : null;
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  const from = after ? after.at : page.olderCursor !== null && first ? first.at : null;
  const until = before ? before.at : after && page.newerCursor !== null && last ? last.at : null;
  return { from, until };
}

/** The page with the activity of its span, of the conversations it may show. */
export function withActivity(page: TimelinePage, range: TimelineRange, events: readonly JournalEvent[]): TimelinePage {
  const { from, until } = activitySpan(range, page);
  const shown = range.conversationIds ? new Set(range.conversationIds) : null;
  const activity = events.filter(
    (e): e is ActivityEvent =>
      isActivityEvent(e) &&
      e.conversationId !== undefined &&
      (shown === null || shown.has(e.conversationId)) &&
      (from === null || e.at >= from) &&
      (until === null || e.at < until),
  );
  return { ...page, activity };
}
