// Contract tests of the Zilliz Cloud emulator (test/emulator/), over real HTTP on 127.0.0.1.
// Time is an injected clock moved by hand: no test waits for a job.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BACKUP_NOT_FOUND_CODE,
  BUSY_MESSAGE,
  DEDICATED_CLUSTER,
  DEFAULT_READONLY_API_KEY,
  FREE_CLUSTER,
  INVALID_DEST_STATUS_CODE,
  INVALID_DEST_STATUS_MESSAGE,
  ONE_AT_A_TIME_MESSAGE,
  PERMISSION_DENIED_CODE,
  PROJECT_ID,
  SAME_DATABASE_MESSAGE,
  SECOND_CLUSTER,
  SEED_AUTO_BACKUP,
  SEED_MANUAL_BACKUP,
  SERVERLESS_CLUSTER,
  startEmulator,
} from './emulator/index.ts';
import type { Emulator } from './emulator/index.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

let now = T0;
let emu: Emulator;

/** The Zilliz Cloud answer envelope; `data` is typed as the test expects it (its assertions check it). */
interface Envelope<D = unknown> {
  code: number;
  message?: string;
  data: D;
}

interface JobView {
  jobId: string;
  type: string;
  status: string;
  progress: string;
  startTime: string;
  endTime: string;
  reason: string;
}

interface BackupView {
  backupId: string;
  backupName: string;
  status: string;
  size: number;
  collections?: unknown[];
  dbCollections?: unknown[];
}

interface BackupList {
  count: number;
  currentPage: number;
  pageSize: number;
  backups: BackupView[];
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  json: unknown;
  /** The body as a Zilliz envelope (throws when it is not one), its `data` typed as D. */
  envelope<D = unknown>(): Envelope<D>;
}

function asEnvelope<D>(json: unknown, text: string): Envelope<D> {
  if (typeof json !== 'object' || json === null || !('code' in json) || typeof json.code !== 'number') {
    throw new Error(`not a Zilliz envelope: ${text}`);
  }
  return json as Envelope<D>;
}

