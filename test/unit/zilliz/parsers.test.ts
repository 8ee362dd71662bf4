// Every parser of API answers, against any JSON: it parses, or it throws the typed
// unexpected-response error; it never crashes another way, and what it returns is safe.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ApiError, HttpStatusError, ListingTooLongError, UnexpectedResponseError } from '../../../src/errors.ts';
import { isPlainId } from '../../../src/ids.ts';
import { TEXT_LIMIT } from '../../../src/text.ts';
import { MAX_PAGES, ZillizCloudApi, type Caller } from '../../../src/zilliz/api.ts';
import type { ApiCall } from '../../../src/zilliz/client.ts';
import { ZillizClusterApi } from '../../../src/zilliz/clusters.ts';
import { MilvusDataPlane } from '../../../src/zilliz/dataplane.ts';
import { readEnvelope } from '../../../src/zilliz/envelope.ts';

const CLUSTER = 'in01-abc';

/** An API whose every call answers `data` (the envelope is unwrapped already). */
const answering = (data: (call: ApiCall) => unknown): ZillizCloudApi => new ZillizCloudApi({ call: async (call) => data(call) } satisfies Caller);

/** Values the documented fields take, and hostile ones. */
const field = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('backup1_ab', 'job-0123', '..', '.', '%2e%2e', 'a/b', '\n::error::x', 'NaN', '1e309', '40%', 'SUCCESSFUL', 'AVAILABLE', 'CREATING', ''),
  fc.string({ unit: 'binary', maxLength: 300 }),
);
const KEYS = [
  'backupId',
  'backupName',
  'jobId',
  'status',
  'progress',
  'reason',
  'size',
  'type',
  'startTime',
  'endTime',
  'createTime',
  'backupType',
  'creationMethod',
  'clusterId',
  'collections',
  'dbCollections',
  'backups',
  'count',
];
const answer = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.constantFrom(...KEYS), field),
  fc.record({ backups: fc.array(fc.dictionary(fc.constantFrom(...KEYS), field), { maxLength: 5 }) }),
  fc.record({
    collections: fc.array(fc.dictionary(fc.constantFrom('collectionName', 'dbName', 'status'), field)),
    dbCollections: fc.array(fc.dictionary(fc.constantFrom('dbName', 'collections'), field)),
  }),
);

const CLUSTER_KEYS = [
  'clusterId',
  'clusterName',
  'projectId',
  'status',
  'connectAddress',
  'cuSize',
  'createTime',
  'username',
  'password',
  'jobId',
  'clusters',
  'has',
  'collectionName',
  'aliases',
  'load',
  'loadState',
  'loadProgress',
  'rowCount',
  'aliasName',
  'dbName',
];
/** The answers of the cluster calls and of the data plane (bare arrays of names among them). */
const clusterAnswer = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(field, { maxLength: 5 }),
  fc.dictionary(fc.constantFrom(...CLUSTER_KEYS), field),
  fc.record({ clusters: fc.array(fc.dictionary(fc.constantFrom(...CLUSTER_KEYS), field), { maxLength: 5 }) }),
);

/**
 * Every string of a parsed value: one line, bounded, and every `…Id` it returns plain; with
 * `unknownJobId`, a jobId may also be '' (restoreCluster's, which is only followed).
 */
function expectSafe(value: unknown, unknownJobId = false): void {
  if (typeof value === 'string') {
    expect(value).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
    expect(value.length).toBeLessThanOrEqual(TEXT_LIMIT.message);
  } else if (Array.isArray(value)) value.forEach((item) => expectSafe(item, unknownJobId));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'backupId' || (key === 'jobId' && !(unknownJobId && item === ''))) expect(isPlainId(item)).toBe(true);
      expectSafe(item, unknownJobId);
    }
  }
}

async function parsesOrRefuses(
  parse: () => Promise<unknown>,
  allowed: (new (...args: never[]) => Error)[] = [UnexpectedResponseError],
  unknownJobId = false,
): Promise<void> {
  let value: unknown;
  try {
    value = await parse();
  } catch (error) {
    expect(
      allowed.some((type) => error instanceof type),
      String(error),
    ).toBe(true);
    return;
  }
  expectSafe(value, unknownJobId);
}

describe('every parser of API answers, any JSON', () => {
  const body = { backupType: 'CLUSTER' } as const;
  test.prop([answer])('create backup', (data) => parsesOrRefuses(() => answering(() => data).createBackup(CLUSTER, body)));
  test.prop([answer])('describe job', (data) => parsesOrRefuses(() => answering(() => data).describeJob('job-1')));
  test.prop([answer])('describe backup', (data) => parsesOrRefuses(() => answering(() => data).describeBackup(CLUSTER, 'backup1_a')));
  test.prop([answer])('list backups', (data) => parsesOrRefuses(() => answering(() => data).listBackups({ clusterId: CLUSTER })));
  test.prop([answer])('restore collection', (data) =>
    parsesOrRefuses(() => answering(() => data).restoreCollection(CLUSTER, 'backup1_a', { destClusterId: CLUSTER })),
  );
  test.prop([answer])('delete backup', (data) => parsesOrRefuses(() => answering(() => data).deleteBackup(CLUSTER, 'backup1_a')));
  test.prop([clusterAnswer])('describe cluster', (data) => parsesOrRefuses(() => answering(() => data).describeCluster(CLUSTER)));
});

