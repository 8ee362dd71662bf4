// The clone sub-action, main step then post step, as the runner runs them: GITHUB_STATE carries
// the clone's id from the main step to the post step (post-if: always()).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEDICATED_CLUSTER, PROJECT_ID, SEED_AUTO_BACKUP, SEED_MANUAL_BACKUP, type Cluster, type Emulator, type RecordedRequest } from '../emulator/index.ts';
import { makeCluster, seedRowCount } from '../emulator/seed.ts';
import { useEmulator } from './emulator-fixture.ts';
import { runAction, runnerInputs, type ActionRun } from './harness.ts';
import { errorMessage, expectKeyHidden, requestsTo } from './helpers.ts';

const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: 800 });

const RESTORE_CLUSTER = /^\/v2\/clusters\/[^/]+\/backups\/[^/]+\/restoreCluster$/;
const DROP = /^\/v2\/clusters\/([^/]+)\/drop$/;
const HOUR = 3_600_000;
const RUN_ENV = { GITHUB_RUN_ID: '4242' };

const restoreRequests = (): RecordedRequest[] => requestsTo(fx.emulator, 'POST', RESTORE_CLUSTER);
const dropRequests = (): RecordedRequest[] => requestsTo(fx.emulator, 'DELETE', DROP);
const droppedIds = (): string[] => dropRequests().map((r) => DROP.exec(r.path)?.[1] ?? '');

