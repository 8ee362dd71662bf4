// The poll loop on a virtual clock against the in-process emulator (and, for spellings the
// emulator never produces, a scripted answer sequence).
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, BackupGoneError, CancelledError, DeadlineError, JobFailedError, UnknownStatusError, messageOf } from '../../../src/errors.ts';
import { ZillizCloudApi, type ZillizApi } from '../../../src/zilliz/api.ts';
import { VISIBILITY_GRACE_MS, waitUntilIdle, watchBackup, watchJob, type WaitDeps } from '../../../src/workflows/waiting.ts';
import type { BackupInfo, Job } from '../../../src/zilliz/api.ts';
import { BACKUP_NOT_FOUND_CODE, DEDICATED_CLUSTER, JOB_NOT_FOUND_CODE, PERMISSION_DENIED_CODE } from '../../emulator/index.ts';
import { fakeRuntime, virtualEmulator, type FakeRuntime, type VirtualSetup } from '../fakes.ts';

let setup: VirtualSetup | undefined;
afterEach(async () => {
  await setup?.close();
  setup = undefined;
});

async function start(options: Parameters<typeof virtualEmulator>[0] = {}): Promise<VirtualSetup & { deps: WaitDeps }> {
  setup = await virtualEmulator(options);
  return { ...setup, deps: { api: setup.api, runtime: setup.rt, pollIntervalMs: undefined } };
}

/** Runs a watch to its end, telling `onLook` each look; returns what the watch returned. */
async function drain<T>(watch: AsyncGenerator<T, T>, onLook: (value: T) => void): Promise<T> {
  for (;;) {
    const next = await watch.next();
    if (next.done) return next.value;
    onLook(next.value);
  }
}
const waitForJob = (jobId: string, deps: WaitDeps, onLook: (job: Job) => void = () => {}, fresh = false) => drain(watchJob(jobId, deps, fresh), onLook);
const waitForBackup = (clusterId: string, backupId: string, deps: WaitDeps, onLook: (backup: BackupInfo) => void = () => {}, fresh = false) =>
  drain(watchBackup(clusterId, backupId, deps, fresh), onLook);

const jobRequests = (s: VirtualSetup) => s.emu.requests.filter((r) => r.path.startsWith('/v2/jobs/'));

describe('waitForJob', () => {
  it('follows PENDING → IN_PROGRESS → SUCCESSFUL and returns when the job ends', async () => {
    const s = await start({ jobPendingMs: 5000, jobDurationMs: 30_000 });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    const seen: string[] = [];
    const job = await waitForJob(created.jobId, s.deps, (j) => seen.push(j.status));
    expect(job.status).toBe('SUCCESSFUL');
    expect(seen[0]).toBe('PENDING');
    expect(seen).toContain('IN_PROGRESS');
    expect(seen.at(-1)).toBe('SUCCESSFUL');
    // It noticed the end within the policy's bound (5 s for a 30 s job).
    expect(s.rt.now() - s.emu.state.jobs.get(created.jobId)!.createdAt - 30_000).toBeLessThanOrEqual(5000);
    const infos = s.rt.logger.of('info');
    expect(infos[0]).toMatch(new RegExp(`^Job ${created.jobId}: PENDING( 0 %)? \\(0s\\)$`));
    expect(infos.some((l) => / IN_PROGRESS \d+ %/.test(l))).toBe(true);
    expect(infos.at(-1)).toMatch(/: SUCCESSFUL \(3\ds\)$/);
  });

  it('logs a line only when the status or progress changes, not one per poll', async () => {
    // PENDING for the whole minute, then SUCCESSFUL: many polls, two different states.
    const s = await start({ jobPendingMs: 60_000, jobDurationMs: 60_000 });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    await waitForJob(created.jobId, s.deps);
    expect(jobRequests(s).length).toBeGreaterThan(5);
    expect(s.rt.logger.of('info')).toEqual([expect.stringMatching(/: PENDING( 0 %)? \(0s\)$/), expect.stringContaining(': SUCCESSFUL (')]);
  });

  it('FAILED with a reason is a JobFailedError carrying the reason', async () => {
    const s = await start();
    s.emu.setJobOutcome({ status: 'FAILED', reason: 'Insufficient disk quota' });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    const error = await waitForJob(created.jobId, s.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ jobId: created.jobId, status: 'FAILED', reason: 'Insufficient disk quota' });
    expect(messageOf(error)).toContain('Insufficient disk quota');
  });

  it('CANCELED is a JobFailedError too', async () => {
    const s = await start();
    s.emu.setJobOutcome({ status: 'CANCELED', reason: 'Canceled by admin' });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    const error = await waitForJob(created.jobId, s.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ status: 'CANCELED', reason: 'Canceled by admin' });
  });

  it('an unknown status fails closed with an UnknownStatusError naming the status and the job', async () => {
    const s = await start();
    s.emu.setJobOutcome({ status: 'RAW', rawStatus: 'PAUSED' });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    const error = await waitForJob(created.jobId, s.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownStatusError);
    expect(messageOf(error)).toContain('PAUSED');
    expect(messageOf(error)).toContain(created.jobId);
  });

  it('the deadline ends the wait with a DeadlineError naming the job, never sleeping past it', async () => {
    const s = await start({ jobPendingMs: 1000, jobDurationMs: 600_000 });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    const deadline = (s.rt.deadline = s.rt.now() + 120_000);
    const error = await waitForJob(created.jobId, s.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect(messageOf(error)).toContain(created.jobId);
    expect(messageOf(error)).toContain('IN_PROGRESS');
    expect(s.rt.now()).toBe(deadline);
  });

  it('a fixed poll-interval is used as given', async () => {
    const s = await start({ jobPendingMs: 1000, jobDurationMs: 30_000 });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    await waitForJob(created.jobId, { ...s.deps, pollIntervalMs: 7000 });
    expect(s.rt.sleeps).toEqual([7000, 7000, 7000, 7000, 7000]);
  });

  it('cancellation while sleeping is a CancelledError', async () => {
    const s = await start();
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    const sleep = s.rt.sleep;
    s.rt.sleep = async (ms, signal) => {
      if (s.rt.sleeps.length === 2) s.rt.controller.abort();
      return sleep(ms, signal);
    };
    await expect(waitForJob(created.jobId, s.deps)).rejects.toBeInstanceOf(CancelledError);
    expect(jobRequests(s)).toHaveLength(3);
  });
});

