// Reports speak in days of the service's time zone (Europe/Paris): a day's volume is what came in
// between two local midnights, whatever the DST offset.

const TZ = 'Europe/Paris';
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' });

/** Local calendar day (YYYY-MM-DD) of an instant. */
export function localDay(iso: string): string {
  return dayFormat.format(new Date(iso));
}

/** Offset of Europe/Paris at an instant, in minutes east of UTC. */
function offsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The UTC instant of a local day's midnight. */
export function localMidnight(day: string): string {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  // The offset at local midnight equals the one two hours before UTC midnight's guess except on
  // no day France changes clocks at midnight (changes happen at 02:00/03:00), so one probe holds.
  const offset = offsetMinutes(new Date(utcMidnight.getTime() - 2 * 3_600_000));
  return new Date(utcMidnight.getTime() - offset * 60_000).toISOString();
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the ISO week holding `day`. */
export function weekStart(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return addDays(day, -((d.getUTCDay() + 6) % 7));
}

/**
 * Memoised localDay keyed by the UTC hour: Paris offsets are whole hours, so every instant of one
 * UTC hour falls on the same local day. Saves 100k Intl calls per report.
 */
export function dayOfCache(): (iso: string) => string {
  const cache = new Map<string, string>();
  return (iso) => {
    const hour = iso.slice(0, 13);
    let day = cache.get(hour);
    if (day === undefined) {
      day = localDay(`${hour}:00:00Z`);
      cache.set(hour, day);
    }
    return day;
  };
}
