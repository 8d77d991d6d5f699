import { describe, expect, it } from 'vitest';
import { businessMeasure, DEFAULT_REPORT_CALENDAR } from './business-measure.js';

const measure = businessMeasure(DEFAULT_REPORT_CALENDAR);

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
});
