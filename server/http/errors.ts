import type { ErrorRequestHandler, Response } from 'express';
import type { AppErrorBody, ErrorCode } from '../../shared/index.js';
import { DomainError } from '../domain/errors.js';
import { StoreUnavailableError } from '../domain/ports.js';
import { BadCursorError } from '../store/errors.js';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export function sendError(res: Response, body: AppErrorBody, status = STATUS[body.code]): void {
  res.status(status).json({ error: body });
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Maps every failure to a readable JSON error; only a bug reaches the 500 branch, and it is logged. */
export function errorHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof DomainError) return sendError(res, err.toBody());
    if (err instanceof BadCursorError) return sendError(res, { code: 'bad_request', message: err.message });
    if (err instanceof StoreUnavailableError) {
      res.setHeader('Retry-After', '5');
      return sendError(res, { code: 'unavailable', message: 'storage is unavailable, retry shortly' });
    }
    const parserError = err as BodyParserError;
    if (parserError.type === 'entity.parse.failed') return sendError(res, { code: 'bad_request', message: 'the body is not valid JSON' });
    if (parserError.type === 'entity.too.large') return sendError(res, { code: 'bad_request', message: 'the body is too large' }, 413);
    if (parserError.type === 'encoding.unsupported' || parserError.type === 'charset.unsupported') {
      return sendError(res, { code: 'bad_request', message: 'unsupported body encoding' }, 415);
    }
    if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      return sendError(res, { code: 'bad_request', message: 'malformed request' }, parserError.status);
    }
    log('unhandled error', err);
    return sendError(res, { code: 'internal', message: 'internal error' });
  };
}
