import { EnvHttpProxyAgent, fetch, type Dispatcher, type Response } from 'undici';

/** How long a connection (to the API host, or to the proxy) may take to open. */
export const CONNECT_TIMEOUT_MS = 10_000;

export interface HttpAnswer {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

/**
 * undici's fetch over an EnvHttpProxyAgent, the one way every request goes: it honours
 * HTTP(S)_PROXY and NO_PROXY (either case) on self-hosted runners, and connects directly
 * otherwise. Redirects are never followed (the key must not travel with them).
 */
export class Transport {
  readonly #dispatcher: Dispatcher;

  constructor(dispatcher: Dispatcher = new EnvHttpProxyAgent({ connectTimeout: CONNECT_TIMEOUT_MS })) {
    this.#dispatcher = dispatcher;
  }

  /** Resolves once the whole body is in; rejects on any failure to get it (see `wasSent`), or on a body over MAX_BODY_BYTES. */
  async send(url: URL, init: { method: string; headers: Record<string, string>; body: string | undefined; signal: AbortSignal }): Promise<HttpAnswer> {
    const response = await fetch(url, { ...init, redirect: 'manual', dispatcher: this.#dispatcher });
    return { status: response.status, headers: response.headers, text: await readBody(response) };
  }

  async close(): Promise<void> {
    await this.#dispatcher.destroy().catch(() => undefined);
  }
}

/**
 * The most an answer may have: a full page of 100 backups is some 100 KB. A bigger body is a broken
 * server or proxy, and reading it whole could exhaust the runner's memory.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The body as text, read only up to MAX_BODY_BYTES; past that, an error (the request was sent). */
async function readBody(response: Response): Promise<string> {
  const tooLarge = (): Error =>
    Object.assign(new Error(`the answer is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MiB, more than any answer of this API; it was not read`), {
      code: 'ANSWER_TOO_LARGE',
    });
  if (Number(response.headers.get('content-length')) > MAX_BODY_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const read: unknown = reader ? (await reader.read()).value : undefined;
    if (!(read instanceof Uint8Array)) break;
    size += read.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(read);
  }
  // As response.text() decodes: UTF-8, a leading BOM dropped.
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Codes that mean no connection was ever made (to the host, to the proxy, or through the proxy's
 * tunnel), so the server cannot have seen the request. Anything else may have reached it.
 */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_PRX_CONN',
  'UND_ERR_PRX_TLS',
]);

export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.length) return errorCode(inner[0]);
  }
  return undefined;
}

/** Whether a failed send may have reached the server: true unless the connection never opened. */
export function wasSent(error: unknown): boolean {
  return !NOT_CONNECTED.has(errorCode(error) ?? '');
}
