import { InputError } from '../errors.ts';
import { MAX_JOB_MS, parseBaseUrl, parseDuration, requireValue } from './parse.ts';

/** Reads one raw input by its action.yml name ('' when unset), like core.getInput. */
export type InputReader = (name: string) => string;

/** The variable the runner sets for input `name`: INPUT_, then the name upper-cased with spaces as _. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** What every action needs to talk to the API and to wait. */
export interface ConnectionInputs {
  apiKey: string;
  baseUrl: URL;
  timeoutMs: number;
  /** Fixed poll interval; undefined lets the polling policy choose. */
  pollIntervalMs: number | undefined;
}

export const DEFAULT_TIMEOUT = '30m';

export function readApiKey(read: InputReader): string {
  const key = requireValue('api-key', read('api-key'), 'pass your Zilliz Cloud API key from a secret: api-key: ${{ secrets.ZILLIZ_API_KEY }}.');
  if (/\s/.test(key)) throw new InputError('api-key', 'contains white space; copy the API key again without spaces or line breaks.');
  // Anything else outside printable ASCII cannot go in an Authorization header.
  if (/[^\x21-\x7e]/.test(key)) {
    throw new InputError('api-key', 'contains characters that are not printable ASCII; copy the API key again from the Zilliz Cloud console.');
  }
  return key;
}

export function readConnection(read: InputReader, apiKey: string): ConnectionInputs {
  const timeout = read('timeout').trim() || DEFAULT_TIMEOUT;
  const timeoutMs = parseDuration('timeout', timeout, { max: MAX_JOB_MS }) ?? 0;
  const pollIntervalMs = parseDuration('poll-interval', read('poll-interval'), { max: MAX_JOB_MS });
  if (pollIntervalMs !== undefined && pollIntervalMs >= timeoutMs) {
    throw new InputError('poll-interval', `must be shorter than timeout (${timeout}); leave it empty to let the action choose.`);
  }
  return { apiKey, baseUrl: parseBaseUrl('base-url', read('base-url')), timeoutMs, pollIntervalMs };
}
