// Answers that are not what they seem (issue 13, points 4, 5 and 8): a 2xx read whose body is not
// JSON, "not found" for an id the run just received, a hint given on the wrong endpoint, and
// cross-region copies that may still be running when the gate opens.
//
// Against the old code (commit 0c0c1e1) these fail: a non-JSON 2xx failed the status check at
// once; "job not found" right after the create and "backup not found" right after its job
// failed the run at once; a 96038 on describe backup carried the create's hint (hints were per
// code, not per endpoint); cross-region copies were not mentioned in the log or the summary.
// The unknown job id on the wait sub-action failed at once on the old code too: it guards that
// the grace period is only for ids the run itself just received.
import { describe, expect, it } from 'vitest';
import { BACKUP_NOT_FOUND_CODE, CREATE_FAILED_CODE, JOB_NOT_FOUND_CODE, SEED_MANUAL_BACKUP } from '../emulator/index.ts';
import { hintFor } from '../../src/zilliz/hints.ts';
import { useEmulator } from './emulator-fixture.ts';
import { runAction, type ActionRun, type RunOptions } from './harness.ts';
import { backupsMadeByRuns, describeBackupRequests, describeJobRequests, errorMessage, expectKeyHidden } from './helpers.ts';

const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: 800 });

const JOB = /^\/v2\/jobs\//;
const DESCRIBE_BACKUP = /^\/v2\/clusters\/[^/]+\/backups\/[^/]+$/;
const CREATE_HINT = hintFor(CREATE_FAILED_CODE, 'POST /v2/clusters/x/backups/create') ?? '';

async function run(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const result = await runAction(fx.inputs(inputs), options);
  expectKeyHidden(result, fx.emulator.apiKey);
  return result;
}

const backupsMade = () => backupsMadeByRuns(fx.emulator);

function expectOneAvailable(result: ActionRun): void {
  expect(result.exitCode, result.stdout).toBe(0);
  expect(result.outputs.status).toBe('AVAILABLE');
  const made = backupsMade();
  expect(made).toHaveLength(1);
  expect(result.outputs['backup-id']).toBe(made[0]?.backupId);
}

describe('a 2xx read whose body is not JSON', () => {
  it('three job polls answered 200 text/html are retried, and the run succeeds', async () => {
    fx.emulator.faults.add({
      method: 'GET',
      path: JOB,
      times: 3,
      fault: { kind: 'raw', status: 200, body: '<html><body>Welcome to nginx!</body></html>', contentType: 'text/html' },
    });
    const result = await run({});
    expectOneAvailable(result);
    expect(describeJobRequests(fx.emulator).length).toBeGreaterThanOrEqual(4);
  });
});

describe('eventual consistency: "not found" for an id the run just received is transient', () => {
  it('the new job and backup are invisible for 3 s: the run waits them out and succeeds', async () => {
    fx.configure({ visibilityDelayMs: 3000 });
    const result = await run({});
    expectOneAvailable(result);
    const [made] = backupsMade();
    // The first looks came while the job could not be seen yet.
    expect(describeJobRequests(fx.emulator)[0]?.at).toBeLessThan((made?.createdAt ?? 0) + 3000);
    expect(result.stdout).toContain('not visible yet');
  });

  it('describe backup answers "backup not found" twice right after the job succeeded: still success', async () => {
    fx.emulator.faults.add({
      method: 'GET',
      path: DESCRIBE_BACKUP,
      times: 2,
      fault: { kind: 'envelope', code: BACKUP_NOT_FOUND_CODE, message: 'Backup not found' },
    });
    const result = await run({});
    expectOneAvailable(result);
    expect(describeBackupRequests(fx.emulator).length).toBeGreaterThanOrEqual(3);
  });

  it("the wait sub-action with an unknown job id (not this run's) still fails at once with 96026, without the create's hint", async () => {
    const jobId = 'job-madeupmadeupmadeup0000';
    const result = await run({ 'backup-id': SEED_MANUAL_BACKUP, 'job-id': jobId }, { bundle: 'wait' });
    expect(result.exitCode).toBe(1);
    expect(errorMessage(result)).toContain(`API error ${JOB_NOT_FOUND_CODE}`);
    expect(CREATE_HINT).not.toBe('');
    expect(errorMessage(result)).not.toContain(CREATE_HINT);
    expect(describeJobRequests(fx.emulator)).toHaveLength(1);
  });

  it('a 96038 on describe backup (wait sub-action) fails without the hint that belongs to the create', async () => {
    fx.emulator.faults.add({ method: 'GET', path: DESCRIBE_BACKUP, fault: { kind: 'envelope', code: CREATE_FAILED_CODE, message: 'Failed' } });
    const result = await run({ 'backup-id': SEED_MANUAL_BACKUP }, { bundle: 'wait' });
    expect(result.exitCode).toBe(1);
    expect(errorMessage(result)).toContain(`API error ${CREATE_FAILED_CODE}`);
    expect(errorMessage(result)).not.toContain(CREATE_HINT);
    expect(describeBackupRequests(fx.emulator)).toHaveLength(1);
  });
});

describe('cross-region copies', () => {
  it('with cross-region-copies, the log and the summary say the copies may still be in progress when the gate opens', async () => {
    const result = await run({ 'cross-region-copies': 'aws-us-east-1' });
    expectOneAvailable(result);
    expect(backupsMade()[0]?.crossRegionCopies).toEqual([{ regionId: 'aws-us-east-1' }]);
    expect(result.stdout).toMatch(
      /Cross-region copies \(aws-us-east-1\) are separate jobs that start after this backup's job; they may still be in progress\./,
    );
    expect(result.summary).toContain('Cross-region copies: aws-us-east-1.');
    expect(result.summary).toContain('a copy may still be in progress although the backup is usable');
  });
});
