// End-to-end: the built main action (dist/index.js) run as the runner runs it, against the
// in-process emulator. Each test checks the outputs, the exit code, the error line, the job
// summary, the requests the emulator received, and that the API key never showed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hintFor } from '../../src/zilliz/hints.ts';
import { DEDICATED_CLUSTER, startEmulator } from '../emulator/index.ts';
import { useEmulator } from './emulator-fixture.ts';
import { ROOT, errorLines, parseOutputFile, runAction, type ActionRun } from './harness.ts';
import {
  availableAt,
  backupsOutput,
  createRequests,
  describeBackupRequests,
  describeJobRequests,
  errorMessage,
  expectAllAuthorized,
  expectKeyHidden,
} from './helpers.ts';

const MIB = 1024 * 1024;

const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: 1200 });

/** Inputs every test passes. */
const base = (): Record<string, string> => fx.inputs();

/** A successful run: exit 0, no error line, the key hidden, every request authorized. */
function expectSuccess(run: ActionRun): void {
  expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  expect(errorLines(run)).toEqual([]);
  expectKeyHidden(run);
  expectAllAuthorized(fx.emulator);
}

/** A failed run: exit 1 with one error line (returned), the key still hidden. */
function expectFailure(run: ActionRun): string {
  expect(run.exitCode, run.stdout + run.stderr).toBe(1);
  expectKeyHidden(run);
  return errorMessage(run);
}

/** The collections a backup made by the emulator holds, as database.name. */
function heldCollections(backupId: string): string[] {
  return (fx.emulator.state.backups.get(backupId)?.collections ?? []).map((c) => `${c.dbName}.${c.collectionName}`);
}

function jobOf(backupId: string): { jobId: string; endsAt: number } {
  const jobId = fx.emulator.state.backups.get(backupId)?.jobId ?? '';
  const job = fx.emulator.state.jobs.get(jobId);
  if (!job) throw new Error(`no job for ${backupId}`);
  return { jobId, endsAt: job.createdAt + job.durationMs };
}

