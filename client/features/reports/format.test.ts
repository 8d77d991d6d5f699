import { describe, expect, it } from 'vitest';
import { figureKind, formatFigure, formatMinutes } from './format.js';

describe('report formatting', () => {
  it('shows durations, shares and missing data readably', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(185)).toBe('3 h 05');
    expect(formatFigure('serviceLevel', 0.875, 'en')).toBe('87.5%');
    expect(formatFigure('satisfaction', null, 'fr')).toBe('—');
    expect(formatFigure('firstResponseP90', 61, 'fr')).toBe('1 h 01');
  });

  it('formats the service-level figures: the resolution level as a share, breaches as a count', () => {
    expect(formatFigure('resolutionServiceLevel', 0.5, 'en')).toBe('50%');
    expect(formatFigure('resolutionServiceLevel', 0.25, 'fr')).toBe('25\u00a0%');
    expect(formatFigure('breaches', 1234, 'en')).toBe('1,234');
    expect(figureKind('resolutionServiceLevel')).toBe('ratio');
    expect(figureKind('breaches')).toBe('count');
  });

  it('shows a figure an older server does not send as missing, not NaN', () => {
    expect(formatFigure('breaches', undefined, 'fr')).toBe('—');
  });
});
