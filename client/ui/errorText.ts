import type { TFunction } from 'i18next';
import type { AppErrorBody, ErrorCode } from '../../shared/ack.js';
import type { ErrorReason } from '../../shared/error-reasons.js';
import { ApiError } from '../app/api.js';

/** A refusal as the console keeps it: codes only, never the server's English sentence. */
export interface Refusal {
  code: ErrorCode | 'network';
  reason?: ErrorReason;
  issues?: AppErrorBody['issues'];
}

/** The codes of a command's refused ack, of a REST failure, or of a thrown ApiError. */
export function refusalOf(error: Refusal | AppErrorBody): Refusal {
  return { code: error.code, ...(error.reason ? { reason: error.reason } : {}), ...(error.issues ? { issues: error.issues } : {}) };
}

/**
 * What to tell staff about a refused request, in their language: the server answers with codes
 * (a reason, and field codes in `issues`), the console words them, the most precise first. The
 * server's English message is never shown: "no answer from the server" inside a French sentence
 * is what this prevents.
 */
export function refusalText(t: TFunction, refusal: Refusal): string {
  for (const issue of refusal.issues ?? []) {
    // "too_long" of a message is not "too_long" of a password: the field's own words first.
    for (const key of [`errors.fields.${issue.path}.${issue.message}`, `errors.field.${issue.message}`]) {
      const worded = t(key);
      if (worded !== key) return worded;
    }
  }
  if (refusal.reason) {
    const key = `errors.reason.${refusal.reason}`;
    const worded = t(key);
    if (worded !== key) return worded;
  }
  const key = `errors.${refusal.code}`;
  return t(key) === key ? t('errors.unavailable') : t(key);
}

/**
 * The same for anything a request threw. `detail`: a routing file's JSON path and the like, which
 * the console has no words for, follows the translated sentence of a bad request.
 */
export function errorText(t: TFunction, err: unknown, detail = false): string {
  if (!(err instanceof ApiError)) return t('errors.unavailable');
  const base = refusalText(t, err);
  return detail && err.code === 'bad_request' && !err.reason ? `${base} ${err.message}` : base;
}