/** Lines a person sees in the log: the runner consumes ::add-mask:: commands. */
const visibleLog = (run: ActionRun): string => [...run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')), run.stderr].join('\n');

/** The main step, its inputs as the runner passes them (every declared input: given, its default or ''); the key and the password never show where a person could read them. */
async function main(extra: Record<string, string> = {}, options: Parameters<typeof runAction>[1] = {}): Promise<ActionRun> {
  const run = await runAction(runnerInputs('clone/action.yml', fx.inputs(extra)), { bundle: 'clone', ...options, env: { ...RUN_ENV, ...options.env } });
  expectKeyHidden(run);
  expectPasswordHidden(run);
  return run;
}

/** The post step, given what the main step saved (as the runner passes it: STATE_<name>). */
async function post(state: Record<string, string>, extra: Record<string, string> = {}): Promise<ActionRun> {
  const run = await runAction(runnerInputs('clone/action.yml', fx.inputs(extra)), { bundle: 'clone-post', state, env: RUN_ENV });
  expectKeyHidden(run);
  return run;
}

/** The password goes to its output only: masked at once, never in a log line or the summary. */
function expectPasswordHidden(run: ActionRun): void {
  const password = run.outputs.password;
  if (!password) return;
  const lines = run.stdout.split('\n');
  const masked = lines.indexOf(`::add-mask::${password}`);
  expect(masked, 'the password is masked').toBeGreaterThan(0);
  // Masked before anything else is said about the clone.
  const firstMention = lines.findIndex((line) => line.includes(run.outputs['cluster-id'] ?? '\u0000'));
  if (firstMention >= 0) expect(masked).toBeLessThan(firstMention);
  expect(visibleLog(run)).not.toContain(password);
  expect(run.summary).not.toContain(password);
}

function cluster(emulator: Emulator, clusterId: string): Cluster | undefined {
  return emulator.state.clusters.get(clusterId);
}

/** A cluster as a leftover clone (or any cluster) looks in the emulator. */
function addCluster(fields: { clusterId: string; clusterName: string; ageMs: number; projectId?: string; cuSize?: number }): void {
  const c = makeCluster(
    { clusterId: fields.clusterId, clusterName: fields.clusterName, regionId: 'aws-us-west-2', plan: 'Dedicated', createdAt: Date.now() - fields.ageMs },
    { default: {} },
  );
  c.projectId = fields.projectId ?? PROJECT_ID;
  c.cuSize = fields.cuSize ?? 2;
  fx.emulator.state.clusters.set(c.clusterId, c);
}

interface CheckedCollection {
  database: string;
  collection: string;
  rowCount: number;
  loadState: string;
}

const collectionsOutput = (run: ActionRun): CheckedCollection[] => JSON.parse(run.outputs.collections ?? '[]') as CheckedCollection[];

describe('clone: a drill, main step then post step', () => {
  it('restores the newest CLUSTER backup into ci-clone-…, waits through RESTORE_BACKUP, checks every collection on the clone, and the post step drops exactly it', async () => {
    fx.configure({ cloneReadyDelayMs: 1200 });
    const run = await main();
    expect(run.exitCode, run.stdout).toBe(0);
    const cloneId = run.outputs['cluster-id'] ?? '';
    expect(cloneId).toMatch(/^in01-/);
    expect(cloneId).not.toBe(DEDICATED_CLUSTER);

    // One restoreCluster, with the documented body, from the newest AVAILABLE CLUSTER backup.
    expect(restoreRequests()).toHaveLength(1);
    expect(restoreRequests()[0]?.path).toBe(`/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_AUTO_BACKUP}/restoreCluster`);
    expect(restoreRequests()[0]?.body).toEqual({ projectId: PROJECT_ID, clusterName: 'ci-clone-Dedicated-01-4242', cuSize: 1, collectionStatus: 'KEEP' });

    // The status it waited through, and the outputs.
    expect(run.stdout).toContain(`Cluster ${cloneId}: RESTORE_BACKUP`);
    expect(run.outputs).toMatchObject({
      status: 'VERIFIED',
      'backup-id': SEED_AUTO_BACKUP,
      username: 'db_admin',
      endpoint: cluster(fx.emulator, cloneId)?.connectAddress,
    });
    expect(run.outputs['job-id']).toMatch(/^job-/);
    expect(run.outputs.password).toMatch(/^Pw/);
    expect(run.outputs['restore-seconds']).toMatch(/^\d+$/);
    expect(collectionsOutput(run)).toEqual([
      { database: 'default', collection: 'medium_articles', rowCount: seedRowCount('default', 'medium_articles'), loadState: 'LoadStateLoaded' },
      { database: 'default', collection: 'products', rowCount: seedRowCount('default', 'products'), loadState: 'LoadStateLoaded' },
      { database: 'analytics', collection: 'events', rowCount: seedRowCount('analytics', 'events'), loadState: 'LoadStateLoaded' },
      { database: 'analytics', collection: 'sessions', rowCount: seedRowCount('analytics', 'sessions'), loadState: 'LoadStateNotLoad' },
    ]);

    // Only the clone's data plane was read, never the source's; the main step dropped nothing.
    const dataPlane = fx.emulator.requests.filter((r) => r.clusterId !== undefined);
    expect(dataPlane.length).toBeGreaterThan(0);
    expect(new Set(dataPlane.map((r) => r.clusterId))).toEqual(new Set([cloneId]));
    expect(dropRequests()).toEqual([]);
    expect(run.state).toEqual({ 'clone-cluster-id': cloneId });

    // The drill report.
    expect(run.summary).toContain('VERIFIED');
    expect(run.summary).toContain(SEED_AUTO_BACKUP);
    expect(run.summary).toContain(String(seedRowCount('default', 'medium_articles')));
    expect(run.summary).toContain('Time to RUNNING');
    expect(run.summary).toContain('Dropped by this action');

    const after = await post(run.state);
    expect(after.exitCode, after.stdout).toBe(0);
    expect(droppedIds()).toEqual([cloneId]);
    expect(cluster(fx.emulator, cloneId)).toBeUndefined();
    expect(cluster(fx.emulator, DEDICATED_CLUSTER)).toBeDefined();
    expect(after.summary).toContain('was dropped');
  });

  it('a post step with nothing saved sends no request at all and drops nothing', async () => {
    const run = await post({});
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain('Nothing to drop');
    expect(fx.emulator.requests).toEqual([]);
  });

  it('a cancelled main step still leads to a post step that drops the clone (and the main step drops nothing)', async () => {
    fx.configure({ jobDurationMs: 60_000 });
    let stateFile = '';
    const run = await main(
      {},
      {
        onSpawn: (child, files) => {
          stateFile = files.stateFile;
          // Cancel once the clone exists and the step is waiting on its job.
          const timer = setInterval(() => {
            if (readFileSync(stateFile, 'utf8').includes('clone-cluster-id') && fx.emulator.requests.some((r) => r.path.startsWith('/v2/jobs/'))) {
              clearInterval(timer);
              child.kill('SIGINT');
            }
          }, 20);
        },
      },
    );
    expect(run.exitCode).not.toBe(0);
    const cloneId = run.state['clone-cluster-id'] ?? '';
    expect(cloneId).toMatch(/^in01-/);
    expect(dropRequests()).toEqual([]);
    expect(cluster(fx.emulator, cloneId)).toBeDefined();

    const after = await post(run.state);
    expect(after.exitCode, after.stdout).toBe(0);
    expect(droppedIds()).toEqual([cloneId]);
    expect(cluster(fx.emulator, cloneId)).toBeUndefined();
  });

  it('a lost drop answer is settled by describing the cluster: gone means dropped', async () => {
    const run = await main();
    const cloneId = run.outputs['cluster-id'] ?? '';
    fx.emulator.faults.add({ method: 'DELETE', path: DROP, fault: { kind: 'drop-after-handling' } });
    const after = await post(run.state);
    expect(after.exitCode, after.stdout).toBe(0);
    expect(dropRequests()).toHaveLength(1);
    const drop = dropRequests()[0];
    expect(fx.emulator.requests.some((r) => r.method === 'GET' && r.path === `/v2/clusters/${cloneId}` && r.at >= (drop?.at ?? 0))).toBe(true);
    expect(after.stdout).toContain('already dropped');
    expect(cluster(fx.emulator, cloneId)).toBeUndefined();
  });

  it('a drop that never reached the API is not taken for done: the post step fails, saying the clone is still there', async () => {
    const run = await main();
    const cloneId = run.outputs['cluster-id'] ?? '';
    fx.emulator.faults.add({ method: 'DELETE', path: DROP, fault: { kind: 'status', status: 502, body: '<html>bad gateway</html>' } });
    const after = await post(run.state);
    expect(after.exitCode).not.toBe(0);
    expect(errorMessage(after)).toContain(`Cluster ${cloneId} was not dropped`);
    expect(errorMessage(after)).toContain('RUNNING');
    expect(cluster(fx.emulator, cloneId)).toBeDefined();
    // One DELETE only: never sent twice blindly.
    expect(dropRequests()).toHaveLength(1);
  });

  it('the post step never drops the source, even when the saved id names it', async () => {
    const after = await post({ 'clone-cluster-id': DEDICATED_CLUSTER });
    expect(after.exitCode).not.toBe(0);
    expect(errorMessage(after)).toContain('the source is never dropped');
    expect(dropRequests()).toEqual([]);
  });

  it('keep: true saves nothing for the post step, and the summary says what the clone costs and how to drop it', async () => {
    const run = await main({ keep: 'true', 'cu-size': '4', 'cluster-name': 'kept_copy' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.state).toEqual({});
    expect(restoreRequests()[0]?.body).toMatchObject({ clusterName: 'ci-clone-kept_copy', cuSize: 4 });
    expect(run.summary).toContain('Kept running');
    expect(run.summary).toContain('4 CU × the hours it runs');
    expect(run.summary).toContain(`/v2/clusters/${run.outputs['cluster-id'] ?? ''}/drop`);
    const after = await post(run.state);
    expect(after.exitCode).toBe(0);
    expect(dropRequests()).toEqual([]);
    expect(cluster(fx.emulator, run.outputs['cluster-id'] ?? '')).toBeDefined();
  });

  it('a hostile source name steers nothing: the clone name is made of its letters, digits and dashes, no log line starts a command, the summary takes no markup', async () => {
    const source = cluster(fx.emulator, DEDICATED_CLUSTER);
    if (source) source.clusterName = 'prod\n::error::pwned <img src=x>';
    const run = await main();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(restoreRequests()[0]?.body).toMatchObject({ clusterName: 'ci-clone-prod-error-pwned-img-src-x-4242' });
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([]);
    expect(run.summary).not.toContain('<img');
    await post(run.state);
  });

  it('load: false releases every collection (collectionStatus RELEASE)', async () => {
    const run = await main({ load: 'false' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(restoreRequests()[0]?.body).toMatchObject({ collectionStatus: 'RELEASE' });
    expect(collectionsOutput(run).map((c) => c.loadState)).toEqual(['LoadStateNotLoad', 'LoadStateNotLoad', 'LoadStateNotLoad', 'LoadStateNotLoad']);
  });
});

describe('clone: what fails, and how', () => {
  it.each([
    ['cu-size', { 'cu-size': '0' }],
    ['cu-size', { 'cu-size': '1025' }],
    ['cu-size', { 'cu-size': '2.5' }],
    ['cluster-name', { 'cluster-name': 'has space' }],
    ['cluster-name', { 'cluster-name': 'x'.repeat(56) }],
    ['keep', { keep: 'yes' }],
    ['load', { load: 'on' }],
    ['drop-stale', { 'drop-stale': '1' }],
  ])('bad %s fails before any request, naming the input; the post step then does nothing', async (input, extra) => {
    const run = await main(extra);
    expect(run.exitCode).not.toBe(0);
    expect(errorMessage(run)).toContain(`Input "${input}"`);
    expect(fx.emulator.requests).toEqual([]);
    expect(run.state).toEqual({});
    const after = await post(run.state);
    expect(after.exitCode).toBe(0);
    expect(fx.emulator.requests).toEqual([]);
  });

  it('a COLLECTION backup is refused before restoreCluster, naming backup-id', async () => {
    const run = await main({ 'backup-id': SEED_MANUAL_BACKUP });
    expect(run.exitCode).not.toBe(0);
    expect(errorMessage(run)).toContain('Input "backup-id"');
    expect(errorMessage(run)).toContain('COLLECTION');
    expect(restoreRequests()).toEqual([]);
    expect(run.state).toEqual({});
    expect(run.outputs.status).toBe('ERROR');
  });

  it('a source whose description names no project is refused before any leftover is dropped or any clone made (leftovers are looked for in its project only)', async () => {
    const source = cluster(fx.emulator, DEDICATED_CLUSTER);
    if (source) source.projectId = '';
    addCluster({ clusterId: 'in01-00000000000old1', clusterName: 'ci-clone-old-one', ageMs: 50 * HOUR, projectId: '' });
    const run = await main({ 'drop-stale': 'true' });
    expect(run.exitCode).not.toBe(0);
    expect(errorMessage(run)).toContain('Input "cluster-id"');
    expect(errorMessage(run)).toContain('names no project');
    expect(dropRequests()).toEqual([]);
    expect(restoreRequests()).toEqual([]);
    expect(run.state).toEqual({});
  });

  it('latest is the newest AVAILABLE CLUSTER backup: not a newer COLLECTION or CREATING one, not an older one', async () => {
    const [older, newest, creating, collection] = fx.emulator.addBackups([
      { backupType: 'CLUSTER', ageSeconds: 7200, backupId: 'backup90_older' },
      { backupType: 'CLUSTER', ageSeconds: 1800, backupId: 'backup91_newest' },
      { backupType: 'CLUSTER', ageSeconds: 60, status: 'CREATING', backupId: 'backup92_creating' },
      { backupType: 'COLLECTION', ageSeconds: 30, backupId: 'backup93_collection' },
    ]);
    expect([older, creating, collection].every(Boolean)).toBe(true);
    const run = await main();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['backup-id']).toBe(newest?.backupId);
    expect(restoreRequests()[0]?.path).toBe(`/v2/clusters/${DEDICATED_CLUSTER}/backups/backup91_newest/restoreCluster`);
  });

  it('a clone that ends in a status other than RUNNING fails closed, naming it; the post step still drops it', async () => {
    fx.configure({ cloneEndStatus: 'ABNORMAL' });
    const run = await main();
    expect(run.exitCode).not.toBe(0);
    expect(errorMessage(run)).toContain('ABNORMAL');
    expect(run.outputs.status).toBe('ABNORMAL');
    expect(dropRequests()).toEqual([]);
    const after = await post(run.state);
    expect(after.exitCode).toBe(0);
    expect(droppedIds()).toEqual([run.outputs['cluster-id']]);
  });

  it('a clone still RESTORE_BACKUP when timeout runs out: the step fails with that status, the main step drops nothing, the post step drops it', async () => {
    fx.configure({ cloneReadyDelayMs: 60_000 });
    const run = await main({ timeout: '4s' });
    expect(run.exitCode).not.toBe(0);
    expect(errorMessage(run)).toContain('Timed out');
    expect(errorMessage(run)).toContain('Raise timeout');
    expect(run.outputs.status).toBe('RESTORE_BACKUP');
    expect(dropRequests()).toEqual([]);
    const after = await post(run.state);
    expect(after.exitCode).toBe(0);
    expect(droppedIds()).toEqual([run.outputs['cluster-id']]);
  });

  it('a collection the backup describes but the clone lacks fails the step, naming it; the others are still reported', async () => {
    fx.configure({ cloneMissing: ['analytics.events'] });
    const run = await main();
    expect(run.exitCode).not.toBe(0);
    expect(errorMessage(run)).toContain('analytics.events');
    expect(run.outputs.status).toBe('ERROR');
    expect(run.outputs['restore-seconds']).toBe('');
    expect(collectionsOutput(run).map((c) => `${c.database}.${c.collection}`)).toEqual(['default.medium_articles', 'default.products', 'analytics.sessions']);
    expect(dropRequests()).toEqual([]);
    const after = await post(run.state);
    expect(after.exitCode).toBe(0);
    expect(droppedIds()).toEqual([run.outputs['cluster-id']]);
  });

  /** A cluster found by its name after a lost answer: named in the log and the summary with how to drop it, never saved, never dropped. */
  async function expectFoundNotDropped(run: ActionRun, clusterName: string): Promise<void> {
    const made = [...fx.emulator.state.clusters.values()].find((c) => c.clusterName === clusterName);
    expect(made).toBeDefined();
    const madeId = made?.clusterId ?? '';
    expect(restoreRequests()).toHaveLength(1);
    expect(run.outputs['cluster-id']).toBe(madeId);
    expect(run.outputs.password ?? '').toBe('');
    // Its id came from a listing, not from restoreCluster's answer: nothing saved for the post step.
    expect(run.state).toEqual({});
    expect(run.stdout).toContain(`Found ${madeId} named ${clusterName}`);
    expect(run.stdout).toContain('not saved for the post step');
    expect(run.summary).toContain('Not dropped by the post step');
    expect(run.summary).toContain(`/v2/clusters/${madeId}/drop`);
    const after = await post(run.state);
    expect(after.exitCode).toBe(0);
    expect(dropRequests()).toEqual([]);
    expect(cluster(fx.emulator, madeId)).toBeDefined();
  }

  it('a restoreCluster answer that never comes: time is kept to find the clone by its name before timeout; it is named, with how to drop it, and never dropped', async () => {
    fx.emulator.faults.add({ method: 'POST', path: RESTORE_CLUSTER, fault: { kind: 'hang-after-handling' } });
    const run = await main({ timeout: '4s' });
    expect(run.stdout).toContain('looking for a new cluster named ci-clone-Dedicated-01-4242');
    await expectFoundNotDropped(run, 'ci-clone-Dedicated-01-4242');
  });

  it('a lost restoreCluster answer: the cluster found by its name is checked, named, and never dropped: only an id from the answer is', async () => {
    fx.emulator.faults.add({ method: 'POST', path: RESTORE_CLUSTER, fault: { kind: 'drop-after-handling' } });
    const run = await main();
    // Followed and checked all the same: a drill still tells whether the backup restores.
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('VERIFIED');
    await expectFoundNotDropped(run, 'ci-clone-Dedicated-01-4242');
  });

  it('a restoreCluster answer whose jobId is not a plain id: the clone is still saved for the post step and followed by its status; the post step drops it', async () => {
    fx.emulator.faults.add({ method: 'POST', path: RESTORE_CLUSTER, fault: { kind: 'patch-after-handling', data: { jobId: 'a/b' } } });
    const run = await main();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('VERIFIED');
    const cloneId = run.outputs['cluster-id'] ?? '';
    expect(run.state).toEqual({ 'clone-cluster-id': cloneId });
    expectPasswordHidden(run);
    expect(run.stdout).toContain('no usable job id');
    expect(fx.emulator.requests.filter((r) => r.path.startsWith('/v2/jobs/'))).toEqual([]);
    const after = await post(run.state);
    expect(after.exitCode, after.stdout).toBe(0);
    expect(droppedIds()).toEqual([cloneId]);
  });

  it('a restoreCluster answer cut short (not JSON) that holds a password: no error, log line or summary quotes it', async () => {
    const password = 'PwCutShort0123456789';
    const body = `{"code":0,"data":{"clusterId":"in01-00000000000cut1","username":"db_admin","password":"${password}","jobId":"job-`;
    fx.emulator.faults.add({ method: 'POST', path: RESTORE_CLUSTER, fault: { kind: 'raw', body } });
    const run = await main();
    expect(run.exitCode).not.toBe(0);
    expect(restoreRequests()).toHaveLength(1);
    expect(errorMessage(run)).toContain('not shown');
    expect(run.everything).not.toContain(password);
  });

  it("a lost restoreCluster answer never drops another run's clone of the same name made meanwhile", async () => {
    // Another run (a second push to the same pull request) makes ci-clone-pr-7 while this run's request is lost unhandled.
    fx.emulator.faults.add({ method: 'POST', path: RESTORE_CLUSTER, fault: { kind: 'drop' } });
    // The look after the lost answer (the second listing) comes once the other run's clone exists.
    fx.emulator.faults.add({ method: 'GET', path: '/v2/clusters', skip: 1, fault: { kind: 'delay', ms: 500 } });
    let other = '';
    const run = await main(
      { 'cluster-name': 'pr-7' },
      {
        onSpawn: () => {
          const timer = setInterval(() => {
            if (!restoreRequests().length) return;
            clearInterval(timer);
            addCluster({ clusterId: 'in01-0000000000pr7b', clusterName: 'ci-clone-pr-7', ageMs: 0 });
            other = 'in01-0000000000pr7b';
          }, 5);
        },
      },
    );
    expect(other).not.toBe('');
    expect(run.state).toEqual({});
    const after = await post(run.state);
    expect(after.exitCode).toBe(0);
    expect(dropRequests()).toEqual([]);
    expect(cluster(fx.emulator, other)).toBeDefined();
  });
});

describe('clone: leftovers', () => {
  function addLeftovers(): void {
    addCluster({ clusterId: 'in01-00000000000old1', clusterName: 'ci-clone-old-one', ageMs: 50 * HOUR, cuSize: 2 });
    addCluster({ clusterId: 'in01-00000000000old2', clusterName: 'ci-clone-old-two', ageMs: 30 * HOUR, cuSize: 4 });
    addCluster({ clusterId: 'in01-0000000000young', clusterName: 'ci-clone-young', ageMs: 1 * HOUR });
    addCluster({ clusterId: 'in01-0000000000other', clusterName: 'ci-clone-elsewhere', ageMs: 50 * HOUR, projectId: 'proj-ffffffffffffffffffffff' });
    addCluster({ clusterId: 'in01-00000000000prod', clusterName: 'prod-analytics', ageMs: 500 * HOUR });
  }

  it('warns with the ids, ages and CU sizes of old ci-clone-* clusters of the project, and drops nothing without drop-stale', async () => {
    addLeftovers();
    const run = await main();
    expect(run.exitCode, run.stdout).toBe(0);
    const warning = run.stdout.split('\n').find((line) => line.startsWith('::warning::') && line.includes('leftover')) ?? '';
    expect(warning).toContain('in01-00000000000old1');
    expect(warning).toContain('2 d 2 h old, 2 CU');
    expect(warning).toContain('in01-00000000000old2');
    for (const id of ['in01-0000000000young', 'in01-0000000000other', 'in01-00000000000prod', DEDICATED_CLUSTER]) expect(warning).not.toContain(id);
    expect(dropRequests()).toEqual([]);
    expect(run.summary).toContain('Leftover clones');
  });

  it('drop-stale drops the oldest, at most max-drops, after a dry run in the log; never the source, never a name without the prefix', async () => {
    addLeftovers();
    // Even a source whose name carries the prefix is never a leftover.
    const source = cluster(fx.emulator, DEDICATED_CLUSTER);
    if (source) {
      source.clusterName = 'ci-clone-source';
      source.createdAt = Date.now() - 900 * HOUR;
    }
    const run = await main({ 'drop-stale': 'true', 'max-drops': '1', 'cluster-name': 'drill' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(droppedIds()).toEqual(['in01-00000000000old1']);
    const lines = run.stdout.split('\n');
    const dryRun = lines.findIndex((line) => line.startsWith('Dry run: would drop in01-00000000000old1'));
    const dropped = lines.findIndex((line) => line.startsWith('Dropped cluster in01-00000000000old1'));
    expect(dryRun).toBeGreaterThanOrEqual(0);
    expect(dropped).toBeGreaterThan(dryRun);
    expect(run.stdout).toContain('max-drops is 1: 1 more is left');
    expect(cluster(fx.emulator, 'in01-00000000000old2')).toBeDefined();
    expect(cluster(fx.emulator, DEDICATED_CLUSTER)).toBeDefined();
    // The drops happened before the clone was made.
    expect(dropRequests()[0]?.at).toBeLessThanOrEqual(restoreRequests()[0]?.at ?? 0);
  });
});
