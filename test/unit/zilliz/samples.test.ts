// Contract fixtures: every response body Zilliz has published for the endpoints the action uses
// (copied from ../shared/api-samples, beside the project root, into test/emulator/samples/, see
// SOURCES.md there) goes
// through the action's own client and parsers, and each must parse to what it says.
// On the old parser (commit 0c0c1e1) the describe body carrying both `collections` and
// `dbCollections` yielded medium_articles twice (the fields were concatenated): that test fails there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.ts';
import { ZillizCloudApi } from '../../../src/zilliz/api.ts';
import type { ApiClient } from '../../../src/zilliz/client.ts';
import { ZillizClusterApi } from '../../../src/zilliz/clusters.ts';
import { fakeRuntime } from '../fakes.ts';
import { API, makeClient, setUpNock } from './nock.ts';

const SAMPLES = new URL('../../emulator/samples/', import.meta.url);
/** The originals: `../shared/` relative to the project root (CI checks it out beside the clone). */
const SHARED = fileURLToPath(new URL('../../../../shared/api-samples', import.meta.url));
const CLUSTER = 'in01-0123456789abcde';

const text = (name: string): string => readFileSync(new URL(name, SAMPLES), 'utf8');
/** A sample with its envelope code replaced (Zilliz's own client takes 200 as success too). */
const withCode = (name: string, code: number): string => JSON.stringify({ ...(JSON.parse(text(name)) as object), code });

let client: ApiClient;
let api: ZillizCloudApi;
let clusters: ZillizClusterApi;
setUpNock();
beforeEach(() => {
  client = makeClient(fakeRuntime());
  api = new ZillizCloudApi(client);
  clusters = new ZillizClusterApi(client);
});

