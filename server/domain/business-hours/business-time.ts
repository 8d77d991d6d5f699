import { NoOpeningHoursError, openSpansFrom, type BusinessCalendar } from './calendar.js';

const MINUTE = 60_000;

/** Whether the site is open at this instant. */
export function isOpenAt(at: Date, calendar: BusinessCalendar): boolean {
  const t = at.getTime();
  // Spans come in order: the first one not yet ended either holds t or starts after it.
  for (const span of openSpansFrom(calendar, t)) {
    if (span.end > t) return span.start <= t;
  }
  return false;
}

/**
 * The instant `minutes` business minutes after `start`. Outside opening hours the clock waits
 * for the next opening; a target that lands exactly on the end of a span stays there (due at
 * closing time, not at the next opening). Minutes are real elapsed minutes, so a span crossing a
 * DST change counts what the wall clock did not show.
 */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  if (minutes < 0) throw new RangeError('minutes must not be negative');
  let cursor = start.getTime();
  let left = minutes * MINUTE;
  for (const span of openSpansFrom(calendar, cursor)) {
    if (span.end <= cursor) continue;
    const from = Math.max(span.start, cursor);
    if (left === 0) return new Date(from);
    const available = span.end - from;
    if (left <= available) return new Date(from + left);
    left -= available;
    cursor = span.end;
  }
  throw new NoOpeningHoursError(calendar.id);
}

/** Business minutes from `a` to `b` (negative when b is before a), fractional. */
export function businessMinutesBetween(a: Date, b: Date, calendar: BusinessCalendar): number {
  if (b < a) return -businessMinutesBetween(b, a, calendar);
  const from = a.getTime();
  const to = b.getTime();
  let total = 0;
  for (const span of openSpansFrom(calendar, from)) {
    if (span.start >= to) break;
    if (span.end <= from) continue;
    total += Math.min(span.end, to) - Math.max(span.start, from);
  }
  return total / MINUTE;
}
