import { describe, expect, it } from 'vitest';
import { waitingLevel } from './format.js';

const T0 = Date.parse('2025-01-15T09:00:00.000Z');
const since = (minutesAgo: number) => new Date(T0 - minutesAgo * 60_000).toISOString();

describe('format', () => {
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
});
