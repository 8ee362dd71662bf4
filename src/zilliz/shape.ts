import { UnexpectedResponseError } from '../errors.ts';
import { isPlainId, PLAIN_ID_RULE } from '../ids.ts';
import { forLog } from '../text.ts';

/** Small readers that check a response's shape instead of casting it. */
export type Json = Record<string, unknown>;

export function object(value: unknown, endpoint: string, what = 'data'): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UnexpectedResponseError(endpoint, `"${what}" is not an object`);
  }
  return value as Json;
}

export function string(obj: Json, key: string, endpoint: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') throw new UnexpectedResponseError(endpoint, `"${key}" is missing or not a string`);
  return value;
}

/** An id the action may put into a URL: a plain id (ids.ts), else the answer is unexpected. */
export function id(obj: Json, key: string, endpoint: string): string {
  const value = string(obj, key, endpoint);
  if (!isPlainId(value)) throw new UnexpectedResponseError(endpoint, `"${key}" is not a plain id (${PLAIN_ID_RULE}): "${forLog(value, 80)}"`);
  return value;
}

/** Optional string: absent and null read as ''. */
export function optionalString(obj: Json, key: string, endpoint: string): string {
  const value = obj[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new UnexpectedResponseError(endpoint, `"${key}" is not a string`);
  return value;
}

/** Optional number that may come as a numeric string ("40", "40%", "1024"). */
export function optionalNumber(obj: Json, key: string, endpoint: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const parsed = Number.parseFloat(value.replace('%', ''));
    if (Number.isFinite(parsed)) return parsed;
  }
  throw new UnexpectedResponseError(endpoint, `"${key}" is not a number: ${JSON.stringify(value).slice(0, 40)}`);
}

export function array(obj: Json, key: string, endpoint: string): unknown[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new UnexpectedResponseError(endpoint, `"${key}" is not an array`);
  return value;
}