describe('cluster backup', () => {
  it('creates one CLUSTER backup, waits until AVAILABLE, writes its ids and a summary with restore instructions', async () => {
    const run = await runAction({ ...base(), 'poll-interval': '' }); // the action's own polling policy
    expectSuccess(run);

    const creates = createRequests(fx.emulator);
    expect(creates).toHaveLength(1);
    expect(creates[0]?.body).toEqual({ backupType: 'CLUSTER' });

    const backupId = run.outputs['backup-id'] ?? '';
    const backup = fx.emulator.state.backups.get(backupId);
    expect(backupId).toMatch(/^backup\d+_[0-9a-f]+$/);
    expect(backup?.backupType).toBe('CLUSTER');
    const { jobId } = jobOf(backupId);
    expect(run.outputs['job-id']).toBe(jobId);
    expect(run.outputs['job-id']).toMatch(/^job-[0-9a-z]{22}$/);
    expect(run.outputs['backup-name']).toBe(backup?.backupName);
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(run.outputs.created).toBe('true');
    const waited = Number(run.outputs.duration);
    expect(Number.isInteger(waited)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(1); // the job takes 1.2 s
    expect(waited).toBeLessThanOrEqual(Math.ceil(run.durationMs / 1000));
    expect(backupsOutput(run)).toEqual([
      { database: null, collections: [], backupId, backupName: backup?.backupName, jobId, status: 'AVAILABLE', size: 4 * 64 * MIB, created: true },
    ]);

    // Waited on the job, then on the backup until it was AVAILABLE.
    expect(describeJobRequests(fx.emulator, jobId).length).toBeGreaterThanOrEqual(1);
    const describes = describeBackupRequests(fx.emulator, backupId);
    expect(describes.at(-1)?.at).toBeGreaterThanOrEqual(availableAt(fx.emulator, backupId));

    // The job summary: cluster, the backup's id, name, job, status, size, and how to restore it.
    expect(run.summary).toContain(DEDICATED_CLUSTER);
    expect(run.summary).toContain(backupId);
    expect(run.summary).toContain(backup?.backupName ?? '?');
    expect(run.summary).toContain(jobId);
    expect(run.summary).toContain('<td>AVAILABLE</td>');
    expect(run.summary).toContain('256.0 MiB');
    expect(run.summary).toMatch(/How to restore/);
    expect(run.summary).toContain(`${fx.emulator.url}/v2/clusters/${DEDICATED_CLUSTER}/backups/${backupId}/restoreCluster`);
    expect(run.summary).toContain('Authorization: Bearer $ZILLIZ_API_KEY');
  });
});

describe('collections', () => {
  it('backs up collections of one database with one create; drops duplicates and default.x vs x; accepts backup-type "collection"', async () => {
    const run = await runAction({
      ...base(),
      'backup-type': 'collection',
      collections: 'medium_articles, products\ndefault.medium_articles\nproducts,',
    });
    expectSuccess(run);

    const creates = createRequests(fx.emulator);
    expect(creates).toHaveLength(1);
    expect(creates[0]?.body).toEqual({
      backupType: 'COLLECTION',
      dbCollections: [{ dbName: 'default', collectionNames: ['medium_articles', 'products'] }],
    });

    const backupId = run.outputs['backup-id'] ?? '';
    expect(heldCollections(backupId)).toEqual(['default.medium_articles', 'default.products']);
    const { jobId } = jobOf(backupId);
    expect(run.outputs['job-id']).toBe(jobId);
    expect(run.outputs['backup-name']).toBe(fx.emulator.state.backups.get(backupId)?.backupName);
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(run.outputs.created).toBe('true');
    expect(run.outputs.duration).toMatch(/^\d+$/);
    const entries = backupsOutput(run);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      database: 'default',
      collections: ['medium_articles', 'products'],
      backupId,
      jobId,
      status: 'AVAILABLE',
      size: 2 * 64 * MIB,
    });

    expect(run.summary).toContain('COLLECTION (default: medium_articles, products)');
    expect(run.summary).toContain(backupId);
    expect(run.summary).toContain(`/backups/${backupId}/restoreCollection`);
  });

  it('backs up two databases with one backup each, the second created only after the first is AVAILABLE', async () => {
    const run = await runAction({ ...base(), collections: 'medium_articles\nanalytics.events' });
    expectSuccess(run);

    const creates = createRequests(fx.emulator);
    expect(creates.map((r) => r.body)).toEqual([
      { backupType: 'COLLECTION', dbCollections: [{ dbName: 'default', collectionNames: ['medium_articles'] }] },
      { backupType: 'COLLECTION', dbCollections: [{ dbName: 'analytics', collectionNames: ['events'] }] },
    ]);

    // Space-separated, in database order.
    const ids = (run.outputs['backup-id'] ?? '').split(' ');
    expect(ids).toHaveLength(2);
    const [first = '', second = ''] = ids;
    expect(heldCollections(first)).toEqual(['default.medium_articles']);
    expect(heldCollections(second)).toEqual(['analytics.events']);
    expect(run.outputs['job-id']).toBe(`${jobOf(first).jobId} ${jobOf(second).jobId}`);
    expect(run.outputs['backup-name']).toBe(ids.map((id) => fx.emulator.state.backups.get(id)?.backupName).join(' '));
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(backupsOutput(run).map((e) => [e.database, e.backupId, e.jobId, e.status])).toEqual([
      ['default', first, jobOf(first).jobId, 'AVAILABLE'],
      ['analytics', second, jobOf(second).jobId, 'AVAILABLE'],
    ]);

    // The second create came after the first backup was AVAILABLE, and after the action saw it so.
    const firstAvailable = availableAt(fx.emulator, first);
    const secondCreateAt = creates[1]?.at ?? 0;
    expect(secondCreateAt).toBeGreaterThanOrEqual(firstAvailable);
    const sawAvailable = describeBackupRequests(fx.emulator, first).filter((r) => r.at >= firstAvailable);
    expect(sawAvailable.length).toBeGreaterThanOrEqual(1);
    expect(sawAvailable[0]?.at).toBeLessThanOrEqual(secondCreateAt);
    expect(describeJobRequests(fx.emulator, jobOf(first).jobId).every((r) => r.at <= secondCreateAt)).toBe(true);

    expect(run.stdout).toContain('span 2 databases (default, analytics)');
    expect(run.stdout).toContain('one backup per database, one after another');
    expect(run.summary).toContain(first);
    expect(run.summary).toContain(second);
  });
});

