import { describe, expect, it } from 'vitest';
import { formatDuration, waitingLevel, waitingParts } from './format.js';

const T0 = Date.parse('2025-01-15T09:00:00.000Z');
const since = (minutesAgo: number) => new Date(T0 - minutesAgo * 60_000).toISOString();

describe('format', () => {
  it('splits waiting times coarsely', () => {
    expect(waitingParts(since(0.5), T0)).toEqual({ unit: 'lessThanMinute' });
    expect(waitingParts(since(12), T0)).toEqual({ unit: 'minutes', minutes: 12 });
    expect(waitingParts(since(135), T0)).toEqual({ unit: 'hours', hours: 2, minutes: 15 });
    expect(waitingParts(since(60 * 50), T0)).toEqual({ unit: 'days', days: 2 });
    expect(waitingParts(since(-5), T0)).toEqual({ unit: 'lessThanMinute' }); // clock skew
  });

  it('grades waits', () => {
    expect(waitingLevel(since(5), T0)).toBe('normal');
    expect(waitingLevel(since(20), T0)).toBe('warning');
    expect(waitingLevel(since(90), T0)).toBe('late');
    // A written channel waits hours before it is a warning, a day before it is late.
    expect(waitingLevel(since(90), T0, 'email')).toBe('normal');
    expect(waitingLevel(since(5 * 60), T0, 'whatsapp')).toBe('warning');
    expect(waitingLevel(since(25 * 60), T0, 'email')).toBe('late');
    expect(waitingLevel(since(20), T0, 'webchat')).toBe('warning');
  });

  it('formats call durations', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});

describe('formatElapsed', () => {
  it('switches to days and hours past a day, in the user language', async () => {
    const { formatElapsed } = await import('./format.js');
    expect(formatElapsed(3725, 'fr')).toBe('1:02:05');
    expect(formatElapsed(5 * 86_400 + 3 * 3600 + 59, 'fr')).toBe('5 j 3 h');
    expect(formatElapsed(86_400, 'en')).toBe('1 d 0 h');
  });
});
