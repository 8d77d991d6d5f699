import { describe, expect, it } from 'vitest';
import { formatFigure, formatMinutes } from './format.js';

describe('report formatting', () => {
  it('shows durations, shares and missing data readably', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(185)).toBe('3 h 05');
    expect(formatFigure('serviceLevel', 0.875, 'en')).toBe('87.5%');
    expect(formatFigure('satisfaction', null, 'fr')).toBe('—');
    expect(formatFigure('firstResponseP90', 61, 'fr')).toBe('1 h 01');
  });
});
