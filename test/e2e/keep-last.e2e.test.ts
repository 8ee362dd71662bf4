// keep-last on the main action (dist/index.js): back up, wait until AVAILABLE, then delete the
// same-scope MANUAL AVAILABLE backups beyond the newest N, never the run's own.
import { describe, expect, it } from 'vitest';
import { DEDICATED_CLUSTER, SEED_MANUAL_BACKUP } from '../emulator/index.ts';
import { RETENTION_SEEDS, UNTOUCHABLE } from '../support/retention-seeds.ts';
import { useEmulator } from './emulator-fixture.ts';
import { runAction, type ActionRun } from './harness.ts';
import { backupsOutput, createRequests, errorMessage, expectKeyHidden, JOB_PATH, waitForRequest } from './helpers.ts';

const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: 400, seedBackups: RETENTION_SEEDS });

interface PrunedEntry {
  backupId: string;
  backupName: string;
  createTime: string;
  size: number | null;
}

const DELETE_PATH = new RegExp(`^/v2/clusters/${DEDICATED_CLUSTER}/backups/([^/]+)$`);
const deletes = () => fx.emulator.requests.filter((r) => r.method === 'DELETE').map((r) => DELETE_PATH.exec(r.path)?.[1] ?? '');
const exists = (id: string) => {
  const b = fx.emulator.state.backups.get(id);
  return b !== undefined && !b.deleted;
};
const sorted = (list: readonly string[]) => [...list].sort();

function pruned(run: ActionRun): PrunedEntry[] {
  const value: unknown = JSON.parse(run.outputs.pruned ?? 'null');
  expect(Array.isArray(value), `pruned output is a JSON array: ${run.outputs.pruned}`).toBe(true);
  return value as PrunedEntry[];
}

const backup = (inputs: Record<string, string>): Promise<ActionRun> => fx.run(inputs);

