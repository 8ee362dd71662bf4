import nock from 'nock';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { UnexpectedResponseError } from '../../../src/errors.ts';
import { ZillizCloudApi, type ZillizApi } from '../../../src/zilliz/api.ts';
import { fakeRuntime } from '../fakes.ts';
import { API, makeClient, recordRequests, setUpNock } from './nock.ts';

const CLUSTER = 'in01-0123456789abcde';
let api: ZillizApi;
setUpNock();
beforeEach(() => {
  api = new ZillizCloudApi(makeClient(fakeRuntime()));
});

const ok = (data: unknown) => ({ code: 0, data });
const jobData = (extra: Record<string, unknown>) => ({
  jobId: 'job-1',
  type: 'BACKUP',
  status: 'IN_PROGRESS',
  startTime: '2024-07-30T16:49:50Z',
  reason: '',
  ...extra,
});

async function unexpected(promise: Promise<unknown>): Promise<UnexpectedResponseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnexpectedResponseError);
  return error as UnexpectedResponseError;
}

describe('createBackup', () => {
  it('posts the body and reads backupId, backupName, jobId', async () => {
    const scope = nock(API)
      .post(`/v2/clusters/${CLUSTER}/backups/create`)
      .reply(200, ok({ backupId: 'backup11_abc', backupName: 'medium_articles_bac', jobId: 'job-xyz' }));
    const requests = recordRequests(scope);
    const body = { backupType: 'COLLECTION' as const, dbCollections: [{ dbName: 'default', collectionNames: ['medium_articles'] }] };
    await expect(api.createBackup(CLUSTER, body)).resolves.toEqual({ backupId: 'backup11_abc', backupName: 'medium_articles_bac', jobId: 'job-xyz' });
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual(body);
  });

  it('names the missing field', async () => {
    nock(API)
      .post(`/v2/clusters/${CLUSTER}/backups/create`)
      .reply(200, ok({ backupId: 'b', backupName: 'n' }));
    expect((await unexpected(api.createBackup(CLUSTER, { backupType: 'CLUSTER' }))).message).toContain('"jobId"');
  });

  it('refuses data that is not an object', async () => {
    nock(API)
      .post(`/v2/clusters/${CLUSTER}/backups/create`)
      .reply(200, ok(['b']));
    expect((await unexpected(api.createBackup(CLUSTER, { backupType: 'CLUSTER' }))).message).toContain('"data" is not an object');
  });
});

describe('describeJob', () => {
  it.each<[unknown, number | undefined]>([
    ['40', 40],
    ['40%', 40],
    [40, 40],
    ['12.5', 12.5],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
    // Lenient: what is not a finite number in 0–100 is unknown, never a failure.
    ['NaN', undefined],
    ['abc', undefined],
    ['1e309', undefined],
    [{ v: 1 }, undefined],
    [250, undefined],
    [-1, undefined],
  ])('progress %j reads %j', async (progress, expected) => {
    nock(API)
      .get('/v2/jobs/job-1')
      .reply(200, ok(jobData({ progress })));
    expect((await api.describeJob('job-1')).progress).toBe(expected);
  });

  it.each([[''], [null]])('endTime %j reads as empty', async (endTime) => {
    nock(API)
      .get('/v2/jobs/job-1')
      .reply(200, ok(jobData({ endTime })));
    const job = await api.describeJob('job-1');
    expect(job.endTime).toBe('');
    expect(job).toMatchObject({ jobId: 'job-1', type: 'BACKUP', status: 'IN_PROGRESS', startTime: '2024-07-30T16:49:50Z', reason: '' });
  });

  it('keeps the status as spelled and the reason of a failed job', async () => {
    nock(API)
      .get('/v2/jobs/job-1')
      .reply(200, ok(jobData({ status: 'In Progress' })));
    nock(API)
      .get('/v2/jobs/job-2')
      .reply(200, ok(jobData({ jobId: 'job-2', status: 'FAILED', reason: 'disk full', endTime: '2024-07-30T16:59:50Z' })));
    expect((await api.describeJob('job-1')).status).toBe('In Progress');
    expect(await api.describeJob('job-2')).toMatchObject({ status: 'FAILED', reason: 'disk full', endTime: '2024-07-30T16:59:50Z' });
  });

  it('falls back to the asked job id when the answer has none', async () => {
    nock(API)
      .get('/v2/jobs/job-1')
      .reply(200, ok({ status: 'PENDING' }));
    expect((await api.describeJob('job-1')).jobId).toBe('job-1');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no status', { status: undefined }, '"status"'],
    ['numeric status', { status: 3 }, '"status"'],
    ['reason an object', { reason: { x: 1 } }, '"reason"'],
  ])('%s is an UnexpectedResponseError naming %s', async (_name, extra, field) => {
    nock(API)
      .get('/v2/jobs/job-1')
      .reply(200, ok(jobData(extra)));
    expect((await unexpected(api.describeJob('job-1'))).message).toContain(field);
  });

  it.each(['job 1', '..', '%2e%2e', 'job-1/../x'])('sends no request for the id %j, which is not a plain path segment', async (jobId) => {
    // No interceptor: any request would fail the test with a different error.
    const error = await unexpected(api.describeJob(jobId));
    expect(error.endpoint).toBe('/v2/jobs/{id}');
  });
});

