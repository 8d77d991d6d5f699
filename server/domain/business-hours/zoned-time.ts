// Wall-clock time in an IANA zone without a date library: Intl gives the zone's offset at an
// instant, and a local time is turned into an instant by correcting a first guess with it.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** The zone's wall clock read through Intl: exact, but costly (the reports fold calls it a lot). */
function intlParts(instantMs: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return { year, month, day, hour, minute, second, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/**
 * Offsets per zone and quarter of an hour (UTC). Zones change offset on quarter-hour instants,
 * so one Intl reading serves a whole quarter; bounded, as the instants asked for are unbounded.
 */
const QUARTER_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_MAX = 200_000;

function quarterOffsetMs(instantMs: number, timeZone: string): number {
  const quarter = Math.floor(instantMs / QUARTER_MS) * QUARTER_MS;
  const key = `${timeZone}|${quarter}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const p = intlParts(quarter, timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - quarter;
    if (offsetCache.size >= OFFSET_CACHE_MAX) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

export function localParts(instantMs: number, timeZone: string): LocalDateTime {
  const local = new Date(instantMs + quarterOffsetMs(instantMs, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

/** Milliseconds the zone is ahead of UTC at this instant (+1 h or +2 h for Europe/Paris). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  return quarterOffsetMs(instantMs, timeZone);
}

/**
 * The instant a local wall-clock time names. A time skipped by the spring change (02:30 in Paris
 * on the last Sunday of March) maps to the instant one offset later (03:30), and a time repeated
 * in autumn maps to its first occurrence — so an opening interval never runs backwards.
 */
export function zonedTimeToUtc(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  const before = zoneOffsetMs(guess - 12 * 3_600_000, timeZone);
  const after = zoneOffsetMs(guess + 12 * 3_600_000, timeZone);
  // Around a change the two candidate offsets differ; pick the one that round-trips, earliest first.
  const candidates = before === after ? [before] : [Math.max(before, after), Math.min(before, after)];
  for (const offset of candidates) {
    const t = guess - offset;
    if (zoneOffsetMs(t, timeZone) === offset) return t;
  }
  // Skipped local time (spring gap): the pre-change offset carries it past the gap.
  return guess - Math.min(before, after);
}