describe('keep-last on the main action', () => {
  it('keep-last with wait false is an input error, before any request', async () => {
    const run = await backup({ 'keep-last': '3', wait: 'false' });
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('Input "keep-last"');
    expect(fx.emulator.requests).toEqual([]);
  });

  it('keep-last 0 is an input error (the run keeps its own backup), before any request', async () => {
    const run = await backup({ 'keep-last': '0' });
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('Input "keep-last"');
    expect(fx.emulator.requests).toEqual([]);
  });

  it("deletes only same-scope MANUAL AVAILABLE backups beyond N, never the run's own; pruned lists them", async () => {
    const run = await backup({ collections: 'medium_articles', 'keep-last': '2' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('AVAILABLE');
    const own = backupsOutput(run)[0]?.backupId ?? '';
    expect(exists(own)).toBe(true);
    // Kept: the run's own and the newest other one (backup2, 30 min old). Deleted: the 3 older ones.
    expect(sorted(deletes())).toEqual(['backup911_m1', 'backup912_m2', 'backup913_m3']);
    expect(exists(SEED_MANUAL_BACKUP)).toBe(true);
    // Other scopes (medium_articles + products, CLUSTER), AUTO and CREATING untouched.
    for (const id of [...UNTOUCHABLE, 'backup921_mp1', 'backup922_mp2', 'backup904_c4']) expect(exists(id), id).toBe(true);
    const list = pruned(run);
    expect(list.map((e) => e.backupId)).toEqual(['backup913_m3', 'backup912_m2', 'backup911_m1']);
    expect(list[0]).toEqual({ backupId: 'backup913_m3', backupName: expect.any(String), createTime: expect.any(String), size: 300 });
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(['backupId', 'backupName', 'createTime', 'size']);
    expect(run.summary).toContain('Retention: keep-last 2');
    expect(run.summary).toMatch(/protected: never deleted/);
  });

  it('a CLUSTER backup with keep-last 1: every older MANUAL CLUSTER backup goes, collection backups stay', async () => {
    const run = await backup({ 'keep-last': '1' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(sorted(deletes())).toEqual(['backup901_c1', 'backup902_c2', 'backup903_c3', 'backup904_c4']);
    expect(exists('backup951_creating')).toBe(true);
    expect(exists('backup941_auto')).toBe(true);
    expect(exists('backup911_m1')).toBe(true);
    expect(exists(backupsOutput(run)[0]?.backupId ?? '')).toBe(true);
  });

  it("a reused backup counts as the run's own: kept, and the older ones of its scope go, with no create", async () => {
    const run = await backup({ collections: 'medium_articles', 'reuse-if-newer-than': '2h', 'keep-last': '1' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.created).toBe('false');
    expect(backupsOutput(run)[0]?.backupId).toBe(SEED_MANUAL_BACKUP);
    expect(createRequests(fx.emulator)).toEqual([]);
    expect(exists(SEED_MANUAL_BACKUP)).toBe(true);
    expect(sorted(deletes())).toEqual(['backup911_m1', 'backup912_m2', 'backup913_m3']);
  });

  it('more to delete than max-deletions: nothing is deleted, the step warns naming how many, the gate stays open', async () => {
    const run = await backup({ 'keep-last': '1', 'max-deletions': '3' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(deletes()).toEqual([]);
    expect(run.outputs.pruned).toBe('[]');
    expect(run.stdout).toMatch(/::warning::keep-last: pruning failed: The rules select 4 backups to delete, more than max-deletions \(3\)/);
    for (const id of ['backup901_c1', 'backup902_c2', 'backup903_c3', 'backup904_c4']) expect(exists(id), id).toBe(true);
  });

  it('a reused AUTOMATIC backup is kept but takes none of the N: the newest manual backup of the scope stays', async () => {
    const run = await backup({ 'reuse-if-newer-than': '4h', 'keep-last': '1' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.created).toBe('false');
    expect(createRequests(fx.emulator)).toEqual([]);
    expect(exists(backupsOutput(run)[0]?.backupId ?? '')).toBe(true);
    expect(exists('backup901_c1')).toBe(true);
    expect(sorted(deletes())).toEqual(['backup902_c2', 'backup903_c3', 'backup904_c4']);
  });

  it('a DELETE refused with the backup still listed: a warning, the gate stays open (status AVAILABLE), nothing after it is deleted', async () => {
    fx.emulator.faults.add({
      method: 'DELETE',
      path: `/v2/clusters/${DEDICATED_CLUSTER}/backups/backup913_m3`,
      times: 1,
      fault: { kind: 'envelope', code: 96027, message: 'permission denied' },
    });
    const run = await backup({ collections: 'medium_articles', 'keep-last': '2' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(deletes()).toEqual(['backup913_m3']);
    expect(run.outputs.pruned).toBe('[]');
    expect(run.stdout).toMatch(/::warning::keep-last: pruning failed: Backup backup913_m3 could not be deleted/);
    expect(run.summary).toContain('Pruning failed');
    for (const id of ['backup911_m1', 'backup912_m2', 'backup913_m3']) expect(exists(id), id).toBe(true);
  });

  it('a run whose backup job failed deletes nothing; pruned is []', async () => {
    fx.emulator.setJobOutcome({ status: 'FAILED', reason: 'Insufficient storage quota for backup' });
    const run = await backup({ 'keep-last': '1' });
    expect(run.exitCode).toBe(1);
    expect(createRequests(fx.emulator)).toHaveLength(1);
    expect(deletes()).toEqual([]);
    expect(run.outputs.pruned).toBe('[]');
    for (const id of ['backup901_c1', 'backup904_c4']) expect(exists(id), id).toBe(true);
  });

  it.runIf(process.platform !== 'win32')('a run cancelled while it waits (SIGINT) deletes nothing', async () => {
    fx.configure({ jobDurationMs: 60_000 });
    const run = await runAction(fx.inputs({ 'keep-last': '1' }), {
      onSpawn: (child) => void waitForRequest(fx.emulator, (r) => JOB_PATH.test(r.path)).then(() => child.kill('SIGINT')),
    });
    expect(run.exitCode).not.toBe(0);
    expect(deletes()).toEqual([]);
    expect(run.outputs.pruned).toBe('[]');
    expect(run.stdout).toContain('Received SIGINT');
    expectKeyHidden(run);
  });

  it('a run that times out deletes nothing', async () => {
    fx.configure({ backupAvailableDelayMs: Number.POSITIVE_INFINITY });
    const run = await backup({ 'keep-last': '1', timeout: '3s' });
    expect(run.exitCode).toBe(1);
    expect(deletes()).toEqual([]);
    expect(run.outputs.pruned).toBe('[]');
  });

  it('keep-last empty: nothing deleted, pruned is []', async () => {
    const run = await backup({});
    expect(run.exitCode, run.stdout).toBe(0);
    expect(deletes()).toEqual([]);
    expect(run.outputs.pruned).toBe('[]');
  });
});
