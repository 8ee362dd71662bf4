// Issue 3, secrets: the key is never sent anywhere but the base URL's host (not across a
// redirect, not to a proxy that NO_PROXY excludes), and never shows up in what a run leaves.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { runAction } from './harness.ts';
import { FAST, useEmulator } from './emulator-fixture.ts';
import { CREATE_PATH, createRequests, describeJobRequests, errorMessage, expectKeyHidden, JOB_PATH, manualBackupsMadeByRuns } from './helpers.ts';

const fx = useEmulator();

/** Another host (another port) with the same API: a redirect there must not be followed. */
let elsewhere: Emulator;
beforeAll(async () => {
  elsewhere = await startEmulator(FAST);
});
afterAll(async () => elsewhere.close());

describe('the key stays on the base URL host', () => {
  it('a redirect of the create to another host is refused: the other host gets no request, the error says why', async () => {
    const emulator = fx.emulator;
    elsewhere.reset();
    emulator.faults.add({
      method: 'POST',
      path: CREATE_PATH,
      fault: { kind: 'redirect', status: 307, location: `${elsewhere.url}/v2/clusters/in01-0123456789abcde/backups/create` },
    });
    const run = await runAction(fx.inputs());
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain(`HTTP 307 from POST /v2/clusters/in01-0123456789abcde/backups/create: redirect to ${elsewhere.url}`);
    expect(errorMessage(run)).toContain('refused; the API key is never sent across a redirect. Check base-url.');
    expect(elsewhere.requests).toHaveLength(0);
    expect(createRequests(emulator)).toHaveLength(1);
    expectKeyHidden(run);
  });

  it('a redirect of a status check to another host is refused too, and the other host gets no request', async () => {
    const emulator = fx.emulator;
    elsewhere.reset();
    emulator.faults.add({ method: 'GET', path: JOB_PATH, fault: { kind: 'redirect', status: 302, location: `${elsewhere.url}/v2/jobs/elsewhere` } });
    const run = await runAction(fx.inputs());
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toMatch(/HTTP 302 from GET \/v2\/jobs\/job-[0-9a-z]+: redirect to .* refused; the API key is never sent across a redirect/);
    expect(elsewhere.requests).toHaveLength(0);
    expect(describeJobRequests(emulator)).toHaveLength(1);
    expectKeyHidden(run);
  });
});

describe('proxies', () => {
  /** A stand-in proxy that counts connections and hangs up on each (a dead proxy). */
  let proxy: Server;
  let proxyUrl: string;
  let proxyConnections = 0;
  beforeAll(async () => {
    proxy = createServer((socket) => {
      proxyConnections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => new Promise<void>((resolve) => proxy.close(() => resolve())));

  it('HTTPS_PROXY/HTTP_PROXY set to a dead proxy with NO_PROXY=127.0.0.1: the proxy is bypassed and the run succeeds', async () => {
    const emulator = fx.emulator;
    proxyConnections = 0;
    const env = { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl, https_proxy: proxyUrl, http_proxy: proxyUrl, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' };
    const run = await runAction(fx.inputs(), { env });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(manualBackupsMadeByRuns(emulator)).toHaveLength(1);
    expect(proxyConnections).toBe(0);
    expectKeyHidden(run);
  });

  it('the same proxy without NO_PROXY is used (so the test above proves a bypass): the run fails, the emulator sees nothing', async () => {
    const emulator = fx.emulator;
    proxyConnections = 0;
    const run = await runAction(fx.inputs({ timeout: '3s', 'poll-interval': '' }), { env: { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl } });
    expect(run.exitCode).toBe(1);
    expect(proxyConnections).toBeGreaterThan(0);
    expect(emulator.requests).toHaveLength(0);
    expectKeyHidden(run);
  });
});
