import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { ChannelContext } from './channel-module.js';

// Small pieces every signed-webhook channel needs (phone, Meta, Telegram).

/**
 * Constant-time comparison of two secrets or signatures of any lengths: both are hashed first,
 * so neither the content nor the length of the expected value leaks through timing.
 */
export function safeEqual(given: string | Buffer, expected: string | Buffer): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && Buffer.byteLength(given) === Buffer.byteLength(expected);
}

export function refuse(res: Response, status: 400 | 401 | 403 | 404 | 503, message: string): void {
  const code = { 400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 503: 'unavailable' }[status];
  res.status(status).json({ error: { code, message } });
}

/** A route of a channel that is not configured: it says why, and never looks at the request. */
export function disabled(reason: string): RequestHandler {
  return (_req, res) => refuse(res, 503, reason);
}

/** The raw body as express.raw left it (an empty body gives an empty buffer). */
export function rawBody(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

/**
 * Routes are mounted when the app is built, the domain services arrive when the channel starts:
 * a request in between is told to retry.
 */
export class Started<T> {
  private value: T | null = null;

  set(value: T | null): void {
    this.value = value;
  }

  /** The started services, or null after answering 503 (the provider retries). */
  get(res: Response): T | null {
    if (this.value === null) refuse(res, 503, 'the channel is starting; retry shortly');
    return this.value;
  }
}

export type ChannelLog = ChannelContext['log'];
