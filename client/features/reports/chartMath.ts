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
