import { describe, expect, it } from 'vitest';
import { niceMax, polylinePoints, scale, ticks } from './chartMath.js';

describe('chart math', () => {
  it('rounds axis maxima up to readable values', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(180)).toBe(200);
    expect(niceMax(2100)).toBe(2500);
    expect(niceMax(0.42)).toBe(0.5);
  });

  it('spaces ticks and clamps the scale', () => {
    expect(ticks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(scale(50, 100, 200)).toBe(100);
    expect(scale(150, 100, 200)).toBe(200);
    expect(scale(5, 0, 200)).toBe(0);
  });

  it('draws a polyline from the bottom-left, skipping gaps', () => {
    expect(polylinePoints([0, null, 10], 100, 50, 10)).toBe('0.0,50.0 100.0,0.0');
  });
});
