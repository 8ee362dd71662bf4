// nock set-up shared by the client and endpoint tests: no real network, no proxy in the way.
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import { USER_AGENT } from '../../../src/version.ts';
import { ApiClient, type ClientConfig } from '../../../src/zilliz/client.ts';
import { clearProxyEnv, type FakeRuntime } from '../fakes.ts';

export const API = 'https://api.test.zilliz.example';
/** A test value: the tests check it never shows up where it must not. */
export const KEY = 'test-key-3f9a1c0d7e';

/** Registers hooks: proxies cleared, real connections refused, interceptors removed after each test. */
export function setUpNock(): void {
  beforeEach(() => {
    clearProxyEnv();
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

/** A client for API on the runtime's virtual clock; `deadline` moves the runtime's. */
export function makeClient(rt: FakeRuntime, overrides: Partial<ClientConfig> & { deadline?: number } = {}): ApiClient {
  const { deadline, ...config } = overrides;
  if (deadline !== undefined) rt.deadline = deadline;
  return new ApiClient({ baseUrl: new URL(API), apiKey: KEY, userAgent: USER_AGENT, ...config }, rt);
}

export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** The requests a scope's interceptors answered, in order. */
export function recordRequests(scope: nock.Scope): SeenRequest[] {
  const seen: SeenRequest[] = [];
  scope.on('request', (req: Request, _interceptor: unknown, body: string) => {
    seen.push({ method: req.method, url: new URL(req.url), headers: req.headers, body });
  });
  return seen;
}
