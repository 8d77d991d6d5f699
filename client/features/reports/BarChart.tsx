import { useId } from 'react';
import { axisMax, niceTicks, scale, type AxisKind } from './chartMath.js';

export interface Bar {
  label: string;
  value: number | null;
  /** Palette index (a channel keeps its colour across charts). */
  color: number;
}

const WIDTH = 640;

/** Horizontal bars, one per group: the per-channel (queue, agent) comparison. */
export function BarChart({ title, description, bars, format, kind }: { title: string; description: string; bars: readonly Bar[]; format: (v: number) => string; kind: AxisKind }) {
  const id = useId();
  const max = axisMax(Math.max(0, ...bars.map((b) => b.value ?? 0)), kind);
  const rowH = 30;
  // Room for the longest label (queue and agent names are longer than channels), within bounds.
  const labelW = Math.min(220, Math.max(90, 16 + 7.2 * Math.max(0, ...bars.map((b) => b.label.length))));
  const plotW = WIDTH - labelW - 80;
  const height = bars.length * rowH + 28;
  return (
    <svg className="report-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {niceTicks(max).map((t) => (
        <g key={t} aria-hidden="true">
          <line x1={labelW + scale(t, max, plotW)} x2={labelW + scale(t, max, plotW)} y1={0} y2={height - 22} className="report-chart__grid" />
          <text x={labelW + scale(t, max, plotW)} y={height - 6} textAnchor="middle" className="report-chart__tick">
            {format(t)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => (
        <g key={b.label} aria-hidden="true">
          <text x={labelW - 8} y={i * rowH + 19} textAnchor="end" className="report-chart__label">
            {b.label}
          </text>
          <rect x={labelW} y={i * rowH + 5} width={scale(b.value ?? 0, max, plotW)} height={rowH - 10} className={`report-chart__bar report-chart__bar--${b.color}`} />
          <text x={labelW + scale(b.value ?? 0, max, plotW) + 6} y={i * rowH + 19} className="report-chart__value">
            {b.value === null ? '—' : format(b.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}
