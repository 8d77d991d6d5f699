import type { Channel, Conversation, Queue, ServiceLevel, SlaKind } from '../../../shared/index.js';
import { addBusinessMinutes, BusinessCalendar } from '../business-hours/index.js';

/** Used when a queue names no calendar (or an unknown one): targets count every minute. */
export const ALWAYS_OPEN: BusinessCalendar = BusinessCalendar.parse({
  id: 'always-open',
  frenchHolidays: false,
  week: Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
});

/** The queue's targets for a channel: the channel's own, else the queue's `default`. */
export function serviceLevelFor(queue: Pick<Queue, 'serviceLevels'>, channel: Channel): ServiceLevel | undefined {
  return queue.serviceLevels?.[channel] ?? queue.serviceLevels?.['default'];
}

export interface DueTimes {
  firstResponseDueAt?: string;
  resolutionDueAt?: string;
}

/** Due times counted in the calendar's business minutes from the conversation's opening. */
export function dueTimes(openedAt: string, level: ServiceLevel, calendar: BusinessCalendar): DueTimes {
  const start = new Date(openedAt);
  const due = (minutes: number | undefined) => (minutes === undefined ? undefined : addBusinessMinutes(start, minutes, calendar).toISOString());
  const firstResponseDueAt = due(level.firstResponseMinutes);
  const resolutionDueAt = due(level.resolutionMinutes);
  return {
    ...(firstResponseDueAt !== undefined ? { firstResponseDueAt } : {}),
    ...(resolutionDueAt !== undefined ? { resolutionDueAt } : {}),
  };
}

export interface Breach {
  kind: SlaKind;
  dueAt: string;
}

/**
 * Targets the conversation has missed by `now` and not yet journaled. A first response given
 * late is a breach too (caught even if no check ran between the due time and the reply); a
 * resolved conversation's resolution target is judged by its resolvedAt.
 */
export function missedTargets(c: Conversation, now: Date): Breach[] {
  const recorded = new Set((c.breaches ?? []).map((b) => b.kind));
  const missed: Breach[] = [];
  const late = (dueAt: string | undefined, doneAt: string | null | undefined): dueAt is string =>
    dueAt !== undefined && (doneAt ? Date.parse(doneAt) > Date.parse(dueAt) : now.getTime() > Date.parse(dueAt));
  if (!recorded.has('first_response') && late(c.firstResponseDueAt, c.firstRespondedAt)) {
    missed.push({ kind: 'first_response', dueAt: c.firstResponseDueAt });
  }
  if (!recorded.has('resolution') && late(c.resolutionDueAt, c.resolvedAt)) {
    missed.push({ kind: 'resolution', dueAt: c.resolutionDueAt });
  }
  return missed;
}
