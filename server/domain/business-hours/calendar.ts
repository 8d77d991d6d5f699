import { z } from 'zod';
import { frenchPublicHolidays } from './french-holidays.js';
import { localParts, zonedTimeToUtc } from './zoned-time.js';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

/** One opening of a day, local wall-clock [start, end). Several per day make split shifts. */
export const OpeningInterval = z.object({ start: HHMM, end: HHMM }).refine((i) => i.start < i.end, 'start must precede end');
export type OpeningInterval = z.infer<typeof OpeningInterval>;

const Day = z.array(OpeningInterval).refine(
  (day) => day.every((i, n) => n === 0 || day[n - 1]!.end <= i.start),
  'intervals of a day must be sorted and must not overlap',
);

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * A site's opening hours: the calendar service levels are counted in. Weekdays are keyed
 * 0 (Sunday) … 6 (Saturday), as Date#getDay; a missing day is closed.
 */
export const BusinessCalendar = z.object({
  id: z.string().min(1),
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone')
    .default('Europe/Paris'),
  week: z.partialRecord(z.enum(['0', '1', '2', '3', '4', '5', '6']), Day),
  /** French public holidays closed (default true). */
  frenchHolidays: z.boolean().default(true),
  alsaceMoselle: z.boolean().default(false),
  whitMonday: z.boolean().default(true),
  /** Site closures (works, "pont" days), local dates inclusive. */
  closures: z.array(z.object({ from: IsoDate, to: IsoDate, reason: z.string().optional() })).default([]),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;
export type BusinessCalendarInput = z.input<typeof BusinessCalendar>;

const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const pad = (n: number): string => String(n).padStart(2, '0');

/** Opening intervals as UTC instants [start, end) in ms. */
export interface OpenSpan {
  start: number;
  end: number;
}

const holidayCache = new WeakMap<BusinessCalendar, Map<number, Set<string>>>();

function isClosedDate(calendar: BusinessCalendar, year: number, date: string): boolean {
  if (calendar.closures.some((c) => c.from <= date && date <= c.to)) return true;
  if (!calendar.frenchHolidays) return false;
  let byYear = holidayCache.get(calendar);
  if (!byYear) holidayCache.set(calendar, (byYear = new Map()));
  let days = byYear.get(year);
  if (!days) {
    days = new Set(frenchPublicHolidays(year, { alsaceMoselle: calendar.alsaceMoselle, whitMonday: calendar.whitMonday }));
    byYear.set(year, days);
  }
  return days.has(date);
}

/** The open spans of one local date, in order (empty when closed). */
export function openSpansOfDate(calendar: BusinessCalendar, year: number, month: number, day: number): OpenSpan[] {
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (isClosedDate(calendar, year, date)) return [];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const intervals = calendar.week[String(weekday) as keyof BusinessCalendar['week']] ?? [];
  return intervals
    .map((i) => ({
      start: zonedTimeToUtc(year, month, day, minuteOf(i.start), calendar.timeZone),
      end: zonedTimeToUtc(year, month, day, minuteOf(i.end), calendar.timeZone),
    }))
    .filter((s) => s.end > s.start);
}

/** A calendar with no opening at all would make searches run forever: they give up after this. */
const MAX_DAYS_SCANNED = 3 * 366;

/** Open spans from the local day holding `fromMs` onwards, in order, for at most MAX_DAYS_SCANNED days. */
export function* openSpansFrom(calendar: BusinessCalendar, fromMs: number): Generator<OpenSpan> {
  const first = localParts(fromMs, calendar.timeZone);
  for (let n = 0; n < MAX_DAYS_SCANNED; n++) {
    // Date.UTC as a pure day counter walks local dates without touching offsets.
    const d = new Date(Date.UTC(first.year, first.month - 1, first.day + n));
    yield* openSpansOfDate(calendar, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
}

export class NoOpeningHoursError extends Error {
  constructor(calendarId: string) {
    super(`calendar ${calendarId} has no opening in the next ${MAX_DAYS_SCANNED} days`);
  }
}
