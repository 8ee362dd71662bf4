// The restore sub-action: collections from a backup into an existing cluster, one at a time.
import { describe, expect, it } from 'vitest';
import { DEDICATED_CLUSTER, SECOND_CLUSTER, SEED_AUTO_BACKUP, SEED_MANUAL_BACKUP, type DescribeBackupShape, type RecordedRequest } from '../emulator/index.ts';
import { useEmulator } from './emulator-fixture.ts';
import { runAction, runnerInputs, type ActionRun } from './harness.ts';
import { errorMessage, expectKeyHidden } from './helpers.ts';

const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: 800 });

const base = (backupId: string): Record<string, string> => fx.inputs({ 'backup-id': backupId });

async function restore(inputs: Record<string, string>): Promise<ActionRun> {
  const run = await runAction(inputs, { bundle: 'restore' });
  expectKeyHidden(run);
  return run;
}

const RESTORE = /^\/v2\/clusters\/([^/]+)\/backups\/([^/]+)\/restoreCollection$/;
const restoreRequests = (): RecordedRequest[] => fx.emulator.requests.filter((r) => r.method === 'POST' && RESTORE.test(r.path));

interface RestoredEntry {
  source: { database: string; collection: string };
  destination: { clusterId: string; database: string; collection: string };
  jobId: string;
  status: string;
}

function restoredOutput(run: ActionRun): RestoredEntry[] {
  const value: unknown = JSON.parse(run.outputs.restored ?? 'null');
  expect(Array.isArray(value), `restored output is a JSON array: ${run.outputs.restored}`).toBe(true);
  return value as RestoredEntry[];
}

/** The body the action must send to restore one collection. */
function restoreBody(destClusterId: string, dbName: string, destDbName: string, collectionName: string, destCollectionName: string, load = true) {
  return {
    destClusterId,
    dbCollections: [{ dbName, destDbName, collections: [{ collectionName, destCollectionName, destCollectionStatus: load ? 'LOADED' : 'UNLOADED' }] }],
  };
}

/** Load state of a collection in the fx.emulator (undefined: it does not exist). */
const collectionState = (clusterId: string, database: string, collection: string) =>
  fx.emulator.state.clusters.get(clusterId)?.databases.get(database)?.get(collection);

/** Clock time at which a job ended (or will end). */
function jobEnd(jobId: string): number {
  const job = fx.emulator.state.jobs.get(jobId);
  if (!job) throw new Error(`no job ${jobId}`);
  return job.createdAt + job.durationMs;
}

