// Issue 3, API errors: each fails the step (exit 1) with a clear message carrying the API's code
// and message (or, for answers without a code, what was wrong with them).
import { describe, expect, it } from 'vitest';
import { DEFAULT_READONLY_API_KEY, FREE_CLUSTER, SEED_MANUAL_BACKUP, SERVERLESS_CLUSTER } from '../emulator/index.ts';
import { runAction } from './harness.ts';
import { useEmulator } from './emulator-fixture.ts';
import { createRequests, describeJobRequests, errorMessage, expectKeyHidden, JOB_PATH, manualBackupsMadeByRuns, requestsTo } from './helpers.ts';

const fx = useEmulator();

describe('the API refuses the create', () => {
  /** [case, inputs to override, what the error must contain] */
  const REFUSALS: [string, Record<string, string>, (string | RegExp)[]][] = [
    [
      'wrong API key (401, 21119) with a hint',
      { 'api-key': 'not-the-right-key' },
      ['Zilliz Cloud API error 21119: The API key is illegal.', 'HTTP 401', 'Hint: The API key is wrong or revoked'],
    ],
    [
      'unknown cluster (96018)',
      { 'cluster-id': 'in01-00000000000000f' },
      ['Zilliz Cloud API error 96018: Cluster not found', 'Hint: No cluster with this ID is visible to the API key'],
    ],
    [
      'Free cluster (96021)',
      { 'cluster-id': FREE_CLUSTER },
      ['Zilliz Cloud API error 96021: This operation is not supported on Free clusters', 'Hint: Backups are not available on Free clusters'],
    ],
    [
      'Serverless cluster (96022)',
      { 'cluster-id': SERVERLESS_CLUSTER },
      ['Zilliz Cloud API error 96022: This operation is not supported on Serverless clusters', 'Hint: Backups are not available on Serverless clusters'],
    ],
    [
      'missing permission: a read-only key (96027) with the role hint',
      { 'api-key': DEFAULT_READONLY_API_KEY },
      ['Zilliz Cloud API error 96027: ', 'Hint: The API key lacks permission: it needs the Organization Owner or Project Admin role'],
    ],
  ];

  it.each(REFUSALS)('%s: exit 1, the code, the message and the hint, one create sent', async (_case, override, expected) => {
    const emulator = fx.emulator;
    const run = await runAction(fx.inputs(override));
    expect(run.exitCode).toBe(1);
    for (const part of expected) expect(errorMessage(run)).toContain(part);
    expect(errorMessage(run)).toMatch(/request id [0-9a-f-]{36}/);
    expect(createRequests(emulator)).toHaveLength(1);
    expect(manualBackupsMadeByRuns(emulator)).toHaveLength(0);
    expectKeyHidden(run, 'not-the-right-key');
  });
});

describe('waiting meets a bad job or a bad answer', () => {
  it('unknown job id (wait sub-action): 96026 with the API message and the job-id hint', async () => {
    const emulator = fx.emulator;
    const jobId = 'job-madeupmadeupmadeup0000';
    const run = await runAction(fx.inputs({ 'backup-id': SEED_MANUAL_BACKUP, 'job-id': jobId }), { bundle: 'wait' });
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain(`Zilliz Cloud API error 96026: Job not found [GET /v2/jobs/${jobId}, HTTP 200]`);
    expect(errorMessage(run)).toContain('Hint: No job with this ID exists. Check job-id');
    expect(describeJobRequests(emulator)).toHaveLength(1);
    expectKeyHidden(run);
  });

  it('a job that ends FAILED: the job id, FAILED and the reason; status output FAILED', async () => {
    const emulator = fx.emulator;
    emulator.setJobOutcome({ status: 'FAILED', reason: 'Insufficient storage quota for backup' });
    const run = await runAction(fx.inputs());
    expect(run.exitCode).toBe(1);
    const [made] = manualBackupsMadeByRuns(emulator);
    expect(errorMessage(run)).toContain(`Job ${made?.jobId} ended FAILED: Insufficient storage quota for backup`);
    expect(run.outputs.status).toBe('FAILED');
    expect(run.outputs['backup-id']).toBe(made?.backupId);
    expectKeyHidden(run);
  });

  it('an unexpected job status: fails closed naming the status and the job', async () => {
    const emulator = fx.emulator;
    emulator.setJobOutcome({ status: 'RAW', rawStatus: 'EXPLODED' });
    const run = await runAction(fx.inputs());
    expect(run.exitCode).toBe(1);
    const [made] = manualBackupsMadeByRuns(emulator);
    expect(errorMessage(run)).toContain(`Job ${made?.jobId} has status "EXPLODED", which this action does not know; failing closed.`);
    expectKeyHidden(run);
  });

  it('a 200 whose body is not JSON on every look: read as a lost answer (looked at again), the log names the endpoint and the body; the run ends at the timeout naming the job', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({
      method: 'GET',
      path: JOB_PATH,
      times: 1000,
      fault: { kind: 'raw', body: '<html><body>Welcome to nginx!</body></html>', contentType: 'text/html' },
    });
    const run = await runAction(fx.inputs({ timeout: '4s' }));
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/Unexpected response from GET \/v2\/jobs\/job-[0-9a-z]+: the body is not JSON: <html><body>Welcome to nginx!/);
    expect(requestsTo(emulator, 'GET', JOB_PATH).length).toBeGreaterThan(1);
    const [made] = manualBackupsMadeByRuns(emulator);
    expect(errorMessage(run)).toContain(`Job ${made?.jobId}`);
    expect(errorMessage(run)).toContain('Timed out');
    expect(run.outputs['job-id']).toBe(made?.jobId);
    expectKeyHidden(run);
  });

  it('a JSON body of the wrong shape (status is a number): names the endpoint and the field', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'GET', path: JOB_PATH, fault: { kind: 'raw', body: '{"code":0,"data":{"status":42}}' } });
    const run = await runAction(fx.inputs());
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toMatch(/Unexpected response from GET \/v2\/jobs\/job-[0-9a-z]+: "status" is missing or not a string/);
    expectKeyHidden(run);
  });

  it('an error envelope on a poll (code and message from the API) fails with both', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'GET', path: JOB_PATH, fault: { kind: 'envelope', code: 96012, message: 'Permission denied for this project' } });
    const run = await runAction(fx.inputs());
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('Zilliz Cloud API error 96012: Permission denied for this project');
    expect(errorMessage(run)).toContain('Hint: The API key lacks permission');
    expectKeyHidden(run);
  });
});