/** What each response sample must parse to, by file name. */
const RESPONSES: Record<string, (body: string) => Promise<void>> = {
  'backups-create-success-zdoc-reference.json': async (body) => {
    nock(API).post(`/v2/clusters/${CLUSTER}/backups/create`).reply(200, body);
    await expect(api.createBackup(CLUSTER, { backupType: 'CLUSTER' })).resolves.toEqual({
      backupId: 'backupx_xxxxxxxxxxxxxxx',
      backupName: 'Dedicated_01',
      jobId: 'job-xxxxxxxxxxxxxxxxxxxxxx',
    });
  },
  'backups-create-success-zdoc-guide-create-backup.json': async (body) => {
    nock(API).post(`/v2/clusters/${CLUSTER}/backups/create`).reply(200, body);
    await expect(api.createBackup(CLUSTER, { backupType: 'CLUSTER' })).resolves.toEqual({
      backupId: 'backup0_c7b18539b97xxxx',
      backupName: 'Dedicated-01_backup2',
      jobId: 'job-031a8e3587ba7zqkadxxxx',
    });
  },
  'backups-create-failure-21119-zdoc-reference.json': async (body) => {
    // The doc shows no HTTP status: business errors come with HTTP 200.
    nock(API).post(`/v2/clusters/${CLUSTER}/backups/create`).reply(200, body);
    const error = await api.createBackup(CLUSTER, { backupType: 'CLUSTER' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 21119, httpStatus: 200 });
  },
  'any-endpoint-401-wrong-api-key-tfprovider-recorded.json': async (body) => {
    nock(API).get('/v2/jobs/job-1').reply(401, body);
    const error = await api.describeJob('job-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 21119, httpStatus: 401 });
  },
  'jobs-describe-success-zdoc-reference.json': async (body) => {
    nock(API).get('/v2/jobs/job-03e1eefbd82dmo2oeb8pe2').reply(200, body);
    await expect(api.describeJob('job-03e1eefbd82dmo2oeb8pe2')).resolves.toEqual({
      jobId: 'job-03e1eefbd82dmo2oeb8pe2',
      type: 'MIGRATION',
      status: 'SUCCESSFUL',
      progress: 100,
      startTime: '2024-07-30T16:49:50Z',
      endTime: '2024-07-30T17:30:50Z',
      reason: '',
    });
  },
  'backups-describe-both-collections-and-dbcollections-zdoccn-guide-manage-backup-files.json': async (body) => {
    nock(API).get(`/v2/clusters/${CLUSTER}/backups/backup0_1e3c0988ecb7f0d`).reply(200, body);
    const backup = await api.describeBackup(CLUSTER, 'backup0_1e3c0988ecb7f0d');
    // Both fields describe the same one collection; dbName "" is the default database.
    expect(backup.collections).toEqual([{ database: 'default', collection: 'medium_articles' }]);
    expect(backup).toMatchObject({ backupId: 'backup0_1e3c0988ecb7f0d', backupType: 'CLUSTER', creationMethod: 'MANUAL', status: 'AVAILABLE', size: 112 });
  },
  'backups-describe-flat-collections-en-zdoc-reference.json': async (body) => {
    nock(API).get(`/v2/clusters/${CLUSTER}/backups/backupx-xxxxxxxxxxxxxx`).reply(200, body);
    const backup = await api.describeBackup(CLUSTER, 'backupx-xxxxxxxxxxxxxx');
    expect(backup.collections).toEqual([{ database: 'default', collection: 'medium_articles' }]);
    expect(backup).toMatchObject({ status: 'AVAILABLE', backupType: 'CLUSTER', size: 112, createTime: '2024-07-30T16:49:50Z' });
  },
  'backups-describe-flat-collections-zhcn-zdoc-reference.json': async (body) => {
    nock(API).get(`/v2/clusters/${CLUSTER}/backups/backupx-xxxxxxxxxxxxxx`).reply(200, body);
    const backup = await api.describeBackup(CLUSTER, 'backupx-xxxxxxxxxxxxxx');
    expect(backup.collections).toEqual([{ database: 'default', collection: 'medium_articles' }]);
    expect(backup.status).toBe('AVAILABLE');
  },
  'backups-describe-flat-only-schema-zdoc-reference-23c00e0.json': async (body) => {
    nock(API).get(`/v2/clusters/${CLUSTER}/backups/backup0_1e3c0988ecb7f0d`).reply(200, body);
    const backup = await api.describeBackup(CLUSTER, 'backup0_1e3c0988ecb7f0d');
    expect(backup.collections).toEqual([{ database: 'default', collection: 'medium_articles' }]);
  },
  'backups-describe-auto-empty-collections-zdoc-guide-manage-backup-files.json': async (body) => {
    nock(API).get(`/v2/clusters/${CLUSTER}/backups/backup1_0b9d15a0ddexxxx`).reply(200, body);
    const backup = await api.describeBackup(CLUSTER, 'backup1_0b9d15a0ddexxxx');
    expect(backup.collections).toEqual([]);
    expect(backup).toMatchObject({ creationMethod: 'AUTO', backupType: 'CLUSTER', status: 'AVAILABLE', size: 0 });
  },
  'backups-list-success-zdoc-reference.json': async (body) => {
    nock(API).get('/v2/backups').query(true).reply(200, body);
    const { backups } = await api.listBackups({ clusterId: CLUSTER });
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ backupId: 'backupx_xxxxxxxxxxxxxxxx', creationMethod: 'AUTO', status: 'AVAILABLE', createTime: '2024-07-30T16:49:50Z' });
  },
  'backups-list-zdoccn-guide-manage-backup-files.json': async (body) => {
    nock(API).get('/v2/backups').query(true).reply(200, body);
    const { backups } = await api.listBackups({ clusterId: CLUSTER });
    expect(backups.map((b) => [b.backupId, b.status])).toEqual([['backup0_1e3c0988ecb7f0d', 'AVAILABLE']]);
  },
  'backups-list-count10-creating-zdoc-guide-view-snapshot-details.json': async (body) => {
    // count 10 on a page of one: a short page ends the listing (count is not trusted as a total).
    const scope = nock(API).get('/v2/backups').query(true).reply(200, body);
    const { backups } = await api.listBackups({ clusterId: CLUSTER });
    expect(backups.map((b) => [b.backupId, b.status, b.creationMethod])).toEqual([['backup1_0b9d15a0ddexxxx', 'CREATING', 'AUTO']]);
    expect(scope.isDone()).toBe(true);
  },
  'backups-restoreCollection-success-zdoc-reference.json': async (body) => {
    nock(API).post(`/v2/clusters/${CLUSTER}/backups/b1/restoreCollection`).reply(200, body);
    await expect(api.restoreCollection(CLUSTER, 'b1', { destClusterId: CLUSTER })).resolves.toEqual({ jobId: 'job-xxxxxxxxxxxxxxxxxxxxxx' });
  },
  'backups-restoreCollection-success-zdoc-guide-restore-from-backup-files.json': async (body) => {
    nock(API).post(`/v2/clusters/${CLUSTER}/backups/b1/restoreCollection`).reply(200, body);
    await expect(api.restoreCollection(CLUSTER, 'b1', { destClusterId: CLUSTER })).resolves.toEqual({ jobId: 'job-04bf9335838dzkeydpxxxx' });
  },
  'cluster-describe-dedicated-tfprovider-recorded.json': async (body) => {
    nock(API).get('/v2/clusters/in01-6183d6bac30f801').reply(200, body);
    await expect(api.describeCluster('in01-6183d6bac30f801')).resolves.toMatchObject({
      clusterId: 'in01-6183d6bac30f801',
      clusterName: 'a-standard-type-cluster',
      projectId: 'proj-89bf4a83cfe2c8a4f03482',
      status: 'RUNNING',
      connectAddress: 'https://in01-6183d6bac30f801.gcp-us-west1.vectordb.zillizcloud.com:443',
      cuSize: 1,
      plan: 'Standard',
      deploymentOption: '',
    });
  },
  'cluster-describe-in03-free-tfprovider-recorded.json': async (body) => {
    nock(API).get('/v2/clusters/in03-fc01449d8a58b23').reply(200, body);
    await expect(api.describeCluster('in03-fc01449d8a58b23')).resolves.toMatchObject({
      status: 'RUNNING',
      connectAddress: 'https://in03-fc01449d8a58b23.serverless.gcp-us-west1.cloud.zilliz.com',
      cuSize: 0,
      plan: 'Serverless',
    });
  },
  'cluster-describe-in05-serverless-tfprovider-recorded.json': async (body) => {
    nock(API).get('/v2/clusters/in05-bfee098389ca970').reply(200, body);
    await expect(api.describeCluster('in05-bfee098389ca970')).resolves.toMatchObject({
      clusterId: 'in05-bfee098389ca970',
      status: 'RUNNING',
      connectAddress: 'https://in05-bfee098389ca970.serverless.gcp-us-west1.cloud.zilliz.com',
    });
  },
  'backups-restoreCluster-success-zdoc-reference.json': async (body) => {
    nock(API).post(`/v2/clusters/${CLUSTER}/backups/backup1_abc/restoreCluster`).reply(200, body);
    const restore = { projectId: 'proj-xxxxxxxxxxxxxxxxxxxx', clusterName: 'ci-clone-x', cuSize: 1, collectionStatus: 'KEEP' as const };
    await expect(clusters.restoreCluster(CLUSTER, 'backup1_abc', restore)).resolves.toEqual({
      clusterId: 'inxx-xxxxxxxxxxxxxxx',
      username: 'db_admin',
      password: 'xxxxxxxxx',
      jobId: 'job-xxxxxxxxxxxxxx',
    });
  },
  'cluster-drop-tfprovider-recorded.json': async (body) => {
    nock(API).delete('/v2/clusters/in01-6183d6bac30f801/drop').reply(200, body);
    await expect(clusters.dropCluster('in01-6183d6bac30f801')).resolves.toEqual({ clusterId: 'in01-6183d6bac30f801' });
  },
  'cluster-create-200-code40013-tfprovider-recorded.json': async (body) => {
    // Recorded for a create with a taken name; restoreCluster with a taken name is taken to answer the same.
    nock(API).post(`/v2/clusters/${CLUSTER}/backups/backup1_abc/restoreCluster`).reply(200, body);
    const restore = { projectId: 'proj-x', clusterName: 'taken', cuSize: 1, collectionStatus: 'KEEP' as const };
    await expect(clusters.restoreCluster(CLUSTER, 'backup1_abc', restore)).rejects.toMatchObject({ name: 'ApiError', code: 40013, httpStatus: 200 });
  },
  'backups-delete-success-zdoc-reference.json': async (body) => {
    nock(API).delete(`/v2/clusters/${CLUSTER}/backups/backupx-xxxxxxxxxxxxxx`).reply(200, body);
    await expect(api.deleteBackup(CLUSTER, 'backupx-xxxxxxxxxxxxxx')).resolves.toEqual({
      backupId: 'backupx-xxxxxxxxxxxxxx',
      backupName: 'Dedicated-01_backup1',
    });
  },
  'backups-delete-success-zdoc-guide-manage-backup-files.json': async (body) => {
    nock(API).delete(`/v2/clusters/${CLUSTER}/backups/backup11_dbf5a40a6e5xxxx`).reply(200, body);
    await expect(api.deleteBackup(CLUSTER, 'backup11_dbf5a40a6e5xxxx')).resolves.toEqual({
      backupId: 'backup11_dbf5a40a6e5xxxx',
      backupName: 'medium_articles_backup4',
    });
  },
};

