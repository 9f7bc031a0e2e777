import { t } from '../messages';
import { ApiError } from './client';

/** The sentence a person reads for an error of any kind. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t.errors.network;
    if (err.status === 401) return t.errors.sessionEnded;
    if (err.status === 403)
      return err.message && /[a-z]/.test(err.message) && err.message !== 'Forbidden resource'
        ? err.message
        : t.errors.forbidden;
    if (err.status === 404) return t.errors.notFound;
    if (err.status === 429) return t.errors.tooMany;
    if (err.status === 400 && err.problems.length) return t.errors.invalid;
    if (err.status >= 400 && err.status < 500) return err.message;
    // The API's own Dutch sentence: the queue (Redis) is away for a moment, nothing was started.
    if (err.status === 503 && err.code === 'queue_unavailable') return err.message;
  }
  return t.errors.generic;
}
