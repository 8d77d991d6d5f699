// Pure helpers of the SVG charts: scales and tick values, kept apart so they can be tested.

/** A "nice" upper bound for an axis (1, 2, 2.5 or 5 × 10^n), never 0. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

/** `count + 1` evenly spaced ticks from 0 to max. */
export function ticks(max: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}

/** Maps a value in [0, max] to a pixel in [0, size]. */
export function scale(value: number, max: number, size: number): number {
  return max <= 0 ? 0 : (Math.max(0, Math.min(value, max)) / max) * size;
}

/** An SVG polyline `points` attribute; null values break nothing, they are skipped. */
export function polylinePoints(values: readonly (number | null)[], width: number, height: number, max: number): string {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => (v === null ? null : `${(i * step).toFixed(1)},${(height - scale(v, max, height)).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(' ');
}

/**
 * Ticks that land on round values for a `niceMax` bound: steps of 1, 2 or 5 × 10^n
 * (0–50 by 10, 0–25 by 5, 0–20 by 5, 0–100 by 20), never 12.5 or 37.5.
 */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0];
  const leading = max / 10 ** Math.floor(Math.log10(max));
  const count = Math.abs(leading - 2) < 1e-9 ? 4 : 5;
  return ticks(max, count).map((t) => Number(t.toPrecision(12)));
}

/** What an axis measures, for its upper bound. */
export type AxisKind = 'count' | 'ratio' | 'minutes' | 'score' | 'number';

/**
 * The upper bound of an axis: counts at least 5 (whole ticks), shares at most 100 %, the
 * satisfaction score on its 1–5 scale, durations over an hour in whole hours.
 */
export function axisMax(value: number, kind: AxisKind): number {
  if (kind === 'score') return 5;
  if (kind === 'ratio') return Math.min(1, niceMax(value));
  if (kind === 'count') return Math.max(5, niceMax(value));
  if (kind === 'minutes') return value > 60 ? niceMax(value / 60) * 60 : Math.max(5, niceMax(value));
  return niceMax(value);
}

/** At most `max` indices spread evenly over `length` items, first and last included. */
export function spreadIndices(length: number, max: number): number[] {
  if (length <= 0) return [];
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (max - 1);
  return [...new Set(Array.from({ length: max }, (_, i) => Math.round(i * step)))];
}
