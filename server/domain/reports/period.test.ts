import { describe, expect, it } from 'vitest';
import { addDays, dayOfCache, localDay, localMidnight, weekStart } from './period.js';

describe('Europe/Paris days', () => {
  it('finds local midnight in winter, summer and on DST change days', () => {
    expect(localMidnight('2025-01-15')).toBe('2025-01-14T23:00:00.000Z');
    expect(localMidnight('2025-07-01')).toBe('2025-06-30T22:00:00.000Z');
    // Clocks go forward at 02:00 on 30 March and back at 03:00 on 26 October: midnight keeps the day's earlier offset.
    expect(localMidnight('2025-03-30')).toBe('2025-03-29T23:00:00.000Z');
    expect(localMidnight('2025-03-31')).toBe('2025-03-30T22:00:00.000Z');
    expect(localMidnight('2025-10-26')).toBe('2025-10-25T22:00:00.000Z');
    expect(localMidnight('2025-10-27')).toBe('2025-10-26T23:00:00.000Z');
  });

  it('puts late-evening UTC instants on the next local day', () => {
    expect(localDay('2025-07-01T22:30:00.000Z')).toBe('2025-07-02');
    expect(dayOfCache()('2025-07-01T22:30:00.000Z')).toBe('2025-07-02');
    expect(localDay('2025-01-01T22:30:00.000Z')).toBe('2025-01-01');
  });

  it('steps days and weeks', () => {
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(weekStart('2025-03-09')).toBe('2025-03-03');
    expect(weekStart('2025-03-03')).toBe('2025-03-03');
  });
});
