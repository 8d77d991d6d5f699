import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  BusinessCalendar,
  businessMinutesBetween,
  easterSunday,
  frenchPublicHolidays,
  isOpenAt,
  localParts,
  NoOpeningHoursError,
  zonedTimeToUtc,
  type BusinessCalendarInput,
} from './index.js';

// A mairie: split shifts Monday–Friday, Saturday morning only; Europe/Paris.
const SPLIT = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:00' },
];
const mairie = (extra: Partial<BusinessCalendarInput> = {}): BusinessCalendar =>
  BusinessCalendar.parse({
    id: 'mairie',
    week: { '1': SPLIT, '2': SPLIT, '3': SPLIT, '4': SPLIT, '5': SPLIT, '6': [{ start: '09:00', end: '12:00' }] },
    ...extra,
  });
const always = BusinessCalendar.parse({
  id: 'always',
  frenchHolidays: false,
  week: Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
});

const iso = (s: string): Date => new Date(s);
const due = (start: string, minutes: number, cal = mairie()): string => addBusinessMinutes(iso(start), minutes, cal).toISOString();

describe('French public holidays', () => {
  it('computes Easter for known years', () => {
    expect(easterSunday(2024)).toEqual([3, 31]);
    expect(easterSunday(2025)).toEqual([4, 20]);
    expect(easterSunday(2026)).toEqual([4, 5]);
    expect(easterSunday(2038)).toEqual([4, 25]);
  });

  it('lists the eleven legal holidays of 2025 with the Easter-based ones', () => {
    expect(frenchPublicHolidays(2025)).toEqual([
      '2025-01-01',
      '2025-04-21', // Lundi de Pâques
      '2025-05-01',
      '2025-05-08',
      '2025-05-29', // Ascension
      '2025-06-09', // Lundi de Pentecôte
      '2025-07-14',
      '2025-08-15',
      '2025-11-01',
      '2025-11-11',
      '2025-12-25',
    ]);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle, and drops Whit Monday when worked', () => {
    const days = frenchPublicHolidays(2026, { alsaceMoselle: true, whitMonday: false });
    expect(days).toContain('2026-04-03');
    expect(days).toContain('2026-12-26');
    expect(days).not.toContain('2026-05-25');
  });
});