describe('cross-region copies', () => {
  it('sends each region as crossRegionCopies', async () => {
    const run = await runAction({ ...base(), 'cross-region-copies': 'aws-us-east-1, gcp-us-west1' });
    expectSuccess(run);
    const creates = createRequests(fx.emulator);
    expect(creates).toHaveLength(1);
    expect(creates[0]?.body).toEqual({ backupType: 'CLUSTER', crossRegionCopies: [{ regionId: 'aws-us-east-1' }, { regionId: 'gcp-us-west1' }] });
    const backupId = run.outputs['backup-id'] ?? '';
    expect(fx.emulator.state.backups.get(backupId)?.crossRegionCopies).toEqual([{ regionId: 'aws-us-east-1' }, { regionId: 'gcp-us-west1' }]);
    expect(run.outputs['job-id']).toBe(jobOf(backupId).jobId);
    expect(run.outputs.status).toBe('AVAILABLE');
  });
});

describe('wait: false', () => {
  it('returns right after create with status CREATING and the ids, without looking at the job', async () => {
    fx.configure({ jobDurationMs: 5000 });
    const run = await runAction({ ...base(), wait: 'false' });
    expectSuccess(run);

    expect(createRequests(fx.emulator)).toHaveLength(1);
    expect(describeJobRequests(fx.emulator)).toEqual([]);
    expect(describeBackupRequests(fx.emulator)).toEqual([]);
    expect(fx.emulator.requests).toHaveLength(1);

    const backupId = run.outputs['backup-id'] ?? '';
    const { jobId } = jobOf(backupId);
    expect(fx.emulator.state.backupStatus(fx.emulator.state.backups.get(backupId)!)).toBe('CREATING'); // still being made
    expect(run.outputs['job-id']).toBe(jobId);
    expect(run.outputs['backup-name']).toBe(fx.emulator.state.backups.get(backupId)?.backupName);
    expect(run.outputs.status).toBe('CREATING');
    expect(run.outputs.duration).toBe('0');
    expect(backupsOutput(run)).toMatchObject([{ backupId, jobId, status: 'CREATING', size: null }]);
    expect(run.stdout).toContain(`wait is false: not waiting for job ${jobId}`);
    expect(run.summary).toContain('<td>CREATING</td>');
  });

  it('with two databases waits for the first backup (the next needs the cluster free) but not the last', async () => {
    const run = await runAction({ ...base(), wait: 'false', collections: 'medium_articles\nanalytics.events' });
    expectSuccess(run);

    const creates = createRequests(fx.emulator);
    expect(creates).toHaveLength(2);
    const [first = '', second = ''] = (run.outputs['backup-id'] ?? '').split(' ');
    expect(heldCollections(first)).toEqual(['default.medium_articles']);
    expect(heldCollections(second)).toEqual(['analytics.events']);

    expect(describeJobRequests(fx.emulator, jobOf(first).jobId).length).toBeGreaterThanOrEqual(1);
    expect(describeBackupRequests(fx.emulator, first).length).toBeGreaterThanOrEqual(1);
    expect(creates[1]?.at).toBeGreaterThanOrEqual(availableAt(fx.emulator, first));
    expect(describeJobRequests(fx.emulator, jobOf(second).jobId)).toEqual([]);
    expect(describeBackupRequests(fx.emulator, second)).toEqual([]);

    expect(run.outputs['job-id']).toBe(`${jobOf(first).jobId} ${jobOf(second).jobId}`);
    expect(run.outputs.status).toBe('CREATING');
    expect(backupsOutput(run).map((e) => [e.backupId, e.status])).toEqual([
      [first, 'AVAILABLE'],
      [second, 'CREATING'],
    ]);
    expect(run.stdout).toContain(`Waiting for ${first} although wait is false`);
    expect(run.stdout).toContain(`not waiting for job ${jobOf(second).jobId}`);
  });
});

