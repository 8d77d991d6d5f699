import express, { Router } from 'express';
import { invalidPayload } from '../../domain/errors.js';
import { rawBody, refuse, type Started } from '../webhook-kit.js';
import { PbxCallEvent, reportOfPbxEvent } from './call-events.js';
import type { PhoneServices } from './twilio-webhook.js';
import { VOICE_SIGNATURE_HEADER, VOICE_TIMESTAMP_HEADER, verifyVoiceSignature } from './voice-signature.js';

/**
 * POST /webhooks/voice: the generic signed call event. 201 when the call's entry was created,
 * 200 when it was updated or already up to date (a retry), so a connector can retry blindly
 * until it gets a 2xx.
 */
export function voiceRouter(options: { secret: string; started: Started<PhoneServices> }): Router {
  const router = Router();
  router.post('/', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const body = rawBody(req);
    const started = options.started.get(res);
    if (!started) return;
    const verdict = verifyVoiceSignature(
      options.secret,
      { signature: req.get(VOICE_SIGNATURE_HEADER), timestamp: req.get(VOICE_TIMESTAMP_HEADER) },
      body,
      started.now().getTime(),
    );
    if (!verdict.ok) return refuse(res, verdict.status, verdict.reason);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(res, 400, 'the body is not valid JSON');
    }
    const parsed = PbxCallEvent.safeParse(json);
    if (!parsed.success) throw invalidPayload('call event', parsed.error.issues);
    const result = await started.calls.record(reportOfPbxEvent(parsed.data, started.now()));
    // A recording ahead of its call: kept and applied when the call is reported.
    if (result.status === 'held') return void res.status(202).json({ status: 'held' });
    res.status(result.status === 'created' ? 201 : 200).json({
      status: result.status,
      messageId: result.message.id,
      conversationId: result.message.conversationId,
      citizenId: result.message.citizenId,
    });
  });
  return router;
}
