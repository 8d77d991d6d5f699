import type { Channel } from '../../shared/model.js';
// Formatting helpers shared by the features; locale-aware through Intl.

/** Parts of a waiting time, coarse on purpose: an agent needs "12 min", not seconds. */
export type WaitingParts =
  | { unit: 'lessThanMinute' }
  | { unit: 'minutes'; minutes: number }
  | { unit: 'hours'; hours: number; minutes: number }
  | { unit: 'days'; days: number };

export function waitingParts(sinceIso: string, nowMs: number): WaitingParts {
  const ms = Math.max(0, nowMs - Date.parse(sinceIso));
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return { unit: 'lessThanMinute' };
  if (minutes < 60) return { unit: 'minutes', minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', hours, minutes: minutes % 60 };
  return { unit: 'days', days: Math.floor(hours / 24) };
}

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

export function formatDuration(totalSec: number): string {
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = totalSec % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * A wait or a time in state on the supervisor board: h:mm:ss under a day, then days and hours
 * ("5 j 3 h"), since "123:27:38" makes a supervisor do arithmetic.
 */
export function formatElapsed(totalSec: number, lng: string): string {
  if (totalSec < 86_400) return formatDuration(totalSec);
  const days = Math.floor(totalSec / 86_400);
  const hours = Math.floor((totalSec % 86_400) / 3600);
  return lng.startsWith('fr') ? `${days} j ${hours} h` : `${days} d ${hours} h`;
}
