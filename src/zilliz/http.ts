import type { Dispatcher } from 'undici';
import { ActionError, ApiError, CancelledError, DeadlineError, HttpStatusError, TransportError, UnexpectedResponseError } from '../errors.ts';
import { throwIfCancelled, type Runtime } from '../runtime.ts';
import { hintFor } from './hints.ts';
import { nodeRequest, type Transport } from './transport.ts';

/**
 * `read` calls are safe to repeat. `create` calls are not (POST create has no client token):
 * they are retried only when the request certainly did not reach the server.
 */
export type RetryMode = 'read' | 'create';

export interface ApiCall {
  /** Short name for messages, e.g. "describe job". */
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  retry: RetryMode;
  /**
   * Time kept back before the deadline: the call gives up waiting for its answer that much
   * earlier, as an unknown outcome (TransportError, sent), so the caller can still look.
   */
  reserveMs?: number;
}

export interface HttpClientConfig {
  baseUrl: URL;
  apiKey: string;
  userAgent: string;
  /** Epoch ms; no request and no backoff runs past it. */
  deadline: number;
  requestTimeoutMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  dispatcher?: Dispatcher;
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

const DEFAULTS = { requestTimeoutMs: 30_000, maxAttempts: 6, backoffBaseMs: 500, backoffCapMs: 20_000 };
const SUCCESS_CODES = new Set([0, 200]);

/** One HTTP client for every call: envelope, errors, retries, and the key kept on its host. */
export class ZillizHttp {
  readonly baseUrl: URL;
  readonly #config: Required<Omit<HttpClientConfig, 'dispatcher'>>;
  #dispatcher: Dispatcher | undefined;
  #send: Transport | undefined;
  readonly #runtime: Runtime;
  // Declared before firstExchange, whose initialiser replaces it with the promise's resolve.
  #settleFirstExchange: () => void = () => undefined;
  /**
   * Settles once the first request has had its answer or has failed (or on close): what is
   * not needed for it, such as loading @actions/core, can wait until then.
   */
  readonly firstExchange = new Promise<void>((resolve) => (this.#settleFirstExchange = resolve));

  constructor(config: HttpClientConfig, runtime: Runtime) {
    this.baseUrl = config.baseUrl;
    this.#config = { ...DEFAULTS, ...config };
    this.#dispatcher = config.dispatcher;
    this.#runtime = runtime;
  }

  get deadline(): number {
    return this.#config.deadline;
  }

  async close(): Promise<void> {
    this.#settleFirstExchange();
    await this.#dispatcher?.destroy().catch(() => undefined);
  }

  /** Sends the call, retrying what may be retried, and returns the envelope's `data`. */
  async call(call: ApiCall): Promise<unknown> {
    const { maxAttempts, backoffBaseMs, backoffCapMs } = this.#config;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#once(call).finally(this.#settleFirstExchange);
      } catch (error) {
        if (!isRetryable(error, call.retry) || attempt >= maxAttempts) throw error;
        const backoff = this.#runtime.random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** (attempt - 1));
        const delay = Math.max(backoff, retryAfterOf(error) ?? 0);
        if (this.#runtime.now() + delay >= this.#config.deadline) throw error;
        this.#runtime.logger.debug(`${call.name}: ${(error as Error).message}; retry ${attempt} of ${maxAttempts - 1} in ${Math.round(delay)} ms`);
        await this.#runtime.sleep(delay, this.#runtime.signal);
      }
    }
  }

  #url(call: ApiCall): URL {
    const url = new URL(this.baseUrl.href);
    url.pathname = `${this.baseUrl.pathname.replace(/\/+$/, '')}${call.path}`;
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    // The key goes to the configured host only: paths are ours, never taken from a response.
    if (url.host !== this.baseUrl.host || url.protocol !== this.baseUrl.protocol) {
      throw new ActionError(`Refusing to send the API key to ${url.origin}: requests go to the base-url host only.`);
    }
    return url;
  }

  /**
   * undici's fetch (with EnvHttpProxyAgent, which honours HTTP(S)_PROXY and NO_PROXY on
   * self-hosted runners) when a proxy is configured or a dispatcher was given; otherwise plain
   * node:http(s), so start-up pays neither for loading undici (about 1.5 MB) nor for the first
   * fetch() on the common path.
   */
  async #transport(): Promise<Transport> {
    if (this.#send) return this.#send;
    if (this.#dispatcher || PROXY_VARIABLES.some((name) => process.env[name])) {
      const undici = await import('undici');
      this.#dispatcher ??= new undici.EnvHttpProxyAgent();
      this.#send = undici.fetch;
    } else {
      this.#send = nodeRequest;
    }
    return this.#send;
  }

