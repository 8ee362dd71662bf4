import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../../src/errors.ts';
import { readRestoreRequest } from '../../../src/inputs/restore.ts';
import type { CollectionRef, RestoreRecord } from '../../../src/types.ts';
import { refusalText } from '../../../src/report/restore.ts';
import { planRestore, runRestores } from '../../../src/workflows/restore.ts';
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
    expect(outcome.failure).toBeInstanceOf(RefusedError);
    expect((outcome.failure as RefusedError).input).toBe('target-database');
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
    expect(outcome.failure).toBeInstanceOf(RefusedError);
    expect((outcome.failure as RefusedError).input).toBe('target-cluster-id');
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

describe('planRestore: decided from the inputs and the described backup alone', () => {
  const CLUSTER = 'in01-0123456789abcde';
  const described = (status: string, collections: CollectionRef[]) => ({
    backupId: 'backup9_abc',
    backupName: 'b',
    backupType: 'COLLECTION',
    creationMethod: 'MANUAL',
    status,
    size: 1,
    clusterId: CLUSTER,
    createTime: '',
    collections,
  });
  const request = (extra: Record<string, string> = {}) =>
    readRestoreRequest(inputs({ 'api-key': 'k', 'cluster-id': CLUSTER, 'backup-id': 'backup9_abc', ...extra }), () => false);

  it('a backup not AVAILABLE is refused naming backup-id, and the words say to wait for it', () => {
    const refusal = planRestore(request(), described('CREATING', [{ database: 'default', collection: 'orders' }]));
    expect(refusal).toMatchObject({ input: 'backup-id', kind: 'not available', status: 'CREATING' });
    expect('kind' in refusal && refusalText(refusal)).toContain('wait sub-action');
  });

  it('a collection the backup does not hold is refused naming collections, with what it holds', () => {
    const refusal = planRestore(request({ collections: 'default.products' }), described('AVAILABLE', [{ database: 'default', collection: 'orders' }]));
    expect(refusal).toMatchObject({ input: 'collections', kind: 'not held', missing: [{ database: 'default', collection: 'products' }] });
    const text = 'kind' in refusal ? refusalText(refusal) : '';
    expect(text).toContain('default.products');
    expect(text).toContain('it holds default.orders');
  });

  it('plans one request per collection, waiting for all but the last when wait is false', () => {
    const plan = planRestore(
      request({ wait: 'false' }),
      described('AVAILABLE', [
        { database: 'default', collection: 'orders' },
        { database: 'analytics', collection: 'events' },
      ]),
    );
    expect('steps' in plan && plan.steps.map((s) => [s.record.destination.collection, s.wait])).toEqual([
      ['orders_restored', true],
      ['events_restored', false],
    ]);
  });
});
