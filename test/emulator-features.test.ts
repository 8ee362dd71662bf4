// Contract tests of the emulator's published shapes and of the features the upcoming issues need:
// describe shapes, restore everything, DELETE, seeded backups, paging, progress profiles,
// after-handling and timed faults, and the visibility delay. Time is an injected clock.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BACKUP_NOT_DELETABLE_CODE,
  BACKUP_NOT_FOUND_CODE,
  CREATE_FAILED_CODE,
  DEDICATED_CLUSTER,
  INVALID_CURRENT_PAGE_CODE,
  INVALID_PAGE_SIZE_CODE,
  JOB_NOT_FOUND_CODE,
  MIXED_SEED_COUNT,
  RESTORE_FAILED_CODE,
  SECOND_CLUSTER,
  SEED_AUTO_BACKUP,
  SEED_MANUAL_BACKUP,
  startEmulator,
  stepLevels,
} from './emulator/index.ts';
import type { BackupSeed, Emulator, EmulatorOptions, ProgressProfile } from './emulator/index.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');
let now = T0;
let emu: Emulator;

interface Envelope<D = Record<string, unknown>> {
  code: number;
  message?: string;
  data: D;
}

interface Answer {
  status: number;
  text: string;
  json: unknown;
  env<D = Record<string, unknown>>(): Envelope<D>;
}

async function call(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${emu.apiKey}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(emu.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, env: <D>() => json as Envelope<D> };
}