  async #once(call: ApiCall): Promise<unknown> {
    const runtime = this.#runtime;
    const send = await this.#transport();
    const endpoint = `${call.method} ${call.path}`;
    const reserveMs = call.reserveMs ?? 0;
    const remaining = this.#config.deadline - reserveMs - runtime.now();
    throwIfCancelled(runtime.signal);
    if (remaining <= 0) throw new DeadlineError(`The timeout ran out before ${call.name} could be sent.`);
    const timeoutMs = Math.min(this.#config.requestTimeoutMs, remaining);
    const timeout = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#config.apiKey}`,
      accept: 'application/json',
      'user-agent': this.#config.userAgent,
    };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    let response;
    let text: string;
    try {
      response = await send(this.#url(call), {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        redirect: 'manual',
        ...(this.#dispatcher ? { dispatcher: this.#dispatcher } : {}),
        signal: AbortSignal.any([runtime.signal, timeout]),
      });
      text = await response.text();
    } catch (error) {
      if (runtime.signal.aborted) throw new CancelledError(`The step was cancelled while ${call.name} waited for its answer.`, true);
      if (timeout.aborted) {
        if (timeoutMs < this.#config.requestTimeoutMs && reserveMs === 0) {
          throw new DeadlineError(`The timeout ran out waiting for ${call.name} to answer.`, true);
        }
        throw new TransportError(endpoint, `no answer within ${(timeoutMs / 1000).toFixed(1)} s`, true);
      }
      const code = errorCode(error);
      return throwTransport(endpoint, code, error, (text) => this.redact(text));
    }
    const requestId = response.headers.get('requestid') ?? response.headers.get('x-request-id') ?? undefined;
    if (response.status >= 300 && response.status < 400) {
      throw new HttpStatusError(
        response.status,
        endpoint,
        `redirect to ${response.headers.get('location') ?? '(no location)'} refused; the API key is never sent across a redirect. Check base-url.`,
      );
    }
    const envelope = parseJson(text);
    if (isEnvelope(envelope) && !SUCCESS_CODES.has(envelope.code)) {
      throw new ApiError({
        code: envelope.code,
        apiMessage: typeof envelope.message === 'string' ? this.redact(envelope.message) : '(no message)',
        httpStatus: response.status,
        requestId,
        endpoint,
        hint: hintFor(envelope.code),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), runtime.now()),
      });
    }
    if (response.status < 200 || response.status >= 300) {
      const snippet = this.redact(text.replace(/\s+/g, ' ').trim().slice(0, 200));
      throw new HttpStatusError(response.status, endpoint, snippet || '(empty body)', parseRetryAfter(response.headers.get('retry-after'), runtime.now()));
    }
    if (envelope === undefined) {
      throw new UnexpectedResponseError(endpoint, `the body is not JSON: ${this.redact(text.slice(0, 120)) || '(empty body)'}`);
    }
    if (!isEnvelope(envelope)) {
      throw new UnexpectedResponseError(endpoint, 'the body has no numeric "code" field');
    }
    return envelope.data;
  }

  /** Error texts may echo request headers; the key never leaves in a message. */
  redact(text: string): string {
    return text.split(this.#config.apiKey).join('***');
  }
}

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

/** Codes that mean the connection was never made, so nothing reached the server. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.length) return errorCode(inner[0]);
  }
  return undefined;
}

/** A transport failure; its text may quote a request header, so it is redacted too. */
function throwTransport(endpoint: string, code: string | undefined, error: unknown, redact: (text: string) => string): never {
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  const detail = redact([code, cause ?? (error as Error).message].filter(Boolean).join(' '));
  throw new TransportError(endpoint, detail || 'connection failed', !NOT_SENT.has(code ?? ''));
}

/** A failure that may pass: worth another look later (reads only). */
export function isTransient(error: unknown): boolean {
  return isRetryable(error, 'read');
}

function isRetryable(error: unknown, mode: RetryMode): boolean {
  if (error instanceof TransportError) return mode === 'read' || !error.sent;
  const status = error instanceof HttpStatusError || error instanceof ApiError ? error.httpStatus : undefined;
  if (status === undefined) return false;
  if (status === 429) return true; // rejected by the rate limiter: nothing was done
  return mode === 'read' && status >= 500;
}

function retryAfterOf(error: unknown): number | undefined {
  return error instanceof ApiError || error instanceof HttpStatusError ? error.retryAfterMs : undefined;
}

/** `Retry-After` in seconds or as an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
