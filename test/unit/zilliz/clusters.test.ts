import nock from 'nock';
import { beforeEach, describe, expect, it } from 'vitest';
import { UnexpectedResponseError } from '../../../src/errors.ts';
import { ZillizClusterApi } from '../../../src/zilliz/clusters.ts';
import { fakeRuntime } from '../fakes.ts';
import { API, makeClient, recordRequests, setUpNock } from './nock.ts';

const CLUSTER = 'in01-0123456789abcde';
const ok = (data: unknown) => ({ code: 0, data });
let clusters: ZillizClusterApi;
setUpNock();
beforeEach(() => {
  clusters = new ZillizClusterApi(makeClient(fakeRuntime()));
});

const item = (n: number) => ({
  clusterId: `in01-${String(n).padStart(15, '0')}`,
  clusterName: `c${n}`,
  projectId: 'proj-1',
  status: 'RUNNING',
  cuSize: 1,
  createTime: '2026-01-01T00:00:00Z',
});

describe('ZillizClusterApi', () => {
  it('restoreCluster posts the body once and refuses an answer whose clusterId could not go into a URL', async () => {
    const scope = nock(API)
      .post(`/v2/clusters/${CLUSTER}/backups/backup1_a/restoreCluster`)
      .reply(200, ok({ clusterId: '../in01-x', username: 'db_admin', password: 'p', jobId: 'job-1' }));
    const seen = recordRequests(scope);
    const error = await clusters
      .restoreCluster(CLUSTER, 'backup1_a', { projectId: 'proj-1', clusterName: 'ci-clone-a', cuSize: 1, collectionStatus: 'RELEASE' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ projectId: 'proj-1', clusterName: 'ci-clone-a', cuSize: 1, collectionStatus: 'RELEASE' });
  });

  it('restoreCluster is not sent again after a lost answer', async () => {
    nock(API).post(`/v2/clusters/${CLUSTER}/backups/backup1_a/restoreCluster`).replyWithError('socket hang up');
    await expect(
      clusters.restoreCluster(CLUSTER, 'backup1_a', { projectId: 'p', clusterName: 'n', cuSize: 1, collectionStatus: 'KEEP' }),
    ).rejects.toMatchObject({ name: 'TransportError' });
    expect(nock.isDone()).toBe(true);
  });

  it('lists every page until a short one', async () => {
    nock(API)
      .get('/v2/clusters')
      .query({ pageSize: 100, currentPage: 1 })
      .reply(200, ok({ count: 101, clusters: Array.from({ length: 100 }, (_, i) => item(i)) }))
      .get('/v2/clusters')
      .query({ pageSize: 100, currentPage: 2 })
      .reply(200, ok({ count: 101, clusters: [item(100)] }));
    const listed = await clusters.listClusters();
    expect(listed).toHaveLength(101);
    expect(listed[100]).toEqual(item(100));
  });

  it('dropCluster refuses an id that is not plain before sending anything', async () => {
    await expect(clusters.dropCluster('..')).rejects.toBeInstanceOf(UnexpectedResponseError);
  });
});
