import { z } from 'zod';
import { SafeLink } from '../../../shared/index.js';
import type { CallReport } from '../../domain/calls.js';

/**
 * The generic call event a PBX connector (Asterisk AMI/ARI, FreePBX, 3CX) posts to
 * POST /webhooks/voice, one per change of a call. Every event of one call carries the same
 * `callId`; the first creates the call's entry in the citizen's timeline, the next ones update
 * it. Documented in the README; unknown fields are ignored so connectors can send more.
 */
export const PbxCallEvent = z.object({
  callId: z.string().trim().min(1).max(200),
  event: z.enum(['ringing', 'answered', 'completed', 'missed', 'voicemail', 'abandoned', 'recording']),
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  /** Caller and callee as the PBX saw them; the citizen is `from` inbound, `to` outbound. */
  from: z.string().trim().max(40).default(''),
  to: z.string().trim().max(40).default(''),
  /** When this event happened; defaults to the time of receipt. */
  at: z.iso.datetime({ offset: true }).optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  answeredAt: z.iso.datetime({ offset: true }).optional(),
  endedAt: z.iso.datetime({ offset: true }).optional(),
  /** Talk time in seconds (from pickup to hang-up). */
  durationSec: z.number().int().min(0).max(7 * 24 * 3600).optional(),
  recordingUrl: SafeLink.optional(),
  transcriptUrl: SafeLink.optional(),
  callerName: z.string().trim().max(200).optional(),
}).refine((e) => e.event !== 'recording' || e.recordingUrl !== undefined, {
  path: ['recordingUrl'],
  message: 'a recording event needs recordingUrl',
});
export type PbxCallEvent = z.output<typeof PbxCallEvent>;

const iso = (value: string | undefined): string | undefined => (value === undefined ? undefined : new Date(value).toISOString());

export function reportOfPbxEvent(event: PbxCallEvent, now: Date): CallReport {
  const at = iso(event.at) ?? now.toISOString();
  if (event.event === 'recording') {
    return { externalId: event.callId, stage: 'recording', at, recordingUrl: event.recordingUrl ?? '', transcriptUrl: event.transcriptUrl };
  }
  const inbound = event.direction === 'inbound';
  return {
    externalId: event.callId,
    direction: event.direction,
    citizenNumber: inbound ? event.from : event.to,
    townNumber: inbound ? event.to : event.from,
    stage: event.event,
    at,
    startedAt: iso(event.startedAt),
    answeredAt: iso(event.answeredAt),
    endedAt: iso(event.endedAt),
    durationSec: event.durationSec,
    recordingUrl: event.recordingUrl,
    transcriptUrl: event.transcriptUrl,
    callerName: event.callerName,
  };
}
