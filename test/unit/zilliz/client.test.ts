import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, CancelledError, DeadlineError, HttpStatusError, TransportError, UnexpectedResponseError } from '../../../src/errors.ts';
import { USER_AGENT } from '../../../src/version.ts';
import type { ApiCall, CallBudget } from '../../../src/zilliz/client.ts';
import { parseRetryAfter } from '../../../src/zilliz/retry.ts';
import { fakeRuntime, type FakeRuntime } from '../fakes.ts';
import { API, KEY, makeClient, recordRequests, setUpNock } from './nock.ts';

const GET: ApiCall = { name: 'describe job', method: 'GET', path: '/v2/jobs/job-1', retry: 'read' };
const CREATE: ApiCall = {
  name: 'create backup',
  method: 'POST',
  path: '/v2/clusters/in01-abc/backups/create',
  body: { backupType: 'CLUSTER' },
  retry: 'create',
};
const OK = { code: 0, data: { jobId: 'job-1', status: 'SUCCESSFUL' } };

let rt: FakeRuntime;
setUpNock();
beforeEach(() => {
  rt = fakeRuntime();
});

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`expected an Error, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail');
}

/** A local server on 127.0.0.1 for what nock cannot fake well (timeouts, dropped sockets). */
async function localServer(handler: http.RequestListener): Promise<{ url: URL; server: http.Server; hits: () => number }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  nock.enableNetConnect('127.0.0.1');
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), server, hits: () => hits };
}
const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('the envelope', () => {
  it('returns data of a code 0 answer', async () => {
    nock(API).get('/v2/jobs/job-1').reply(200, OK);
    await expect(makeClient(rt).call(GET)).resolves.toEqual(OK.data);
  });

  it('treats code 200 as success too', async () => {
    nock(API)
      .get('/v2/jobs/job-1')
      .reply(200, { code: 200, data: { x: 1 } });
    await expect(makeClient(rt).call(GET)).resolves.toEqual({ x: 1 });
  });

  it('adds query parameters and keeps a base path', async () => {
    nock(`${API}/proxy`).get('/v2/backups').query({ clusterId: 'in01-abc', pageSize: '100' }).reply(200, { code: 0, data: {} });
    const client = makeClient(rt, { baseUrl: new URL(`${API}/proxy`) });
    await expect(
      client.call({ name: 'list', method: 'GET', path: '/v2/backups', retry: 'read', query: { clusterId: 'in01-abc', pageSize: 100, skipped: undefined } }),
    ).resolves.toEqual({});
  });

  it('a non-zero code at HTTP 200 is an ApiError with code, message, request id and hint; not retried', async () => {
    const scope = nock(API).get('/v2/jobs/job-1').reply(200, { code: 96018, message: 'Cluster not found' }, { requestid: 'req-123' });
    const requests = recordRequests(scope);
    const error = await errorOf(makeClient(rt).call(GET));
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.code).toBe(96018);
    expect(api.apiMessage).toBe('Cluster not found');
    expect(api.httpStatus).toBe(200);
    expect(api.requestId).toBe('req-123');
    expect(api.hint).toMatch(/No cluster with this ID/);
    expect(api.message).toContain('96018');
    expect(api.message).toContain('Cluster not found');
    expect(api.message).toContain('req-123');
    expect(api.message).toContain('Hint:');
    expect(requests).toHaveLength(1);
  });

  it('401 with 21119 is an ApiError with the key hint, not retried', async () => {
    const scope = nock(API).get('/v2/jobs/job-1').reply(401, { code: 21119, message: 'The API key is illegal.' });
    const requests = recordRequests(scope);
    const error = (await errorOf(makeClient(rt).call(GET))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe(21119);
    expect(error.httpStatus).toBe(401);
    expect(error.hint).toMatch(/API key is wrong or revoked/);
    expect(requests).toHaveLength(1);
    expect(rt.sleeps).toEqual([]);
  });

  it('an ApiError without a documented code has no hint', async () => {
    nock(API).get('/v2/jobs/job-1').reply(200, { code: 12345, message: 'odd' });
    const error = (await errorOf(makeClient(rt).call(GET))) as ApiError;
    expect(error.hint).toBeUndefined();
    expect(error.message).not.toContain('Hint');
  });

  it('a 2xx body that is not JSON is a garbled UnexpectedResponseError; a create is not sent again', async () => {
    const scope = nock(API).post(CREATE.path).reply(200, '<html>hello</html>', { 'content-type': 'text/html' });
    const requests = recordRequests(scope);
    const error = await errorOf(makeClient(rt).call(CREATE));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).garbled).toBe(true);
    expect(error.message).toContain('not JSON');
    expect(requests).toHaveLength(1);
  });

  it('a JSON body without a numeric code is a garbled UnexpectedResponseError', async () => {
    nock(API).post(CREATE.path).reply(200, { data: {} });
    const error = await errorOf(makeClient(rt).call(CREATE));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).garbled).toBe(true);
    expect(error.message).toContain('"code"');
  });

  it('a read whose 2xx body is garbled is asked again, like a lost answer', async () => {
    nock(API)
      .get('/v2/jobs/job-1')
      .reply(200, '<html>proxy says hi</html>')
      .get('/v2/jobs/job-1')
      .reply(200, '{"code":0,')
      .get('/v2/jobs/job-1')
      .reply(200, OK);
    await expect(makeClient(rt).call(GET)).resolves.toEqual(OK.data);
    expect(rt.sleeps).toHaveLength(2);
  });
});

describe('retries of reads', () => {
  it('calls that share a paced budget start at least paceMs apart; without pacing, none waits', async () => {
    nock(API).get('/v2/jobs/job-1').times(4).reply(200, OK);
    const client = makeClient(rt);
    const budget: CallBudget = { retries: 6 };
    await client.call({ ...GET, budget });
    await client.call({ ...GET, budget });
    expect(rt.sleeps).toEqual([]);
    budget.paceMs = 100;
    await client.call({ ...GET, budget });
    rt.advance(30);
    await client.call({ ...GET, budget });
    expect(rt.sleeps).toEqual([100, 70]);
  });

  it("calls that share a retry budget (a listing's pages) stop retrying once it is spent", async () => {
    const scope = nock(API).get('/v2/jobs/job-1').times(10).reply(502, '');
    const requests = recordRequests(scope);
    const budget = { retries: 2 };
    const client = makeClient(rt);
    await expect(client.call({ ...GET, budget })).rejects.toBeInstanceOf(HttpStatusError);
    await expect(client.call({ ...GET, budget })).rejects.toBeInstanceOf(HttpStatusError);
    // Two retries in all: 3 requests for the first call, 1 for the second (6 attempts each without the budget).
    expect(requests).toHaveLength(4);
    expect(budget.retries).toBe(0);
  });

  it('retries an HTML 502 and returns the next good answer', async () => {
    const scope = nock(API)
      .get('/v2/jobs/job-1')
      .reply(502, '<html><body>Bad Gateway</body></html>', { 'content-type': 'text/html' })
      .get('/v2/jobs/job-1')
      .reply(200, OK);
    const requests = recordRequests(scope);
    await expect(makeClient(rt).call(GET)).resolves.toEqual(OK.data);
    expect(requests).toHaveLength(2);
    expect(rt.sleeps).toHaveLength(1);
  });

  it('retries an empty-body 503', async () => {
    const scope = nock(API).get('/v2/jobs/job-1').reply(503, '').get('/v2/jobs/job-1').reply(200, OK);
    const requests = recordRequests(scope);
    await expect(makeClient(rt).call(GET)).resolves.toEqual(OK.data);
    expect(requests).toHaveLength(2);
  });

  it('retries a 5xx with an error envelope', async () => {
    nock(API).get('/v2/jobs/job-1').reply(500, { code: 500, message: 'internal' }).get('/v2/jobs/job-1').reply(200, OK);
    await expect(makeClient(rt).call(GET)).resolves.toEqual(OK.data);
    expect(rt.sleeps).toHaveLength(1);
  });

  it('retries a dropped connection on a read', async () => {
    nock(API).get('/v2/jobs/job-1').replyWithError(new Error('socket hang up')).get('/v2/jobs/job-1').reply(200, OK);
    await expect(makeClient(rt).call(GET)).resolves.toEqual(OK.data);
  });

  it('honours Retry-After on 429: the sleep is exactly that long', async () => {
    nock(API).get('/v2/jobs/job-1').reply(429, 'slow down', { 'retry-after': '7' }).get('/v2/jobs/job-1').reply(200, OK);
    rt = fakeRuntime({ random: () => 0.1 });
    await expect(makeClient(rt).call(GET)).resolves.toEqual(OK.data);
    expect(rt.sleeps).toEqual([7000]);
  });

  it('a Retry-After shorter than the backoff would be is waited exactly: the deploy waits no longer than the API asks', async () => {
    nock(API).get('/v2/jobs/job-1').times(5).reply(503, '', { 'retry-after': '1' }).get('/v2/jobs/job-1').reply(200, OK);
    rt = fakeRuntime({ random: () => 0.99 });
    await expect(makeClient(rt, { backoffBaseMs: 4000 }).call(GET)).resolves.toEqual(OK.data);
    expect(rt.sleeps).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it('honours Retry-After on a 503 envelope too', async () => {
    nock(API).get('/v2/jobs/job-1').reply(503, { code: 503, message: 'busy' }, { 'retry-after': '3' }).get('/v2/jobs/job-1').reply(200, OK);
    await expect(makeClient(rt).call(GET)).resolves.toEqual(OK.data);
    expect(rt.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });

  it('backs off with full jitter: random × min(cap, base × 2^(n-1))', async () => {
    nock(API).get('/v2/jobs/job-1').times(5).reply(503, '').get('/v2/jobs/job-1').reply(200, OK);
    const randoms = [0.5, 0.25, 1, 0, 0.9];
    rt = fakeRuntime({ random: () => randoms.shift() ?? 0 });
    await expect(makeClient(rt, { backoffBaseMs: 1000, backoffCapMs: 5000, maxAttempts: 6 }).call(GET)).resolves.toEqual(OK.data);
    // ceilings 1000, 2000, 4000, 5000 (capped), 5000 (capped)
    expect(rt.sleeps).toEqual([500, 500, 4000, 0, 4500]);
  });

  it('never sleeps past the deadline: gives up with the last error instead', async () => {
    const scope = nock(API).get('/v2/jobs/job-1').times(10).reply(503, '');
    const requests = recordRequests(scope);
    rt = fakeRuntime({ random: () => 1 });
    const client = makeClient(rt, { deadline: rt.now() + 3500, backoffBaseMs: 1000, backoffCapMs: 60_000, maxAttempts: 10 });
    const error = await errorOf(client.call(GET));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).httpStatus).toBe(503);
    // 1000 then 2000 fit (t = 3000); 4000 more would pass the deadline at 3500.
    expect(rt.sleeps).toEqual([1000, 2000]);
    expect(requests).toHaveLength(3);
    expect(rt.now()).toBeLessThanOrEqual(rt.deadline);
  });

  it('does not wait out a Retry-After that ends past the deadline', async () => {
    nock(API).get('/v2/jobs/job-1').reply(429, '', { 'retry-after': '120' });
    const client = makeClient(rt, { deadline: rt.now() + 60_000 });
    const error = await errorOf(client.call(GET));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).httpStatus).toBe(429);
    expect(rt.sleeps).toEqual([]);
  });

  it('stops after maxAttempts', async () => {
    const scope = nock(API).get('/v2/jobs/job-1').times(10).reply(504, 'Gateway Timeout');
    const requests = recordRequests(scope);
    const error = await errorOf(makeClient(rt, { maxAttempts: 3 }).call(GET));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(requests).toHaveLength(3);
    expect(rt.sleeps).toHaveLength(2);
  });

  it('waits out throttling for as long as the deadline allows, not for maxAttempts (a create included)', async () => {
    const scope = nock(API)
      .post(CREATE.path)
      .times(12)
      .reply(429, '', { 'retry-after': '2' })
      .post(CREATE.path)
      .reply(200, { code: 0, data: { ok: 1 } });
    const requests = recordRequests(scope);
    await expect(makeClient(rt, { maxAttempts: 3 }).call(CREATE)).resolves.toEqual({ ok: 1 });
    expect(requests).toHaveLength(13);
    expect(rt.sleeps.every((ms) => ms >= 2000)).toBe(true);
  });

  it('stops waiting out throttling at the deadline, with the 429', async () => {
    nock(API).post(CREATE.path).times(50).reply(429, '', { 'retry-after': '5' });
    const error = await errorOf(makeClient(rt, { deadline: rt.now() + 30_000 }).call(CREATE));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).httpStatus).toBe(429);
    expect(rt.now()).toBeLessThanOrEqual(rt.deadline);
  });

  it('does not retry a 4xx other than 429', async () => {
    const scope = nock(API).get('/v2/jobs/job-1').reply(404, 'not found').get('/v2/jobs/job-1').reply(200, OK);
    const requests = recordRequests(scope);
    const error = await errorOf(makeClient(rt).call(GET));
    expect((error as HttpStatusError).httpStatus).toBe(404);
    expect(requests).toHaveLength(1);
  });
});

describe('retries of create (not idempotent)', () => {
  it('does not retry a 5xx', async () => {
    const scope = nock(API).post(CREATE.path).reply(503, '').post(CREATE.path).reply(200, { code: 0, data: {} });
    const requests = recordRequests(scope);
    const error = await errorOf(makeClient(rt).call(CREATE));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(requests).toHaveLength(1);
    expect(rt.sleeps).toEqual([]);
  });

  it('does not retry a connection nock drops (replyWithError)', async () => {
    const scope = nock(API).post(CREATE.path).replyWithError(new Error('socket hang up')).post(CREATE.path).reply(200, { code: 0, data: {} });
    const requests = recordRequests(scope);
    const error = await errorOf(makeClient(rt).call(CREATE));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).sent).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('does not retry when a server destroys the socket after reading the request', async () => {
    const local = await localServer((req) => {
      req.resume();
      req.on('end', () => req.socket.destroy());
    });
    const error = await errorOf(makeClient(rt, { baseUrl: local.url }).call(CREATE));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).sent).toBe(true);
    expect(local.hits()).toBe(1);
    expect(rt.sleeps).toEqual([]);
  });

  it('retries a 429 (the rate limiter did nothing)', async () => {
    const scope = nock(API)
      .post(CREATE.path)
      .reply(429, { code: 429, message: 'rate limited' })
      .post(CREATE.path)
      .reply(200, { code: 0, data: { jobId: 'j' } });
    const requests = recordRequests(scope);
    await expect(makeClient(rt).call(CREATE)).resolves.toEqual({ jobId: 'j' });
    expect(requests).toHaveLength(2);
  });

  it('retries a refused connection (closed port on 127.0.0.1): nothing was sent', async () => {
    const local = await localServer(() => {});
    const port = local.url.port;
    servers.splice(servers.indexOf(local.server), 1);
    await new Promise((resolve) => local.server.close(resolve));
    const error = await errorOf(makeClient(rt, { baseUrl: new URL(`http://127.0.0.1:${port}`), maxAttempts: 3 }).call(CREATE));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).sent).toBe(false);
    expect(error.message).toContain('ECONNREFUSED');
    expect(rt.sleeps).toHaveLength(2);
  });
});