describe('every parser of the cluster calls and of the data plane, any JSON', () => {
  const clusters = (data: unknown): ZillizClusterApi => new ZillizClusterApi({ call: async () => data });
  const plane = (data: unknown): MilvusDataPlane => new MilvusDataPlane({ call: async () => data });
  const restoreBody = { projectId: 'proj-1', clusterName: 'c', cuSize: 1, collectionStatus: 'KEEP' } as const;
  test.prop([clusterAnswer])('restore cluster (its jobId plain, or unknown)', (data) =>
    parsesOrRefuses(() => clusters(data).restoreCluster(CLUSTER, 'backup1_a', restoreBody), [UnexpectedResponseError], true),
  );
  test.prop([clusterAnswer])('list clusters', (data) => parsesOrRefuses(() => clusters(data).listClusters()));
  test.prop([clusterAnswer])('drop cluster', (data) => parsesOrRefuses(() => clusters(data).dropCluster(CLUSTER)));
  test.prop([clusterAnswer])('has collection', (data) => parsesOrRefuses(() => plane(data).hasCollection('default', 'c')));
  test.prop([clusterAnswer])('describe collection', (data) => parsesOrRefuses(() => plane(data).describeCollection('default', 'c')));
  test.prop([clusterAnswer])('get load state', (data) => parsesOrRefuses(() => plane(data).getLoadState('default', 'c')));
  test.prop([clusterAnswer])('get row count', (data) => parsesOrRefuses(() => plane(data).getRowCount('default', 'c')));
  test.prop([clusterAnswer])('list collections', (data) => parsesOrRefuses(() => plane(data).listCollections('default')));
  test.prop([clusterAnswer])('list databases', (data) => parsesOrRefuses(() => plane(data).listDatabases()));
  test.prop([clusterAnswer])('describe alias', (data) => parsesOrRefuses(() => plane(data).describeAlias('default', 'a')));
  test.prop([clusterAnswer])('list aliases', (data) => parsesOrRefuses(() => plane(data).listAliases('default')));

  test.prop([fc.integer({ min: 100, max: 599 }), fc.oneof(fc.json(), fc.string({ unit: 'binary', maxLength: 400 })), fc.option(fc.string({ maxLength: 80 }))])(
    'the envelope: data, or an ApiError, HttpStatusError or UnexpectedResponseError',
    (status, text, requestId) => {
      const headers = new Headers();
      if (requestId !== null) {
        try {
          headers.set('requestid', requestId);
        } catch {
          // not a valid header value: no header
        }
      }
      try {
        readEnvelope({ status, headers, text }, 'GET /v2/jobs/job-1', 0, (t) => t);
      } catch (error) {
        expect(
          [ApiError, HttpStatusError, UnexpectedResponseError].some((type) => error instanceof type),
          String(error),
        ).toBe(true);
      }
    },
  );

  it('an answer nested deeper than any real one is an unexpected response, not a crash', () => {
    const depth = 100_000;
    const text = `{"code":0,"data":{"d":${'['.repeat(depth)}"x"${']'.repeat(depth)}}}`;
    expect(() => readEnvelope({ status: 200, headers: new Headers(), text }, 'GET /v2/jobs/job-1', 0, (t) => t)).toThrow(UnexpectedResponseError);
  });
});

describe('lenient numbers: a final status stands', () => {
  it.each(['NaN', 'abc', Infinity, '1e309', { a: 1 }, true])('progress %j is unknown, the status still SUCCESSFUL', async (progress) => {
    const job = await answering(() => ({ status: 'SUCCESSFUL', progress })).describeJob('job-1');
    expect(job).toMatchObject({ status: 'SUCCESSFUL', progress: undefined });
  });

  it.each(['NaN', 'big', { a: 1 }])('size %j is unknown, the backup still AVAILABLE', async (size) => {
    const backup = await answering(() => ({ status: 'AVAILABLE', size })).describeBackup(CLUSTER, 'backup1_a');
    expect(backup).toMatchObject({ status: 'AVAILABLE', size: undefined });
  });
});

describe('listing: bad ids skipped, bounded', () => {
  const item = (backupId: unknown, n = 0) => ({ backupId, backupName: `b${n}`, status: 'AVAILABLE', createTime: '2026-03-01T11:00:00Z' });

  it('returns backups with plain ids, and each other one as skipped, shown safely', async () => {
    const listing = await answering(() => ({
      backups: [item('backup1_a'), item('..'), item('.'), item('%2e%2e'), item('x\n::error::y'), item(7)],
    })).listBackups({ clusterId: CLUSTER });
    expect(listing.backups.map((b) => b.backupId)).toEqual(['backup1_a']);
    expect(listing.skipped).toHaveLength(5);
    for (const skipped of listing.skipped) expect(skipped.shownId).not.toMatch(/[\r\n]/);
  });

  it(`stops an endless list after ${MAX_PAGES} pages with an error naming the listing`, async () => {
    const calls: ApiCall[] = [];
    const api = answering((call) => {
      calls.push(call);
      const page = Number(call.query?.currentPage);
      return { backups: Array.from({ length: 100 }, (_, i) => item(`backup${page}_${i}`)) };
    });
    const error = await api.listBackups({ clusterId: CLUSTER }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListingTooLongError);
    expect((error as Error).message).toContain(`GET /v2/backups?clusterId=${CLUSTER}`);
    expect(calls).toHaveLength(MAX_PAGES);
    // One retry budget for all the pages.
    expect(new Set(calls.map((c) => c.budget))).toHaveLength(1);
  });

  it('stops on a page with nothing new (an API that ignores currentPage)', async () => {
    let calls = 0;
    const api = answering(() => {
      calls++;
      return { backups: Array.from({ length: 100 }, (_, i) => item(`backup_${i}`)) };
    });
    expect((await api.listBackups({ clusterId: CLUSTER })).backups).toHaveLength(100);
    expect(calls).toBe(2);
  });
});