describe('a backup that stays CREATING after its job succeeded', () => {
  it('keeps describing the backup and ends only once it is AVAILABLE', async () => {
    fx.configure({ jobDurationMs: 800, backupAvailableDelayMs: 1000 });
    const run = await runAction(base());
    expectSuccess(run);

    const backupId = run.outputs['backup-id'] ?? '';
    const { jobId, endsAt } = jobOf(backupId);
    const available = availableAt(fx.emulator, backupId);
    expect(available - endsAt).toBe(1000);
    // The action saw the job SUCCESSFUL before the backup was AVAILABLE ...
    expect(describeJobRequests(fx.emulator, jobId).at(-1)?.at).toBeGreaterThanOrEqual(endsAt);
    expect(describeJobRequests(fx.emulator, jobId).at(-1)?.at).toBeLessThan(available);
    // ... then saw the backup CREATING, kept asking, and stopped only once it was AVAILABLE.
    const describes = describeBackupRequests(fx.emulator, backupId);
    expect(describes.filter((r) => r.at >= endsAt && r.at < available).length).toBeGreaterThanOrEqual(1);
    expect(describes.at(-1)?.at).toBeGreaterThanOrEqual(available);
    expect(describes.filter((r) => r.at >= available)).toHaveLength(1);
    expect(run.stdout).toContain(`Backup ${backupId}: CREATING`);
    expect(run.stdout).toContain(`Backup ${backupId}: AVAILABLE`);
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(backupsOutput(run)).toMatchObject([{ backupId, jobId, status: 'AVAILABLE', size: 256 * MIB }]);
  });

  it('fails with a timeout naming the backup when it never becomes AVAILABLE, keeping the outputs', async () => {
    fx.configure({ jobDurationMs: 800, backupAvailableDelayMs: Infinity });
    const run = await runAction({ ...base(), timeout: '4s' });
    const error = expectFailure(run);

    const backupId = run.outputs['backup-id'] ?? '';
    expect(backupId).toMatch(/^backup\d+_[0-9a-f]+$/);
    const { jobId, endsAt } = jobOf(backupId);
    expect(error).toMatch(/timed out/i);
    expect(error).toContain(backupId);
    expect(run.outputs['job-id']).toBe(jobId);
    expect(run.outputs['backup-name']).toBe(fx.emulator.state.backups.get(backupId)?.backupName);
    expect(run.outputs.status).toBe('CREATING');
    expect(backupsOutput(run)).toMatchObject([{ backupId, jobId, status: 'CREATING' }]);
    expect(describeBackupRequests(fx.emulator, backupId).filter((r) => r.at >= endsAt).length).toBeGreaterThanOrEqual(2);
    expect(run.durationMs).toBeGreaterThanOrEqual(4000);
    expect(run.durationMs).toBeLessThan(9000);
    expect(run.stdout).toContain('is still being made in Zilliz Cloud');
    // The main action's own advice: its timeout input, and the wait sub-action that can take over.
    expect(error).toContain('Raise timeout, or wait for it later with the wait sub-action.');
    expect(run.summary).toContain('<td>CREATING</td>');
    expect(run.summary).toContain(backupId);
  });
});

describe('a job that does not succeed', () => {
  it.each([
    { status: 'FAILED', reason: 'disk quota exceeded' },
    { status: 'CANCELED', reason: 'canceled by the cluster owner' },
  ] as const)('fails the step when the job ends $status, with the reason, keeping the ids', async (outcome) => {
    fx.emulator.setJobOutcome(outcome);
    const run = await runAction(base());
    const error = expectFailure(run);

    const backupId = run.outputs['backup-id'] ?? '';
    expect(backupId).toMatch(/^backup\d+_[0-9a-f]+$/);
    const { jobId } = jobOf(backupId);
    expect(error).toContain(`Job ${jobId} ended ${outcome.status}`);
    expect(error).toContain(outcome.reason);
    expect(run.outputs['job-id']).toBe(jobId);
    expect(run.outputs.status).toBe(outcome.status);
    expect(backupsOutput(run)).toMatchObject([{ backupId, jobId, status: outcome.status }]);
    expect(describeJobRequests(fx.emulator, jobId).length).toBeGreaterThanOrEqual(1);
    expect(describeBackupRequests(fx.emulator)).toEqual([]); // a failed job's backup is never waited for
    expect(createRequests(fx.emulator)).toHaveLength(1); // and not made again
    expect(run.summary).toContain(outcome.reason);
    expect(run.summary).toContain(`<td>${outcome.status}</td>`);
  });
});

describe('timeout while the job runs', () => {
  it('fails after about the timeout, names the job, keeps the outputs and says how to check on it', async () => {
    fx.configure({ jobDurationMs: 10_000 });
    const run = await runAction({ ...base(), timeout: '3s' });
    const error = expectFailure(run);

    expect(run.durationMs).toBeGreaterThanOrEqual(3000);
    expect(run.durationMs).toBeLessThan(8000);
    const backupId = run.outputs['backup-id'] ?? '';
    expect(backupId).toMatch(/^backup\d+_[0-9a-f]+$/);
    const { jobId } = jobOf(backupId);
    expect(error).toMatch(/timed out/i);
    expect(error).toContain(jobId);
    expect(run.outputs['job-id']).toBe(jobId);
    expect(['IN_PROGRESS', 'PENDING']).toContain(run.outputs.status);
    expect(backupsOutput(run)).toMatchObject([{ backupId, jobId, status: run.outputs.status }]);
    expect(run.stdout).toContain(`Backup ${backupId} (job ${jobId}) is still being made in Zilliz Cloud`);
    expect(run.stdout).toContain(`${fx.emulator.url}/v2/jobs/${jobId}`);
    expect(run.summary).toContain(jobId);
    expect(run.summary).toMatch(/timed out/i);
  });
});

