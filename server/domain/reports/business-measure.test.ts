import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../business-hours/index.js';
import { businessMeasure } from './business-measure.js';

// A site open only on Monday afternoons, to tell calendars apart.
const annexe = BusinessCalendar.parse({ id: 'annexe', week: { '1': [{ start: '14:00', end: '18:00' }] } });
const measureIn = businessMeasure([annexe]);
const measure = (from: string, to: string) => measureIn(from, to, null);

describe('report durations in business minutes', () => {
  it('skips the lunch break, the night and Sunday', () => {
    // Monday 3 March 2025, 11:30 → 14:00 Paris: 30 min before lunch, 30 after.
    expect(measure('2025-03-03T10:30:00.000Z', '2025-03-03T13:00:00.000Z')).toBe(60);
    // Saturday 8 March 11:00 → Monday 10 March 09:00 Paris: 1 h on Saturday, 30 min on Monday.
    expect(measure('2025-03-08T10:00:00.000Z', '2025-03-10T08:00:00.000Z')).toBe(90);
  });

  it('skips public holidays (Easter Monday 21 April 2025)', () => {
    // Saturday 11:00 → Tuesday 09:00 Paris (summer time): 1 h + 30 min, Monday closed.
    expect(measure('2025-04-19T09:00:00.000Z', '2025-04-22T07:00:00.000Z')).toBe(90);
  });

  it('never reports a negative duration', () => {
    expect(measure('2025-03-03T13:00:00.000Z', '2025-03-03T10:30:00.000Z')).toBe(0);
  });

  it('counts in the calendar the conversation names, always-open included', () => {
    // Monday 3 March 2025, 11:30 → 15:00 Paris.
    const [from, to] = ['2025-03-03T10:30:00.000Z', '2025-03-03T14:00:00.000Z'];
    expect(measureIn(from, to, null)).toBe(120); // 30 before lunch + 13:30–15:00
    expect(measureIn(from, to, 'annexe')).toBe(60); // 14:00–15:00
    expect(measureIn(from, to, 'always-open')).toBe(210);
    // A calendar since removed from the configuration falls back to the default week.
    expect(measureIn(from, to, 'gone')).toBe(120);
  });
});
