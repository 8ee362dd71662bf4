import { UnexpectedResponseError } from '../errors.ts';
import { isPlainId, PLAIN_ID_RULE } from '../ids.ts';
import { answerText, forLog, TEXT_LIMIT } from '../text.ts';

/** Small readers that check a response's shape instead of casting it. */
export type Json = Record<string, unknown>;

export function object(value: unknown, endpoint: string, what = 'data'): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UnexpectedResponseError(endpoint, `"${what}" is not an object`);
  }
  return value as Json;
}

/** A required string, as answerText keeps it: one line, cut to `max` (a name's length unless told). */
export function string(obj: Json, key: string, endpoint: string, max: number = TEXT_LIMIT.name): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') throw new UnexpectedResponseError(endpoint, `"${key}" is missing or not a string`);
  return answerText(value, max);
}

/** An id the action may put into a URL: a plain id (ids.ts), else the answer is unexpected. */
export function id(obj: Json, key: string, endpoint: string): string {
  const value = obj[key];
  if (!isPlainId(value)) throw new UnexpectedResponseError(endpoint, `"${key}" is not a plain id (${PLAIN_ID_RULE}): ${shownValue(value)}`);
  return value;
}

/**
 * An id that is only followed, never needed: a plain id, else '' (unknown). For restoreCluster's
 * jobId, whose cluster id and password must not be lost because the job's id is unusable.
 */
export function lenientId(obj: Json, key: string): string {
  const value = obj[key];
  return isPlainId(value) ? value : '';
}

/** A value in a message: its JSON, made one safe line and short. */
export function shownValue(value: unknown): string {
  return forLog(typeof value === 'string' ? `"${value}"` : value === undefined ? 'nothing' : JSON.stringify(value), 80);
}

/** Optional string, as answerText keeps it: absent and null read as ''. */
export function optionalString(obj: Json, key: string, endpoint: string, max: number = TEXT_LIMIT.name): string {
  const value = obj[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new UnexpectedResponseError(endpoint, `"${key}" is not a string`);
  return answerText(value, max);
}

/**
 * A number read leniently, as a number or a numeric string ("40", "40%", "1024"): anything that
 * is not a finite number (NaN, 1e309, "abc", an object) is unknown, never a failure, since a
 * status stands on its own (a SUCCESSFUL job with a garbled progress is still done).
 */
export function lenientNumber(obj: Json, key: string): number | undefined {
  const value = obj[key];
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value.replace('%', '')) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function array(obj: Json, key: string, endpoint: string): unknown[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new UnexpectedResponseError(endpoint, `"${key}" is not an array`);
  return value;
}
