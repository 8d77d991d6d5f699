// The one way the console writes a length of time (waits, time in state, call lengths, report
// delays, replay gaps): the two most significant units, "8 j 4 h", "19 min", "3 min 14 s", never
// "19:08:13", which makes a supervisor count colons.

export type DurationUnit = 'day' | 'hour' | 'minute' | 'second';

const UNITS: readonly { unit: DurationUnit; seconds: number; iso: string }[] = [
  { unit: 'day', seconds: 86_400, iso: 'D' },
  { unit: 'hour', seconds: 3600, iso: 'H' },
  { unit: 'minute', seconds: 60, iso: 'M' },
  { unit: 'second', seconds: 1, iso: 'S' },
];

/** Short unit signs: French typography ("j", "h", "min", "s"), the same signs in English but "d". */
const SHORT: Record<'fr' | 'en', Record<DurationUnit, string>> = {
  fr: { day: 'j', hour: 'h', minute: 'min', second: 's' },
  en: { day: 'd', hour: 'h', minute: 'min', second: 's' },
};

const BELOW: Record<'fr' | 'en', Record<'short' | 'long', (unit: string) => string>> = {
  fr: { short: (u) => `< 1\u00a0${u}`, long: (u) => `moins d’${u === 'jour' ? 'un' : 'une'} ${u}` },
  en: { short: (u) => `< 1\u00a0${u}`, long: (u) => `less than a${u === 'hour' ? 'n' : ''} ${u}` },
};

export interface DurationOptions {
  /**
   * The finest unit shown (default seconds). A value refreshed every 30 s (inbox badges) or
   * measured in whole minutes (reports) stops at minutes rather than show seconds that lie.
   */
  smallest?: DurationUnit;
  /**
   * The coarsest unit (default days). Business minutes (reports) stop at hours: a business day is
   * not 24 hours, so "2 j" would mislead.
   */
  largest?: DurationUnit;
  /** `short` for the eye ("3 min 14 s"), `long` for screen readers ("3 minutes et 14 secondes"). */
  style?: 'short' | 'long';
}

function languageOf(lng: string): 'fr' | 'en' {
  return lng.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function unitRange(options: DurationOptions): typeof UNITS {
  const from = UNITS.findIndex((u) => u.unit === (options.largest ?? 'day'));
  const to = UNITS.findIndex((u) => u.unit === (options.smallest ?? 'second'));
  if (from > to) throw new RangeError(`largest unit ${options.largest} is finer than smallest ${options.smallest}`);
  return UNITS.slice(from, to + 1);
}

/**
 * The two most significant non-zero-led units of a duration, truncated (a wait is not 20 min
 * until it is); a zero second unit is left out ("19 min", not "19 min 0 s"). Empty when the
 * duration is below one smallest unit. Negative durations (clock skew) count as zero.
 */
export function durationParts(totalSec: number, options: DurationOptions = {}): { unit: DurationUnit; value: number }[] {
  const units = unitRange(options);
  let rest = Math.max(0, Math.floor(Number.isFinite(totalSec) ? totalSec : 0));
  const parts: { unit: DurationUnit; value: number }[] = [];
  for (const u of units) {
    const value = Math.floor(rest / u.seconds);
    rest -= value * u.seconds;
    if (parts.length === 0 && value === 0) continue;
    parts.push({ unit: u.unit, value });
    if (parts.length === 2) break;
  }
  if (parts.length === 2 && parts[1]!.value === 0) parts.pop();
  return parts;
}

/** "8 j 4 h", "19 min", "3 min 14 s" (FR) / "8 d 4 h" (EN); a no-break space binds each number to its unit. */
export function formatDuration(totalSec: number, lng: string, options: DurationOptions = {}): string {
  const language = languageOf(lng);
  const style = options.style ?? 'short';
  const parts = durationParts(totalSec, options);
  const smallest = options.smallest ?? 'second';
  const unitName = (unit: DurationUnit, value: number) =>
    style === 'short'
      ? `${new Intl.NumberFormat(lng).format(value)}\u00a0${SHORT[language][unit]}`
      : new Intl.NumberFormat(lng, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  if (parts.length === 0) {
    if (Math.floor(totalSec) <= 0 || !Number.isFinite(totalSec)) return unitName(smallest, 0);
    const name = style === 'short' ? SHORT[language][smallest] : new Intl.NumberFormat(lng, { style: 'unit', unit: smallest, unitDisplay: 'long' }).formatToParts(1).find((p) => p.type === 'unit')!.value;
    return BELOW[language][style](name);
  }
  const words = parts.map((p) => unitName(p.unit, p.value));
  return style === 'short' ? words.join(' ') : new Intl.ListFormat(lng, { type: 'conjunction', style: 'long' }).format(words);
}

/** The same duration, same precision, as an HTML duration string for `<time dateTime>`: "PT3M14S", "P8DT4H". */
export function isoDuration(totalSec: number, options: DurationOptions = {}): string {
  const parts = durationParts(totalSec, options);
  if (parts.length === 0) return 'PT0S';
  const day = parts.find((p) => p.unit === 'day');
  const time = parts.filter((p) => p.unit !== 'day').map((p) => `${p.value}${UNITS.find((u) => u.unit === p.unit)!.iso}`);
  return `P${day ? `${day.value}D` : ''}${time.length > 0 ? `T${time.join('')}` : ''}`;
}
