import { describe, expect, it } from 'vitest';
import { durationParts, formatDuration, isoDuration } from './duration.js';

// The tests read spaces as plain ones: the formatter binds numbers to units with no-break spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const fr = (sec: number, o?: Parameters<typeof formatDuration>[2]) => plain(formatDuration(sec, 'fr', o));
const en = (sec: number, o?: Parameters<typeof formatDuration>[2]) => plain(formatDuration(sec, 'en', o));

const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;

describe('formatDuration', () => {
  it('writes the two most significant units, in French and English', () => {
    expect(fr(8 * DAY + 4 * HOUR + 19 * MIN + 8)).toBe('8 j 4 h');
    expect(en(8 * DAY + 4 * HOUR + 19 * MIN + 8)).toBe('8 d 4 h');
    expect(fr(19 * MIN)).toBe('19 min');
    expect(en(19 * MIN)).toBe('19 min');
    expect(fr(3 * MIN + 14)).toBe('3 min 14 s');
    expect(en(3 * MIN + 14)).toBe('3 min 14 s');
    // What the board used to show as 19:08:13.
    expect(fr(19 * HOUR + 8 * MIN + 13)).toBe('19 h 8 min');
    expect(fr(42)).toBe('42 s');
  });

  it('leaves out a zero second unit, but keeps a zero inside', () => {
    expect(fr(2 * DAY)).toBe('2 j');
    expect(fr(2 * DAY + 59 * MIN)).toBe('2 j');
    expect(fr(HOUR + 7)).toBe('1 h');
    expect(fr(HOUR + MIN)).toBe('1 h 1 min');
  });

  it('truncates rather than rounds up, and counts clock skew as no time', () => {
    expect(fr(MIN - 0.2)).toBe('59 s');
    expect(fr(-30)).toBe('0 s');
    expect(fr(0)).toBe('0 s');
  });

  it('stops at the smallest unit asked for, saying when less than one', () => {
    expect(fr(2 * HOUR + 15 * MIN + 40, { smallest: 'minute' })).toBe('2 h 15 min');
    expect(fr(12 * MIN + 59, { smallest: 'minute' })).toBe('12 min');
    expect(fr(30, { smallest: 'minute' })).toBe('< 1 min');
    expect(fr(0, { smallest: 'minute' })).toBe('0 min');
    expect(fr(30, { smallest: 'minute', style: 'long' })).toBe('moins d’une minute');
    expect(en(30, { smallest: 'minute', style: 'long' })).toBe('less than a minute');
  });

  it('stops at the largest unit asked for (business hours are no 24-hour days)', () => {
    expect(fr(50 * HOUR + 5 * MIN, { largest: 'hour', smallest: 'minute' })).toBe('50 h 5 min');
    expect(fr(1500 * HOUR, { largest: 'hour', smallest: 'minute' })).toBe('1 500 h');
    expect(en(1500 * HOUR, { largest: 'hour', smallest: 'minute' })).toBe('1,500 h');
    expect(() => formatDuration(60, 'fr', { largest: 'second', smallest: 'minute' })).toThrow(RangeError);
  });

  it('has a long form for screen readers, with the units in words', () => {
    expect(fr(8 * DAY + 4 * HOUR, { style: 'long' })).toBe('8 jours et 4 heures');
    expect(en(3 * MIN + 1, { style: 'long' })).toBe('3 minutes and 1 second');
    expect(fr(HOUR, { style: 'long' })).toBe('1 heure');
  });

  it('takes regional language tags', () => {
    expect(plain(formatDuration(DAY + HOUR, 'fr-FR'))).toBe('1 j 1 h');
    expect(plain(formatDuration(DAY + HOUR, 'en-GB'))).toBe('1 d 1 h');
  });
});

describe('durationParts and isoDuration', () => {
  it('give the same units as the text, for <time dateTime>', () => {
    expect(durationParts(3 * MIN + 14)).toEqual([
      { unit: 'minute', value: 3 },
      { unit: 'second', value: 14 },
    ]);
    expect(isoDuration(3 * MIN + 14)).toBe('PT3M14S');
    expect(isoDuration(8 * DAY + 4 * HOUR + 5)).toBe('P8DT4H');
    expect(isoDuration(2 * DAY)).toBe('P2D');
    expect(isoDuration(19 * MIN + 30, { smallest: 'minute' })).toBe('PT19M');
    expect(isoDuration(20, { smallest: 'minute' })).toBe('PT0S');
  });
});
