import type { ErrorReason } from './error-reasons.js';

export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface AppErrorBody {
  code: ErrorCode;
  /** English, for logs and API clients; the console words `reason` or `code` instead. */
  message: string;
  /** Why, more precisely than the code: see shared/error-reasons.ts. */
  reason?: ErrorReason;
  /** Field-level reasons for a rejected payload, path joined with dots. */
  issues?: { path: string; message: string }[];
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };
