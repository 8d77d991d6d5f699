import { describe, expect, it } from 'vitest';
import { figureKind, formatFigure, formatMinutes } from './format.js';

describe('report formatting', () => {
  it('shows durations, shares and missing data readably', () => {
    expect(formatMinutes(45, 'fr')).toBe('45\u00a0min');
    expect(formatMinutes(185, 'fr')).toBe('3\u00a0h 5\u00a0min');
    expect(formatMinutes(184.6, 'en')).toBe('3\u00a0h 5\u00a0min');
    // Business hours stay hours: 50 business hours are not "2 j 2 h".
    expect(formatMinutes(50 * 60, 'fr')).toBe('50\u00a0h');
    expect(formatFigure('serviceLevel', 0.875, 'en')).toBe('87.5%');
    expect(formatFigure('satisfaction', null, 'fr')).toBe('—');
    expect(formatFigure('firstResponseP90', 61, 'fr')).toBe('1\u00a0h 1\u00a0min');
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
