import type { TFunction } from 'i18next';
import { ApiError } from '../app/api.js';

/**
 * What to tell staff about a refused request, in their language: the server answers with codes
 * (and field codes in `issues`), the console words them. A detail the console has no words for
 * (a routing file's JSON path) follows the translated sentence.
 */
export function errorText(t: TFunction, err: unknown, detail = false): string {
  if (!(err instanceof ApiError)) return t('errors.unavailable');
  for (const issue of err.issues ?? []) {
    const key = `errors.field.${issue.message}`;
    const worded = t(key);
    if (worded !== key) return worded;
  }
  const key = `errors.${err.code}`;
  const base = t(key) === key ? t('errors.unavailable') : t(key);
  return detail && err.code === 'bad_request' ? `${base} ${err.message}` : base;
}