/** A ZillizApi over scripted `data` answers, for spellings the emulator never makes. */
function scriptedApi(answers: unknown[]): ZillizApi {
  return new ZillizCloudApi({ call: async () => answers.shift() });
}
const scriptedDeps = (answers: unknown[], runtime: FakeRuntime): WaitDeps => ({ api: scriptedApi(answers), runtime, pollIntervalMs: undefined });

describe('waitForJob with scripted answers', () => {
  const job = (status: string, progress?: string) => ({ jobId: 'job-1', status, progress, reason: '' });

  it('reads "In Progress" as IN_PROGRESS (still running) and logs progress changes only', async () => {
    const rt = fakeRuntime();
    const deps = scriptedDeps([job('Pending'), job('In Progress', '10'), job('In Progress', '10'), job('in-progress', '40%'), job('Successful', '100')], rt);
    const result = await waitForJob('job-1', deps);
    expect(result.status).toBe('Successful');
    expect(rt.logger.of('info').map((l) => l.replace(/ \(\d+s\)$/, ''))).toEqual([
      'Job job-1: PENDING',
      'Job job-1: IN_PROGRESS 10 %',
      'Job job-1: IN_PROGRESS 40 %',
      'Job job-1: SUCCESSFUL',
    ]);
  });

  it('CANCELLING is still running; CANCELLED fails', async () => {
    const rt = fakeRuntime({ timeoutMs: 60_000 });
    const error = await waitForJob('job-1', scriptedDeps([job('CANCELLING'), { ...job('CANCELLED'), reason: 'stopped' }], rt)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(rt.sleeps).toHaveLength(1);
  });
});

describe('waitForBackup', () => {
  it('waits for AVAILABLE after the job succeeded and reports the size', async () => {
    const s = await start({ jobPendingMs: 1000, jobDurationMs: 10_000, backupAvailableDelayMs: 20_000 });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, {
      backupType: 'COLLECTION',
      dbCollections: [{ dbName: 'default', collectionNames: ['medium_articles'] }],
    });
    await waitForJob(created.jobId, s.deps);
    const statuses: string[] = [];
    const backup = await waitForBackup(DEDICATED_CLUSTER, created.backupId, s.deps, (b) => statuses.push(b.status));
    expect(backup.status).toBe('AVAILABLE');
    expect(backup.size).toBe(64 * 1024 * 1024);
    expect(statuses[0]).toBe('CREATING');
    expect(
      s.rt.logger
        .of('info')
        .filter((l) => l.startsWith(`Backup ${created.backupId}`))
        .map((l) => l.replace(/ \(.*\)$/, '')),
    ).toEqual([`Backup ${created.backupId}: CREATING`, `Backup ${created.backupId}: AVAILABLE`]);
  });

  it('a backup that stays CREATING ends at the deadline', async () => {
    const s = await start({ jobPendingMs: 1000, jobDurationMs: 2000, backupAvailableDelayMs: Number.POSITIVE_INFINITY });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    s.rt.deadline = s.rt.now() + 60_000;
    const error = await waitForBackup(DEDICATED_CLUSTER, created.backupId, s.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect(messageOf(error)).toContain('CREATING');
  });

  it('DELETED fails as a backup that is gone (not as a job); an unknown backup status fails closed', async () => {
    const rt = fakeRuntime({ timeoutMs: 60_000 });
    const backup = (status: string) => ({ backupId: 'b1', status });
    const gone = waitForBackup('in01-x', 'b1', scriptedDeps([backup('CREATING'), backup('DELETED')], rt));
    await expect(gone).rejects.toBeInstanceOf(BackupGoneError);
    await expect(gone).rejects.toThrow('Backup b1 is DELETED instead of becoming AVAILABLE');
    await expect(waitForBackup('in01-x', 'b1', scriptedDeps([backup('RESTORING')], rt))).rejects.toBeInstanceOf(UnknownStatusError);
  });
});

describe('waitUntilIdle', () => {
  it('returns once no backup of the cluster is CREATING', async () => {
    const s = await start({ jobPendingMs: 1000, jobDurationMs: 40_000 });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    await waitUntilIdle(DEDICATED_CLUSTER, s.deps);
    expect(s.rt.now() - s.emu.state.jobs.get(created.jobId)!.createdAt).toBeGreaterThanOrEqual(40_000);
    expect(s.rt.logger.of('info')[0]).toContain(`busy with ${created.backupId}`);
    expect(s.rt.logger.of('info').at(-1)).toContain('no backup running');
  });
});

// Issue 13, points 3 and 5. Against the old poll loop (commit 0c0c1e1): a Retry-After was
// honoured only inside the client's attempts, the loop then looked again after its own
// interval; and "not found" for an id the run just received failed the wait at once.
describe('the poll loop: Retry-After and ids not visible yet', () => {
  it('a Retry-After is honoured between looks also after the client has spent its attempts', async () => {
    const s = await start({ jobPendingMs: 1000, jobDurationMs: 10_000 });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    // 7 answers of 503 with a Retry-After: the client's 6 attempts, then the loop's next look
    // (a 429 the client itself retries until the deadline).
    s.emu.faults.add({ method: 'GET', path: /^\/v2\/jobs\//, times: 7, fault: { kind: 'status', status: 503, headers: { 'retry-after': '30' } } });
    const job = await waitForJob(created.jobId, s.deps);
    expect(job.status).toBe('SUCCESSFUL');
    const looks = jobRequests(s).map((r) => r.at);
    expect(looks.length).toBeGreaterThanOrEqual(8);
    const gaps = looks.slice(1, 8).map((at, i) => at - (looks[i] ?? 0));
    expect(gaps.every((gap) => gap >= 30_000)).toBe(true);
    expect(s.rt.logger.of('warning').some((l) => l.includes('status check failed'))).toBe(true);
  });

  it('a fresh job id read as "job not found" is waited out during the grace period', async () => {
    const s = await start({ jobPendingMs: 1000, jobDurationMs: 30_000, visibilityDelayMs: 20_000 });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    const job = await waitForJob(created.jobId, s.deps, () => {}, true);
    expect(job.status).toBe('SUCCESSFUL');
    expect(s.rt.logger.of('info')[0]).toContain('not visible yet');
  });

  it('a fresh job id still not found after VISIBILITY_GRACE_MS fails with 96026', async () => {
    const s = await start({ jobPendingMs: 1000, jobDurationMs: 30_000, visibilityDelayMs: 600_000 });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    const startedAt = s.rt.now();
    const error = await waitForJob(created.jobId, s.deps, () => {}, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(JOB_NOT_FOUND_CODE);
    expect(s.rt.now() - startedAt).toBeGreaterThanOrEqual(VISIBILITY_GRACE_MS);
    expect(s.rt.now() - startedAt).toBeLessThan(VISIBILITY_GRACE_MS + 15_000);
  });

  it('a job id that is not fresh (given to the wait sub-action) fails at once with 96026', async () => {
    const s = await start({ visibilityDelayMs: 20_000 });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    const error = await waitForJob(created.jobId, s.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(JOB_NOT_FOUND_CODE);
    expect(jobRequests(s)).toHaveLength(1);
    expect(s.rt.sleeps).toEqual([]);
  });

  it('a fresh backup id read as "backup not found" is waited out; an access refusal is not', async () => {
    const s = await start({ jobPendingMs: 0, jobDurationMs: 0 });
    const created = await s.api.createBackup(DEDICATED_CLUSTER, { backupType: 'CLUSTER' });
    const path = `/v2/clusters/${DEDICATED_CLUSTER}/backups/${created.backupId}`;
    s.emu.faults.add({ method: 'GET', path, times: 3, fault: { kind: 'envelope', code: BACKUP_NOT_FOUND_CODE, message: 'Backup not found' } });
    await expect(waitForBackup(DEDICATED_CLUSTER, created.backupId, s.deps, () => {}, true)).resolves.toMatchObject({ status: 'AVAILABLE' });

    s.emu.faults.add({ method: 'GET', path, fault: { kind: 'envelope', code: PERMISSION_DENIED_CODE, message: 'Permission denied' } });
    const before = s.emu.requests.length;
    const error = await waitForBackup(DEDICATED_CLUSTER, created.backupId, s.deps, () => {}, true).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe(PERMISSION_DENIED_CODE);
    expect(s.emu.requests.length - before).toBe(1);
  });

  it('a backup id that is not fresh read as "backup not found" fails at once', async () => {
    const s = await start();
    const error = await waitForBackup(DEDICATED_CLUSTER, 'backup9_nosuchbackup', s.deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(BACKUP_NOT_FOUND_CODE);
    expect(s.rt.sleeps).toEqual([]);
  });
});
