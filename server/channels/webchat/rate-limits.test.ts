import { describe, expect, it } from 'vitest';
import { TokenBuckets, WindowCounter } from './rate-limits.js';

describe('token buckets', () => {
  it('allows a burst, then one message per refill period, per key', () => {
    const buckets = new TokenBuckets(3, 1000);
    expect([0, 1, 2, 3].map(() => buckets.take('a', 0))).toEqual([true, true, true, false]);
    expect(buckets.take('b', 0)).toBe(true);
    expect(buckets.take('a', 999)).toBe(false);
    expect(buckets.take('a', 1000)).toBe(true);
    expect(buckets.take('a', 1000)).toBe(false);
    // Never more than the burst, however long the pause.
    expect([0, 1, 2, 3].map(() => buckets.take('a', 1_000_000))).toEqual([true, true, true, false]);
  });

  it('forgets idle keys', () => {
    const buckets = new TokenBuckets(2, 1000);
    for (let i = 0; i < 100; i++) buckets.take(`visitor-${i}`, 0);
    buckets.take('late', 120_000);
    expect(buckets.size).toBe(1);
  });
});

describe('window counter', () => {
  it('counts per key and starts again each window', () => {
    const counter = new WindowCounter(2, 60_000);
    expect([counter.hit('ip', 0), counter.hit('ip', 1), counter.hit('ip', 2), counter.hit('other', 3)]).toEqual([true, true, false, true]);
    expect(counter.hit('ip', 60_000)).toBe(true);
  });
});
