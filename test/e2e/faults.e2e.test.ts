// Issue 3: transient faults on status checks (retried; the run still succeeds) and the overall
// timeout that bounds the run, retries included, each against the built dist/index.js.
import { describe, expect, it } from 'vitest';
import { type Fault } from '../emulator/index.ts';
import { runAction } from './harness.ts';
import { useEmulator } from './emulator-fixture.ts';
import { DESCRIBE_BACKUP_PATH, describeJobRequests, errorMessage, expectKeyHidden, expectOneGoodBackup, JOB_PATH, manualBackupsMadeByRuns } from './helpers.ts';

const fx = useEmulator();

describe('transient faults on status checks', () => {
  const gatewayFaults: [string, Fault][] = [
    ['429 with an empty body', { kind: 'status', status: 429 }],
    ['502 with an HTML body', { kind: 'status', status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }],
    ['502 with an empty body', { kind: 'status', status: 502 }],
    ['503 with an HTML body', { kind: 'status', status: 503, body: '<html><body>Service Temporarily Unavailable</body></html>' }],
    ['503 with an empty body', { kind: 'status', status: 503 }],
    ['504 with an HTML body', { kind: 'status', status: 504, body: '<html><head><title>504 Gateway Time-out</title></head></html>' }],
    ['504 with an empty body', { kind: 'status', status: 504 }],
    ['a dropped connection', { kind: 'drop' }],
  ];

  it.each(gatewayFaults)('three job polls in a row answered with %s: retried, the run still ends AVAILABLE', async (_name, fault) => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'GET', path: JOB_PATH, times: 3, fault });
    const run = await runAction(fx.inputs());
    expectOneGoodBackup(emulator, run);
    expect(emulator.faults.pending()).toHaveLength(0);
    // The three failed looks plus at least the one that saw the job finish.
    expect(describeJobRequests(emulator).length).toBeGreaterThanOrEqual(4);
    expectKeyHidden(run);
  });

  it('two 503s on describe backup are retried too (every read retries)', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'GET', path: DESCRIBE_BACKUP_PATH, times: 2, fault: { kind: 'status', status: 503 } });
    const run = await runAction(fx.inputs());
    expectOneGoodBackup(emulator, run);
    expect(emulator.faults.pending()).toHaveLength(0);
    expectKeyHidden(run);
  });

  it('honours Retry-After: after a 429 with retry-after: 1 the next poll comes a second later', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'GET', path: JOB_PATH, times: 1, fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } });
    const run = await runAction(fx.inputs());
    expectOneGoodBackup(emulator, run);
    const [limited, retry] = describeJobRequests(emulator);
    // Without Retry-After the backoff is at most 500 ms (full jitter of the first step).
    expect((retry?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expectKeyHidden(run);
  });
});

describe('the overall timeout', () => {
  it('timeout bounds the whole run, retries included: polls answered 503 forever end within the timeout, outputs written', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'GET', path: JOB_PATH, times: 1000, fault: { kind: 'status', status: 503 } });
    const run = await runAction(fx.inputs({ timeout: '4s', 'poll-interval': '' }));
    expect(run.exitCode).toBe(1);
    expect(run.durationMs).toBeLessThan(7000);
    expect(errorMessage(run)).toMatch(/time ?out/i);
    // The log says why the looks failed.
    expect(run.stdout).toMatch(/HTTP 503 from GET \/v2\/jobs\//);
    const [made] = manualBackupsMadeByRuns(emulator);
    expect(run.outputs['backup-id']).toBe(made?.backupId);
    expect(run.outputs['job-id']).toBe(made?.jobId);
    expect(run.outputs.status).not.toBe('AVAILABLE');
    expectKeyHidden(run);
  });
});
