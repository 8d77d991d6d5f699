import { createHmac } from 'node:crypto';
import { safeEqual } from '../webhook-kit.js';

// Signature of the generic call-event webhook (README "Generic PBX webhook"): HMAC-SHA256, keyed
// with VOICE_WEBHOOK_SECRET, over "<timestamp>.<raw body>", sent as `X-Guichet-Signature:
// sha256=<hex>` with the Unix timestamp in `X-Guichet-Timestamp`. Signing the timestamp with the
// body lets the receiver refuse a captured request replayed later.

export const VOICE_SIGNATURE_HEADER = 'x-guichet-signature';
export const VOICE_TIMESTAMP_HEADER = 'x-guichet-timestamp';
export const VOICE_TOLERANCE_SEC = 300;

export function voiceSignature(secret: string, timestamp: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type VoiceVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export function verifyVoiceSignature(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: Buffer,
  nowMs: number,
  toleranceSec = VOICE_TOLERANCE_SEC,
): VoiceVerdict {
  if (!headers.signature || !headers.timestamp) {
    return { ok: false, status: 401, reason: 'X-Guichet-Signature and X-Guichet-Timestamp are required' };
  }
  if (!/^\d{1,12}$/.test(headers.timestamp)) return { ok: false, status: 403, reason: 'X-Guichet-Timestamp is not a Unix time in seconds' };
  if (!safeEqual(headers.signature, voiceSignature(secret, headers.timestamp, body))) {
    return { ok: false, status: 403, reason: 'X-Guichet-Signature does not match (check VOICE_WEBHOOK_SECRET)' };
  }
  // Checked after the signature, so an attacker learns nothing about the clock from unsigned probes.
  if (Math.abs(nowMs / 1000 - Number(headers.timestamp)) > toleranceSec) {
    return { ok: false, status: 403, reason: `X-Guichet-Timestamp is more than ${toleranceSec} s away from the server's clock` };
  }
  return { ok: true };
}
