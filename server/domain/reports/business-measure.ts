import { BusinessCalendar, businessMinutesBetween } from '../business-hours/index.js';
import { ALWAYS_OPEN } from '../sla/service-level.js';
import type { MeasureMinutes } from './report-row.js';

/**
 * The opening hours report durations are counted in when a conversation's queue names no calendar
 * (and an unknown calendar id, e.g. one removed from the configuration since): a French town
 * hall's usual week (split shifts, Saturday morning), public holidays closed.
 */
export const DEFAULT_REPORT_CALENDAR: BusinessCalendar = BusinessCalendar.parse({
  id: 'reports-default',
  week: {
    '1': [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }],
    '2': [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }],
    '3': [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }],
    '4': [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }],
    '5': [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }],
    '6': [{ start: '09:00', end: '12:00' }],
  },
});

/**
 * Business minutes in the calendar a conversation names (journal `sla.set`), to a tenth of a
 * minute (the projection stores numbers, not spans). `calendars` are the deployment's; the SLA
 * module's always-open calendar is known too, since it names it for queues without one.
 */
export function businessMeasure(
  calendars: readonly BusinessCalendar[] | (() => readonly BusinessCalendar[]),
  fallback: BusinessCalendar = DEFAULT_REPORT_CALENDAR,
): MeasureMinutes {
  // A function: the calendars change live (routing setup screens); the map follows the list.
  let seen: readonly BusinessCalendar[] | null = null;
  let byId = new Map<string, BusinessCalendar>();
  const current = () => {
    const list = typeof calendars === 'function' ? calendars() : calendars;
    if (list !== seen) {
      seen = list;
      byId = new Map<string, BusinessCalendar>([[ALWAYS_OPEN.id, ALWAYS_OPEN], ...list.map((c) => [c.id, c] as const)]);
    }
    return byId;
  };
  return (from, to, calendarId) => {
    const calendar = (calendarId !== null && current().get(calendarId)) || fallback;
    return Math.max(0, Math.round(businessMinutesBetween(new Date(from), new Date(to), calendar) * 10) / 10);
  };
}
