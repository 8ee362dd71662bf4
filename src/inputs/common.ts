import { InputError } from '../errors.ts';
import { MAX_JOB_MS, parseBaseUrl, parseDuration, requireValue } from './parse.ts';

/** The longest value an input may have: no real one comes close. */
export const INPUT_LIMITS: Readonly<Record<string, number>> = { 'api-key': 1024, 'base-url': 2048 };
const DEFAULT_INPUT_LIMIT = 16 * 1024;

/**
 * Every input, before anything reads it: at most its length limit, and no control character but
 * tab and line breaks (list inputs span lines). The message says where, never the value: it may
 * be the key, or far too long to print.
 */
export function checkedReader(read: InputReader): InputReader {
  return (name) => {
    const value = read(name);
    const limit = INPUT_LIMITS[name] ?? DEFAULT_INPUT_LIMIT;
    if (value.length > limit)
      throw new InputError(name, `is ${value.length} characters long, more than the ${limit} this input may have; check what is passed to it.`);
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/.exec(value);
    if (control) {
      const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      throw new InputError(name, `holds the control character U+${code} at position ${control.index + 1}; remove it (copy the value again).`);
    }
    return value;
  };
}

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
  const key = requireValue('api-key', checkedReader(read)('api-key'), 'pass your Zilliz Cloud API key from a secret: api-key: ${{ secrets.ZILLIZ_API_KEY }}.');
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
