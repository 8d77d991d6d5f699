import { BusinessCalendar, businessMinutesBetween } from '../business-hours/index.js';
import type { MeasureMinutes } from './report-row.js';

/**
 * The opening hours report durations are counted in when the deployment names none: a French
 * town hall's usual week (split shifts, Saturday morning), public holidays closed.
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

/** Business minutes in the calendar, to a tenth of a minute (the projection stores numbers, not spans). */
export function businessMeasure(calendar: BusinessCalendar): MeasureMinutes {
  return (from, to) => Math.max(0, Math.round(businessMinutesBetween(new Date(from), new Date(to), calendar) * 10) / 10);
}