describe('redirects and the API key', () => {
  it('refuses a redirect to another host, and nothing reaches that host', async () => {
    nock(API).get('/v2/jobs/job-1').reply(302, '', { location: 'https://evil.example.com/v2/jobs/job-1' });
    const other = nock('https://evil.example.com').get(/.*/).reply(200, OK);
    const otherRequests = recordRequests(other);
    const error = await errorOf(makeClient(rt).call(GET));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).httpStatus).toBe(302);
    expect(error.message).toContain('redirect');
    expect(error.message).toContain('refused');
    expect(otherRequests).toHaveLength(0);
    expect(other.isDone()).toBe(false);
  });

  it('never puts the key in an error message, even when the server echoes it', async () => {
    const echo = `Invalid token Bearer ${KEY} for ${KEY}`;
    nock(API).get('/v2/jobs/job-1').reply(401, { code: 21119, message: echo });
    nock(API).post(CREATE.path).reply(500, `<html>${echo}</html>`);
    nock(API).get('/v2/jobs/job-2').reply(200, `not json ${KEY}`);
    const client = makeClient(rt, { maxAttempts: 1 });
    const messages = [
      (await errorOf(client.call(GET))).message,
      (await errorOf(client.call(CREATE))).message,
      (await errorOf(client.call({ ...GET, path: '/v2/jobs/job-2' }))).message,
    ];
    for (const message of messages) {
      expect(message).not.toContain(KEY);
      expect(message).toContain('***');
    }
  });

  it('redacts the key, whole or in part, from every part of an answer before anything reads or cuts it', async () => {
    const piece = KEY.slice(2, 2 + 14);
    nock(API)
      .get('/v2/jobs/job-1')
      .reply(200, { code: 0, data: { jobId: 'job-1', status: 'SUCCESSFUL', reason: `echo ${KEY}`, nested: [{ [KEY]: piece }] } });
    nock(API)
      .get('/v2/jobs/job-2')
      .reply(400, { code: 90001, message: `bad ${'x'.repeat(300)}${KEY}` }, { requestid: `rid-${KEY}` });
    nock(API)
      .get('/v2/jobs/job-3')
      .reply(500, `${'y'.repeat(186)}${KEY}`);
    nock(API)
      .get('/v2/jobs/job-4')
      .reply(302, '', { location: `https://evil.example/?k=${KEY}` });
    const client = makeClient(rt, { maxAttempts: 1 });
    const data = await client.call(GET);
    const texts = [
      JSON.stringify(data),
      ...(await Promise.all(['job-2', 'job-3', 'job-4'].map(async (job) => errorOf(client.call({ ...GET, path: `/v2/jobs/${job}` }))))).map((e) => e.message),
    ];
    expect(texts[0]).toContain('echo ***');
    expect(texts[1]).toContain('request id rid-***');
    expect(texts[3]).toContain('k=***');
    for (const text of texts) expect(text).not.toContain(KEY.slice(0, 12));
    for (const text of texts) expect(text).not.toContain(piece.slice(0, 12));
  });

  it('never puts the key in a transport error, even one that quotes the Authorization header', async () => {
    // undici's fetch rejects an invalid header value by quoting it.
    const badKey = `${KEY}\u0000`;
    const error = await errorOf(makeClient(rt, { apiKey: badKey, maxAttempts: 1 }).call(GET));
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toContain('***');
    expect(error.message).not.toContain(KEY);
  });

  it('never logs the key while retrying an answer that echoes it', async () => {
    nock(API).get('/v2/jobs/job-1').reply(503, `upstream rejected ${KEY}`).get('/v2/jobs/job-1').reply(200, OK);
    await makeClient(rt).call(GET);
    expect(rt.logger.of('debug').length).toBeGreaterThan(0);
    expect(rt.logger.text()).not.toContain(KEY);
  });

  it('sends Authorization Bearer, Accept, User-Agent; Content-Type only with a body', async () => {
    const scope = nock(API).get('/v2/jobs/job-1').reply(200, OK).post(CREATE.path).reply(200, { code: 0, data: {} });
    const requests = recordRequests(scope);
    const client = makeClient(rt);
    await client.call(GET);
    await client.call(CREATE);
    const [get, post] = requests;
    expect(get?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(get?.headers.get('accept')).toBe('application/json');
    expect(get?.headers.get('user-agent')).toBe(USER_AGENT);
    expect(get?.headers.get('content-type')).toBeNull();
    expect(post?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(post?.headers.get('content-type')).toBe('application/json');
    expect(post?.body).toBe(JSON.stringify(CREATE.body));
    expect(USER_AGENT).toMatch(/^zilliz-backup-action\/\d+\.\d+\.\d+/);
  });
});