describe('describeBackup', () => {
  const backup = {
    clusterId: CLUSTER,
    backupId: 'backup2_x',
    backupName: 'medium_articles_bac',
    backupType: 'COLLECTION',
    creationMethod: 'MANUAL',
    status: 'AVAILABLE',
    size: 1048576,
    createTime: '2026-03-01T11:30:00Z',
  };

  it('reads a flat collections array', async () => {
    nock(API)
      .get(`/v2/clusters/${CLUSTER}/backups/backup2_x`)
      .reply(200, ok({ ...backup, collections: [{ collectionName: 'medium_articles' }, { dbName: 'analytics', collectionName: 'events' }] }));
    expect(await api.describeBackup(CLUSTER, 'backup2_x')).toEqual({
      ...backup,
      collections: [
        { database: 'default', collection: 'medium_articles' },
        { database: 'analytics', collection: 'events' },
      ],
    });
  });

  it('reads dbCollections', async () => {
    nock(API)
      .get(`/v2/clusters/${CLUSTER}/backups/backup2_x`)
      .reply(
        200,
        ok({
          ...backup,
          size: '2048',
          dbCollections: [
            { dbName: 'default', collections: [{ collectionName: 'a' }, { collectionName: 'b' }] },
            { dbName: 'analytics', collections: [{ collectionName: 'events', status: 'RELEASED' }] },
            { collections: [{ collectionName: 'c' }] },
          ],
        }),
      );
    const info = await api.describeBackup(CLUSTER, 'backup2_x');
    expect(info.size).toBe(2048);
    expect(info.collections).toEqual([
      { database: 'default', collection: 'a' },
      { database: 'default', collection: 'b' },
      { database: 'analytics', collection: 'events' },
      { database: 'default', collection: 'c' },
    ]);
  });

  it('a cluster backup without collections and without clusterId', async () => {
    const { clusterId: _omit, ...rest } = backup;
    nock(API)
      .get(`/v2/clusters/${CLUSTER}/backups/backup2_x`)
      .reply(200, ok({ ...rest, backupType: 'CLUSTER', size: null }));
    const info = await api.describeBackup(CLUSTER, 'backup2_x');
    expect(info).toMatchObject({ clusterId: CLUSTER, size: undefined, collections: [] });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['collections not an array', { collections: 'a,b' }, '"collections"'],
    ['a collection without a name', { collections: [{ dbName: 'default' }] }, '"collectionName"'],
    ['dbCollections not an array', { dbCollections: {} }, '"dbCollections"'],
    ['dbCollections entry not an object', { dbCollections: ['x'] }, 'dbCollections[]'],
    ['no status', { status: null }, '"status"'],
  ])('%s is an UnexpectedResponseError naming %s', async (_name, extra, field) => {
    nock(API)
      .get(`/v2/clusters/${CLUSTER}/backups/backup2_x`)
      .reply(200, ok({ ...backup, ...extra }));
    expect((await unexpected(api.describeBackup(CLUSTER, 'backup2_x'))).message).toContain(field);
  });
});

