import { ApiError, HttpStatusError, TransportError, UnexpectedResponseError } from '../errors.ts';

/**
 * `read` calls are safe to repeat. `create` calls are not (POST create has no client token):
 * they are retried only when the request certainly did not reach the server.
 */
export type RetryMode = 'read' | 'create';

/** Whether another attempt of the same call is safe and may succeed. */
export function isRetryable(error: unknown, mode: RetryMode): boolean {
  if (error instanceof TransportError) return mode === 'read' || !error.sent;
  // A garbled answer to a read is like a lost one; to a create it is a lost answer (never resent blindly).
  if (error instanceof UnexpectedResponseError) return mode === 'read' && error.garbled;
  const status = error instanceof HttpStatusError || error instanceof ApiError ? error.httpStatus : undefined;
  if (status === undefined) return false;
  if (status === 429) return true; // rejected by the rate limiter: nothing was done
  return mode === 'read' && status >= 500;
}

/** The rate limiter said no: nothing was done, and waiting is the remedy, for as long as the timeout allows. */
export function isThrottled(error: unknown): boolean {
  return (error instanceof HttpStatusError || error instanceof ApiError) && error.httpStatus === 429;
}

/** A failure that may pass: worth another look later (reads only). */
export function isTransient(error: unknown): boolean {
  return isRetryable(error, 'read');
}

export function retryAfterOf(error: unknown): number | undefined {
  return error instanceof ApiError || error instanceof HttpStatusError ? error.retryAfterMs : undefined;
}

/** `Retry-After` in seconds or as an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A destructive call's answer that does not say it was carried out, though it may have been: a
 * lost answer, an HTTP error, an error envelope (the codes for "already gone" are unconfirmed), a
 * garbled body. Settled by looking, never by resending.
 */
export function isUnclearAnswer(error: unknown): boolean {
  return error instanceof TransportError || error instanceof HttpStatusError || error instanceof ApiError || error instanceof UnexpectedResponseError;
}