describe('restore sub-action', () => {
  it('restores two collections in turn, the second sent only after the first job succeeded', async () => {
    const run = await restore({ ...base(SEED_AUTO_BACKUP), collections: 'medium_articles, analytics.events' });
    expect(run.exitCode, run.stdout).toBe(0);

    const requests = restoreRequests();
    expect(requests.map((r) => r.path)).toEqual([
      `/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_AUTO_BACKUP}/restoreCollection`,
      `/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_AUTO_BACKUP}/restoreCollection`,
    ]);
    expect(requests[0]?.body).toEqual(restoreBody(DEDICATED_CLUSTER, 'default', 'default', 'medium_articles', 'medium_articles_restored'));
    expect(requests[1]?.body).toEqual(restoreBody(DEDICATED_CLUSTER, 'analytics', 'analytics', 'events', 'events_restored'));

    const jobIds = (run.outputs['job-id'] ?? '').split(' ');
    expect(jobIds).toHaveLength(2);
    const [first = '', second = ''] = jobIds;
    // The second restore went out after the first job had ended and been seen SUCCESSFUL.
    expect(requests[1]?.at).toBeGreaterThanOrEqual(jobEnd(first));
    const sawFirstDone = fx.emulator.requests.some((r) => r.path === `/v2/jobs/${first}` && r.at >= jobEnd(first) && r.at <= (requests[1]?.at ?? 0));
    expect(sawFirstDone).toBe(true);

    expect(run.outputs.status).toBe('SUCCESSFUL');
    expect(run.outputs.duration).toMatch(/^\d+$/);
    expect(restoredOutput(run)).toEqual([
      {
        source: { database: 'default', collection: 'medium_articles' },
        destination: { clusterId: DEDICATED_CLUSTER, database: 'default', collection: 'medium_articles_restored' },
        jobId: first,
        status: 'SUCCESSFUL',
      },
      {
        source: { database: 'analytics', collection: 'events' },
        destination: { clusterId: DEDICATED_CLUSTER, database: 'analytics', collection: 'events_restored' },
        jobId: second,
        status: 'SUCCESSFUL',
      },
    ]);

    // The summary table says what went where.
    expect(run.summary).toContain('Zilliz Cloud restore: SUCCESSFUL');
    expect(run.summary).toMatch(/default\.medium_articles<\/td>.*default\.medium_articles_restored<\/td>/s);
    expect(run.summary).toMatch(/analytics\.events<\/td>.*analytics\.events_restored<\/td>/s);
    expect(run.summary).toContain(first);
    expect(run.summary).toContain(second);

    expect(collectionState(DEDICATED_CLUSTER, 'default', 'medium_articles_restored')).toBe('LOADED');
    expect(collectionState(DEDICATED_CLUSTER, 'analytics', 'events_restored')).toBe('LOADED');
  });

  it('load: false sends UNLOADED (the only other value the API takes) and leaves the restored collection unloaded', async () => {
    const run = await restore({ ...base(SEED_MANUAL_BACKUP), collections: 'medium_articles', load: 'false' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(restoreRequests().map((r) => r.body)).toEqual([
      restoreBody(DEDICATED_CLUSTER, 'default', 'default', 'medium_articles', 'medium_articles_restored', false),
    ]);
    expect(collectionState(DEDICATED_CLUSTER, 'default', 'medium_articles_restored')).toBe('UNLOADED');
  });

  it('restores every collection the backup holds when collections is empty (read from describe backup)', async () => {
    const run = await restore(base(SEED_AUTO_BACKUP));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(fx.emulator.requests.some((r) => r.method === 'GET' && r.path === `/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_AUTO_BACKUP}`)).toBe(true);
    const sent = restoreRequests().map((r) => {
      const [group] = (r.body as ReturnType<typeof restoreBody>).dbCollections;
      return `${group?.dbName}.${group?.collections[0]?.collectionName}`;
    });
    expect(sent).toEqual(['default.medium_articles', 'default.products', 'analytics.events', 'analytics.sessions']);
    expect(run.outputs['job-id']?.split(' ')).toHaveLength(4);
    expect(run.outputs.status).toBe('SUCCESSFUL');
    for (const [db, name] of [
      ['default', 'medium_articles'],
      ['default', 'products'],
      ['analytics', 'events'],
      ['analytics', 'sessions'],
    ] as const) {
      expect(collectionState(DEDICATED_CLUSTER, db, `${name}_restored`), `${db}.${name}_restored`).toBe('LOADED');
    }
  });

  it('fails when the restore job fails: exit 1, the reason, the job id kept', async () => {
    fx.emulator.setJobOutcome({ status: 'FAILED', reason: 'insufficient cluster capacity' });
    const run = await restore({ ...base(SEED_AUTO_BACKUP), collections: 'medium_articles, analytics.events' });
    expect(run.exitCode).toBe(1);
    const message = errorMessage(run);
    expect(message).toContain('insufficient cluster capacity');
    expect(message).toContain('FAILED');
    // The first job failed, so the second collection was never sent.
    expect(restoreRequests()).toHaveLength(1);
    const [jobId = ''] = (run.outputs['job-id'] ?? '').split(' ');
    expect(jobId).toMatch(/^job-/);
    expect(run.outputs['job-id']).toBe(jobId);
    expect(message).toContain(jobId);
    expect(run.outputs.status).toBe('FAILED');
    expect(restoredOutput(run)).toMatchObject([{ source: { database: 'default', collection: 'medium_articles' }, jobId, status: 'FAILED' }]);
    expect(run.summary).toContain('insufficient cluster capacity');
    expect(collectionState(DEDICATED_CLUSTER, 'default', 'medium_articles_restored')).toBeUndefined();
  });

  it('restores under the original names into another cluster with an empty name-suffix', async () => {
    const run = await restore({ ...base(SEED_MANUAL_BACKUP), 'target-cluster-id': SECOND_CLUSTER, 'name-suffix': '' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(restoreRequests().map((r) => r.body)).toEqual([restoreBody(SECOND_CLUSTER, 'default', 'default', 'medium_articles', 'medium_articles')]);
    expect(restoredOutput(run)).toMatchObject([
      { destination: { clusterId: SECOND_CLUSTER, database: 'default', collection: 'medium_articles' }, status: 'SUCCESSFUL' },
    ]);
    expect(collectionState(SECOND_CLUSTER, 'default', 'medium_articles')).toBe('LOADED');
    expect(run.summary).toContain(SECOND_CLUSTER);
  });

  it('inputs as the runner passes them (every declared input set, its default or empty): no name-suffix restores beside the originals as _restored; an empty one into another cluster keeps the names', async () => {
    const beside = await restore(runnerInputs('restore/action.yml', { ...base(SEED_MANUAL_BACKUP), collections: 'medium_articles' }));
    expect(beside.exitCode, beside.stdout).toBe(0);
    expect(restoredOutput(beside).map((r) => r.destination.collection)).toEqual(['medium_articles_restored']);
    const kept = await restore(
      runnerInputs('restore/action.yml', {
        ...base(SEED_MANUAL_BACKUP),
        collections: 'medium_articles',
        'target-cluster-id': SECOND_CLUSTER,
        'name-suffix': '',
      }),
    );
    expect(kept.exitCode, kept.stdout).toBe(0);
    expect(restoredOutput(kept).map((r) => r.destination.collection)).toEqual(['medium_articles']);
  });

  it("refuses an empty name-suffix into the backup's own cluster before sending any request", async () => {
    const run = await restore({ ...base(SEED_MANUAL_BACKUP), 'name-suffix': '' });
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('name-suffix');
    expect(fx.emulator.requests).toHaveLength(0);
  });

  it('restores into target-database', async () => {
    const run = await restore({ ...base(SEED_AUTO_BACKUP), collections: 'analytics.events', 'target-database': 'default' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(restoreRequests().map((r) => r.body)).toEqual([restoreBody(DEDICATED_CLUSTER, 'analytics', 'default', 'events', 'events_restored')]);
    expect(restoredOutput(run)).toMatchObject([
      { source: { database: 'analytics', collection: 'events' }, destination: { database: 'default', collection: 'events_restored' } },
    ]);
    expect(collectionState(DEDICATED_CLUSTER, 'default', 'events_restored')).toBe('LOADED');
    expect(collectionState(DEDICATED_CLUSTER, 'analytics', 'events_restored')).toBeUndefined();
  });

  it('names a collection the backup does not hold and sends no restore request', async () => {
    const run = await restore({ ...base(SEED_MANUAL_BACKUP), collections: 'medium_articles, products' });
    expect(run.exitCode).toBe(1);
    const message = errorMessage(run);
    expect(message).toContain('collections');
    expect(message).toContain('default.products');
    expect(message).toContain(SEED_MANUAL_BACKUP);
    expect(restoreRequests()).toHaveLength(0);
    expect(run.outputs['job-id'] ?? '').toBe('');
  });

  it('wait: false waits for the first restore, not the last (SUBMITTED)', async () => {
    const run = await restore({ ...base(SEED_AUTO_BACKUP), collections: 'medium_articles, analytics.events', wait: 'false' });
    expect(run.exitCode, run.stdout).toBe(0);
    const [first = '', last = ''] = (run.outputs['job-id'] ?? '').split(' ');
    expect(restoreRequests()).toHaveLength(2);
    expect(restoreRequests()[1]?.at).toBeGreaterThanOrEqual(jobEnd(first));
    expect(fx.emulator.requests.filter((r) => r.path === `/v2/jobs/${last}`)).toHaveLength(0);
    expect(run.outputs.status).toBe('SUBMITTED');
    expect(restoredOutput(run).map((r) => [r.jobId, r.status])).toEqual([
      [first, 'SUCCESSFUL'],
      [last, 'SUBMITTED'],
    ]);
    // Nothing was sent after the last restore request: the step did not follow that job.
    expect(fx.emulator.requests.at(-1)).toBe(restoreRequests()[1]);
  });
});

// Issue 13, point 6. Against the old code (commit 0c0c1e1): with describe's two collection fields
// (shape 'both', as published) every collection was listed twice, so an empty `collections`
// was refused as two collections restored onto one name (a `target-database` error); and a
// backup listing no collections "restored" nothing and succeeded without sending a request.
// The 'flat' and 'dbCollections' shapes passed on the old code too; they guard those shapes.
describe('restore: a timeout', () => {
  it('fails naming the job, advising with its own timeout input only (the wait sub-action waits for backups, not restores)', async () => {
    fx.configure({ jobDurationMs: 60_000 });
    const run = await restore({ ...base(SEED_MANUAL_BACKUP), timeout: '3s' });
    expect(run.exitCode).toBe(1);
    const message = errorMessage(run);
    const [jobId = ''] = (run.outputs['job-id'] ?? '').split(' ');
    expect(jobId).toMatch(/^job-/);
    expect(message).toContain(`Timed out (the timeout input ran out): Job ${jobId}`);
    expect(message).toContain('Raise timeout');
    expect(message).not.toContain('wait sub-action');
    expectKeyHidden(run);
  });
});

describe('restore: whatever shape describe backup uses, each collection once', () => {
  const SHAPES: [DescribeBackupShape, '' | 'default'][] = [
    ['both', 'default'],
    ['both', ''],
    ['flat', 'default'],
    ['dbCollections', 'default'],
  ];
  for (const [shape, defaultDbName] of SHAPES) {
    it(`shape ${shape}${defaultDbName === '' ? ' (default database named "")' : ''}: empty collections restores each collection of the backup once`, async () => {
      // reset() puts the start-up shape back before the next test.
      fx.emulator.state.describeBackupShape = shape;
      fx.emulator.state.describeDefaultDbName = defaultDbName;
      const [seeded] = fx.emulator.addBackups([
        {
          backupType: 'COLLECTION',
          collections: [
            { database: 'default', collection: 'medium_articles' },
            { database: 'default', collection: 'products' },
          ],
        },
      ]);
      const run = await restore(base(seeded?.backupId ?? ''));
      expect(run.exitCode, run.stdout).toBe(0);
      expect(restoreRequests().map((r) => r.body)).toEqual([
        restoreBody(DEDICATED_CLUSTER, 'default', 'default', 'medium_articles', 'medium_articles_restored'),
        restoreBody(DEDICATED_CLUSTER, 'default', 'default', 'products', 'products_restored'),
      ]);
      expect(collectionState(DEDICATED_CLUSTER, 'default', 'products_restored')).toBe('LOADED');
    });
  }
});

describe('restore: a backup that lists no collections (an automatic backup may show none)', () => {
  const seedEmptyAuto = (): string =>
    fx.emulator.addBackups([{ creationMethod: 'AUTO', backupType: 'CLUSTER', status: 'AVAILABLE', collections: [] }])[0]?.backupId ?? '';

  it('into its own cluster: refused naming target-cluster-id, and no restore request is sent', async () => {
    const backupId = seedEmptyAuto();
    const run = await restore(base(backupId));
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('target-cluster-id');
    expect(errorMessage(run)).toContain(backupId);
    expect(restoreRequests()).toHaveLength(0);
  });

  it('into another cluster: exactly one request with the documented restore-everything body, and the log says so', async () => {
    const backupId = seedEmptyAuto();
    const run = await restore({ ...base(backupId), 'target-cluster-id': SECOND_CLUSTER });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(SECOND_CLUSTER).toBe('in01-fedcba987654321');
    const requests = restoreRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.path).toBe(`/v2/clusters/${DEDICATED_CLUSTER}/backups/${backupId}/restoreCollection`);
    expect(requests[0]?.body).toEqual({ destClusterId: 'in01-fedcba987654321' });
    expect(Object.keys(requests[0]?.body as object)).toEqual(['destClusterId']);
    expect(run.stdout).toContain(
      `Backup ${backupId} lists no collections: sending the documented request that restores every collection it holds into ${SECOND_CLUSTER}`,
    );
    expect(run.outputs.status).toBe('SUCCESSFUL');
    expect(run.outputs['job-id']).toMatch(/^job-/);
  });
});
