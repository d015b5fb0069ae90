/**
 * When a failed request may be sent again. A request whose outcome is unknown (the connection
 * broke after it was sent, the server answered 5xx) is retried only when sending it twice
 * does what sending it once does; a request the server never processed (refused connection,
 * 429 from API Priority and Fairness) is retried whatever it is.
 */

export interface RetrySubject {
  readonly method: string;
  readonly contentType?: string;
  readonly body?: unknown;
  /** Overrides the rule below (a caller that checks the outcome itself). */
  readonly idempotent?: boolean;
}

/** A failure as the retry rules see it. */
export type Failure =
  | { readonly kind: 'status'; readonly status: number }
  /** No connection was made: nothing reached the server. */
  | { readonly kind: 'not-sent'; readonly code: string }
  /** The connection broke after the request may have been sent. */
  | { readonly kind: 'broken'; readonly code: string }
  /** No answer in time on a keep-alive connection reused from the pool (likely half-open). */
  | { readonly kind: 'stale-timeout' };

/** GET, server-side apply (same object, same manager: same result) and a DELETE guarded by the uid. */
export function isIdempotent(r: RetrySubject): boolean {
  if (r.idempotent !== undefined) return r.idempotent;
  if (r.method === 'GET' || r.method === 'HEAD') return true;
  if (r.method === 'PATCH') return r.contentType === 'application/apply-patch+yaml';
  if (r.method === 'DELETE') {
    const body = r.body as { preconditions?: { uid?: unknown } } | undefined;
    return typeof body?.preconditions?.uid === 'string';
  }
  return false;
}

const NOT_PROCESSED_STATUS = new Set([429]);
const UNKNOWN_OUTCOME_STATUS = new Set([500, 502, 503, 504]);
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);
export const BROKEN_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'ECONNABORTED']);

/** Whether this failure of this request may be retried (attempts and deadlines aside). */
export function retryable(r: RetrySubject, failure: Failure): boolean {
  switch (failure.kind) {
    case 'status':
      return NOT_PROCESSED_STATUS.has(failure.status) || (UNKNOWN_OUTCOME_STATUS.has(failure.status) && isIdempotent(r));
    case 'not-sent':
      // ENOTFOUND: a name that does not resolve stays so; the others may pass.
      return failure.code !== 'ENOTFOUND';
    case 'broken':
    case 'stale-timeout':
      return isIdempotent(r);
  }
}

/** Retry-After in seconds (or an HTTP date), in ms; undefined when absent or malformed. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(seconds, 0) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(date - now, 0);
}

/** The pause before attempt `attempt + 1`: Retry-After (at most 30s) or exponential backoff with jitter. */
export function retryDelayMs(retryAfter: number | undefined, attempt: number, random = Math.random): number {
  if (retryAfter !== undefined && retryAfter > 0) return Math.min(retryAfter, 30_000);
  return Math.min(100 * 2 ** (attempt - 1), 5000) * (0.5 + random() / 2);
}