describe('Europe/Paris wall clock', () => {
  it('maps local times to instants in winter and summer', () => {
    expect(new Date(zonedTimeToUtc(2025, 1, 15, 9 * 60, 'Europe/Paris')).toISOString()).toBe('2025-01-15T08:00:00.000Z');
    expect(new Date(zonedTimeToUtc(2025, 7, 15, 9 * 60, 'Europe/Paris')).toISOString()).toBe('2025-07-15T07:00:00.000Z');
  });

  it('carries a time skipped in March past the gap, and takes the first of a time repeated in October', () => {
    expect(new Date(zonedTimeToUtc(2025, 3, 30, 2 * 60 + 30, 'Europe/Paris')).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(new Date(zonedTimeToUtc(2025, 10, 26, 2 * 60 + 30, 'Europe/Paris')).toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });
});

describe('localParts (offsets cached per quarter of an hour)', () => {
  it('reads the same wall clock as Intl, around DST changes and in quarter-hour zones', () => {
    const intl = (ms: number, timeZone: string) => {
      const f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
      const p = Object.fromEntries(f.formatToParts(new Date(ms)).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
      return [p.year, p.month, p.day, p.hour, p.minute, p.second];
    };
    // Every 7 minutes 13 seconds across both 2025 Paris changes, New York's, Kathmandu (+05:45)
    // and Lord Howe (half-hour DST).
    const windows = ['2025-03-30T00:00:00Z', '2025-10-26T00:00:00Z', '2025-03-09T05:00:00Z', '2025-04-06T14:00:00Z'];
    for (const timeZone of ['Europe/Paris', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe']) {
      for (const start of windows) {
        for (let ms = Date.parse(start); ms < Date.parse(start) + 4 * 3_600_000; ms += 433_000) {
          const p = localParts(ms, timeZone);
          expect([p.year, p.month, p.day, p.hour, p.minute, p.second], `${timeZone} ${new Date(ms).toISOString()}`).toEqual(intl(ms, timeZone));
        }
      }
    }
  });
});

describe('addBusinessMinutes', () => {
  it('counts inside a shift', () => {
    // Tuesday 14 January 2025, 09:00 Paris = 08:00Z.
    expect(due('2025-01-14T08:00:00Z', 60)).toBe('2025-01-14T09:00:00.000Z');
  });

  it('jumps the lunch break of a split shift', () => {
    // 11:30 + 60 min: 30 before noon, 30 after 13:30 → 14:00 Paris = 13:00Z.
    expect(due('2025-01-14T10:30:00Z', 60)).toBe('2025-01-14T13:00:00.000Z');
  });

  it('waits for the opening when started outside hours, and a target at closing stays at closing', () => {
    // Tuesday 07:00 Paris → opens 08:30; +30 → 09:00 Paris.
    expect(due('2025-01-14T06:00:00Z', 30)).toBe('2025-01-14T08:00:00.000Z');
    // Tuesday 16:00 Paris + 60 → exactly 17:00 closing.
    expect(due('2025-01-14T15:00:00Z', 60)).toBe('2025-01-14T16:00:00.000Z');
    // Zero minutes at night means the next opening.
    expect(due('2025-01-14T20:00:00Z', 0)).toBe('2025-01-15T07:30:00.000Z');
  });

  it('crosses the weekend: Saturday morning only, Sunday closed', () => {
    // Friday 16:30 Paris + 120: 30 Friday, 90 Saturday from 09:00 → 10:30 Paris = 09:30Z.
    expect(due('2025-01-17T15:30:00Z', 120)).toBe('2025-01-18T09:30:00.000Z');
    // Saturday 11:30 + 60: 30 Saturday, Sunday closed, 30 Monday from 08:30 → 09:00 Paris.
    expect(due('2025-01-18T10:30:00Z', 60)).toBe('2025-01-20T08:00:00.000Z');
  });

  it('skips public holidays, Easter-based ones included', () => {
    // Friday 18 April 2025 16:30 CEST + 60: 30 Friday, Saturday 19 → 09:30 (summer time: 07:30Z).
    expect(due('2025-04-18T14:30:00Z', 60)).toBe('2025-04-19T07:30:00.000Z');
    // Saturday 19 April 11:30 + 60: 30 Saturday, Sunday, Easter Monday 21 closed → Tuesday 09:00 CEST.
    expect(due('2025-04-19T09:30:00Z', 60)).toBe('2025-04-22T07:00:00.000Z');
    // 13 July (Sunday) then 14 July (Monday, Fête nationale): from Saturday 12 July 11:00, +90.
    expect(due('2025-07-12T09:00:00Z', 90)).toBe('2025-07-15T07:00:00.000Z'); // 60 Saturday, 30 Tuesday from 08:30 CEST
  });

  it('skips per-site closures', () => {
    const closedWeek = mairie({ closures: [{ from: '2025-01-20', to: '2025-01-24', reason: 'travaux' }] });
    // Saturday 18 January 11:30 + 60 → Monday–Friday closed → Saturday 25, 09:30 Paris.
    expect(due('2025-01-18T10:30:00Z', 60, closedWeek)).toBe('2025-01-25T08:30:00.000Z');
  });

  it('counts across the March DST change in local opening hours', () => {
    // Saturday 29 March 2025 11:00 CET (10:00Z) + 120: 60 Saturday, Sunday 30 closed (the change
    // day), Monday 31 08:30 CEST + 60 → 09:30 CEST = 07:30Z (one hour earlier in UTC than in winter).
    expect(due('2025-03-29T10:00:00Z', 120)).toBe('2025-03-31T07:30:00.000Z');
  });

  it('counts across the October DST change in local opening hours', () => {
    // Saturday 25 October 2025 11:00 CEST (09:00Z) + 120 → Monday 27 09:30 CET = 08:30Z.
    expect(due('2025-10-25T09:00:00Z', 120)).toBe('2025-10-27T08:30:00.000Z');
  });

  it('counts real minutes on the DST days themselves: 23 hours in March, 25 in October', () => {
    const sundayMarch = iso('2025-03-29T23:00:00Z'); // 00:00 CET, 30 March
    expect(addBusinessMinutes(sundayMarch, 23 * 60, always).toISOString()).toBe('2025-03-30T22:00:00.000Z'); // 00:00 CEST, 31 March
    expect(businessMinutesBetween(sundayMarch, iso('2025-03-30T22:00:00Z'), always)).toBe(23 * 60);
    expect(businessMinutesBetween(iso('2025-10-25T22:00:00Z'), iso('2025-10-26T23:00:00Z'), always)).toBe(25 * 60);
  });

  it('refuses an unknown time zone when the calendar is parsed', () => {
    expect(BusinessCalendar.safeParse({ id: 'x', timeZone: 'Europe/Atlantis', week: {} }).success).toBe(false);
  });

  it('refuses a calendar that never opens instead of looping', () => {
    const never = BusinessCalendar.parse({ id: 'never', week: {} });
    expect(() => addBusinessMinutes(iso('2025-01-14T08:00:00Z'), 1, never)).toThrow(NoOpeningHoursError);
  });
});

describe('businessMinutesBetween', () => {
  it('counts only open minutes, split shifts and weekend included', () => {
    // Friday 11:00 Paris → Monday 09:00 Paris: 60 + 210 (Friday) + 180 (Saturday) + 30 (Monday).
    expect(businessMinutesBetween(iso('2025-01-17T10:00:00Z'), iso('2025-01-20T08:00:00Z'), mairie())).toBe(480);
  });

  it('is the inverse of addBusinessMinutes and antisymmetric', () => {
    const cal = mairie();
    const start = iso('2025-04-17T12:17:00Z');
    for (const minutes of [1, 45, 200, 611, 3000]) {
      expect(businessMinutesBetween(start, addBusinessMinutes(start, minutes, cal), cal)).toBe(minutes);
    }
    expect(businessMinutesBetween(iso('2025-01-14T09:00:00Z'), iso('2025-01-14T08:00:00Z'), cal)).toBe(-60);
  });

  it('is zero over a holiday or a closed night', () => {
    expect(businessMinutesBetween(iso('2025-12-24T17:00:00Z'), iso('2025-12-26T07:00:00Z'), mairie())).toBe(0);
  });
});

describe('isOpenAt', () => {
  it('follows shifts, lunch break and holidays', () => {
    const cal = mairie();
    expect(isOpenAt(iso('2025-01-14T08:00:00Z'), cal)).toBe(true); // 09:00
    expect(isOpenAt(iso('2025-01-14T11:30:00Z'), cal)).toBe(false); // 12:30 lunch
    expect(isOpenAt(iso('2025-01-14T16:00:00Z'), cal)).toBe(false); // 17:00 closed (end excluded)
    expect(isOpenAt(iso('2025-05-01T08:00:00Z'), cal)).toBe(false); // 1 May
  });
});
