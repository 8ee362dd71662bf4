import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nodeRequest, type TransportInit } from '../../../src/zilliz/transport.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const servers: http.Server[] = [];

beforeEach(() => {
  nock.enableNetConnect('127.0.0.1');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server on 127.0.0.1 (plain, or TLS with a self-signed certificate for 127.0.0.1). */
async function serve(handler: http.RequestListener, tls = false): Promise<URL> {
  const server = tls
    ? https.createServer({ key: readFileSync(join(FIXTURES, 'localhost-key.pem')), cert: readFileSync(join(FIXTURES, 'localhost-cert.pem')) }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return new URL(`${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/v2/jobs/job-1?x=1`);
}

const init = (overrides: Partial<TransportInit> = {}): TransportInit => ({
  method: 'POST',
  headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
  body: '{"a":1}',
  redirect: 'manual',
  signal: new AbortController().signal,
  ...overrides,
});

/** What the server saw of one request. */
interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function recording(reply: (res: http.ServerResponse) => void): { handler: http.RequestListener; seen: Seen[] } {
  const seen: Seen[] = [];
  const handler: http.RequestListener = (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      reply(res);
    });
  };
  return { handler, seen };
}

describe('nodeRequest (node:http(s) in the shape of fetch)', () => {
  it('sends the method, path with query, headers and body (with its length), and returns status, headers and body', async () => {
    const { handler, seen } = recording((res) => res.writeHead(201, { requestid: 'r-1', 'set-cookie': ['a=1', 'b=2'] }).end('{"code":0}'));
    const url = await serve(handler);
    const response = await nodeRequest(url, init());
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/v2/jobs/job-1?x=1',
        headers: expect.objectContaining({ authorization: 'Bearer k', 'content-type': 'application/json', 'content-length': '7' }) as unknown,
        body: '{"a":1}',
      },
    ]);
    expect(response.status).toBe(201);
    expect(response.headers.get('RequestId')).toBe('r-1');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('retry-after')).toBeNull();
    await expect(response.text()).resolves.toBe('{"code":0}');
  });

  it('asks for the body unencoded (it does not decompress)', async () => {
    const { handler, seen } = recording((res) => res.end('{}'));
    const url = await serve(handler);
    await nodeRequest(url, init());
    expect(seen[0]?.headers['accept-encoding']).toBe('identity');
  });

  it('decodes UTF-8 split across chunks, and drops a byte-order mark as fetch does', async () => {
    const euro = Buffer.from('€'); // three bytes
    const url = await serve((_req, res) => {
      res.writeHead(200);
      res.write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"m":"'), euro.subarray(0, 1)]));
      setTimeout(() => res.end(Buffer.concat([euro.subarray(1), Buffer.from('"}')])), 10);
    });
    const response = await nodeRequest(url, init());
    await expect(response.text()).resolves.toBe('{"m":"€"}');
  });

  it('sends a GET without a body', async () => {
    const { handler, seen } = recording((res) => res.end('{}'));
    const url = await serve(handler);
    await nodeRequest(url, init({ method: 'GET', body: undefined }));
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.body).toBe('');
    expect(seen[0]?.headers['content-length']).toBeUndefined();
  });

  it('does not follow a redirect: the 3xx and its location come back', async () => {
    const url = await serve((_req, res) => res.writeHead(302, { location: 'http://elsewhere.example/' }).end());
    const response = await nodeRequest(url, init());
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://elsewhere.example/');
  });

  it('fails when the connection closes before the whole answer came', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"code":0,');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await expect(nodeRequest(url, init())).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('stops reading when the signal aborts while the body comes', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"code":0,');
    });
    const controller = new AbortController();
    const pending = nodeRequest(url, init({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails with the connection error code when nothing listens', async () => {
    const url = await serve(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    // A single address fails with the code; several (IPv4 and IPv6) with an AggregateError of them.
    const codeOf = (error: unknown): unknown => (error as { code?: unknown }).code ?? codeOf((error as { errors: unknown[] }).errors[0]);
    const error: unknown = await nodeRequest(url, init()).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('ECONNREFUSED');
  });

  it('stops waiting when the signal aborts', async () => {
    const url = await serve(() => undefined);
    const controller = new AbortController();
    const pending = nodeRequest(url, init({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('speaks HTTPS to an https: URL', async () => {
    // The certificate is self-signed; only this test accepts it.
    vi.stubEnv('NODE_TLS_REJECT_UNAUTHORIZED', '0');
    const { handler, seen } = recording((res) => res.end('{"code":0,"data":{"ok":true}}'));
    const url = await serve(handler, true);
    const response = await nodeRequest(url, init());
    expect(seen).toHaveLength(1);
    await expect(response.text()).resolves.toBe('{"code":0,"data":{"ok":true}}');
  });
});
