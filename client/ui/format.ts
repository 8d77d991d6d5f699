import type { Channel } from '../../shared/model.js';
// Formatting helpers shared by the features; locale-aware through Intl.

/** Minutes of waiting before a wait is a warning, then late: live channels minutes, written ones hours. */
const WAIT_THRESHOLDS: Record<'live' | 'written', readonly [number, number]> = { live: [15, 60], written: [4 * 60, 24 * 60] };

/**
 * Severity of a wait, shown with text and shape, never colour alone. Without a deadline of its
 * own (sla.set) a wait is judged by the channel: a chat or a call is urgent within the hour, a
 * written message within the day.
 */
export function waitingLevel(sinceIso: string, nowMs: number, channel?: Channel): 'normal' | 'warning' | 'late' {
  const minutes = (nowMs - Date.parse(sinceIso)) / 60_000;
  const [warning, late] = WAIT_THRESHOLDS[channel === undefined || channel === 'webchat' || channel === 'phone' ? 'live' : 'written'];
  if (minutes >= late) return 'late';
  if (minutes >= warning) return 'warning';
  return 'normal';
}

export function formatDateTime(iso: string, lng: string, nowMs: number = Date.now()): string {
  const d = new Date(iso);
  const sameDay = new Date(nowMs).toDateString() === d.toDateString();
  return new Intl.DateTimeFormat(lng, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatTimeShort(iso: string, lng: string, nowMs: number = Date.now()): string {
  const d = new Date(iso);
  const sameDay = new Date(nowMs).toDateString() === d.toDateString();
  return new Intl.DateTimeFormat(lng, sameDay ? { timeStyle: 'short' } : { day: 'numeric', month: 'short' }).format(d);
}
