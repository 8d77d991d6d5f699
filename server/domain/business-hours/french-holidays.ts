// French public holidays (jours fériés, Code du travail L3133-1), as local dates 'YYYY-MM-DD'.
// Three of them move with Easter, so they are computed per year rather than listed.

export interface FrenchHolidayOptions {
  /** Alsace and Moselle add Good Friday and St Stephen's day (26 December). */
  alsaceMoselle?: boolean;
  /**
   * Whit Monday is a legal holiday but often the "journée de solidarité" worked by public services.
   * Default true (closed); a site that opens that day sets false.
   */
  whitMonday?: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

/** Easter Sunday of the Gregorian calendar (anonymous Gregorian computus), as [month 1-12, day]. */
export function easterSunday(year: number): [month: number, day: number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

function easterOffset(year: number, days: number): string {
  const [month, day] = easterSunday(year);
  // Date.UTC only as a day counter: no time zone is involved in calendar-date arithmetic.
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The year's public holidays, sorted. */
export function frenchPublicHolidays(year: number, opts: FrenchHolidayOptions = {}): string[] {
  const days = [
    isoDate(year, 1, 1), // Jour de l'an
    easterOffset(year, 1), // Lundi de Pâques
    isoDate(year, 5, 1), // Fête du travail
    isoDate(year, 5, 8), // Victoire 1945
    easterOffset(year, 39), // Ascension
    isoDate(year, 7, 14), // Fête nationale
    isoDate(year, 8, 15), // Assomption
    isoDate(year, 11, 1), // Toussaint
    isoDate(year, 11, 11), // Armistice
    isoDate(year, 12, 25), // Noël
  ];
  if (opts.whitMonday ?? true) days.push(easterOffset(year, 50)); // Lundi de Pentecôte
  if (opts.alsaceMoselle) days.push(easterOffset(year, -2), isoDate(year, 12, 26));
  return days.sort();
}
