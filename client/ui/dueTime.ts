import type { Conversation } from '../../shared/model.js';

/** The service-level deadline an agent should see on a conversation, if it has one. */
export interface DueTime {
  /** What is due: the first reply, then the resolution. */
  kind: 'first_response' | 'resolution';
  dueAt: string;
  /** `late`: passed or journaled as breached; `soon`: within the warning window. */
  state: 'due' | 'soon' | 'late';
}

/** How long before a deadline it turns to "soon": a reply in half an hour, a resolution in half a day. */
const SOON_MS: Record<DueTime['kind'], number> = { first_response: 30 * 60_000, resolution: 12 * 3_600_000 };

/**
 * The next deadline of an open or pending conversation (journal `sla.set`): the first response
 * until one is given, then the resolution. A breach journaled by the server (`sla.breached`)
 * counts as late even if this console's clock disagrees.
 */
export function dueTimeOf(c: Pick<Conversation, 'status' | 'firstResponseDueAt' | 'resolutionDueAt' | 'firstRespondedAt' | 'breaches'>, nowMs: number): DueTime | null {
  if (c.status === 'resolved') return null;
  const kind: DueTime['kind'] | null =
    c.firstResponseDueAt !== undefined && c.firstRespondedAt === undefined ? 'first_response' : c.resolutionDueAt !== undefined ? 'resolution' : null;
  if (!kind) return null;
  const dueAt = (kind === 'first_response' ? c.firstResponseDueAt : c.resolutionDueAt)!;
  const left = Date.parse(dueAt) - nowMs;
  const breached = (c.breaches ?? []).some((b) => b.kind === kind);
  return { kind, dueAt, state: breached || left <= 0 ? 'late' : left <= SOON_MS[kind] ? 'soon' : 'due' };
}