const admin = async (method: string, path: string, body?: unknown): Promise<Answer> => {
  const res = await fetch(`${emu.url}/__emulator${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as unknown, env: <D>() => JSON.parse(text) as Envelope<D> };
};

const backupPath = (backupId: string, cluster = DEDICATED_CLUSTER) => `/v2/clusters/${cluster}/backups/${backupId}`;
const createPath = `/v2/clusters/${DEDICATED_CLUSTER}/backups/create`;
const describeBackup = async (backupId: string) => (await call('GET', backupPath(backupId))).env();
const describeJob = async (jobId: string) => (await call('GET', `/v2/jobs/${jobId}`)).env<{ status: string; progress: string }>();
interface Listed {
  backupId: string;
  backupType: string;
  creationMethod: string;
  status: string;
  size: number;
}
const list = async (query: string) => (await call('GET', `/v2/backups${query}`)).env<{ count: number; backups: Listed[] }>();
async function create(body: unknown = { backupType: 'CLUSTER' }) {
  const r = await call('POST', createPath, body);
  expect(r.json).toMatchObject({ code: 0 });
  return r.env<{ backupId: string; jobId: string }>().data;
}

const sample = (name: string): unknown => JSON.parse(readFileSync(new URL(`./emulator/samples/${name}`, import.meta.url), 'utf8'));

/** Field names and JSON types, recursively (an array by its first element): what "the same shape" means. */
function shapeOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? [] : [shapeOf(v[0])];
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, shapeOf(x)]),
    );
  }
  return v === null ? 'null' : typeof v;
}

async function restart(opts: EmulatorOptions): Promise<void> {
  await emu.close();
  emu = await startEmulator({ clock: () => now, ...opts });
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

describe('describe backup answers in the published shapes', () => {
  it('default (both): the published both-fields shape, the two fields naming the same collections, default db "default"', async () => {
    const answer = await describeBackup(SEED_AUTO_BACKUP);
    expect(shapeOf(answer)).toEqual(shapeOf(sample('backups-describe-both-collections-and-dbcollections-zdoccn-guide-manage-backup-files.json')));
    const data = answer.data as { collections: { collectionName: string }[]; dbCollections: { dbName: string; collections: { collectionName: string }[] }[] };
    const flat = data.collections.map((c) => c.collectionName);
    const grouped = data.dbCollections.flatMap((g) => g.collections.map((c) => c.collectionName));
    expect(grouped).toEqual(flat);
    expect(flat).toEqual(['medium_articles', 'products', 'events', 'sessions']);
    expect(data.dbCollections.map((g) => g.dbName)).toEqual(['default', 'analytics']);
    expect(typeof answer.data['size']).toBe('number');
  });

  it('describeDefaultDbName "" names the default database "" (option, admin config, reset keeps the option)', async () => {
    await restart({ describeDefaultDbName: '' });
    const dbNames = async () => ((await describeBackup(SEED_AUTO_BACKUP)).data['dbCollections'] as { dbName: string }[]).map((g) => g.dbName);
    expect(await dbNames()).toEqual(['', 'analytics']);
    expect((await admin('POST', '/config', { describeDefaultDbName: 'default' })).json).toMatchObject({ describeDefaultDbName: 'default' });
    expect(await dbNames()).toEqual(['default', 'analytics']);
    emu.reset();
    expect(await dbNames()).toEqual(['', 'analytics']);
    expect((await admin('POST', '/config', { describeDefaultDbName: 'main' })).status).toBe(400);
  });

  it('flat: the published flat shape (option describeBackupShape, kept across reset)', async () => {
    await restart({ describeBackupShape: 'flat' });
    const answer = await describeBackup(SEED_AUTO_BACKUP);
    expect(shapeOf(answer)).toEqual(shapeOf(sample('backups-describe-flat-collections-en-zdoc-reference.json')));
    emu.reset();
    expect((await describeBackup(SEED_AUTO_BACKUP)).data['dbCollections']).toBeUndefined();
    await expect(startEmulator({ describeBackupShape: 'nested' as 'flat' })).rejects.toThrow(/describeBackupShape/);
  });

  it('an AUTO backup seeded with no collections: collections [] and size 0, as published', async () => {
    const [added] = (await admin('POST', '/backups', { creationMethod: 'AUTO', collections: [], size: 0, ageSeconds: 3600 })).json as { backupId: string }[];
    const both = await describeBackup(added!.backupId);
    expect(both.data).toMatchObject({ creationMethod: 'AUTO', backupType: 'CLUSTER', status: 'AVAILABLE', size: 0, collections: [], dbCollections: [] });
    emu.state.describeBackupShape = 'flat';
    const flat = await describeBackup(added!.backupId);
    // The published example of this case carries no restoreNewInstancePolicies; other CLUSTER examples do.
    delete flat.data['restoreNewInstancePolicies'];
    expect(shapeOf(flat)).toEqual(shapeOf(sample('backups-describe-auto-empty-collections-zdoc-guide-manage-backup-files.json')));
  });

  it('list, delete, restore and job answers have the published shapes', async () => {
    const listed = await list('?pageSize=10');
    const published = sample('backups-list-count10-creating-zdoc-guide-view-snapshot-details.json') as Envelope<{ backups: unknown[] }>;
    expect(shapeOf(listed)).toEqual(shapeOf(published));
    const restore = await call('POST', `${backupPath(SEED_AUTO_BACKUP)}/restoreCollection`, { destClusterId: SECOND_CLUSTER });
    expect(shapeOf(restore.json)).toEqual(shapeOf(sample('backups-restoreCollection-success-zdoc-reference.json')));
    now += 3000;
    const job = await describeJob(restore.env<{ jobId: string }>().data.jobId);
    expect(shapeOf(job)).toEqual(shapeOf(sample('jobs-describe-success-zdoc-reference.json')));
    const deleted = await call('DELETE', backupPath(SEED_MANUAL_BACKUP));
    expect(shapeOf(deleted.json)).toEqual(shapeOf(sample('backups-delete-success-zdoc-reference.json')));
  });
});

describe('restore collection: documented bodies', () => {
  const restorePath = (backupId = SEED_AUTO_BACKUP) => `${backupPath(backupId)}/restoreCollection`;
  const collectionsOf = (cluster: string) =>
    [...(emu.state.clusters.get(cluster)?.databases ?? [])].flatMap(([db, cs]) => [...cs].map(([name, load]) => `${db}.${name}:${load}`));

  it('{destClusterId} alone restores every collection, UNLOADED, as one job (missing databases are created)', async () => {
    const body = { ...(sample('request-backups-restoreCollection-all-collections-implied-by-zdoc-reference.json') as object), destClusterId: SECOND_CLUSTER };
    const r = await call('POST', restorePath(), body);
    expect(r.env().code).toBe(0);
    expect(emu.state.jobs.size).toBe(1);
    expect(collectionsOf(SECOND_CLUSTER)).toEqual(['default.orders:LOADED']); // nothing until the job succeeds
    now += 3000;
    expect((await describeJob(r.env<{ jobId: string }>().data.jobId)).data.status).toBe('SUCCESSFUL');
    expect(collectionsOf(SECOND_CLUSTER)).toEqual([
      'default.orders:LOADED',
      'default.medium_articles:UNLOADED',
      'default.products:UNLOADED',
      'analytics.events:UNLOADED',
      'analytics.sessions:UNLOADED',
    ]);
  });

  it('restoring everything where a collection already exists is refused with 96039, nothing started', async () => {
    const r = await call('POST', restorePath(), { destClusterId: DEDICATED_CLUSTER });
    expect(r.env().code).toBe(RESTORE_FAILED_CODE);
    expect(emu.state.jobs.size).toBe(0);
  });

  it('a backup that lists no collections: the job succeeds and nothing appears', async () => {
    const [added] = (await admin('POST', '/backups', { creationMethod: 'AUTO', collections: [] })).json as { backupId: string }[];
    const before = collectionsOf(SECOND_CLUSTER);
    const r = await call('POST', restorePath(added!.backupId), { destClusterId: SECOND_CLUSTER });
    now += 3000;
    expect((await describeJob(r.env<{ jobId: string }>().data.jobId)).data.status).toBe('SUCCESSFUL');
    expect(collectionsOf(SECOND_CLUSTER)).toEqual(before);
  });

  it('the documented body without dbName restores from the default database', async () => {
    const body = { ...(sample('request-backups-restoreCollection-no-dbname-zdoc-reference.json') as object), destClusterId: DEDICATED_CLUSTER };
    expect((await call('POST', restorePath(SEED_MANUAL_BACKUP), body)).env().code).toBe(0);
    now += 3000;
    await list('');
    expect(emu.state.clusters.get(DEDICATED_CLUSTER)?.databases.get('default')?.get('restore_medium_articles')).toBe('LOADED');
  });
});

describe('delete backup', () => {
  it('answers {backupId, backupName}; the backup is then gone from describe, list and delete; the DELETE is recorded', async () => {
    const r = await call('DELETE', backupPath(SEED_AUTO_BACKUP));
    expect(r.json).toEqual({ code: 0, data: { backupId: SEED_AUTO_BACKUP, backupName: 'Dedicated-01_backup1' } });
    expect((await describeBackup(SEED_AUTO_BACKUP)).code).toBe(BACKUP_NOT_FOUND_CODE);
    expect((await list('?pageSize=100')).data.backups.map((b) => b.backupId)).toEqual([SEED_MANUAL_BACKUP]);
    expect((await call('DELETE', backupPath(SEED_AUTO_BACKUP))).env().code).toBe(BACKUP_NOT_FOUND_CODE);
    expect(emu.requests.filter((q) => q.method === 'DELETE').map((q) => q.path)).toEqual([backupPath(SEED_AUTO_BACKUP), backupPath(SEED_AUTO_BACKUP)]);
  });

  it('refuses a CREATING backup with BACKUP_NOT_DELETABLE_CODE and keeps it', async () => {
    const { backupId } = await create();
    const r = await call('DELETE', backupPath(backupId));
    expect(r.status).toBe(200);
    expect(r.env().code).toBe(BACKUP_NOT_DELETABLE_CODE);
    expect(r.env().data).toBeUndefined();
    expect((await describeBackup(backupId)).data['status']).toBe('CREATING');
    now += 3000;
    expect((await call('DELETE', backupPath(backupId))).env().code).toBe(0);
  });
});

describe('seeded backups', () => {
  const seeds: BackupSeed[] = [
    {
      backupId: 'backup900_custom',
      backupName: 'my_backup',
      backupType: 'COLLECTION',
      createTime: '2026-02-01T00:00:00Z',
      size: 1234,
      collections: [{ database: 'analytics', collection: 'events' }],
    },
    { clusterId: SECOND_CLUSTER, status: 'CREATING', ageSeconds: 60, size: 99 },
  ];

  it('startEmulator seedBackups: each field is used, and reset brings them back', async () => {
    await restart({ seedBackups: seeds });
    const custom = (await describeBackup('backup900_custom')).data;
    expect(custom).toMatchObject({
      backupName: 'my_backup',
      backupType: 'COLLECTION',
      creationMethod: 'MANUAL',
      status: 'AVAILABLE',
      size: 1234,
      createTime: '2026-02-01T00:00:00Z',
      expireTime: '',
      dbCollections: [{ dbName: 'analytics', collections: [{ collectionName: 'events', description: '', status: 'LOADED' }] }],
    });
    const second = (await list(`?clusterId=${SECOND_CLUSTER}`)).data.backups;
    expect(second).toEqual([expect.objectContaining({ backupType: 'CLUSTER', status: 'CREATING', size: 0, createTime: '2026-03-01T11:59:00Z' })]);
    await call('DELETE', backupPath('backup900_custom'));
    emu.reset();
    expect((await describeBackup('backup900_custom')).code).toBe(0);
  });

  it('POST /__emulator/backups adds one or an array at run time, all or nothing', async () => {
    const one = await admin('POST', '/backups', { creationMethod: 'AUTO', ageSeconds: 10 });
    expect(one.json).toEqual([
      {
        backupId: expect.stringMatching(/^backup3_[0-9a-f]{12}$/),
        backupName: 'Dedicated-01_backup3',
        clusterId: DEDICATED_CLUSTER,
        createTime: '2026-03-01T11:59:50Z',
      },
    ]);
    expect((await admin('POST', '/backups', seeds)).json).toHaveLength(2);
    expect((await list('?pageSize=100')).data.count).toBe(5);
    for (const bad of [
      [{ status: 'FAILED' }],
      [{ ageSeconds: 1 }, { clusterId: 'in01-00000000000000a' }],
      [{ backupId: SEED_AUTO_BACKUP }],
      { createTime: 'yesterday' },
    ]) {
      expect((await admin('POST', '/backups', bad)).status).toBe(400);
    }
    expect((await list('?pageSize=100')).data.count).toBe(5);
    const [inProcess] = emu.addBackups([{ backupType: 'COLLECTION', status: 'CREATING' }]);
    expect((await describeBackup(inProcess!.backupId)).data).toMatchObject({ backupType: 'COLLECTION', status: 'CREATING', size: 0 });
    expect(() => emu.addBackups([{ size: -1 }])).toThrow(/size/);
  });

  it(`mixed: ${MIXED_SEED_COUNT} more on the Dedicated cluster, paged by 100, every kind present, all usable`, async () => {
    await restart({ seedBackups: 'mixed' });
    const q = `?clusterId=${DEDICATED_CLUSTER}&pageSize=100`;
    const pages = [await list(`${q}&currentPage=1`), await list(`${q}&currentPage=2`), await list(`${q}&currentPage=3`)];
    const total = MIXED_SEED_COUNT + 2;
    expect(pages.map((p) => [p.data.count, p.data.backups.length])).toEqual([
      [total, 100],
      [total, total - 100],
      [total, 0],
    ]);
    const all = pages.flatMap((p) => p.data.backups);
    expect(new Set(all.map((b) => b.backupId)).size).toBe(total);
    const kinds = new Set(all.map((b) => `${b.creationMethod}/${b.backupType}/${b.status}`));
    for (const kind of ['AUTO/CLUSTER/AVAILABLE', 'MANUAL/CLUSTER/AVAILABLE', 'MANUAL/COLLECTION/AVAILABLE', 'MANUAL/COLLECTION/CREATING'])
      expect(kinds).toContain(kind);
    expect(all.some((b) => b.creationMethod === 'AUTO' && b.size === 0 && b.status === 'AVAILABLE')).toBe(true);
    // Seeded CREATING manual backups have no job: the cluster is not busy, a create works.
    await create();
    const oldest = all.at(-1)!;
    expect((await describeBackup(oldest.backupId)).code).toBe(0);
    expect((await call('DELETE', backupPath(oldest.backupId))).env().code).toBe(0);
    expect((await list(q)).data.count).toBe(total); // one deleted, one created
    // Over HTTP too, and the same backups each time.
    await admin('POST', '/reset');
    const again = await admin('POST', '/backups', 'mixed');
    expect(again.json).toHaveLength(MIXED_SEED_COUNT);
  });
});

describe('listing', () => {
  it('pageSize 1–100 (else 96008), currentPage ≥ 1 (else 96009); only CREATING and AVAILABLE listed', async () => {
    expect((await list('?pageSize=100')).code).toBe(0);
    expect((await list('?pageSize=1&currentPage=2')).data.backups.map((b) => b.backupId)).toEqual([SEED_AUTO_BACKUP]);
    expect((await list('?pageSize=101')).code).toBe(INVALID_PAGE_SIZE_CODE);
    expect((await list('?currentPage=-1')).code).toBe(INVALID_CURRENT_PAGE_CODE);
    emu.setJobOutcome({ status: 'FAILED', reason: 'x' });
    await create();
    now += 3000;
    await call('DELETE', backupPath(SEED_MANUAL_BACKUP));
    expect((await list('?pageSize=100')).data.backups.map((b) => b.backupId)).toEqual([SEED_AUTO_BACKUP]);
  });
});

describe('progress profiles', () => {
  /** Readings every 1 % of the job's IN_PROGRESS time (job 0–10 s, PENDING 0–1 s), then the final one. */
  async function readings(profile: ProgressProfile, via: 'option' | 'admin' = 'option'): Promise<{ jobId: string; inProgress: number[]; final: string[] }> {
    if (via === 'option') await restart({ progressProfile: profile, jobDurationMs: 10_000, jobPendingMs: 1000 });
    else await admin('POST', '/config', { progressProfile: profile, jobDurationMs: 10_000, jobPendingMs: 1000 });
    const { jobId } = await create();
    const inProgress: number[] = [];
    for (let t = 1000; t < 10_000; t += 90) {
      now = T0 + t;
      const d = (await describeJob(jobId)).data;
      expect(d.status).toBe('IN_PROGRESS');
      expect(d.progress).toMatch(/^\d+$/);
      inProgress.push(Number(d.progress));
    }
    now = T0 + 10_000;
    const d = (await describeJob(jobId)).data;
    return { jobId, inProgress, final: [d.status, d.progress] };
  }
  const jumps = (xs: number[]) => xs.slice(1).map((x, i) => x - xs[i]!);

  it('steady (default): rises, never falls, 1–99 while running', async () => {
    const r = await readings('steady');
    expect(jumps(r.inProgress).every((j) => j >= 0)).toBe(true);
    expect([Math.min(...r.inProgress), Math.max(...r.inProgress)]).toEqual([1, 99]);
    expect(r.final).toEqual(['SUCCESSFUL', '100']);
  });

  it('slow-start: at most 10 % in the first half, then rising steadily to the high 90s', async () => {
    const r = await readings('slow-start');
    const half = r.inProgress.slice(0, 50);
    expect(Math.max(...half)).toBeLessThanOrEqual(10);
    expect(jumps(r.inProgress).every((j) => j >= 0)).toBe(true);
    expect(r.inProgress.at(-1)).toBeGreaterThanOrEqual(95);
    expect(r.final).toEqual(['SUCCESSFUL', '100']);
  });

  it('steps: a few levels, each jump (the last to 100 too) 20–50 points', async () => {
    const r = await readings('steps', 'admin');
    const levels = [...new Set(r.inProgress)];
    expect(levels).toEqual(stepLevels(r.jobId));
    expect(levels.length).toBeGreaterThanOrEqual(2);
    for (const j of jumps([...levels, 100])) expect(j >= 20 && j <= 50, `jump ${j} in ${levels.join(',')}`).toBe(true);
    expect(r.final).toEqual(['SUCCESSFUL', '100']);
  });

  it('uneven-steps: the levels of steps, held for unequal times', async () => {
    const r = await readings('uneven-steps');
    const levels = [...new Set(r.inProgress)];
    expect(levels).toEqual(stepLevels(r.jobId));
    const held = levels.map((level) => r.inProgress.filter((p) => p === level).length);
    expect(Math.max(...held)).toBeGreaterThan(Math.min(...held) + 5);
    expect(jumps(r.inProgress).every((j) => j >= 0)).toBe(true);
    expect(r.final).toEqual(['SUCCESSFUL', '100']);
  });

  it('stall: no change through the middle third, rising before and after', async () => {
    const r = await readings('stall');
    const middle = r.inProgress.slice(34, 66);
    expect(new Set(middle).size).toBe(1);
    expect(r.inProgress[10]!).toBeLessThan(middle[0]!);
    expect(r.inProgress[90]!).toBeGreaterThan(middle[0]!);
    expect(r.final).toEqual(['SUCCESSFUL', '100']);
  });

  it('always-zero: "0" until the end, then 100', async () => {
    const r = await readings('always-zero');
    expect(new Set(r.inProgress)).toEqual(new Set([0]));
    expect(r.final).toEqual(['SUCCESSFUL', '100']);
  });

  it('non-monotone: some readings go backwards; the same instant always reads the same', async () => {
    const r = await readings('non-monotone');
    expect(jumps(r.inProgress).filter((j) => j < 0).length).toBeGreaterThanOrEqual(3);
    expect(r.final).toEqual(['SUCCESSFUL', '100']);
    now = T0 + 5000;
    const a = (await describeJob(r.jobId)).data.progress;
    expect((await describeJob(r.jobId)).data.progress).toBe(a);
  });

  it('refuses an unknown profile', async () => {
    expect((await admin('POST', '/config', { progressProfile: 'random' })).status).toBe(400);
    await expect(startEmulator({ progressProfile: 'random' as ProgressProfile })).rejects.toThrow(/progressProfile/);
  });
});

describe('faults for lost answers and hostile networks', () => {
  const backupsMade = () => [...emu.state.backups.values()].filter((b) => b.jobId !== null).length;

  it('truncate-after-handling: the backup is created, the 200 body is cut short', async () => {
    emu.faults.add({ path: createPath, fault: { kind: 'truncate-after-handling' } });
    await expect(call('POST', createPath, { backupType: 'CLUSTER' })).rejects.toThrow();
    expect(backupsMade()).toBe(1);
    expect((await call('POST', createPath, { backupType: 'CLUSTER' })).env().code).toBe(CREATE_FAILED_CODE); // busy: it really exists
  });

  it('status-after-handling: the backup is created, the answer is a 504 HTML page', async () => {
    emu.faults.add({ path: createPath, fault: { kind: 'status-after-handling', status: 504, body: '<html>Gateway Timeout</html>' } });
    const r = await call('POST', createPath, { backupType: 'CLUSTER' });
    expect([r.status, r.text, r.json]).toEqual([504, '<html>Gateway Timeout</html>', undefined]);
    expect(backupsMade()).toBe(1);
    expect((await list('?creationMethod=MANUAL')).data.backups.map((b) => b.status)).toEqual(['CREATING', 'AVAILABLE']);
  });

  it('hang-after-handling: the backup is created, no answer comes; close() is prompt', async () => {
    emu.faults.add({ path: createPath, fault: { kind: 'hang-after-handling' } });
    await expect(call('POST', createPath, { backupType: 'CLUSTER' }, AbortSignal.timeout(150))).rejects.toThrow();
    expect(backupsMade()).toBe(1);
    emu.faults.add({ path: '/v2/backups', fault: { kind: 'hang-after-handling' } });
    const pending = call('GET', '/v2/backups').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 30));
    const started = performance.now();
    await emu.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('patch-after-handling: the backup is created, the answer carries the patched fields and headers', async () => {
    emu.faults.add({
      path: createPath,
      fault: { kind: 'patch-after-handling', data: { backupName: 'x\n::error::y', backupId: '..' }, headers: { requestid: 'r-1' } },
    });
    const r = await call('POST', createPath, { backupType: 'CLUSTER' });
    const data = r.env<{ backupId: string; backupName: string; jobId: string }>().data;
    expect([data.backupId, data.backupName, data.jobId.startsWith('job-')]).toEqual(['..', 'x\n::error::y', true]);
    expect(backupsMade()).toBe(1);
  });

  it('late-listing: a new backup is listed only after ms, though describe finds it at once', async () => {
    emu.faults.add({ path: '/v2/backups', times: 3, fault: { kind: 'late-listing', ms: 5000 } });
    const { backupId } = await create();
    const listed = async () => (await list('?creationMethod=MANUAL')).data.backups.map((b) => b.backupId);
    expect(await listed()).not.toContain(backupId);
    expect((await call('GET', `/v2/clusters/${DEDICATED_CLUSTER}/backups/${backupId}`)).env().code).toBe(0);
    now += 5000;
    expect(await listed()).toContain(backupId);
  });

  it('endless-list: every page is full of backups no other page has', async () => {
    emu.faults.add({ path: '/v2/backups', times: 2, fault: { kind: 'endless-list' } });
    const ids = async (page: number) =>
      (await call('GET', `/v2/backups?clusterId=${DEDICATED_CLUSTER}&pageSize=100&currentPage=${page}`))
        .env<{ backups: { backupId: string }[] }>()
        .data.backups.map((b) => b.backupId);
    const [one, two] = [await ids(1), await ids(2)];
    expect([one.length, two.length]).toEqual([100, 100]);
    expect(one.filter((id) => two.includes(id))).toEqual([]);
  });

  it('forMs: a 30-second 429 storm is one rule, timed from its first match', async () => {
    emu.faults.add({ path: '/v2/backups', fault: { kind: 'status', status: 429, headers: { 'retry-after': '2' } }, forMs: 30_000 });
    now += 100_000; // time before the first match does not count
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      if (i > 0) now += 7000; // 0, 7, 14, 21, 28 s after the first match
      statuses.push((await call('GET', '/v2/backups')).status);
    }
    expect(statuses).toEqual([429, 429, 429, 429, 429]);
    expect(emu.faults.pending()).toHaveLength(1);
    now += 2000; // 30 s after the first match
    expect((await call('GET', '/v2/backups')).status).toBe(200);
    expect(emu.faults.pending()).toEqual([]);
  });

  it('forMs over the admin endpoint; not together with times', async () => {
    const rule = { path: '/v2/backups', fault: { kind: 'status', status: 429 }, forMs: 1000 };
    expect((await admin('POST', '/faults', rule)).json).toEqual([rule]);
    expect((await admin('POST', '/faults', { ...rule, times: 2 })).status).toBe(400);
    expect((await admin('POST', '/faults', { ...rule, forMs: 0 })).status).toBe(400);
    expect((await admin('POST', '/faults', { path: '/x', fault: { kind: 'status-after-handling' } })).status).toBe(400);
  });

  it('raw covers a non-JSON 200', async () => {
    emu.faults.add({ path: '/v2/backups', fault: { kind: 'raw', status: 200, body: '<html>oops</html>', contentType: 'text/html' } });
    const res = await fetch(`${emu.url}/v2/backups`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
    expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([200, 'text/html', '<html>oops</html>']);
  });
});

describe('eventual consistency: visibilityDelayMs', () => {
  it('a new job and backup are not found and not listed until the delay has passed', async () => {
    await restart({ visibilityDelayMs: 2000 });
    const { backupId, jobId } = await create({ backupType: 'COLLECTION', dbCollections: [{ collectionNames: ['products'] }] });
    expect((await describeJob(jobId)).code).toBe(JOB_NOT_FOUND_CODE);
    expect((await describeBackup(backupId)).code).toBe(BACKUP_NOT_FOUND_CODE);
    expect((await list('?pageSize=100')).data.backups.map((b) => b.backupId)).not.toContain(backupId);
    expect((await call('POST', createPath, { backupType: 'CLUSTER' })).env().code).toBe(CREATE_FAILED_CODE); // it exists: busy
    now += 1999;
    expect((await describeJob(jobId)).code).toBe(JOB_NOT_FOUND_CODE);
    now += 1;
    expect((await describeJob(jobId)).data.status).toBe('IN_PROGRESS');
    expect((await describeBackup(backupId)).data['status']).toBe('CREATING');
    expect((await list('?pageSize=100')).data.backups.map((b) => b.backupId)).toContain(backupId);
  });

  it('is set over the admin config too (for jobs and backups created afterwards)', async () => {
    expect((await admin('POST', '/config', { visibilityDelayMs: 500 })).json).toMatchObject({ visibilityDelayMs: 500 });
    const { jobId } = await create();
    expect((await describeJob(jobId)).code).toBe(JOB_NOT_FOUND_CODE);
    now += 500;
    expect((await describeJob(jobId)).code).toBe(0);
    expect((await admin('POST', '/config', { visibilityDelayMs: -1 })).status).toBe(400);
  });
});
