import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Dispatcher } from 'undici';

export interface TransportInit {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  redirect: 'manual';
  signal: AbortSignal;
  dispatcher?: Dispatcher;
}

export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The part of fetch the API client uses: met by undici's fetch and by `nodeRequest`. */
export type Transport = (url: URL, init: TransportInit) => Promise<TransportResponse>;

/**
 * One request over node:http(s), in fetch's shape, for runs without a proxy. The first fetch()
 * of a process initialises the undici inside Node, about 50 ms at start-up; this does not. It
 * never follows a redirect (fetch's `redirect: 'manual'`), and resolves once the whole body is in.
 */
export const nodeRequest: Transport = (url, { method, headers, body, signal }) =>
  new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // fetch asks for and decodes gzip; this asks for the body as it is, so it can read it.
    const request = send(url, { method, headers: { ...headers, 'accept-encoding': 'identity' }, signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      // Like fetch's text(): UTF-8, a leading byte-order mark dropped. An answer cut short ends in
      // 'error' (ECONNRESET), not 'end'.
      response.on('end', () => resolve(answer(response, new TextDecoder().decode(Buffer.concat(chunks)))));
    });
    request.on('error', reject);
    request.end(body);
  });

function answer(response: IncomingMessage, text: string): TransportResponse {
  return {
    status: response.statusCode ?? 0,
    headers: {
      get(name) {
        const value = response.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: () => Promise.resolve(text),
  };
}
