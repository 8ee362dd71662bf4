// The one transport, directly and through an HTTP proxy, against local servers: what it sends,
// what it returns, and how a failure is told apart (never connected = not sent).
import http from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import nock from 'nock';
import { EnvHttpProxyAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_BODY_BYTES, Transport, wasSent } from '../../../src/zilliz/transport.ts';
import { startProxy, type TestProxy } from '../../support/proxy.ts';
import { clearProxyEnv } from '../fakes.ts';

const servers: http.Server[] = [];
let proxy: TestProxy;
beforeEach(async () => {
  clearProxyEnv();
  nock.enableNetConnect('127.0.0.1');
  proxy = await startProxy();
});
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await proxy.close();
});

/** A server on 127.0.0.1; the URL carries a path and a query. */
async function serve(handler: http.RequestListener): Promise<URL> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/jobs/job-1?x=1`);
}

/** A port nothing listens on. */
async function closedPort(): Promise<URL> {
  const url = await serve(() => undefined);
  await new Promise((resolve) => servers.pop()?.close(resolve));
  return url;
}

const init = (overrides: Partial<Parameters<Transport['send']>[1]> = {}) => ({
  method: 'POST',
  headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
  body: '{"a":1}',
  signal: new AbortController().signal,
  ...overrides,
});

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (error: unknown) => error,
  );
}

const PATHS = [
  { path: 'directly', transport: () => new Transport(), viaProxy: false },
  { path: 'through an HTTP proxy', transport: () => new Transport(new EnvHttpProxyAgent({ httpProxy: proxy.url, httpsProxy: proxy.url })), viaProxy: true },
];

describe.each(PATHS)('the transport, $path', ({ transport, viaProxy }) => {
  it('sends method, path with query, headers and body; returns status, headers and the whole body', async () => {
    const seen: { method?: string; url?: string; auth?: string; body: string }[] = [];
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
        res.writeHead(201, { requestid: 'r-1' }).end('{"code":0,"m":"€"}');
      });
    });
    const answer = await transport().send(url, init());
    expect(seen).toEqual([{ method: 'POST', url: '/v2/jobs/job-1?x=1', auth: 'Bearer k', body: '{"a":1}' }]);
    expect(answer.status).toBe(201);
    expect(answer.headers.get('RequestId')).toBe('r-1');
    expect(answer.text).toBe('{"code":0,"m":"€"}');
    expect(proxy.seen.length > 0).toBe(viaProxy);
  });

  it('does not follow a redirect: the 3xx and its location come back', async () => {
    const url = await serve((_req, res) => res.writeHead(302, { location: 'http://elsewhere.example/' }).end());
    const answer = await transport().send(url, init());
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('http://elsewhere.example/');
  });

  it('an answer cut short fails as maybe sent', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"code":0,');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(wasSent(await failureOf(transport().send(url, init())))).toBe(true);
  });

  it('a connection reset after the request was read fails as maybe sent', async () => {
    const url = await serve((req) => req.on('data', () => req.socket.destroy()));
    expect(wasSent(await failureOf(transport().send(url, init())))).toBe(true);
  });

  it('stops waiting when the signal aborts (an unanswered request counts as maybe sent)', async () => {
    const url = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failureOf(transport().send(url, init({ signal: controller.signal })));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(wasSent(error)).toBe(true);
  });
});

describe('never connected = not sent', () => {
  it('directly: nothing listens on the API port', async () => {
    expect(wasSent(await failureOf(new Transport().send(await closedPort(), init())))).toBe(false);
  });

  it('through a proxy: nothing listens on the proxy port', async () => {
    const deadProxy = (await closedPort()).origin;
    const transport = new Transport(new EnvHttpProxyAgent({ httpProxy: deadProxy, httpsProxy: deadProxy }));
    expect(wasSent(await failureOf(transport.send(await serve((_q, s) => s.end('{}')), init())))).toBe(false);
  });

  it('through a proxy that hangs up before the HTTPS tunnel is open (a plain-HTTP request would already be with the proxy)', async () => {
    const sockets = new Set<Socket>();
    const hangUp = createServer((socket) => {
      sockets.add(socket);
      socket.once('data', () => socket.destroy());
    });
    await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hangUp.address() as AddressInfo).port}`;
    try {
      const transport = new Transport(new EnvHttpProxyAgent({ httpProxy: url, httpsProxy: url }));
      const api = new URL((await serve((_q, s) => s.end('{}'))).href.replace('http:', 'https:'));
      expect(wasSent(await failureOf(transport.send(api, init())))).toBe(false);
      // The same proxy in front of plain HTTP: the request itself went to the proxy, which may have passed it on.
      expect(wasSent(await failureOf(transport.send(await serve((_q, s) => s.end('{}')), init())))).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hangUp.close(resolve));
    }
  });
});

describe('the proxy comes from the environment', () => {
  it('HTTP_PROXY is used, and NO_PROXY bypasses it', async () => {
    const url = await serve((_req, res) => res.end('{"code":0}'));
    vi.stubEnv('HTTP_PROXY', proxy.url);
    await new Transport().send(url, init());
    expect(proxy.seen).toHaveLength(1);
    vi.stubEnv('NO_PROXY', '127.0.0.1');
    await new Transport().send(url, init());
    expect(proxy.seen).toHaveLength(1);
  });
});

describe('an answer too large to be one of the API', () => {
  const send = (url: URL) => new Transport().send(url, { method: 'GET', headers: {}, body: undefined, signal: AbortSignal.timeout(20_000) });

  it('is not read past MAX_BODY_BYTES, whether it says its length or streams without one; the request counts as sent', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const said = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) });
      res.end(Buffer.alloc(MAX_BODY_BYTES + 1, 'x'));
    });
    const streamed = await serve((_req, res) => {
      // Chunked, with no length: twice the bound.
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < (2 * MAX_BODY_BYTES) / chunk.length; i++) res.write(chunk);
      res.end();
    });
    for (const url of [said, streamed]) {
      const error = await send(url).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String(error)).toMatch(/larger than \d+ MiB/);
      expect(wasSent(error)).toBe(true);
    }
  });

  it('an answer just under the bound is read whole', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.alloc(MAX_BODY_BYTES, 'y'));
    });
    expect((await send(url)).text).toHaveLength(MAX_BODY_BYTES);
  });
});
