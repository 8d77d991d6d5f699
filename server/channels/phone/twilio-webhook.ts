import express, { Router, type Request } from 'express';
import { isSafeLink } from '../../../shared/index.js';
import type { CallProgressReport, CallReport, CallService, CallStageName } from '../../domain/calls.js';
import { refuse, rawBody, type Started } from '../webhook-kit.js';
import { verifyTwilioSignature } from './twilio-signature.js';

// Twilio's CallStatus values, as Guichet reads them. Busy, no answer, failed and canceled are all
// a citizen who did not get through: a missed call, which opens a call-back.
const STAGE: Record<string, CallStageName> = {
  queued: 'ringing',
  initiated: 'ringing',
  ringing: 'ringing',
  'in-progress': 'answered',
  completed: 'completed',
  busy: 'missed',
  'no-answer': 'missed',
  failed: 'missed',
  canceled: 'missed',
};

export type TwilioReading = { report: CallReport } | { ignored: string };

function isoFrom(timestamp: string | null, fallback: Date): string {
  const ms = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : fallback.toISOString();
}

/** Twilio's recording links are https; anything else is not kept (shared/links.ts). */
function httpsUrl(value: string | null): string | undefined {
  return value && isSafeLink(value) ? value : undefined;
}

/**
 * Reads one Twilio voice callback: a call status callback (CallStatus, Direction, From, To,
 * CallDuration, RecordingUrl, Timestamp) or a recording status callback (CallSid, RecordingUrl,
 * RecordingStatus, no numbers). A recording on an inbound call is a voicemail: Guichet assumes
 * the town's voice flow records only messages left when nobody picks up (see README).
 */
export function readTwilioCallback(params: URLSearchParams, now: Date): TwilioReading {
  const callSid = params.get('CallSid')?.trim();
  if (!callSid) return { ignored: 'no CallSid' };
  // A <Dial> leg towards an agent's phone: the citizen's call is its parent, reported on its own.
  if (params.get('ParentCallSid')) return { ignored: 'child leg of a dialled call' };
  const at = isoFrom(params.get('Timestamp'), now);
  const recordingUrl = httpsUrl(params.get('RecordingUrl'));
  const status = params.get('CallStatus')?.trim().toLowerCase();
  if (!status) {
    const recordingStatus = params.get('RecordingStatus');
    if (recordingUrl && (recordingStatus === null || recordingStatus === 'completed')) {
      return { report: { externalId: callSid, stage: 'recording', at, recordingUrl } };
    }
    return { ignored: 'neither a call status nor a finished recording' };
  }
  let stage = STAGE[status];
  if (!stage) return { ignored: `unknown CallStatus ${status}` };
  const direction = (params.get('Direction') ?? 'inbound').startsWith('outbound') ? 'outbound' : 'inbound';
  if (stage === 'completed' && recordingUrl && direction === 'inbound') stage = 'voicemail';
  const from = params.get('From') ?? '';
  const to = params.get('To') ?? '';
  const duration = Number.parseInt(params.get('CallDuration') ?? '', 10);
  const report: CallProgressReport = {
    externalId: callSid,
    direction,
    citizenNumber: direction === 'inbound' ? from : to,
    townNumber: direction === 'inbound' ? to : from,
    stage,
    at,
    ...(Number.isFinite(duration) && duration >= 0 ? { durationSec: duration } : {}),
    ...(recordingUrl ? { recordingUrl } : {}),
    ...(params.get('CallerName') ? { callerName: params.get('CallerName')! } : {}),
  };
  return { report };
}

/** What the phone routes need once the channel has started. */
export interface PhoneServices {
  calls: Pick<CallService, 'record'>;
  now: () => Date;
}

export interface TwilioRouteOptions {
  authToken: string;
  /** The external base URL Twilio calls (PUBLIC_URL): the signature covers it, not our Host header. */
  publicUrl: string;
  started: Started<PhoneServices>;
}

function signedUrl(publicUrl: string, req: Request): string {
  return `${publicUrl.replace(/\/+$/, '')}${req.originalUrl}`;
}

/** POST /webhooks/voice/twilio: verify, read, record; 200 only once the journal holds it. */
export function twilioRouter(options: TwilioRouteOptions): Router {
  const router = Router();
  router.post('/', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const signature = req.get('x-twilio-signature');
    if (!signature) return refuse(res, 401, 'X-Twilio-Signature is missing');
    const params = new URLSearchParams(rawBody(req).toString('utf8'));
    if (!verifyTwilioSignature(options.authToken, signature, signedUrl(options.publicUrl, req), params)) {
      return refuse(res, 403, 'X-Twilio-Signature does not match (check TWILIO_AUTH_TOKEN and PUBLIC_URL)');
    }
    const started = options.started.get(res);
    if (!started) return;
    const reading = readTwilioCallback(params, started.now());
    if ('ignored' in reading) {
      // Signed and well-formed, but nothing Guichet keeps: acknowledged so Twilio does not retry.
      res.status(200).json({ status: 'ignored', reason: reading.ignored });
      return;
    }
    const result = await started.calls.record(reading.report);
    // A recording ahead of its call is held (Twilio does not retry a 4xx, nor need to retry this).
    if (result.status === 'held') return void res.status(200).json({ status: 'held' });
    res.status(200).json({ status: result.status, messageId: result.message.id, conversationId: result.message.conversationId });
  });
  return router;
}
