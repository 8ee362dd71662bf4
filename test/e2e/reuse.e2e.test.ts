// The main action's reuse-if-newer-than: reuse a fresh backup that covers the request instead
// of paying for another.
import { describe, expect, it } from 'vitest';
import { DEDICATED_CLUSTER, SEED_AUTO_BACKUP, SEED_MANUAL_BACKUP } from '../emulator/index.ts';
import { useEmulator } from './emulator-fixture.ts';
import { runAction } from './harness.ts';
import { availableAt, backupsOutput, createRequests, expectKeyHidden, manualBackupsMadeByRuns } from './helpers.ts';

const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: 800 });

const base = (): Record<string, string> => fx.inputs();

async function backup(inputs: Record<string, string>) {
  const run = await runAction({ ...base(), ...inputs });
  expectKeyHidden(run, fx.emulator.apiKey);
  return run;
}

const listRequests = () => fx.emulator.requests.filter((r) => r.method === 'GET' && r.path === '/v2/backups');

/** The seed backup's createTime, as the API prints it. */
const createTimeOf = (backupId: string): string => new Date(fx.emulator.state.backups.get(backupId)?.createdAt ?? 0).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('reuse-if-newer-than', () => {
  it('hit: reuses the 30-minute-old manual backup of medium_articles instead of creating one', async () => {
    const run = await backup({ collections: 'medium_articles', 'reuse-if-newer-than': '1h' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(createRequests(fx.emulator)).toHaveLength(0);
    expect(listRequests().length).toBeGreaterThanOrEqual(1);
    expect(run.outputs['backup-id']).toBe(SEED_MANUAL_BACKUP);
    expect(run.outputs['backup-name']).toBe('medium_articles_backup2');
    expect(run.outputs['job-id']).toBe('');
    expect(run.outputs.created).toBe('false');
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(backupsOutput(run)).toEqual([
      {
        database: 'default',
        collections: ['medium_articles'],
        backupId: SEED_MANUAL_BACKUP,
        backupName: 'medium_articles_backup2',
        jobId: '',
        status: 'AVAILABLE',
        size: expect.any(Number),
        created: false,
      },
    ]);
    // The log and the summary say which backup was reused and how old it is.
    expect(run.stdout).toContain(`Reusing backup ${SEED_MANUAL_BACKUP}`);
    expect(run.stdout).toMatch(/made 30 min( \d+ s)? ago/);
    expect(run.summary).toContain(SEED_MANUAL_BACKUP);
    expect(run.summary).toMatch(new RegExp(`none: reused, made 30 min( \\d+ s)? ago \\(${createTimeOf(SEED_MANUAL_BACKUP)}\\)`));
  });

  it('hit: a cluster request within 4h reuses the 3-hour-old automatic CLUSTER backup', async () => {
    const run = await backup({ 'reuse-if-newer-than': '4h' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(createRequests(fx.emulator)).toHaveLength(0);
    // The fresher manual backup is a COLLECTION backup: it does not cover a cluster request.
    expect(run.outputs['backup-id']).toBe(SEED_AUTO_BACKUP);
    expect(run.outputs['job-id']).toBe('');
    expect(run.outputs.created).toBe('false');
    expect(run.stdout).toContain(`Reusing backup ${SEED_AUTO_BACKUP}`);
    expect(run.stdout).toMatch(/made 3 h( \d+ s)? ago/);
    expect(run.summary).toMatch(new RegExp(`none: reused, made 3 h( \\d+ s)? ago \\(${createTimeOf(SEED_AUTO_BACKUP)}\\)`));
  });

  it('miss, too old: with 10m the 30-minute-old backup is not reused and a new one is created', async () => {
    const run = await backup({ collections: 'medium_articles', 'reuse-if-newer-than': '10m' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(listRequests().length).toBeGreaterThanOrEqual(1);
    expect(createRequests(fx.emulator)).toHaveLength(1);
    expect(createRequests(fx.emulator)[0]?.body).toEqual({
      backupType: 'COLLECTION',
      dbCollections: [{ dbName: 'default', collectionNames: ['medium_articles'] }],
    });
    expect(run.outputs['backup-id']).not.toBe(SEED_MANUAL_BACKUP);
    expect(run.outputs['job-id']).toMatch(/^job-/);
    expect(run.outputs.created).toBe('true');
    expect(run.stdout).not.toContain('Reusing backup');
  });

  it('miss, still creating: a fresh backup that is CREATING is not reused', async () => {
    // A first run starts a cluster backup and does not wait for it; its job ends soon, but the
    // backup stays CREATING a while longer. The cluster is then not busy (a busy cluster would
    // be waited out, after which the backup, AVAILABLE by then, is rightly reused).
    fx.configure({ backupAvailableDelayMs: 10_000 });
    const first = await backup({ wait: 'false' });
    expect(first.exitCode, first.stdout).toBe(0);
    const creatingId = first.outputs['backup-id'] ?? '';
    fx.configure({ backupAvailableDelayMs: 0 });
    const firstJob = fx.emulator.state.jobs.get(first.outputs['job-id'] ?? '');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (firstJob?.createdAt ?? 0) + (firstJob?.durationMs ?? 0) + 50 - Date.now())));

    const from = fx.emulator.requests.length;
    const run = await backup({ 'reuse-if-newer-than': '1h' });
    expect(run.exitCode, run.stdout).toBe(0);
    // It looked while that backup was still CREATING, and did not take it.
    const look = fx.emulator.requests.slice(from).find((r) => r.method === 'GET' && r.path === '/v2/backups');
    expect(look?.at).toBeLessThan(availableAt(fx.emulator, creatingId));
    expect(run.outputs['backup-id']).not.toBe(creatingId);
    expect(run.outputs['backup-id']).not.toBe(SEED_AUTO_BACKUP);
    expect(run.outputs['job-id']).toMatch(/^job-/);
    expect(run.outputs.created).toBe('true');
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(createRequests(fx.emulator).length).toBeGreaterThanOrEqual(2);
    expect(run.stdout).not.toContain('Reusing backup');
  });

  it('still creating: a fresh backup that is CREATING is not taken at once; once the busy wait ends it is AVAILABLE and reused', async () => {
    // A first run starts a cluster backup whose job takes a while, and does not wait for it.
    fx.configure({ jobDurationMs: 2500 });
    const first = await backup({ wait: 'false' });
    expect(first.exitCode, first.stdout).toBe(0);
    const creatingId = first.outputs['backup-id'] ?? '';
    fx.configure({ jobDurationMs: 800 });

    const from = fx.emulator.requests.length;
    const run = await backup({ 'reuse-if-newer-than': '1h' });
    expect(run.exitCode, run.stdout).toBe(0);
    // It looked while that backup was still CREATING, and did not take it then.
    const look = fx.emulator.requests.slice(from).find((r) => r.method === 'GET' && r.path === '/v2/backups');
    expect(look?.at).toBeLessThan(availableAt(fx.emulator, creatingId));
    // Its create was refused as busy; after the wait it looked again and reused the fresh backup.
    expect(createRequests(fx.emulator)).toHaveLength(2);
    expect(manualBackupsMadeByRuns(fx.emulator)).toHaveLength(1);
    expect(run.outputs['backup-id']).toBe(creatingId);
    expect(run.outputs.created).toBe('false');
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(run.stdout).toContain('Reusing backup');
  });

  it('miss, not covering: products is in no backup within 1h, so one is created', async () => {
    const run = await backup({ collections: 'products', 'reuse-if-newer-than': '1h' });
    expect(run.exitCode, run.stdout).toBe(0);
    // The 30-minute-old backup was looked into (it holds only medium_articles) and passed over.
    expect(fx.emulator.requests.some((r) => r.method === 'GET' && r.path === `/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_MANUAL_BACKUP}`)).toBe(true);
    expect(createRequests(fx.emulator)).toHaveLength(1);
    expect(createRequests(fx.emulator)[0]?.body).toEqual({ backupType: 'COLLECTION', dbCollections: [{ dbName: 'default', collectionNames: ['products'] }] });
    expect(run.outputs['backup-id']).not.toBe(SEED_MANUAL_BACKUP);
    expect(run.outputs['backup-id']).not.toBe(SEED_AUTO_BACKUP);
    expect(run.outputs.created).toBe('true');
    expect(backupsOutput(run)).toMatchObject([{ database: 'default', collections: ['products'], created: true }]);
  });

  it('created is true for a normal run (no reuse-if-newer-than), which never lists backups to reuse', async () => {
    const run = await backup({ collections: 'medium_articles' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(createRequests(fx.emulator)).toHaveLength(1);
    expect(listRequests()).toHaveLength(0);
    expect(run.outputs.created).toBe('true');
    expect(run.outputs['backup-id']).not.toBe(SEED_MANUAL_BACKUP);
  });
});

// Issue 13, point 7. Against the old code (commit 0c0c1e1) the run that found the cluster busy
// waited out the other run's backup, then created its own: two backups between them.
describe('reuse-if-newer-than: two runs at once', () => {
  it('two runs started together on a cluster with no fresh CLUSTER backup end with one backup between them', async () => {
    const [a, b] = await Promise.all([backup({ 'reuse-if-newer-than': '1h' }), backup({ 'reuse-if-newer-than': '1h' })]);
    expect(a.exitCode, a.stdout).toBe(0);
    expect(b.exitCode, b.stdout).toBe(0);
    // The seeded automatic CLUSTER backup is 3 h old: neither run could reuse it at the start.
    const made = [...fx.emulator.state.backups.values()].filter((x) => x.jobId !== null && x.clusterId === DEDICATED_CLUSTER);
    expect(made).toHaveLength(1);
    const madeId = made[0]?.backupId;
    expect([a.outputs.created, b.outputs.created].sort()).toEqual(['false', 'true']);
    expect(a.outputs['backup-id']).toBe(madeId);
    expect(b.outputs['backup-id']).toBe(madeId);
    expect(a.outputs.status).toBe('AVAILABLE');
    expect(b.outputs.status).toBe('AVAILABLE');
    const reuser = a.outputs.created === 'false' ? a : b;
    expect(reuser.stdout).toContain(`Reusing backup ${madeId}`);
    expect(reuser.stdout).not.toContain(`Reusing backup ${SEED_AUTO_BACKUP}`);
  });
});
