import { InputError } from '../errors.ts';
import { formatDuration } from '../format.ts';
import { isPlainId, PLAIN_ID_RULE } from '../ids.ts';
import { forLog } from '../text.ts';
import { DEFAULT_DATABASE, type CollectionRef } from '../types.ts';

/** A GitHub job may run for at most six hours; no wait of ours can usefully be longer. */
export const MAX_JOB_MS = 6 * 60 * 60 * 1000;

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const DURATION_PART = /(\d+(?:\.\d+)?)\s*(ms|d|h|m|s)/gy;

/**
 * Parses `1800` (seconds), `90s`, `30m`, `1h30m`, `1h 30m`, `500ms`, `2d` into milliseconds.
 * Returns undefined for a blank value so callers decide whether blank is allowed.
 */
export function parseDuration(input: string, raw: string, options: { max?: number } = {}): number | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const fix = 'use seconds (1800) or units like 90s, 30m, 1h30m, 30d';
  let ms: number;
  if (value.startsWith('-')) throw new InputError(input, `"${shown(value)}" is negative; it must be longer than zero; ${fix}.`);
  if (/^\d+(\.\d+)?$/.test(value)) {
    ms = Number(value) * 1000;
  } else {
    ms = 0;
    DURATION_PART.lastIndex = 0;
    let matched = 0;
    for (let m = DURATION_PART.exec(value); m; m = DURATION_PART.exec(value)) {
      ms += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? Number.NaN);
      matched = DURATION_PART.lastIndex;
      while (value[DURATION_PART.lastIndex] === ' ') DURATION_PART.lastIndex++;
    }
    if (matched !== value.length || !Number.isFinite(ms)) {
      throw new InputError(input, `"${shown(value)}" is not a duration; ${fix}.`);
    }
  }
  if (!(Math.round(ms) > 0)) throw new InputError(input, `"${shown(value)}" must be longer than zero; ${fix}.`);
  if (options.max !== undefined && ms > options.max) {
    throw new InputError(input, `"${shown(value)}" is longer than ${formatDuration(options.max)}, the most a GitHub job may run; use a shorter duration.`);
  }
  return Math.round(ms);
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them; blank gives the default. */
export function parseBoolean(input: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim();
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(input, `"${shown(value)}" is not a boolean; use true or false.`);
}

/** Splits on newlines and commas, trims, drops blanks and repeats (first one wins). */
export function parseList(raw: string): string[] {
  const items = raw
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...new Set(items)];
}

export function parseChoice<T extends string>(input: string, raw: string, choices: readonly T[], fallback: T): T {
  const value = raw.trim();
  if (value === '') return fallback;
  const match = choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
  if (!match) throw new InputError(input, `"${shown(value)}" is not one of ${choices.join(', ')}.`);
  return match;
}

export function requireValue(input: string, raw: string, what: string): string {
  const value = raw.trim();
  if (value === '') throw new InputError(input, `is required: ${what}`);
  return value;
}

const CLUSTER_ID = /^in\d{2}-[0-9a-z]+$/;

/** A value in a message about it: cut, on one line, so a bad input cannot flood or fake the log. */
export function shown(value: string): string {
  return forLog(value, 60);
}

export function parseClusterId(input: string, raw: string): string {
  const value = requireValue(input, raw, 'set it to your Dedicated cluster ID, e.g. in01-0123456789abcde.');
  if (!CLUSTER_ID.test(value) || !isPlainId(value)) {
    throw new InputError(
      input,
      `"${shown(value)}" is not a Zilliz Cloud cluster ID; copy it from the console, e.g. in01-0123456789abcde (no spaces or slashes).`,
    );
  }
  return value;
}

/** An id that goes into a URL path (backup-id, job-id): a plain id, since it becomes one path segment. */
export function checkId(input: string, id: string, what: string): string {
  if (!isPlainId(id))
    throw new InputError(input, `"${shown(id)}" is not ${what}: an ID has ${PLAIN_ID_RULE}; copy it from the backup step's outputs or the console.`);
  return id;
}

/** Milvus database and collection names. */
const MILVUS_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkMilvusName(input: string, what: string, name: string): string {
  if (name.length > 255) throw new InputError(input, `${what} "${name.slice(0, 40)}…" is ${name.length} characters; Milvus allows at most 255.`);
  if (!MILVUS_NAME.test(name)) {
    throw new InputError(input, `${what} "${shown(name)}" is not a valid Milvus name; use letters, digits and underscores, not starting with a digit.`);
  }
  return name;
}

/** `name` or `database.name`, one database per entry; repeats (also `default.x` vs `x`) dropped. */
export function parseCollections(input: string, raw: string): CollectionRef[] {
  const refs: CollectionRef[] = [];
  const seen = new Set<string>();
  for (const item of parseList(raw)) {
    const parts = item.split('.');
    if (parts.length > 2) {
      throw new InputError(input, `"${shown(item)}" has more than one dot; write a collection as name or database.name.`);
    }
    const [database, collection] = parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : [DEFAULT_DATABASE, parts[0] ?? ''];
    checkMilvusName(input, 'database name', database);
    checkMilvusName(input, 'collection name', collection);
    const key = `${database}.${collection}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push({ database, collection });
  }
  return refs;
}

/** Groups collections by database, databases in order of first mention. */
export function groupByDatabase(refs: readonly CollectionRef[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const ref of refs) {
    const list = groups.get(ref.database) ?? [];
    list.push(ref.collection);
    groups.set(ref.database, list);
  }
  return groups;
}

const REGION_ID = /^[a-z]+-[a-z0-9-]*[a-z0-9]$/;

export function parseRegionIds(input: string, raw: string): string[] {
  return parseList(raw).map((region) => {
    if (!REGION_ID.test(region)) {
      throw new InputError(input, `"${shown(region)}" is not a region ID; use IDs such as aws-us-east-1, gcp-us-west1, az-eastus.`);
    }
    return region;
  });
}

export const DEFAULT_BASE_URL = 'https://api.cloud.zilliz.com';

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The one rule for where the key may go (base-url, and a cluster's data-plane endpoint): https,
 * or plain http to a loopback host only (the emulator). Returns what is wrong, or undefined.
 */
export function endpointProblem(url: URL): string | undefined {
  const loopbackHttp = url.protocol === 'http:' && isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) return 'must use https:// (plain http is allowed only for a loopback host such as 127.0.0.1)';
  if (url.search || url.hash || url.username || url.password) return 'must not carry a query, fragment or credentials';
  return undefined;
}

/** https only, except loopback (the emulator); no query or fragment; no trailing slash. */
export function parseBaseUrl(input: string, raw: string): URL {
  const value = raw.trim() || DEFAULT_BASE_URL;
  // eslint-disable-next-line no-control-regex -- the URL parser drops tabs and line breaks silently: refuse them rather than guess
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new InputError(
      input,
      `"${shown(value)}" holds a tab, line break or other control character; use ${DEFAULT_BASE_URL} (China: https://api.cloud.zilliz.com.cn).`,
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(input, `"${shown(value)}" is not a URL; use ${DEFAULT_BASE_URL} (China: https://api.cloud.zilliz.com.cn).`);
  }
  const problem = endpointProblem(url);
  if (problem) throw new InputError(input, `"${shown(value)}" ${problem}; use the bare API origin, e.g. ${DEFAULT_BASE_URL}.`);
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}