const responseFiles = readdirSync(SAMPLES)
  .filter((name) => name.endsWith('.json') && !name.startsWith('request-'))
  .sort();
const successFiles = responseFiles.filter((name) => (JSON.parse(text(name)) as { code: number }).code === 0);

describe('published response samples (api-samples) through the action parsers', () => {
  it('every response sample in test/emulator/samples/ has an expectation here, and every expectation a sample', () => {
    expect(responseFiles).toEqual(Object.keys(RESPONSES).sort());
  });

  it.each(responseFiles)('%s parses to what it says', async (name) => {
    await RESPONSES[name]?.(text(name));
  });

  it.each(successFiles)('%s with code 200 instead of 0 is success too, parsed the same', async (name) => {
    await RESPONSES[name]?.(withCode(name, 200));
  });
});

describe('test/emulator/samples/ against ../shared/api-samples', () => {
  // The copies are Prettier-formatted, so they are compared as JSON; request bodies are copied
  // from requests/ with a `request-` prefix.
  const sharedPath = (name: string): string => (name.startsWith('request-') ? `${SHARED}/requests/${name.slice('request-'.length)}` : `${SHARED}/${name}`);
  const copies = readdirSync(SAMPLES).filter((name) => name.endsWith('.json'));

  it('each copy holds the same JSON as its original', () => {
    expect(copies.length).toBeGreaterThanOrEqual(Object.keys(RESPONSES).length);
    expect(existsSync(SHARED), `${SHARED} (../shared/api-samples beside the project) is there to compare with`).toBe(true);
    for (const name of copies) {
      expect(existsSync(sharedPath(name)), `${name} has an original in api-samples`).toBe(true);
      expect(JSON.parse(text(name)), name).toEqual(JSON.parse(readFileSync(sharedPath(name), 'utf8')));
    }
  });
});
