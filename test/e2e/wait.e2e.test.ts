// The wait sub-action: start the backup early (main action, wait: false), gate on it later.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DEDICATED_CLUSTER } from '../emulator/index.ts';
import { useEmulator } from './emulator-fixture.ts';
import { runAction } from './harness.ts';
import { availableAt, backupsOutput, createRequests, describeJobRequests, errorMessage, expectKeyHidden } from './helpers.ts';

const JOB_MS = 1200;
const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: JOB_MS });

const base = (): Record<string, string> => fx.inputs();

/** The main action with wait: false, as the first job of a deploy workflow runs it. */
async function startBackup(inputs: Record<string, string> = {}) {
  const run = await runAction({ ...base(), wait: 'false', ...inputs });
  expect(run.exitCode, run.stdout).toBe(0);
  expectKeyHidden(run);
  return run;
}

/** The requests the emulator received from `from` on (one step's requests). */
const since = (from: number) => fx.emulator.requests.slice(from);

const OUTPUT_NAMES = ['backup-id', 'job-id', 'backup-name', 'backups', 'status', 'duration', 'created'];

describe('wait sub-action', () => {
  it('start early, gate later: wait:false, build meanwhile, then wait finds the backup done and outputs what the main action would', async () => {
    // Job 1: start the backup and hand its ids on.
    const started = await startBackup();
    expect(started.outputs.status).toBe('CREATING');
    const backupId = started.outputs['backup-id'] ?? '';
    const jobId = started.outputs['job-id'] ?? '';
    expect(backupId).toMatch(/^backup\d+_/);
    expect(jobId).toMatch(/^job-/);
    expect(describeJobRequests(fx.emulator, jobId)).toHaveLength(0);

    // Build and tests run meanwhile, about as long as the backup takes.
    await sleep(JOB_MS + 300);

    // The migration job starts with the wait sub-action.
    const from = fx.emulator.requests.length;
    const waited = await runAction({ ...base(), 'backup-id': backupId, 'job-id': jobId }, { bundle: 'wait' });
    expect(waited.exitCode, waited.stdout).toBe(0);
    expectKeyHidden(waited);

    // The backup was already made during the build: the gate cost a look, not a wait.
    const requests = since(from);
    expect(requests[0]?.at).toBeGreaterThanOrEqual(availableAt(fx.emulator, backupId));
    expect(requests.filter((r) => r.path === `/v2/jobs/${jobId}`).length).toBeLessThanOrEqual(2);
    expect(requests.filter((r) => r.path === `/v2/clusters/${DEDICATED_CLUSTER}/backups/${backupId}`).length).toBeLessThanOrEqual(2);
    expect(createRequests(fx.emulator)).toHaveLength(1);

    // Same outputs, same shape, as the main action waiting itself.
    expect(Object.keys(waited.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(waited.outputs['backup-id']).toBe(backupId);
    expect(waited.outputs['job-id']).toBe(jobId);
    expect(waited.outputs['backup-name']).toBe(started.outputs['backup-name']);
    expect(waited.outputs.status).toBe('AVAILABLE');
    expect(waited.outputs.duration).toMatch(/^\d+$/);
    expect(waited.outputs.created).toBe('true');

    const direct = await runAction(base());
    expect(direct.exitCode, direct.stdout).toBe(0);
    expectKeyHidden(direct);
    // The main action's outputs, less keep-last's `pruned` (wait deletes nothing).
    expect(Object.keys(waited.outputs).sort()).toEqual(
      Object.keys(direct.outputs)
        .filter((name) => name !== 'pruned')
        .sort(),
    );
    expect(direct.outputs.pruned).toBe('[]');
    const [entry] = backupsOutput(waited);
    const [directEntry] = backupsOutput(direct);
    expect(Object.keys(entry ?? {}).sort()).toEqual(Object.keys(directEntry ?? {}).sort());
    expect(entry).toEqual({ ...directEntry, backupId, backupName: started.outputs['backup-name'], jobId });

    expect(waited.summary).toContain('Zilliz Cloud backup: AVAILABLE');
    expect(waited.summary).toContain(backupId);
    expect(waited.summary).toContain(jobId);
  });

  it('waits on the space-separated ids of an earlier run that backed up two databases', async () => {
    const started = await startBackup({ collections: 'medium_articles, analytics.events' });
    const backupIds = (started.outputs['backup-id'] ?? '').split(' ');
    const jobIds = (started.outputs['job-id'] ?? '').split(' ');
    expect(backupIds).toHaveLength(2);
    expect(jobIds).toHaveLength(2);
    // The main action waited for the first (the next could not start before), not the last.
    expect(started.outputs.status).toBe('CREATING');

    const from = fx.emulator.requests.length;
    const waited = await runAction(
      { ...base(), 'backup-id': started.outputs['backup-id'] ?? '', 'job-id': started.outputs['job-id'] ?? '' },
      { bundle: 'wait' },
    );
    expect(waited.exitCode, waited.stdout).toBe(0);
    expectKeyHidden(waited);
    expect(waited.outputs['backup-id']).toBe(backupIds.join(' '));
    expect(waited.outputs['job-id']).toBe(jobIds.join(' '));
    expect(waited.outputs['backup-name']).toBe(started.outputs['backup-name']);
    expect(waited.outputs.status).toBe('AVAILABLE');
    expect(backupsOutput(waited).map((b) => [b.database, b.collections, b.backupId, b.jobId, b.status])).toEqual([
      ['default', ['medium_articles'], backupIds[0], jobIds[0], 'AVAILABLE'],
      ['analytics', ['events'], backupIds[1], jobIds[1], 'AVAILABLE'],
    ]);
    // Each job was looked at by this step, and no backup was created by it.
    for (const jobId of jobIds) expect(since(from).some((r) => r.path === `/v2/jobs/${jobId}`)).toBe(true);
    expect(since(from).filter((r) => r.method !== 'GET')).toHaveLength(0);
    expect(waited.summary).toContain(backupIds[0]);
    expect(waited.summary).toContain(backupIds[1]);
  });

  it('with only backup-id (no job-id) waits on the backup status', async () => {
    const started = await startBackup();
    const backupId = started.outputs['backup-id'] ?? '';
    const from = fx.emulator.requests.length;
    const waited = await runAction({ ...base(), 'backup-id': backupId }, { bundle: 'wait' });
    expect(waited.exitCode, waited.stdout).toBe(0);
    expectKeyHidden(waited);
    const requests = since(from);
    expect(requests.filter((r) => r.path.startsWith('/v2/jobs/'))).toHaveLength(0);
    const describes = requests.filter((r) => r.path === `/v2/clusters/${DEDICATED_CLUSTER}/backups/${backupId}`);
    // It started while the backup was CREATING and looked until it was AVAILABLE.
    expect(describes.length).toBeGreaterThanOrEqual(2);
    expect(describes[0]?.at).toBeLessThan(availableAt(fx.emulator, backupId));
    expect(describes.at(-1)?.at).toBeGreaterThanOrEqual(availableAt(fx.emulator, backupId));
    expect(waited.outputs['backup-id']).toBe(backupId);
    expect(waited.outputs['job-id']).toBe('');
    expect(waited.outputs.status).toBe('AVAILABLE');
  });

  it('fails when the job fails: exit 1, the reason in the error, the outputs kept', async () => {
    fx.emulator.setJobOutcome({ status: 'FAILED', reason: 'storage quota exceeded' });
    const started = await startBackup();
    const backupId = started.outputs['backup-id'] ?? '';
    const jobId = started.outputs['job-id'] ?? '';
    const waited = await runAction({ ...base(), 'backup-id': backupId, 'job-id': jobId }, { bundle: 'wait' });
    expect(waited.exitCode).toBe(1);
    expectKeyHidden(waited);
    const message = errorMessage(waited);
    expect(message).toContain(jobId);
    expect(message).toContain('FAILED');
    expect(message).toContain('storage quota exceeded');
    expect(waited.outputs['backup-id']).toBe(backupId);
    expect(waited.outputs['job-id']).toBe(jobId);
    expect(waited.outputs.status).toBe('FAILED');
    expect(backupsOutput(waited)).toMatchObject([{ backupId, jobId, status: 'FAILED' }]);
    expect(waited.summary).toContain('storage quota exceeded');
  });

  it('times out with the outputs kept and a message naming the job', async () => {
    fx.configure({ jobDurationMs: 60_000 });
    const started = await startBackup();
    const backupId = started.outputs['backup-id'] ?? '';
    const jobId = started.outputs['job-id'] ?? '';
    const waited = await runAction({ ...base(), 'backup-id': backupId, 'job-id': jobId, timeout: '2s' }, { bundle: 'wait' });
    expect(waited.exitCode).toBe(1);
    expectKeyHidden(waited);
    const message = errorMessage(waited);
    expect(message).toMatch(/timed out/i);
    expect(message).toContain(jobId);
    expect(waited.outputs['backup-id']).toBe(backupId);
    expect(waited.outputs['job-id']).toBe(jobId);
    expect(waited.outputs.status).toBe('IN_PROGRESS');
    // The job was left running, and the log says how to follow it.
    expect(fx.emulator.state.backups.get(backupId)).toBeDefined();
    expect(waited.stdout).toContain(`/v2/jobs/${jobId}`);
  });

  it('refuses mismatched counts of backup-id and job-id before sending any request', async () => {
    const waited = await runAction(
      { ...base(), 'backup-id': 'backup3_aaaaaaaaaaaa backup4_bbbbbbbbbbbb', 'job-id': 'job-aaaaaaaaaaaaaaaaaaaaaa' },
      { bundle: 'wait' },
    );
    expect(waited.exitCode).toBe(1);
    expectKeyHidden(waited);
    const message = errorMessage(waited);
    expect(message).toContain('job-id');
    expect(message).toContain('1 job for 2 backups');
    expect(fx.emulator.requests).toHaveLength(0);
  });
});
