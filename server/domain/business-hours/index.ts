/**
 * Business-hours arithmetic for service levels and reports (pure, no I/O).
 *
 * A `BusinessCalendar` is a site's opening hours: intervals per weekday (several per day for
 * split shifts, e.g. 08:30–12:00 and 13:30–17:00), French public holidays including the
 * Easter-based ones, and per-site closures, in an IANA zone (Europe/Paris by default, DST
 * included). `addBusinessMinutes(start, minutes, calendar)` gives a due time;
 * `businessMinutesBetween(a, b, calendar)` measures a duration in open minutes. Both count real
 * elapsed time inside openings, so the hour lost or gained at a DST change is not miscounted.
 */
export {
  BusinessCalendar,
  NoOpeningHoursError,
  OpeningInterval,
  openSpansFrom,
  openSpansOfDate,
  type BusinessCalendarInput,
  type OpenSpan,
} from './calendar.js';
export { addBusinessMinutes, businessMinutesBetween, isOpenAt } from './business-time.js';
export { easterSunday, frenchPublicHolidays, type FrenchHolidayOptions } from './french-holidays.js';
export { localParts, zonedTimeToUtc, zoneOffsetMs } from './zoned-time.js';
