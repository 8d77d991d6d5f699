import type { AppErrorBody, ErrorCode } from '../../shared/ack.js';
import type { ErrorReason } from '../../shared/error-reasons.js';

// The console's REST client: same origin, the session cookie travels by itself.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly issues: AppErrorBody['issues'] = undefined,
    readonly reason: ErrorReason | undefined = undefined,
  ) {
    super(message);
  }
}

/** Serializable form of an ApiError, used as a thunk's rejectValue. */
export interface ApiFailure {
  status: number;
  code: ErrorCode | 'network';
  /** English, for the developer console; screens word `reason` or `code` (ui/errorText.ts). */
  message: string;
  reason?: ErrorReason;
  issues?: AppErrorBody['issues'];
}

let unauthenticatedHandler: (() => void) | null = null;

/** Called when any request (other than the session checks) answers 401. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

export interface RequestOptions {
  /** A 401 here is an expected answer (login, session check), not an expired session. */
  expectUnauthenticated?: boolean;
  signal?: AbortSignal;
}

export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const error = (json as { error?: AppErrorBody } | undefined)?.error;
    if (res.status === 401 && !options.expectUnauthenticated) unauthenticatedHandler?.();
    throw new ApiError(res.status, error?.code ?? codeForStatus(res.status), error?.message ?? res.statusText, error?.issues, error?.reason);
  }
  return json as T;
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal';
  return 'bad_request';
}

export function toFailure(err: unknown): ApiFailure {
  if (err instanceof ApiError) {
    return { status: err.status, code: err.code, message: err.message, ...(err.reason ? { reason: err.reason } : {}), ...(err.issues ? { issues: err.issues } : {}) };
  }
  return { status: 0, code: 'network', message: err instanceof Error ? err.message : String(err) };
}

export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
