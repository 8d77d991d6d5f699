import type { CallDetails, CallOutcome, Direction } from './model.js';
import { isSafeLink } from './links.js';

// Rules of a phone call's life, shared by the server (which journals call updates) and the
// reducers (which fold them), so both agree on what a call update means.

/** Tag of a conversation that owes the citizen a call-back (a missed call, a voicemail). */
export const CALLBACK_TAG = 'callback';

const OWES_CALLBACK: readonly CallOutcome[] = ['missed', 'voicemail', 'abandoned'];

/** An inbound call nobody took is a request waiting for a call-back; an outbound one is not. */
export function callOwesCallback(direction: Direction, outcome: CallOutcome): boolean {
  return direction === 'inbound' && OWES_CALLBACK.includes(outcome);
}

/** 0 ringing, 1 in progress, 2 over (whatever the outcome). */
export function callStage(call: Pick<CallDetails, 'outcome' | 'endedAt'>): 0 | 1 | 2 {
  if (call.outcome === 'ringing') return 0;
  if (call.outcome === 'answered' && call.endedAt === undefined) return 1;
  return 2;
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Folds a later report about a call into what is known of it. Providers retry and may deliver
 * callbacks out of order, so the merge is monotonic: a report of an earlier stage (a late
 * "ringing" after "completed") only fills gaps; a recording makes the call a voicemail for good;
 * the first start time and the numbers are kept; the summary is the agent's, never the provider's.
 */
export function mergeCallDetails(prev: CallDetails, next: CallDetails): CallDetails {
  const { summary: _ignored, ...incoming } = defined(next);
  const older = callStage(next) < callStage(prev);
  const merged: CallDetails = older ? { ...prev, ...incoming, ...defined(prev) } : { ...prev, ...incoming };
  if (prev.outcome === 'voicemail' && callStage(next) === 2) merged.outcome = 'voicemail';
  // The first report of a pickup or a hang-up stands: a completed report only gives whole
  // seconds, and a retried one without a time of its own would otherwise move the end each time.
  if (prev.answeredAt !== undefined) merged.answeredAt = prev.answeredAt;
  if (prev.endedAt !== undefined) merged.endedAt = prev.endedAt;
  merged.from = prev.from;
  merged.to = prev.to;
  if (next.startedAt && Date.parse(next.startedAt) < Date.parse(prev.startedAt)) merged.startedAt = next.startedAt;
  else merged.startedAt = prev.startedAt;
  if (prev.summary !== undefined) merged.summary = prev.summary;
  else delete merged.summary;
  // A link stored before the link rule existed is dropped rather than carried into a new event.
  if (merged.recordingUrl !== undefined && !isSafeLink(merged.recordingUrl)) delete merged.recordingUrl;
  if (merged.transcriptUrl !== undefined && !isSafeLink(merged.transcriptUrl)) delete merged.transcriptUrl;
  return merged;
}

/** Same call state, ignoring the agent's summary: nothing to journal. */
export function sameCallState(a: CallDetails, b: CallDetails): boolean {
  const strip = ({ summary: _s, ...rest }: CallDetails) => JSON.stringify(Object.entries(defined(rest)).sort(([x], [y]) => (x < y ? -1 : 1)));
  return strip(a) === strip(b);
}
