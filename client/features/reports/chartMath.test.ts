import { describe, expect, it } from 'vitest';
import { axisMax, niceMax, niceTicks, polylinePoints, scale, spreadIndices, ticks } from './chartMath.js';

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

  it('puts ticks on round values', () => {
    expect(niceTicks(50)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(25)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(200)).toEqual([0, 50, 100, 150, 200]);
    expect(niceTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('bounds axes by what they measure', () => {
    expect(axisMax(2, 'count')).toBe(5);
    expect(axisMax(0.98, 'ratio')).toBe(1);
    expect(axisMax(3.2, 'score')).toBe(5);
    expect(axisMax(45, 'minutes')).toBe(50);
    expect(axisMax(1500, 'minutes')).toBe(25 * 60);
    expect(axisMax(2100, 'minutes')).toBe(50 * 60);
  });

  it('spreads axis labels over the buckets', () => {
    expect(spreadIndices(3, 6)).toEqual([0, 1, 2]);
    expect(spreadIndices(30, 6)).toEqual([0, 6, 12, 17, 23, 29]);
    expect(spreadIndices(0, 6)).toEqual([]);
  });

  it('draws a polyline from the bottom-left, skipping gaps', () => {
    expect(polylinePoints([0, null, 10], 100, 50, 10)).toBe('0.0,50.0 100.0,0.0');
  });
});