describe('time limits and cancellation', () => {
  it('a request that gets no answer within requestTimeoutMs is a TransportError with sent=true', async () => {
    const local = await localServer(() => {
      /* never answers */
    });
    const error = await errorOf(makeClient(rt, { baseUrl: local.url, requestTimeoutMs: 100, maxAttempts: 1 }).call(GET));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).sent).toBe(true);
    expect(local.hits()).toBe(1);
  });

  it('says how long it waited the one way durations read ("2 s", not "1.5 s")', async () => {
    const local = await localServer(() => {
      /* never answers */
    });
    const error = await errorOf(makeClient(rt, { baseUrl: local.url, requestTimeoutMs: 1500, maxAttempts: 1 }).call(GET));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toContain('no answer within 2 s');
  });

  it('a deadline already passed is a DeadlineError and sends nothing', async () => {
    const scope = nock(API).get('/v2/jobs/job-1').reply(200, OK);
    const requests = recordRequests(scope);
    const error = await errorOf(makeClient(rt, { deadline: rt.now() - 1 }).call(GET));
    expect(error).toBeInstanceOf(DeadlineError);
    expect(requests).toHaveLength(0);
  });

  it('a cancelled run is a CancelledError and sends nothing', async () => {
    const scope = nock(API).get('/v2/jobs/job-1').reply(200, OK);
    const requests = recordRequests(scope);
    rt.controller.abort();
    await expect(makeClient(rt).call(GET)).rejects.toBeInstanceOf(CancelledError);
    expect(requests).toHaveLength(0);
  });

  it('cancelling while a request waits for its answer is a CancelledError', async () => {
    const local = await localServer(() => rt.controller.abort());
    const error = await errorOf(makeClient(rt, { baseUrl: local.url }).call(GET));
    expect(error).toBeInstanceOf(CancelledError);
    expect(local.hits()).toBe(1);
  });

  it('cancelling during a retry backoff is a CancelledError', async () => {
    nock(API).get('/v2/jobs/job-1').reply(503, '').get('/v2/jobs/job-1').reply(200, OK);
    const sleep = rt.sleep;
    rt.sleep = async (ms, signal) => {
      rt.controller.abort();
      return sleep(ms, signal);
    };
    await expect(makeClient(rt).call(GET)).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
