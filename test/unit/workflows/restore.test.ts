import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { readRestoreRequest } from '../../../src/inputs/restore.ts';
import type { CollectionRef, RestoreRecord } from '../../../src/types.ts';
import { runRestores } from '../../../src/workflows/restore.ts';
import type { RestoreCollectionBody } from '../../../src/zilliz/api.ts';
import { fakeApi, fakeRuntime, inputs, recordedProgress } from '../fakes.ts';

/** An API whose backup holds these collections and is AVAILABLE. */
function backupHolding(collections: CollectionRef[]) {
  return fakeApi({
    describeBackup: (clusterId, backupId) =>
      Promise.resolve({
        backupId,
        backupName: 'b',
        backupType: 'COLLECTION',
        creationMethod: 'MANUAL',
        status: 'AVAILABLE',
        size: 1,
        clusterId,
        createTime: '',
        collections,
      }),
  });
}

describe('runRestores', () => {
  it('refuses, before any restore request, two collections that would land on the same destination', async () => {
    const api = backupHolding([
      { database: 'default', collection: 'orders' },
      { database: 'analytics', collection: 'orders' },
    ]);
    const request = readRestoreRequest(
      inputs({ 'api-key': 'k', 'cluster-id': 'in01-0123456789abcde', 'backup-id': 'backup9_abc', 'target-database': 'default' }),
      () => false,
    );
    const outcome = await runRestores(request, { api, runtime: fakeRuntime(), progress: recordedProgress<RestoreRecord>() });
    expect(outcome.failure).toBeInstanceOf(InputError);
    expect((outcome.failure as InputError).input).toBe('target-database');
    expect(outcome.records).toEqual([]);
    expect(api.calls).toEqual(['describeBackup']);
  });
});

// Issue 13, point 6. Against the old code (commit 0c0c1e1): load false sent RELEASED (the API
// takes LOADED or UNLOADED only), and a backup listing no collections restored nothing and
// reported success without a single request.
describe('runRestores: what is sent', () => {
  const CLUSTER = 'in01-0123456789abcde';
  const OTHER = 'in01-fedcba987654321';
  const request = (extra: Record<string, string>) =>
    readRestoreRequest(inputs({ 'api-key': 'k', 'cluster-id': CLUSTER, 'backup-id': 'backup9_abc', ...extra }), () => false);

  /** describeBackup holds `collections`; restoreCollection records its bodies; every job has succeeded. */
  function restorableApi(collections: CollectionRef[]) {
    const bodies: RestoreCollectionBody[] = [];
    const held = backupHolding(collections);
    const api = fakeApi({
      describeBackup: (clusterId, backupId) => held.describeBackup(clusterId, backupId),
      restoreCollection: (_clusterId, _backupId, body) => {
        bodies.push(body);
        return Promise.resolve({ jobId: `job-${bodies.length}` });
      },
      describeJob: (jobId) => Promise.resolve({ jobId, type: 'RESTORE', status: 'SUCCESSFUL', progress: 100, startTime: '', endTime: '', reason: '' }),
    });
    return { api, bodies };
  }

  it('load: false sends destCollectionStatus UNLOADED', async () => {
    const { api, bodies } = restorableApi([{ database: 'default', collection: 'orders' }]);
    const outcome = await runRestores(request({ load: 'false' }), { api, runtime: fakeRuntime(), progress: recordedProgress<RestoreRecord>() });
    expect(outcome.failure).toBeUndefined();
    expect(bodies.map((b) => b.dbCollections?.[0]?.collections[0]?.destCollectionStatus)).toEqual(['UNLOADED']);
  });

  it('a backup listing no collections is refused into its own cluster, naming target-cluster-id, before any restore request', async () => {
    const { api, bodies } = restorableApi([]);
    const outcome = await runRestores(request({}), { api, runtime: fakeRuntime(), progress: recordedProgress<RestoreRecord>() });
    expect(outcome.failure).toBeInstanceOf(InputError);
    expect((outcome.failure as InputError).input).toBe('target-cluster-id');
    expect(bodies).toEqual([]);
    expect(api.calls).toEqual(['describeBackup']);
  });

  it('a backup listing no collections goes into another cluster with exactly the documented body, once, and the log says so', async () => {
    const { api, bodies } = restorableApi([]);
    const runtime = fakeRuntime();
    const outcome = await runRestores(request({ 'target-cluster-id': OTHER }), { api, runtime, progress: recordedProgress<RestoreRecord>() });
    expect(outcome.failure).toBeUndefined();
    expect(bodies).toEqual([{ destClusterId: OTHER }]);
    expect(outcome.records).toEqual([
      { source: { database: '*', collection: '*' }, destination: { clusterId: OTHER, database: '*', collection: '*' }, jobId: 'job-1', status: 'SUCCESSFUL' },
    ]);
    expect(runtime.logger.of('info').some((l) => l.includes('lists no collections') && l.includes(OTHER))).toBe(true);
  });
});
