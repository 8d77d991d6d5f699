import { createHmac } from 'node:crypto';
import { safeEqual } from '../../webhook-kit.js';

/** `X-Hub-Signature-256: sha256=<hex>`: HMAC-SHA256 of the raw request body, keyed with the app secret. */
export function metaSignature(appSecret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export type MetaSignatureVerdict = 'valid' | 'missing' | 'invalid';

/**
 * Checked over the bytes as received, before any parsing: re-serialised JSON would not hash the
 * same (key order, escapes, the `\/` Meta writes in URLs).
 */
export function verifyMetaSignature(appSecret: string, header: string | undefined, rawBody: Buffer): MetaSignatureVerdict {
  if (!header) return 'missing';
  return safeEqual(header.trim(), metaSignature(appSecret, rawBody)) ? 'valid' : 'invalid';
}
