import { ActionError, CancelledError, DeadlineError, TransportError, causeOf, detailOf } from '../errors.ts';
import { formatDuration } from '../format.ts';
import { throwIfCancelled, type Runtime } from '../runtime.ts';
import { answerText, redact, TEXT_LIMIT } from '../text.ts';
import { readEnvelope } from './envelope.ts';
import { hintFor, type HintFor } from './hints.ts';
import { isRetryable, isThrottled, retryAfterOf, type RetryMode } from './retry.ts';
import { Transport, errorCode, wasSent } from './transport.ts';

export interface ApiCall {
  /** Short name for messages, e.g. "describe job". */
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  retry: RetryMode;
  /** Shared with other calls (a listing's pages): retries on top of the per-call maxAttempts, and pacing. */
  budget?: CallBudget;
  /**
   * Time kept back before the deadline: the call gives up waiting for its answer that much
   * earlier, as an unknown outcome (TransportError, sent), so the caller can still look.
   */
  reserveMs?: number;
  /** The answer holds a secret besides the key (restoreCluster's password): no error quotes its body. */
  secret?: boolean;
}

/**
 * What calls of one operation (a listing's pages) share: a number of retries for them all, and
 * once `paceMs` is set, at least that long between the starts of two calls.
 */
export interface CallBudget {
  retries: number;
  paceMs?: number;
  lastAt?: number;
}

export interface ClientConfig {
  baseUrl: URL;
  apiKey: string;
  userAgent: string;
  requestTimeoutMs?: number;
  /** Attempts per call for failures other than throttling (429 is retried until the deadline). */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  transport?: Transport;
  /** Hints for this API's error codes (default: the control plane's). */
  hintFor?: HintFor;
}

const DEFAULTS = { requestTimeoutMs: 30_000, maxAttempts: 6, backoffBaseMs: 500, backoffCapMs: 20_000, hintFor };

/** One client for every call: envelope, errors, retries, and the key kept on its host. */
export class ApiClient {
  readonly baseUrl: URL;
  readonly #config: Required<Omit<ClientConfig, 'transport'>>;
  readonly #transport: Transport;
  readonly #runtime: Runtime;

  constructor(config: ClientConfig, runtime: Runtime) {
    this.baseUrl = config.baseUrl;
    this.#config = { ...DEFAULTS, ...config };
    this.#transport = config.transport ?? new Transport();
    this.#runtime = runtime;
  }

  async close(): Promise<void> {
    await this.#transport.close();
  }

  /** Sends the call, retrying what may be retried, and returns the envelope's `data`. */
  async call(call: ApiCall): Promise<unknown> {
    const { maxAttempts, backoffBaseMs, backoffCapMs } = this.#config;
    const runtime = this.#runtime;
    await this.#pace(call.budget);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#once(call);
      } catch (error) {
        // Throttling is waited out until the deadline; other failures get maxAttempts.
        const spent = attempt >= maxAttempts || (call.budget !== undefined && call.budget.retries <= 0);
        if (!isRetryable(error, call.retry) || (spent && !isThrottled(error))) throw error;
        if (call.budget) call.budget.retries--;
        const backoff = runtime.random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** (Math.min(attempt, 16) - 1));
        // The server's Retry-After says when to come back: exactly then, not later (the deploy waits).
        const delay = retryAfterOf(error) ?? backoff;
        if (runtime.now() + delay >= runtime.deadline) throw error;
        // A throttled call may wait long: say so once, where a person reading the log sees it.
        if (attempt === 1 && isThrottled(error)) runtime.logger.info(`${call.name}: throttled by the API (HTTP 429); waiting it out within timeout.`);
        runtime.logger.debug(`${call.name}: ${detailOf(error)}; retry ${attempt} in ${Math.round(delay)} ms`);
        await runtime.sleep(delay, runtime.signal);
      }
    }
  }

  /** Waits until `paceMs` after the budget's last call (never past the deadline), and marks this one. */
  async #pace(budget: CallBudget | undefined): Promise<void> {
    if (!budget) return;
    const runtime = this.#runtime;
    const wait = Math.min((budget.lastAt ?? Number.NEGATIVE_INFINITY) + (budget.paceMs ?? 0) - runtime.now(), runtime.deadline - runtime.now());
    if (wait > 0) await runtime.sleep(wait, runtime.signal);
    budget.lastAt = runtime.now();
  }

  #url(call: ApiCall): URL {
    const url = new URL(this.baseUrl.href);
    url.pathname = `${this.baseUrl.pathname.replace(/\/+$/, '')}${call.path}`;
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    // The key goes to the configured host only: paths are ours, never taken from a response.
    if (url.host !== this.baseUrl.host || url.protocol !== this.baseUrl.protocol) {
      throw new ActionError(`Refusing to send the API key to ${url.origin}: requests go to the configured host only.`);
    }
    return url;
  }

  async #once(call: ApiCall): Promise<unknown> {
    const runtime = this.#runtime;
    const endpoint = `${call.method} ${call.path}`;
    const reserveMs = call.reserveMs ?? 0;
    const remaining = runtime.deadline - reserveMs - runtime.now();
    throwIfCancelled(runtime.signal);
    if (remaining <= 0) throw new DeadlineError(`The timeout ran out before ${call.name} could be sent.`);
    const timeoutMs = Math.ceil(Math.min(this.#config.requestTimeoutMs, remaining));
    const timeout = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#config.apiKey}`,
      accept: 'application/json',
      'user-agent': this.#config.userAgent,
    };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    let answer;
    try {
      answer = await this.#transport.send(this.#url(call), {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.any([runtime.signal, timeout]),
      });
    } catch (error) {
      if (error instanceof ActionError) throw error;
      if (runtime.signal.aborted) throw new CancelledError(`The step was cancelled while ${call.name} waited for its answer.`, true);
      if (timeout.aborted) {
        if (timeoutMs < this.#config.requestTimeoutMs && reserveMs === 0) {
          throw new DeadlineError(`The timeout ran out waiting for ${call.name} to answer.`, true);
        }
        throw new TransportError(endpoint, `no answer within ${formatDuration(timeoutMs)}`, true);
      }
      // The text of a transport error may quote a request header, so it is redacted too.
      const detail = answerText(this.redact([errorCode(error), causeOf(error) ?? detailOf(error)].filter(Boolean).join(' ')), TEXT_LIMIT.message);
      throw new TransportError(endpoint, detail || 'connection failed', wasSent(error));
    }
    return readEnvelope(answer, endpoint, runtime.now(), (text) => this.redact(text), this.#config.hintFor, call.secret);
  }

  /** Answers and error texts may echo request headers; the key never leaves in any text. */
  redact(text: string): string {
    return redact(text, this.#config.apiKey);
  }
}
