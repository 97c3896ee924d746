import { ApiError } from './api/client';
import { t, tDynamic } from './i18n';

/** A message for the user from anything a call threw: the API's code, translated where known. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'LOCKED' && e.retryAfterSeconds) {
      return t('errors.LOCKED_RETRY', { minutes: Math.max(1, Math.ceil(e.retryAfterSeconds / 60)) });
    }
    return tDynamic(`errors.${e.code}`, e.message || e.code);
  }
  return e instanceof Error ? e.message : String(e);
}

/** Field errors from an INVALID answer, keyed by field name (for display beside the field). */
export function fieldErrors(e: unknown): Record<string, string> {
  return e instanceof ApiError && e.field ? { [e.field]: e.message } : {};
}