describe('listBackups', () => {
  const item = (n: number) => ({
    backupId: `backup${n}_x`,
    backupName: `b${n}`,
    backupType: 'CLUSTER',
    creationMethod: 'MANUAL',
    status: 'AVAILABLE',
    createTime: '2026-03-01T11:00:00Z',
  });

  it('pages until a short page: 100 then 3 items take two requests', async () => {
    const scope = nock(API)
      .get('/v2/backups')
      .query({ clusterId: CLUSTER, creationMethod: 'MANUAL', pageSize: '100', currentPage: '1' })
      .reply(200, ok({ count: 103, currentPage: 1, pageSize: 100, backups: Array.from({ length: 100 }, (_, i) => item(i)) }))
      .get('/v2/backups')
      .query({ clusterId: CLUSTER, creationMethod: 'MANUAL', pageSize: '100', currentPage: '2' })
      .reply(200, ok({ count: 103, currentPage: 2, pageSize: 100, backups: [item(100), item(101), item(102)] }));
    const requests = recordRequests(scope);
    const { backups } = await api.listBackups({ clusterId: CLUSTER, creationMethod: 'MANUAL' });
    expect(backups).toHaveLength(103);
    expect(backups.at(-1)).toMatchObject({ backupId: 'backup102_x', clusterId: CLUSTER, collections: [] });
    expect(requests).toHaveLength(2);
    expect(scope.isDone()).toBe(true);
  });

  it('one short page is one request; no backups field is an empty list', async () => {
    const scope = nock(API)
      .get('/v2/backups')
      .query(true)
      .reply(200, ok({ count: 0 }));
    const requests = recordRequests(scope);
    await expect(api.listBackups({ clusterId: CLUSTER })).resolves.toEqual({ backups: [], skipped: [] });
    expect(requests).toHaveLength(1);
  });

  it.each<[string, unknown, string]>([
    ['backups not an array', { backups: { a: 1 } }, '"backups"'],
    ['an item not an object', { backups: ['x'] }, 'backups[]'],
    ['an item without a status', { backups: [{ backupId: 'b' }] }, '"status"'],
    ['data not an object', 'nope', '"data"'],
  ])('%s is an UnexpectedResponseError naming %s', async (_name, data, field) => {
    nock(API).get('/v2/backups').query(true).reply(200, ok(data));
    expect((await unexpected(api.listBackups({ clusterId: CLUSTER }))).message).toContain(field);
  });
});

describe('restoreCollection', () => {
  it('posts the body and reads the job id', async () => {
    nock(API)
      .post(`/v2/clusters/${CLUSTER}/backups/backup2_x/restoreCollection`)
      .reply(200, ok({ jobId: 'job-r' }));
    const body = {
      destClusterId: CLUSTER,
      dbCollections: [
        { dbName: 'default', destDbName: 'default', collections: [{ collectionName: 'a', destCollectionName: 'a2', destCollectionStatus: 'LOADED' as const }] },
      ],
    };
    await expect(api.restoreCollection(CLUSTER, 'backup2_x', body)).resolves.toEqual({ jobId: 'job-r' });
  });
});

describe('deleteBackup', () => {
  it('sends DELETE with no body and reads the published answer', async () => {
    const sample: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '../../emulator/samples/backups-delete-success-zdoc-reference.json'), 'utf8'));
    const scope = nock(API)
      .delete(`/v2/clusters/${CLUSTER}/backups/backupx-xxxxxxxxxxxxxx`)
      .reply(200, sample as nock.Body);
    const requests = recordRequests(scope);
    await expect(api.deleteBackup(CLUSTER, 'backupx-xxxxxxxxxxxxxx')).resolves.toEqual({
      backupId: 'backupx-xxxxxxxxxxxxxx',
      backupName: 'Dedicated-01_backup1',
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toBe('');
  });

  it('is retried like a read: a 503 then the answer', async () => {
    nock(API)
      .delete(`/v2/clusters/${CLUSTER}/backups/b1`)
      .reply(503, '')
      .delete(`/v2/clusters/${CLUSTER}/backups/b1`)
      .reply(200, ok({ backupId: 'b1', backupName: 'n' }));
    await expect(api.deleteBackup(CLUSTER, 'b1')).resolves.toEqual({ backupId: 'b1', backupName: 'n' });
  });
});