describe('API error codes', () => {
  it('fails with the code, the API message verbatim and the hint, and does not retry the create', async () => {
    const run = await runAction({ ...base(), 'cluster-id': 'in01-ffffffffffffff0' });
    const error = expectFailure(run);

    expect(error).toContain('96018');
    expect(error).toContain('Cluster not found'); // the emulator's message for an unknown cluster
    expect(error).toContain(hintFor(96018, 'POST /v2/clusters/in01-ffffffffffffff0/backups/create'));
    expect(createRequests(fx.emulator)).toHaveLength(1);
    expect(fx.emulator.requests).toHaveLength(1);
    expect(run.outputs['backup-id']).toBe('');
    expect(run.outputs['job-id']).toBe('');
    expect(run.outputs.status).toBe('ERROR');
    expect(backupsOutput(run)).toEqual([]);
    expect(run.summary).toContain('96018');
  });
});

describe('outputs', () => {
  it('writes the ids as soon as the backup exists, before waiting, and again at the end', async () => {
    let duringWait: Record<string, string[]> | undefined;
    let poller: NodeJS.Timeout | undefined;
    const run = await runAction(base(), {
      onSpawn: (_child, files) => {
        // Once the action is asking about the job, it is waiting: read what it has written so far.
        poller = setInterval(() => {
          if (duringWait || describeJobRequests(fx.emulator).length === 0) return;
          duringWait = parseOutputFile(readFileSync(files.outputFile, 'utf8'));
        }, 20);
      },
    });
    clearInterval(poller);
    expectSuccess(run);

    const backupId = run.outputs['backup-id'] ?? '';
    const { jobId } = jobOf(backupId);
    expect(duringWait?.['backup-id']).toEqual([backupId]);
    expect(duringWait?.['job-id']).toEqual([jobId]);
    expect(duringWait?.['backup-name']).toEqual([run.outputs['backup-name']]);
    expect(duringWait?.status).toBeUndefined(); // the final outputs come later
    expect(run.outputHistory['backup-id']?.length).toBeGreaterThanOrEqual(2);
    expect(run.outputHistory['backup-id']?.[0]).toBe(backupId);
    expect(run.outputHistory['job-id']?.[0]).toBe(jobId);
  });
});

describe('requests', () => {
  it('name the action and its version in the User-Agent and carry the key only to the emulator', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await runAction(base());
    expectSuccess(run);
    expect(fx.emulator.requests.length).toBeGreaterThanOrEqual(3); // create, describe job, describe backup
    for (const request of fx.emulator.requests) {
      expect(request.headers['user-agent']).toMatch(new RegExp(`^zilliz-backup-action/${version.replace(/\./g, '\\.')}\\b`));
      expect(request.authorization).toBe('valid');
    }
  });

  it('refuse to follow a redirect to another host, so the key is not sent there', async () => {
    const other = await startEmulator();
    try {
      fx.emulator.faults.add({ method: 'GET', path: /^\/v2\/jobs\//, fault: { kind: 'redirect', status: 307, location: `${other.url}/v2/jobs/elsewhere` } });
      const run = await runAction(base());
      const error = expectFailure(run);
      expect(error).toMatch(/redirect/i);
      expect(error).toContain('refused');
      expect(other.requests).toEqual([]);
      expect(run.outputs['backup-id']).toMatch(/^backup\d+_[0-9a-f]+$/);
    } finally {
      await other.close();
    }
  });
});

describe('job summary on a runner', () => {
  it('links the workflow run from the GitHub context (the @actions/github chunk works in the bundle)', async () => {
    const run = await runAction(base(), {
      env: {
        GITHUB_SERVER_URL: 'https://github.example',
        GITHUB_REPOSITORY: 'octo-org/deploy',
        GITHUB_RUN_ID: '4242',
        GITHUB_RUN_NUMBER: '17',
        GITHUB_WORKFLOW: 'Deploy',
      },
    });
    expectSuccess(run);
    expect(run.summary).toContain('<a href="https://github.example/octo-org/deploy/actions/runs/4242">Deploy #17</a>');
  });
});