async function call(
  method: string,
  path: string,
  options: { body?: unknown; key?: string | null; rawBody?: string; redirect?: 'manual' | 'follow' | 'error' } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = options.key === undefined ? emu.apiKey : options.key;
  if (key !== null) headers['authorization'] = `Bearer ${key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(emu.url + path, { method, headers, body, redirect: options.redirect ?? 'manual' });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, envelope: <D>() => asEnvelope<D>(json, text) };
}

const createPath = (cluster = DEDICATED_CLUSTER) => `/v2/clusters/${cluster}/backups/create`;
const collectionBackup = (names: string[], dbName?: string) => ({
  backupType: 'COLLECTION',
  dbCollections: [dbName === undefined ? { collectionNames: names } : { dbName, collectionNames: names }],
});

async function create(body: unknown = collectionBackup(['products']), cluster = DEDICATED_CLUSTER) {
  const r = await call('POST', createPath(cluster), { body });
  expect(r.json).toMatchObject({ code: 0 });
  return r.envelope<{ backupId: string; backupName: string; jobId: string }>().data;
}

const job = async (jobId: string) => (await call('GET', `/v2/jobs/${jobId}`)).envelope<JobView>();
const describeBackup = async (backupId: string, cluster = DEDICATED_CLUSTER) =>
  (await call('GET', `/v2/clusters/${cluster}/backups/${backupId}`)).envelope<BackupView>();
const listBackups = async (query = '') => (await call('GET', `/v2/backups${query}`)).envelope<BackupList>().data;

function restoreBody(collectionName: string, destCollectionName: string, extra: Record<string, unknown> = {}) {
  return {
    destClusterId: DEDICATED_CLUSTER,
    dbCollections: [{ dbName: 'default', destDbName: 'default', collections: [{ collectionName, destCollectionName, ...extra }] }],
  };
}

beforeEach(async () => {
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) vi.stubEnv(k, undefined);
  now = T0;
  emu = await startEmulator({ clock: () => now });
});

afterEach(async () => {
  await emu.close();
  vi.unstubAllEnvs();
});

describe('authentication and routing', () => {
  it('answers a missing or wrong key with HTTP 401 code 21119, before routing', async () => {
    for (const key of [null, 'wrong-key']) {
      for (const path of ['/v2/backups', '/v2/nope']) {
        const r = await call('GET', path, { key });
        expect(r.status).toBe(401);
        expect(r.json).toEqual({ code: 21119, message: 'The API key is illegal.' });
      }
    }
    expect(emu.requests.map((r) => r.authorization)).toEqual(['missing', 'missing', 'invalid', 'invalid']);
  });

  it('answers an unknown route with a valid key with HTTP 404 code 404', async () => {
    // (GET /v2/clusters is a route now: list clusters.)
    const r = await call('GET', '/v2/clusters/in01-0123456789abcde/nothing-here');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ code: 404, message: 'Not Found' });
  });

  it('records requests with the key redacted', async () => {
    await call('POST', createPath(), { body: collectionBackup(['products']) });
    const [rec] = emu.requests;
    expect(rec).toMatchObject({
      method: 'POST',
      path: createPath(),
      body: collectionBackup(['products']),
      authorization: 'valid',
      at: T0,
    });
    expect(rec?.headers['authorization']).toBe('[redacted]');
    expect(JSON.stringify(emu.requests)).not.toContain(emu.apiKey);
  });

  it('lets the read-only key read but not write', async () => {
    const key = DEFAULT_READONLY_API_KEY;
    expect((await call('GET', '/v2/backups', { key })).envelope().code).toBe(0);
    const w = await call('POST', createPath(), { key, body: collectionBackup(['products']) });
    expect(w.status).toBe(200);
    expect(w.json).toEqual({ code: PERMISSION_DENIED_CODE, message: 'Owner or Admin role needed' });
    expect(PERMISSION_DENIED_CODE).toBe(96027); // not 96014: that one is "the cluster's organization is not the key's"
    const r = await call('POST', `/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_MANUAL_BACKUP}/restoreCollection`, {
      key,
      body: restoreBody('medium_articles', 'restored'),
    });
    expect(r.envelope().code).toBe(PERMISSION_DENIED_CODE);
    const d = await call('DELETE', `/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_MANUAL_BACKUP}`, { key });
    expect(d.envelope().code).toBe(PERMISSION_DENIED_CODE);
    expect((await describeBackup(SEED_MANUAL_BACKUP)).code).toBe(0); // not deleted
    expect(emu.requests[0]?.authorization).toBe('readonly');
  });

  it('sends a requestid header with API answers', async () => {
    const r = await call('GET', '/v2/backups');
    expect(r.headers.get('requestid')).toMatch(/\S+/);
    expect(r.headers.get('content-type')).toContain('application/json');
  });
});

describe('cluster checks', () => {
  it.each([
    [FREE_CLUSTER, 96021],
    [SERVERLESS_CLUSTER, 96022],
    ['in01-00000000000000a', 96018],
    ['not-a-cluster', 96036],
  ])('%s → code %i with HTTP 200', async (cluster, code) => {
    const c = await call('POST', createPath(cluster), { body: { backupType: 'CLUSTER' } });
    expect(c.status).toBe(200);
    expect(c.envelope().code).toBe(code);
    expect(c.envelope().data).toBeUndefined();
    expect((await describeBackup(SEED_AUTO_BACKUP, cluster)).code).toBe(code);
  });

  it('says Cluster not found for an unknown cluster', async () => {
    expect((await call('POST', createPath('in01-00000000000000a'), { body: { backupType: 'CLUSTER' } })).json).toEqual({
      code: 96018,
      message: 'Cluster not found',
    });
  });
});

describe('create backup', () => {
  it('creates a collection backup and its job', async () => {
    const d = await create(collectionBackup(['products']));
    expect(d.backupId).toMatch(/^backup3_[0-9a-f]{12}$/);
    expect(d.backupName).toBe('products_backup3');
    expect(d.jobId).toMatch(/^job-[0-9a-z]{22}$/);
    const b = emu.state.backups.get(d.backupId);
    expect(b).toMatchObject({ creationMethod: 'MANUAL', backupType: 'COLLECTION', collections: [{ dbName: 'default', collectionName: 'products' }] });
  });

  it('names a cluster backup after the cluster and covers every collection', async () => {
    const d = await create({ backupType: 'CLUSTER' });
    expect(d.backupName).toBe('Dedicated-01_backup3');
    expect(emu.state.backups.get(d.backupId)?.collections).toHaveLength(4);
  });

  it('accepts a named database and stores cross-region copies', async () => {
    const d = await create({ ...collectionBackup(['events', 'sessions'], 'analytics'), crossRegionCopies: [{ regionId: 'aws-us-east-1' }] });
    const b = emu.state.backups.get(d.backupId);
    expect(b?.collections.map((c) => `${c.dbName}.${c.collectionName}`)).toEqual(['analytics.events', 'analytics.sessions']);
    expect(b?.crossRegionCopies).toEqual([{ regionId: 'aws-us-east-1' }]);
  });

  it.each([
    [
      'several databases',
      {
        backupType: 'COLLECTION',
        dbCollections: [
          { dbName: 'default', collectionNames: ['products'] },
          { dbName: 'analytics', collectionNames: ['events'] },
        ],
      },
      SAME_DATABASE_MESSAGE,
    ],
    ['an unknown database', collectionBackup(['events'], 'nope'), 'Failed to create backup. Database nope not found'],
    ['an unknown collection', collectionBackup(['ghost']), 'Failed to create backup. Collection default.ghost not found'],
    ['a collection of another database', collectionBackup(['events']), 'Failed to create backup. Collection default.events not found'],
    ['CLUSTER with collections', { backupType: 'CLUSTER', dbCollections: [{ collectionNames: ['products'] }] }, /^Failed to create backup\. /],
    ['COLLECTION without collections', { backupType: 'COLLECTION' }, /^Failed to create backup\. /],
    ['a bad regionId', { backupType: 'CLUSTER', crossRegionCopies: [{ regionId: 'mars-1' }] }, 'Failed to create backup. Invalid regionId: mars-1'],
  ])('refuses %s with 96038', async (_name, body, message) => {
    const r = await call('POST', createPath(), { body });
    expect(r.status).toBe(200);
    expect(r.envelope().code).toBe(96038);
    if (typeof message === 'string') expect(r.envelope().message).toBe(message);
    else expect(r.envelope().message).toMatch(message);
    expect(emu.state.backups.size).toBe(2); // nothing created
  });

  it('refuses an invalid backupType with 96029 and a malformed body with HTTP 400', async () => {
    expect((await call('POST', createPath(), { body: { backupType: 'FULL' } })).envelope().code).toBe(96029);
    const r = await call('POST', createPath(), { rawBody: 'not json' });
    expect(r.status).toBe(400);
    expect(r.envelope().code).toBe(400);
    const s = await call('POST', createPath(), { body: { backupType: 'COLLECTION', dbCollections: 'products' } });
    expect(s.status).toBe(400);
  });
});

describe('busy rule: one manual backup job per cluster', () => {
  it('refuses a second create while the first job runs, on that cluster only', async () => {
    const first = await create();
    const r = await call('POST', createPath(), { body: { backupType: 'CLUSTER' } });
    expect(r.json).toEqual({ code: 96038, message: BUSY_MESSAGE });
    await create({ backupType: 'CLUSTER' }, SECOND_CLUSTER); // another cluster is free
    now += 2000; // still IN_PROGRESS
    expect((await call('POST', createPath(), { body: { backupType: 'CLUSTER' } })).envelope().code).toBe(96038);
    now += 1000; // job ended
    expect((await job(first.jobId)).data.status).toBe('SUCCESSFUL');
    await create({ backupType: 'CLUSTER' });
  });

  it('is not busy while a finished job waits for the backup to become AVAILABLE', async () => {
    emu.state.config.backupAvailableDelayMs = Infinity;
    const first = await create();
    now += 3000;
    expect((await describeBackup(first.backupId)).data.status).toBe('CREATING');
    await create({ backupType: 'CLUSTER' });
  });

  it('is busy while an automatic backup is CREATING', async () => {
    const auto = emu.state.backups.get(SEED_AUTO_BACKUP)!;
    auto.fixedStatus = 'CREATING';
    expect((await call('POST', createPath(), { body: { backupType: 'CLUSTER' } })).envelope().code).toBe(96038);
    auto.fixedStatus = 'AVAILABLE';
    await create();
  });

  it('lets exactly one of two simultaneous creates succeed', async () => {
    const answers = await Promise.all([
      call('POST', createPath(), { body: { backupType: 'CLUSTER' } }),
      call('POST', createPath(), { body: collectionBackup(['products']) }),
    ]);
    const codes = answers.map((a) => a.envelope().code).sort();
    expect(codes).toEqual([0, 96038]);
    expect(emu.state.backups.size).toBe(3);
  });

  it('frees the cluster when the job fails', async () => {
    emu.setJobOutcome({ status: 'FAILED', reason: 'disk full' });
    await create();
    now += 3000;
    await create();
  });
});

describe('job lifecycle', () => {
  it('goes PENDING → IN_PROGRESS (progress rising) → SUCCESSFUL', async () => {
    const { jobId } = await create();
    const pending = await job(jobId);
    expect(pending).toEqual({
      code: 0,
      data: { jobId, type: 'BACKUP', status: 'PENDING', progress: '0', startTime: '2026-03-01T12:00:00Z', endTime: '', reason: '' },
    });
    now += 1000;
    const early = (await job(jobId)).data;
    now += 1000;
    const late = (await job(jobId)).data;
    expect([early.status, late.status]).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
    expect(Number(late.progress)).toBeGreaterThan(Number(early.progress));
    expect(late.endTime).toBe('');
    now += 1000;
    const done = (await job(jobId)).data;
    expect(done).toMatchObject({ status: 'SUCCESSFUL', progress: '100', endTime: '2026-03-01T12:00:03Z', reason: '' });
    expect(done.startTime).toMatch(ISO_SECONDS);
  });

  it('reports FAILED and CANCELED with their reason, and the backup disappears', async () => {
    emu.setJobOutcome({ status: 'FAILED', reason: 'Insufficient storage' });
    const failed = await create();
    now += 3000;
    expect((await job(failed.jobId)).data).toMatchObject({ status: 'FAILED', reason: 'Insufficient storage' });
    expect(await describeBackup(failed.backupId)).toEqual({ code: BACKUP_NOT_FOUND_CODE, message: 'Backup not found' });

    emu.setJobOutcome({ status: 'CANCELED', reason: 'Canceled by admin' });
    const canceled = await create();
    now += 3000;
    expect((await job(canceled.jobId)).data).toMatchObject({ status: 'CANCELED', reason: 'Canceled by admin' });
    const list = await listBackups('?pageSize=100');
    expect(list.backups.map((b) => b.backupId)).toEqual([SEED_MANUAL_BACKUP, SEED_AUTO_BACKUP]);
  });

  it('returns an unknown raw status verbatim', async () => {
    emu.setJobOutcome({ status: 'RAW', rawStatus: 'EXPLODED' });
    const { jobId } = await create();
    now += 3000;
    expect((await job(jobId)).data.status).toBe('EXPLODED');
  });

  it('answers an unknown job with 96026', async () => {
    expect(await job('job-0000000000000000000000')).toEqual({ code: 96026, message: 'Job not found' });
  });

  it('uses the timing in force when the job was created', async () => {
    emu.state.config.jobDurationMs = 10_000;
    const { jobId } = await create();
    emu.state.config.jobDurationMs = 1000;
    now += 5000;
    expect((await job(jobId)).data.status).toBe('IN_PROGRESS');
  });
});

describe('describe backup', () => {
  it('shows CREATING with size 0, then AVAILABLE with a size (both collection fields by default)', async () => {
    const { backupId } = await create(collectionBackup(['products', 'medium_articles']));
    const entries = [
      { collectionName: 'products', description: '', status: 'LOADED' },
      { collectionName: 'medium_articles', description: '', status: 'LOADED' },
    ];
    const creating = (await describeBackup(backupId)).data;
    expect(creating).toEqual({
      clusterId: DEDICATED_CLUSTER,
      clusterName: 'Dedicated-01',
      projectId: PROJECT_ID,
      backupId,
      backupName: 'products_backup3',
      backupType: 'COLLECTION',
      creationMethod: 'MANUAL',
      status: 'CREATING',
      size: 0,
      regionId: 'aws-us-west-2',
      createTime: '2026-03-01T12:00:00Z',
      expireTime: '',
      collections: entries,
      dbCollections: [{ dbName: 'default', collections: entries }],
    });
    now += 3000;
    const available = (await describeBackup(backupId)).data;
    expect(available.status).toBe('AVAILABLE');
    expect(available.size).toBeGreaterThan(0);
  });

  it('stays CREATING for backupAvailableDelayMs after the job succeeded', async () => {
    await emu.close();
    emu = await startEmulator({ clock: () => now, backupAvailableDelayMs: 5000 });
    const { backupId, jobId } = await create();
    now += 3000;
    expect((await job(jobId)).data.status).toBe('SUCCESSFUL');
    expect((await describeBackup(backupId)).data.status).toBe('CREATING');
    now += 5000;
    expect((await describeBackup(backupId)).data.status).toBe('AVAILABLE');
  });

  it('serves the dbCollections shape when asked; each collection shows its load state', async () => {
    emu.state.describeBackupShape = 'dbCollections';
    const d = (await describeBackup(SEED_AUTO_BACKUP)).data;
    expect(d.collections).toBeUndefined();
    expect(d.dbCollections).toEqual([
      {
        dbName: 'default',
        collections: [
          { collectionName: 'medium_articles', description: '', status: 'LOADED' },
          { collectionName: 'products', description: '', status: 'LOADED' },
        ],
      },
      {
        dbName: 'analytics',
        collections: [
          { collectionName: 'events', description: '', status: 'LOADED' },
          { collectionName: 'sessions', description: '', status: 'UNLOADED' },
        ],
      },
    ]);
  });

  it('serves the flat shape when asked', async () => {
    emu.state.describeBackupShape = 'flat';
    const d = (await describeBackup(SEED_MANUAL_BACKUP)).data;
    expect(d.dbCollections).toBeUndefined();
    expect(d.collections).toEqual([{ collectionName: 'medium_articles', description: '', status: 'LOADED' }]);
  });

  it('shows the seed backups', async () => {
    const auto = (await describeBackup(SEED_AUTO_BACKUP)).data;
    expect(auto).toMatchObject({
      creationMethod: 'AUTO',
      backupType: 'CLUSTER',
      status: 'AVAILABLE',
      createTime: '2026-03-01T09:00:00Z',
      expireTime: '2026-03-08T09:00:00Z',
    });
    const manual = (await describeBackup(SEED_MANUAL_BACKUP)).data;
    expect(manual).toMatchObject({ creationMethod: 'MANUAL', backupType: 'COLLECTION', expireTime: '', createTime: '2026-03-01T11:30:00Z' });
  });

  it('answers an unknown backup, or one of another cluster, with the emulator-chosen BACKUP_NOT_FOUND_CODE', async () => {
    expect(BACKUP_NOT_FOUND_CODE).not.toBe(INVALID_DEST_STATUS_CODE);
    expect((await describeBackup('backup99_000000000000')).code).toBe(BACKUP_NOT_FOUND_CODE);
    expect((await describeBackup(SEED_AUTO_BACKUP, SECOND_CLUSTER)).code).toBe(BACKUP_NOT_FOUND_CODE);
  });

  it('deletes a backup', async () => {
    const r = await call('DELETE', `/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_MANUAL_BACKUP}`);
    expect(r.json).toEqual({ code: 0, data: { backupId: SEED_MANUAL_BACKUP, backupName: 'medium_articles_backup2' } });
    expect((await describeBackup(SEED_MANUAL_BACKUP)).code).toBe(BACKUP_NOT_FOUND_CODE);
    expect((await listBackups()).count).toBe(1);
  });
});

describe('list backups', () => {
  async function makeBackups(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push((await create({ backupType: 'CLUSTER' })).backupId);
      now += 60_000; // past the job's end, so the cluster is free again
    }
    return ids;
  }

  it('pages newest first with count = total', async () => {
    const made = await makeBackups(3); // + 2 seed backups = 5
    const page1 = await listBackups('?pageSize=2');
    const page3 = await listBackups('?pageSize=2&currentPage=3');
    expect(page1).toMatchObject({ count: 5, currentPage: 1, pageSize: 2 });
    expect(page1.backups.map((b) => b.backupId)).toEqual([made[2], made[1]]);
    expect(page3.backups.map((b) => b.backupId)).toEqual([SEED_AUTO_BACKUP]);
    expect(Object.keys(page1.backups[0]!).sort()).toEqual(
      ['backupId', 'backupName', 'backupType', 'clusterId', 'clusterName', 'createTime', 'creationMethod', 'expireTime', 'projectId', 'size', 'status'].sort(),
    );
    const beyond = await listBackups('?pageSize=2&currentPage=9');
    expect(beyond).toMatchObject({ count: 5, backups: [] });
    expect((await listBackups()).pageSize).toBe(10);
  });

  it('filters by cluster, project, creationMethod, backupType and time', async () => {
    await create({ backupType: 'CLUSTER' }, SECOND_CLUSTER);
    const q = async (query: string) => (await listBackups(`?${query}`)).backups.map((b) => b.backupId);
    expect(await q(`clusterId=${SECOND_CLUSTER}`)).toHaveLength(1);
    expect(await q(`projectId=${PROJECT_ID}`)).toHaveLength(3);
    expect(await q(`clusterId=${DEDICATED_CLUSTER}&creationMethod=AUTO`)).toEqual([SEED_AUTO_BACKUP]);
    expect(await q(`clusterId=${DEDICATED_CLUSTER}&backupType=COLLECTION`)).toEqual([SEED_MANUAL_BACKUP]);
    expect(await q('start=2026-03-01T10:00:00Z&end=2026-03-01T11:45:00Z')).toEqual([SEED_MANUAL_BACKUP]);
  });

  it('lists CREATING backups, not failed ones', async () => {
    const { backupId } = await create();
    const list = await listBackups(`?clusterId=${DEDICATED_CLUSTER}&creationMethod=MANUAL`);
    expect(list.backups[0]).toMatchObject({ backupId, status: 'CREATING' });
  });

  it.each([
    ['pageSize=0', 96008],
    ['pageSize=101', 96008],
    ['pageSize=ten', 96008],
    ['currentPage=0', 96009],
    ['start=yesterday', 96007],
    ['start=2026-03-02T00:00:00Z&end=2026-03-01T00:00:00Z', 96035],
    ['creationMethod=manual', 96030],
    ['backupType=FULL', 96029],
    ['clusterId=bad', 96036],
  ])('%s → %i', async (query, code) => {
    const r = await call('GET', `/v2/backups?${query}`);
    expect(r.status).toBe(200);
    expect(r.envelope().code).toBe(code);
  });
});

describe('restore collection', () => {
  const restorePath = (backupId = SEED_AUTO_BACKUP, cluster = DEDICATED_CLUSTER) => `/v2/clusters/${cluster}/backups/${backupId}/restoreCollection`;

  it('restores one collection; it appears when the job succeeds, and the name is then taken', async () => {
    const r = await call('POST', restorePath(), { body: restoreBody('products', 'products_restored', { destCollectionStatus: 'LOADED' }) });
    expect(r.envelope().code).toBe(0);
    const { jobId } = r.envelope<{ jobId: string }>().data;
    expect(jobId).toMatch(/^job-[0-9a-z]{22}$/);
    expect((await job(jobId)).data.type).toBe('RESTORE');
    const db = emu.state.clusters.get(DEDICATED_CLUSTER)!.databases.get('default')!;
    expect(db.has('products_restored')).toBe(false);
    // While running, the target name is reserved.
    const during = await call('POST', restorePath(), { body: restoreBody('products', 'products_restored') });
    expect(during.envelope().code).toBe(96039);
    now += 3000;
    expect((await job(jobId)).data.status).toBe('SUCCESSFUL');
    expect(db.get('products_restored')).toBe('LOADED');
    const again = await call('POST', restorePath(), { body: restoreBody('products', 'products_restored') });
    expect(again.json).toEqual({ code: 96039, message: 'Restore collection failed. The collection default.products_restored already exists' });
  });

  it('restores UNLOADED by default, and not at all when the job fails', async () => {
    await call('POST', restorePath(), { body: restoreBody('products', 'p1') });
    emu.setJobOutcome({ status: 'FAILED', reason: 'boom' });
    await call('POST', restorePath(), { body: restoreBody('products', 'p2') });
    now += 3000;
    await call('GET', '/v2/backups'); // any request settles finished jobs
    const db = emu.state.clusters.get(DEDICATED_CLUSTER)!.databases.get('default')!;
    expect(db.get('p1')).toBe('UNLOADED');
    expect(db.has('p2')).toBe(false);
  });

  it('restores one collection at a time', async () => {
    const body = {
      destClusterId: DEDICATED_CLUSTER,
      dbCollections: [
        {
          dbName: 'default',
          destDbName: 'default',
          collections: [
            { collectionName: 'products', destCollectionName: 'a' },
            { collectionName: 'medium_articles', destCollectionName: 'b' },
          ],
        },
      ],
    };
    expect((await call('POST', restorePath(), { body })).json).toEqual({ code: 96039, message: ONE_AT_A_TIME_MESSAGE });
  });

  it.each([
    ['an existing collection', SEED_AUTO_BACKUP, restoreBody('products', 'products'), 96039],
    ['a collection the backup lacks', SEED_MANUAL_BACKUP, restoreBody('products', 'x'), 96039],
    ['an unknown backup', 'backup99_000000000000', restoreBody('products', 'x'), 96039],
    [
      'a missing destination database',
      SEED_AUTO_BACKUP,
      {
        destClusterId: DEDICATED_CLUSTER,
        dbCollections: [{ dbName: 'default', destDbName: 'nope', collections: [{ collectionName: 'products', destCollectionName: 'x' }] }],
      },
      96039,
    ],
    ['a Free destination', SEED_AUTO_BACKUP, { ...restoreBody('products', 'x'), destClusterId: FREE_CLUSTER }, 96021],
    ['a Serverless destination', SEED_AUTO_BACKUP, { ...restoreBody('products', 'x'), destClusterId: SERVERLESS_CLUSTER }, 96022],
    ['an unknown destination', SEED_AUTO_BACKUP, { ...restoreBody('products', 'x'), destClusterId: 'in01-00000000000000a' }, 96018],
  ])('refuses %s', async (_name, backupId, body, code) => {
    const r = await call('POST', restorePath(backupId), { body });
    expect(r.status).toBe(200);
    expect(r.envelope().code).toBe(code);
    if (code === 96039) expect(r.envelope().message).toMatch(/^Restore collection failed\. /);
    expect(emu.state.jobs.size).toBe(0);
  });

  it.each([['RELEASED'], ['KEEP'], ['loaded'], [{ state: 'LOADED' }]])('refuses destCollectionStatus %j with 96037 only', async (destCollectionStatus) => {
    const r = await call('POST', restorePath(), { body: restoreBody('products', 'x', { destCollectionStatus }) });
    expect(r.status).toBe(200);
    expect(r.envelope()).toEqual({ code: INVALID_DEST_STATUS_CODE, message: INVALID_DEST_STATUS_MESSAGE });
    expect(INVALID_DEST_STATUS_CODE).toBe(96037);
    expect(emu.state.jobs.size).toBe(0);
  });

  it('accepts LOADED and UNLOADED', async () => {
    for (const [name, destCollectionStatus] of [
      ['l', 'LOADED'],
      ['u', 'UNLOADED'],
    ] as const) {
      expect((await call('POST', restorePath(), { body: restoreBody('products', name, { destCollectionStatus }) })).envelope().code).toBe(0);
    }
    now += 3000;
    await call('GET', '/v2/backups');
    const db = emu.state.clusters.get(DEDICATED_CLUSTER)!.databases.get('default')!;
    expect([db.get('l'), db.get('u')]).toEqual(['LOADED', 'UNLOADED']);
  });

  it('refuses a backup that is not AVAILABLE yet', async () => {
    const { backupId } = await create();
    expect((await call('POST', restorePath(backupId), { body: restoreBody('products', 'x') })).envelope().message).toMatch(/not available/);
  });

  it('restores into another cluster', async () => {
    const body = { ...restoreBody('medium_articles', 'medium_articles'), destClusterId: SECOND_CLUSTER };
    expect((await call('POST', restorePath(SEED_MANUAL_BACKUP), { body })).envelope().code).toBe(0);
    now += 3000;
    await call('GET', '/v2/backups');
    expect(emu.state.clusters.get(SECOND_CLUSTER)!.databases.get('default')!.has('medium_articles')).toBe(true);
  });
});

describe('fault injection', () => {
  it('answers with a bare HTTP status (HTML body, headers), then normally', async () => {
    emu.faults.add({ path: '/v2/backups', fault: { kind: 'status', status: 503, body: '<html>Service Unavailable</html>' } });
    emu.faults.add({ path: '/v2/backups', fault: { kind: 'status', status: 429, headers: { 'retry-after': '2' } } });
    const a = await call('GET', '/v2/backups');
    expect([a.status, a.text, a.headers.get('content-type')]).toEqual([503, '<html>Service Unavailable</html>', 'text/html; charset=utf-8']);
    const b = await call('GET', '/v2/backups');
    expect([b.status, b.text, b.headers.get('retry-after')]).toEqual([429, '', '2']);
    expect((await call('GET', '/v2/backups')).status).toBe(200);
    expect(emu.requests).toHaveLength(3);
  });

  it('applies faults before the key check', async () => {
    emu.faults.add({ path: '/v2/backups', fault: { kind: 'status', status: 502 } });
    expect((await call('GET', '/v2/backups', { key: null })).status).toBe(502);
  });

  it('answers with an error envelope or a raw body', async () => {
    emu.faults.add({ method: 'GET', path: /^\/v2\/jobs\//, fault: { kind: 'envelope', code: 96026, message: 'Job not found' } });
    emu.faults.add({ path: '/v2/backups', fault: { kind: 'raw', body: '{"unexpected":true}' } });
    emu.faults.add({ path: '/v2/backups', fault: { kind: 'raw', body: 'oops', status: 500, contentType: 'text/plain' } });
    expect((await call('GET', '/v2/jobs/job-x')).json).toEqual({ code: 96026, message: 'Job not found' });
    expect((await call('GET', '/v2/backups')).json).toEqual({ unexpected: true });
    const c = await call('GET', '/v2/backups');
    expect([c.status, c.text]).toEqual([500, 'oops']);
  });

  it('matches method and counts times', async () => {
    emu.faults.add({ method: 'POST', path: '/v2/backups', times: 2, fault: { kind: 'status', status: 500 } });
    emu.faults.add({ path: '/v2/backups', times: 2, fault: { kind: 'status', status: 502 } });
    expect((await call('GET', '/v2/backups')).status).toBe(502);
    expect(emu.faults.pending().map((r) => r.times)).toEqual([2, 1]);
    expect((await call('GET', '/v2/backups')).status).toBe(502);
    expect((await call('GET', '/v2/backups')).status).toBe(200);
    emu.faults.clear();
    expect(emu.faults.pending()).toEqual([]);
  });

  it('drop: closes the connection without creating anything', async () => {
    emu.faults.add({ path: createPath(), fault: { kind: 'drop' } });
    await expect(call('POST', createPath(), { body: { backupType: 'CLUSTER' } })).rejects.toThrow();
    expect(emu.state.backups.size).toBe(2);
    expect(emu.requests).toHaveLength(1);
    await create({ backupType: 'CLUSTER' });
  });

  it('drop-after-handling: the backup really exists, and a retry is refused as busy', async () => {
    emu.faults.add({ path: createPath(), fault: { kind: 'drop-after-handling' } });
    await expect(call('POST', createPath(), { body: { backupType: 'CLUSTER' } })).rejects.toThrow();
    expect(emu.state.backups.size).toBe(3);
    expect((await call('POST', createPath(), { body: { backupType: 'CLUSTER' } })).envelope().code).toBe(96038);
    const mine = (await listBackups(`?clusterId=${DEDICATED_CLUSTER}&creationMethod=MANUAL`)).backups;
    expect(mine[0]).toMatchObject({ status: 'CREATING', backupName: 'Dedicated-01_backup3' });
  });

  it('delay: answers normally after the delay, processing at the end', async () => {
    emu.faults.add({ path: createPath(), fault: { kind: 'delay', ms: 80 } });
    const started = performance.now();
    const pending = call('POST', createPath(), { body: { backupType: 'CLUSTER' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(emu.state.backups.size).toBe(2); // not processed yet
    const r = await pending;
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
    expect(r.envelope().code).toBe(0);
    expect(emu.state.backups.size).toBe(3);
  });

  it('redirect: sends Location to another host without processing', async () => {
    emu.faults.add({ path: '/v2/backups', fault: { kind: 'redirect', status: 307, location: 'http://127.0.0.1:9/steal' } });
    const r = await call('GET', '/v2/backups');
    expect(r.status).toBe(307);
    expect(r.headers.get('location')).toBe('http://127.0.0.1:9/steal');
  });

  it('close() is prompt even with a delayed request open', async () => {
    emu.faults.add({ path: '/v2/backups', fault: { kind: 'delay', ms: 60_000 } });
    const pending = call('GET', '/v2/backups').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    await emu.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('admin endpoints and reset', () => {
  const admin = (method: string, path: string, body?: unknown) => call(method, `/__emulator${path}`, { body, key: null });

  it('lists recorded requests, without admin requests', async () => {
    await call('GET', '/v2/backups');
    const r = await admin('GET', '/requests');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject([{ method: 'GET', path: '/v2/backups', authorization: 'valid' }]); // exactly one
    expect(emu.requests).toHaveLength(1);
  });

  it('sets job timing, outcome and describe shape', async () => {
    const r = await admin('POST', '/config', {
      jobDurationMs: 1000,
      jobPendingMs: 0,
      backupAvailableDelayMs: 'Infinity',
      jobOutcome: { status: 'RAW', rawStatus: 'WEIRD' },
      describeBackupShape: 'dbCollections',
    });
    expect(r.json).toMatchObject({ jobDurationMs: 1000, backupAvailableDelayMs: 'Infinity', describeBackupShape: 'dbCollections' });
    const { jobId } = await create();
    expect((await job(jobId)).data.status).toBe('IN_PROGRESS');
    now += 1000;
    expect((await job(jobId)).data.status).toBe('WEIRD');
    expect((await admin('POST', '/config', { jobOutcome: { status: 'NOPE' } })).status).toBe(400);
  });

  it('makes the cluster busy with a running automatic backup over HTTP, and idle again', async () => {
    expect((await admin('POST', '/config', { automaticBackupRunning: true })).json).toMatchObject({ automaticBackupRunning: true });
    const refused = await call('POST', createPath(), { body: collectionBackup(['products']) });
    expect(refused.json).toMatchObject({ code: 96038 });
    expect((await admin('POST', '/config', { automaticBackupRunning: false })).json).toMatchObject({ automaticBackupRunning: false });
    await create();
    expect((await admin('POST', '/config', { automaticBackupRunning: 'yes' })).status).toBe(400);
  });

  it('adds faults, with ^ meaning a RegExp', async () => {
    expect((await admin('POST', '/faults', { path: '^/v2/jobs/', fault: { kind: 'status', status: 504 } })).status).toBe(200);
    expect((await admin('GET', '/faults')).json).toEqual([{ path: '^\\/v2\\/jobs\\/', times: 1, fault: { kind: 'status', status: 504 } }]);
    expect((await call('GET', '/v2/jobs/job-any')).status).toBe(504);
    expect((await admin('POST', '/faults', { fault: { kind: 'drop' } })).status).toBe(400);
  });

  it('resets to the seed over HTTP and in process', async () => {
    await create();
    emu.faults.add({ path: '/x', fault: { kind: 'drop' } });
    emu.setJobOutcome({ status: 'FAILED', reason: 'x' });
    const requests = emu.requests;
    expect((await admin('POST', '/reset')).json).toEqual({ ok: true });
    expect(emu.state.backups.size).toBe(2);
    expect(emu.faults.pending()).toEqual([]);
    expect(requests).toHaveLength(0);
    const again = await create();
    expect(again.backupName).toBe('products_backup3'); // numbering restarts too
    now += 3000;
    expect((await job(again.jobId)).data.status).toBe('SUCCESSFUL');
    emu.reset();
    expect(emu.requests).toHaveLength(0);
    expect(emu.state.jobs.size).toBe(0);
  });
});
