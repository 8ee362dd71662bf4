import { ApiError, HttpStatusError, UnexpectedResponseError } from '../errors.ts';
import { answerText, TEXT_LIMIT } from '../text.ts';
import { hintFor, type HintFor } from './hints.ts';
import { parseRetryAfter } from './retry.ts';
import type { HttpAnswer } from './transport.ts';

/** Zilliz's own client takes `code: 200` as success too. */
const SUCCESS_CODES = new Set([0, 200]);

interface Envelope {
  code: number;
  message?: unknown;
  data?: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'number';
}

/** What an error says of a body it cannot read, when the body may hold a secret. */
const SECRET_BODY = '(not shown: this answer may hold a password)';

/**
 * An answer as the API means it: the envelope's `data` on success, otherwise the error it
 * stands for. HTTP status and envelope code are both checked (a bad key is HTTP 401 with an
 * envelope; business errors come with HTTP 200). `redact` scrubs the key from any text kept.
 * `secret`: the answer may hold a secret other than the key (restoreCluster's password, not yet
 * masked), so no error quotes a body it cannot read.
 */
export function readEnvelope(
  answer: HttpAnswer,
  endpoint: string,
  now: number,
  redact: (text: string) => string,
  hint: HintFor = hintFor,
  secret = false,
): unknown {
  const header = (name: string): string | undefined => {
    const value = answer.headers.get(name);
    return value === null ? undefined : answerText(redact(value));
  };
  const requestId = header('requestid') ?? header('x-request-id');
  const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), now);
  if (answer.status >= 300 && answer.status < 400) {
    throw new HttpStatusError(
      answer.status,
      endpoint,
      `redirect to ${header('location') ?? '(no location)'} refused; the API key is never sent across a redirect. Check base-url.`,
    );
  }
  const envelope = parseJson(answer.text);
  if (isEnvelope(envelope) && !SUCCESS_CODES.has(envelope.code)) {
    throw new ApiError({
      code: envelope.code,
      apiMessage: typeof envelope.message === 'string' ? answerText(redact(envelope.message), TEXT_LIMIT.message) : '(no message)',
      httpStatus: answer.status,
      requestId,
      endpoint,
      hint: hint(envelope.code, endpoint),
      retryAfterMs,
    });
  }
  if (answer.status < 200 || answer.status >= 300) {
    const snippet = secret ? SECRET_BODY : answerText(redact(head(answer.text)).replace(/\s+/g, ' ').trim(), 200);
    throw new HttpStatusError(answer.status, endpoint, snippet || '(empty body)', retryAfterMs);
  }
  if (envelope === undefined) {
    const shown = secret && answer.text ? SECRET_BODY : answerText(redact(head(answer.text)), 160);
    throw new UnexpectedResponseError(endpoint, `the body is not JSON: ${shown || '(empty body)'}`, true);
  }
  if (!isEnvelope(envelope)) throw new UnexpectedResponseError(endpoint, 'the body has no numeric "code" field', true);
  return redactAll(
    envelope.data,
    (text) => redact(text),
    () => new UnexpectedResponseError(endpoint, `"data" is nested more than ${MAX_DEPTH} levels deep`),
  );
}

/**
 * The start of a body, for a snippet: enough for the snippet and any key at its end (a key cut
 * here leaves a piece redact still finds, or one too short to matter), without scanning megabytes.
 */
function head(text: string): string {
  return text.slice(0, 8192);
}

/** No documented answer is nested more than a few levels; a deeper one is not read. */
const MAX_DEPTH = 32;

/** Every string of a parsed answer (keys too) with the key redacted, before anything reads or cuts it. */
function redactAll(value: unknown, redact: (text: string) => string, tooDeep: () => Error, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw tooDeep();
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactAll(item, redact, tooDeep, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactAll(item, redact, tooDeep, depth + 1)]));
  }
  return value;
}
