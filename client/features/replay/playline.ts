import type { JournalEvent } from '../../../shared/journal.js';
import type { Channel } from '../../../shared/model.js';

// The replay's time axis. Events keep their real times (shown on the clock), but playback runs
// on a compressed axis: a gap plays at its real length up to a few seconds, longer gaps grow only
// with their logarithm, so a three-day wait passes in seconds and still takes longer than an
// hour's. Speeds (×2…×32) divide this axis.

/** Gaps up to this long play at their real length (ms of playback at ×1). */
export const REAL_PACE_LIMIT_MS = 4000;
/** Every event gets at least this much playback, so a batch written in one instant unfolds visibly. */
export const MIN_STEP_MS = 400;
/** Playback before the first event: the screen as the agent found it. */
export const LEAD_IN_MS = 1000;
/** A gap this long is marked on the scrubber as a long wait. */
export const LONG_WAIT_MS = 60 * 60_000;

export const SPEEDS = [1, 2, 4, 8, 16, 32] as const;
export type Speed = (typeof SPEEDS)[number];

export function compressGap(realMs: number): number {
  if (realMs <= REAL_PACE_LIMIT_MS) return Math.max(MIN_STEP_MS, realMs);
  return REAL_PACE_LIMIT_MS + 4000 * Math.log10(realMs / REAL_PACE_LIMIT_MS);
}

export type Marker =
  | { kind: 'channel-switch'; index: number; from: Channel; to: Channel }
  | { kind: 'long-wait'; index: number; realMs: number };

export interface Playline {
  /** Playback position (ms at ×1) where event i happens. */
  positions: number[];
  /** Real time (epoch ms) of event i. */
  times: number[];
  total: number;
  markers: Marker[];
}

export function channelOf(event: JournalEvent): Channel | null {
  switch (event.type) {
    case 'message.received':
    case 'message.sent':
      return event.payload.message.channel;
    default:
      return null;
  }
}

export function buildPlayline(events: readonly JournalEvent[]): Playline {
  const positions: number[] = [];
  const times: number[] = [];
  const markers: Marker[] = [];
  let position = LEAD_IN_MS;
  let lastChannel: Channel | null = null;
  events.forEach((event, i) => {
    const time = Date.parse(event.at);
    if (i > 0) {
      const gap = Math.max(0, time - times[i - 1]!);
      position += compressGap(gap);
      if (gap >= LONG_WAIT_MS) markers.push({ kind: 'long-wait', index: i, realMs: gap });
    }
    positions.push(position);
    times.push(time);
    const channel = channelOf(event);
    if (channel !== null) {
      if (lastChannel !== null && channel !== lastChannel) markers.push({ kind: 'channel-switch', index: i, from: lastChannel, to: channel });
      lastChannel = channel;
    }
  });
  // A short tail after the last event, so "the end" shows it rather than landing on it.
  return { positions, times, total: events.length === 0 ? 0 : position + MIN_STEP_MS, markers };
}

/** Index of the last event at or before `position`; -1 before the first. */
export function indexAt(line: Pick<Playline, 'positions'>, position: number): number {
  let lo = 0;
  let hi = line.positions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (line.positions[mid]! <= position) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The real instant shown at a playback position: between two events it runs from one's time to
 * the next's, so during a compressed wait the clock races through the hours the citizen waited.
 */
export function instantAt(line: Playline, position: number): number | null {
  if (line.times.length === 0) return null;
  const i = indexAt(line, position);
  if (i < 0) return line.times[0]!;
  if (i === line.times.length - 1) return line.times[i]!;
  const span = line.positions[i + 1]! - line.positions[i]!;
  const ratio = span <= 0 ? 0 : Math.min(1, (position - line.positions[i]!) / span);
  return Math.round(line.times[i]! + ratio * (line.times[i + 1]! - line.times[i]!));
}

/** Playback position of event i (clamped); -1 means the very start. */
export function positionOf(line: Pick<Playline, 'positions'>, index: number): number {
  if (index < 0 || line.positions.length === 0) return 0;
  return line.positions[Math.min(index, line.positions.length - 1)]!;
}
