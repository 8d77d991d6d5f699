import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../../shared/replay.js';
import { positionOf, type Playline } from './playline.js';
import { useDuration } from './useReplayText.js';

export interface ScrubberProps {
  line: Playline;
  position: number;
  index: number;
  /** Spoken value: which event, when. */
  valueText: string;
  annotations: readonly Annotation[];
  seqs: readonly number[];
  onSeek(position: number): void;
  onStep(delta: number): void;
}

const PAGE_EVENTS = 10;

/**
 * The timeline scrubber: an ARIA slider over the events (arrows step one event, Page keys ten,
 * Home and End the ends), and a track a pointer can click or drag to any instant. Marks for
 * channel switches, long waits and annotations sit on the track with a text legend beside it.
 */
export function Scrubber({ line, position, index, valueText, annotations, seqs, onSeek, onStep }: ScrubberProps) {
  const { t } = useTranslation();
  const duration = useDuration();
  const track = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const count = line.positions.length;
  const pct = (p: number) => (line.total === 0 ? 0 : (100 * p) / line.total);

  const seekToPointer = (clientX: number) => {
    const el = track.current;
    if (!el) return;
    const rect = el.getBoundingClientRect();
    const ratio = Math.max(0, Math.min(1, (clientX - rect.left) / Math.max(1, rect.width)));
    onSeek(ratio * line.total);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => onStep(1),
      ArrowUp: () => onStep(1),
      ArrowLeft: () => onStep(-1),
      ArrowDown: () => onStep(-1),
      PageUp: () => onStep(PAGE_EVENTS),
      PageDown: () => onStep(-PAGE_EVENTS),
      Home: () => onSeek(0),
      End: () => onSeek(line.total),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    seekToPointer(e.clientX);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) seekToPointer(e.clientX);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };

  return (
    <div className="scrubber">
      <div
        ref={track}
        className="scrubber__track"
        role="slider"
        tabIndex={0}
        aria-label={t('replay.scrubber.label')}
        aria-valuemin={0}
        aria-valuemax={count}
        aria-valuenow={index + 1}
        aria-valuetext={valueText}
        aria-describedby="scrubber-legend"
        data-testid="replay-scrubber"
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
      >
        <div className="scrubber__played" style={{ width: `${pct(position)}%` }} />
        {line.markers.map((m) =>
          m.kind === 'long-wait' ? (
            <div
              key={`wait-${m.index}`}
              className="scrubber__wait"
              aria-hidden="true"
              title={t('replay.scrubber.longWait', { duration: duration(m.realMs) })}
              style={{ left: `${pct(positionOf(line, m.index - 1))}%`, width: `${pct(positionOf(line, m.index) - positionOf(line, m.index - 1))}%` }}
            />
          ) : (
            <div
              key={`switch-${m.index}`}
              className="scrubber__switch"
              aria-hidden="true"
              title={t('replay.scrubber.switch', { from: t(`channel.${m.from}`), to: t(`channel.${m.to}`) })}
              style={{ left: `${pct(positionOf(line, m.index))}%` }}
            />
          ),
        )}
        {line.positions.map((p, i) => (
          <div key={`tick-${i}`} className="scrubber__tick" aria-hidden="true" style={{ left: `${pct(p)}%` }} />
        ))}
        {annotations.map((a) => {
          const i = seqs.indexOf(a.seq);
          return <div key={a.id} className="scrubber__pin" aria-hidden="true" title={a.text} style={{ left: `${pct(positionOf(line, i))}%` }} />;
        })}
        <div className="scrubber__thumb" aria-hidden="true" style={{ left: `${pct(position)}%` }} />
      </div>
      <ul id="scrubber-legend" className="scrubber__legend">
        <li>
          <span className="legend-swatch legend-swatch--switch" aria-hidden="true" />
          {t('replay.scrubber.switches', { count: line.markers.filter((m) => m.kind === 'channel-switch').length })}
        </li>
        <li>
          <span className="legend-swatch legend-swatch--wait" aria-hidden="true" />
          {t('replay.scrubber.waits', { count: line.markers.filter((m) => m.kind === 'long-wait').length })}
        </li>
        <li>
          <span className="legend-swatch legend-swatch--pin" aria-hidden="true" />
          {t('replay.scrubber.pins', { count: annotations.length })}
        </li>
        <li className="muted">{t('replay.scrubber.keys')}</li>
      </ul>
    </div>
  );
}
