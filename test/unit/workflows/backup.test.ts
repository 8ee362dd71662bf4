// runBackups on a virtual clock against the in-process emulator: plan per database, busy
// clusters, lost answers, reuse. The emulator counts every request, so "exactly one create"
// and "no create" are checked on what reached the server.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, ClusterBusyError, HttpStatusError, JobFailedError, messageOf } from '../../../src/errors.ts';
import { readBackupRequest } from '../../../src/inputs/backup.ts';
import { LOST_ANSWER_LOOK_MS, adoptionCandidates, planBackups, reuseCandidates, runBackups } from '../../../src/workflows/backup.ts';
import type { BackupRecord } from '../../../src/types.ts';
import { DEDICATED_CLUSTER, SEED_AUTO_BACKUP, SEED_MANUAL_BACKUP } from '../../emulator/index.ts';
import { inputs, virtualEmulator, type VirtualSetup } from '../fakes.ts';

/** The setup of the running test; `start` also queues it for closing. */
let s: VirtualSetup;
let opened: VirtualSetup | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

async function start(options?: Parameters<typeof virtualEmulator>[0]): Promise<void> {
  s = opened = await virtualEmulator(options);
}

const CREATE_PATH = `/v2/clusters/${DEDICATED_CLUSTER}/backups/create`;

const EMPTY_LIST = '{"code":0,"data":{"count":0,"currentPage":1,"pageSize":100,"backups":[]}}';

/** The next `times` list calls see no backups at all, as a lagging list would. */
function lagList(times: number): void {
  s.emu.faults.add({ method: 'GET', path: '/v2/backups', times, fault: { kind: 'raw', body: EMPTY_LIST } });
}
const creates = () => s.emu.requests.filter((r) => r.method === 'POST' && r.path === CREATE_PATH);
const lists = () => s.emu.requests.filter((r) => r.path === '/v2/backups');
/** Manual backups the emulator holds beyond the seed's. */
const madeBackups = () => [...s.emu.state.backups.values()].filter((b) => b.backupId !== SEED_AUTO_BACKUP && b.backupId !== SEED_MANUAL_BACKUP);

interface Run {
  records: BackupRecord[];
  /** A copy of the records at each progress update, with the request count at that moment. */
  snapshots: { records: BackupRecord[]; requests: number }[];
  error: unknown;
  /** Other backups of the scope named after a create was sent twice. */
  strays: BackupRecord[];
}

async function run(extra: Record<string, string>): Promise<Run> {
  const request = readBackupRequest(inputs({ 'api-key': s.emu.apiKey, 'cluster-id': DEDICATED_CLUSTER, 'base-url': s.emu.url, ...extra }));
  const snapshots: Run['snapshots'] = [];
  const progress = {
    update: (records: readonly BackupRecord[]) => void snapshots.push({ records: structuredClone([...records]), requests: s.emu.requests.length }),
  };
  const { records, failure, strays = [] } = await runBackups(request, { api: s.api, runtime: s.rt, progress });
  return { records, snapshots, error: failure, strays };
}

/** Makes the cluster busy with a manual backup of our own, as another run would. */
async function otherRunsBackup(): Promise<{ backupId: string; jobId: string }> {
  const other = await s.api.createBackup(DEDICATED_CLUSTER, {
    backupType: 'COLLECTION',
    dbCollections: [{ dbName: 'analytics', collectionNames: ['sessions'] }],
  });
  s.emu.requests.length = 0;
  return other;
}

describe('runBackups: one backup', () => {
  it('a cluster backup: create, ids reported before any waiting, then the job and the backup until AVAILABLE', async () => {
    await start({ jobPendingMs: 2000, jobDurationMs: 20_000, backupAvailableDelayMs: 5000 });
    const { records, snapshots, error } = await run({});
    expect(error).toBeUndefined();
    expect(creates()).toHaveLength(1);
    expect(creates()[0]?.body).toEqual({ backupType: 'CLUSTER' });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ database: undefined, status: 'AVAILABLE' });
    expect(records[0]?.size).toBeGreaterThan(0);
    expect(records[0]?.jobId).toMatch(/^job-/);
    // The first report came right after the create answer, with the ids, before any status request.
    expect(snapshots[0]).toEqual({
      records: [expect.objectContaining({ backupId: records[0]?.backupId, jobId: records[0]?.jobId, status: 'CREATING' })],
      requests: 1,
    });
    expect(snapshots.at(-1)?.records[0]?.status).toBe('AVAILABLE');
    // One line says it is usable, with its size; no second line repeats it.
    const backupLines = s.rt.logger.of('info').filter((line) => line.startsWith(`Backup ${records[0]?.backupId}`));
    expect(backupLines.at(-1)).toMatch(/: AVAILABLE, \d+\.\d MiB \(waited \d+ s\)$/);
    expect(backupLines.filter((line) => line.includes('AVAILABLE'))).toHaveLength(1);
  });

  it('a failed job stops the run with JobFailedError, the record kept', async () => {
    await start();
    s.emu.setJobOutcome({ status: 'FAILED', reason: 'disk full' });
    const { records, error } = await run({ collections: 'medium_articles' });
    expect(error).toBeInstanceOf(JobFailedError);
    expect(records).toHaveLength(1);
    expect(records[0]?.status).toBe('FAILED');
  });

  it('wait: false returns right after the create', async () => {
    await start();
    const { records, error } = await run({ wait: 'false' });
    expect(error).toBeUndefined();
    expect(records[0]?.status).toBe('CREATING');
    expect(s.emu.requests.map((r) => r.method)).toEqual(['POST']);
    expect(s.rt.sleeps).toEqual([]);
  });
});

describe('runBackups: several databases', () => {
  it('two databases: two creates in order, the first waited for before the second', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 15_000 });
    const { records, error } = await run({ collections: 'analytics.events\nmedium_articles, analytics.sessions' });
    expect(error).toBeUndefined();
    const [first, second] = creates();
    expect(first?.body).toEqual({ backupType: 'COLLECTION', dbCollections: [{ dbName: 'analytics', collectionNames: ['events', 'sessions'] }] });
    expect(second?.body).toEqual({ backupType: 'COLLECTION', dbCollections: [{ dbName: 'default', collectionNames: ['medium_articles'] }] });
    expect(creates()).toHaveLength(2);
    // The second create came after the first job's end (15 s after it was made).
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(15_000);
    expect(records.map((r) => [r.database, r.status])).toEqual([
      ['analytics', 'AVAILABLE'],
      ['default', 'AVAILABLE'],
    ]);
    expect(s.rt.logger.of('info')[0]).toContain('span 2 databases');
    expect(s.rt.logger.of('group')).toEqual([
      `Backup 1 of 2: collections events, sessions of database analytics of cluster ${DEDICATED_CLUSTER}`,
      `Backup 2 of 2: collection medium_articles of database default of cluster ${DEDICATED_CLUSTER}`,
    ]);
  });

  it('with wait: false, every backup but the last is still waited for', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 15_000 });
    const { records, error } = await run({ collections: 'analytics.events\nmedium_articles', wait: 'false' });
    expect(error).toBeUndefined();
    expect(records.map((r) => r.status)).toEqual(['AVAILABLE', 'CREATING']);
    expect(creates()).toHaveLength(2);
  });
});

describe('runBackups: a busy cluster', () => {
  it('if-busy: wait waits for the running backup, then creates ours', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 30_000 });
    const other = await otherRunsBackup();
    const otherJob = s.emu.state.jobs.get(other.jobId)!;
    const { records, error } = await run({ collections: 'medium_articles' });
    expect(error).toBeUndefined();
    const [refused, accepted] = creates();
    expect(creates()).toHaveLength(2);
    expect(refused!.at).toBeLessThan(otherJob.createdAt + otherJob.durationMs);
    expect(accepted!.at).toBeGreaterThanOrEqual(otherJob.createdAt + otherJob.durationMs);
    expect(records).toHaveLength(1);
    expect(records[0]?.backupId).not.toBe(other.backupId);
    expect(records[0]?.status).toBe('AVAILABLE');
    expect(s.rt.logger.text()).toContain(`busy with ${other.backupId}`);
    expect(madeBackups()).toHaveLength(2);
  });

  it('if-busy: fail fails at once naming the running backup, after exactly one create', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 30_000 });
    const other = await otherRunsBackup();
    const { records, error } = await run({ collections: 'medium_articles', 'if-busy': 'fail' });
    expect(error).toBeInstanceOf(ClusterBusyError);
    expect(messageOf(error)).toContain(other.backupId);
    expect(messageOf(error)).toContain('if-busy');
    expect(creates()).toHaveLength(1);
    expect(records).toEqual([]);
    expect(s.rt.sleeps).toEqual([]);
  });
});

describe('runBackups: a lost create answer', () => {
  it('connection dropped after the server made the backup: lists, adopts it, never creates a second', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 20_000 });
    s.emu.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'drop-after-handling' } });
    const { records, snapshots, error } = await run({ collections: 'medium_articles, products' });
    expect(error).toBeUndefined();
    expect(creates()).toHaveLength(1);
    expect(madeBackups()).toHaveLength(1);
    const made = madeBackups()[0]!;
    expect(lists().length).toBeGreaterThanOrEqual(1);
    expect(lists()[0]?.query).toMatchObject({ clusterId: DEDICATED_CLUSTER, creationMethod: 'MANUAL', backupType: 'COLLECTION' });
    expect(records).toEqual([expect.objectContaining({ backupId: made.backupId, backupName: made.backupName, jobId: '', status: 'AVAILABLE' })]);
    expect(snapshots[0]?.records[0]?.backupId).toBe(made.backupId);
    expect(s.rt.logger.of('warning')[0]).toContain('no clear answer');
  });

  it('a 502 after the server made the backup: adopts it too', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 20_000 });
    // The gateway answers 502 although the request went through: the backup exists.
    const cluster = s.emu.state.clusters.get(DEDICATED_CLUSTER)!;
    const { backup } = s.emu.state.createManualBackup(cluster, 'CLUSTER', [], []);
    s.emu.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'status', status: 502, body: '<html>Bad Gateway</html>' } });
    const { records, error } = await run({});
    expect(error).toBeUndefined();
    expect(creates()).toHaveLength(1);
    expect(records.map((r) => r.backupId)).toEqual([backup.backupId]);
    expect(madeBackups()).toHaveLength(1);
  });

  it('does not adopt a backup of other collections made meanwhile', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 20_000 });
    const cluster = s.emu.state.clusters.get(DEDICATED_CLUSTER)!;
    const { backup: stranger } = s.emu.state.createManualBackup(cluster, 'COLLECTION', [{ dbName: 'default', collectionName: 'products' }], []);
    s.emu.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'status', status: 503, body: '' } });
    // The stranger's job must end before ours can be created again.
    const { records, error } = await run({ collections: 'medium_articles' });
    expect(error).toBeUndefined();
    expect(records[0]?.backupId).not.toBe(stranger.backupId);
    expect(records[0]?.reused).toBeUndefined();
  });

  it('never adopts an AVAILABLE backup made before the request (beyond the clock-skew allowance): sends again', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 20_000 });
    // An earlier run's cluster backup, finished five minutes ago.
    const cluster = s.emu.state.clusters.get(DEDICATED_CLUSTER)!;
    const { backup: earlier } = s.emu.state.createManualBackup(cluster, 'CLUSTER', [], []);
    earlier.jobId = null;
    earlier.fixedStatus = 'AVAILABLE';
    earlier.createdAt = s.rt.now() - 5 * 60_000;
    s.emu.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'drop' } });
    const { records, error } = await run({});
    expect(error).toBeUndefined();
    expect(records[0]?.backupId).not.toBe(earlier.backupId);
    expect(records[0]?.jobId).toMatch(/^job-/);
    expect(creates()).toHaveLength(2);
    expect(s.rt.logger.text()).toContain('sending it again');
  });

  it('adopts the backup its lost request made even when that backup is already AVAILABLE (a quick job)', async () => {
    // A job that is done the moment it starts: the look after the lost answer finds it AVAILABLE.
    await start({ jobPendingMs: 0, jobDurationMs: 0 });
    s.emu.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'drop-after-handling' } });
    const { records, error } = await run({});
    expect(error).toBeUndefined();
    expect(creates()).toHaveLength(1);
    expect(madeBackups()).toHaveLength(1);
    expect(records).toEqual([expect.objectContaining({ backupId: madeBackups()[0]?.backupId, jobId: '', status: 'AVAILABLE' })]);
    expect(s.rt.logger.text()).toMatch(/Found backup \S+ \([^)]*, AVAILABLE\) made by that request/);
  });

  it('refused as busy after a lost answer: the running backup is ours, adopted instead of waited for', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 200_000 });
    // The first create is handled but its answer lost, and the first look does not see it yet
    // (a lagging list); the second send is refused as busy: the busy backup is ours.
    s.emu.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'drop-after-handling' } });
    // The list lags for every look of the 90-s window (at 0, 1, 3, 6 s, then every 5 s up to 86 s: 20 looks).
    lagList(20);
    const { records, error } = await run({});
    expect(error).toBeUndefined();
    expect(madeBackups()).toHaveLength(1);
    expect(creates()).toHaveLength(2);
    expect(records).toEqual([expect.objectContaining({ backupId: madeBackups()[0]?.backupId, jobId: '', status: 'AVAILABLE' })]);
    expect(s.rt.logger.text()).not.toContain('waiting for it to finish before creating ours');
  });

  it('a short timeout: the looks take at most half of what is left, then the create is sent again; a backup may have been made, and the warning says how to check', async () => {
    // A 1-second timeout: the looks may take half a second, then the create is sent again.
    await start({ jobPendingMs: 1000, jobDurationMs: 20_000, timeoutMs: 1000 });
    s.emu.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'drop-after-handling' } });
    // A list that lags: it never shows the backup the create made.
    lagList(100);
    const { error } = await run({ timeout: '1s' });
    const [first, second] = creates();
    expect(second!.at - first!.at).toBeLessThanOrEqual(500);
    // The second create is refused (the cluster is busy with the first): the refusal stands.
    expect(error).toBeInstanceOf(ApiError);
    expect(s.rt.logger.of('warning').at(-1)).toContain('a backup may have been made');
    expect(s.rt.logger.of('warning').at(-1)).toContain(`/v2/backups?clusterId=${DEDICATED_CLUSTER}&creationMethod=MANUAL`);
  });

  it('a lost answer is looked for LOST_ANSWER_LOOK_MS (90 s) when the timeout allows, not three tries: a backup listed after 60 s is adopted, none sent again', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 200_000 });
    s.emu.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'drop-after-handling' } });
    s.emu.faults.add({ method: 'GET', path: '/v2/backups', forMs: 60_000, fault: { kind: 'raw', body: EMPTY_LIST } });
    const { records, error } = await run({ wait: 'false' });
    expect(error).toBeUndefined();
    expect(creates()).toHaveLength(1);
    expect(madeBackups()).toHaveLength(1);
    expect(records).toEqual([expect.objectContaining({ backupId: madeBackups()[0]?.backupId, jobId: '' })]);
    expect(lists().length).toBeGreaterThan(3);
  });

  it('sent again after a lost answer: the backup the first request made, listed late, is named as a stray, not taken as the gate', async () => {
    // Jobs of 10 s: the first is done before the create is sent again, the second is waited for.
    await start({ jobPendingMs: 0, jobDurationMs: 10_000 });
    // The first create is handled, its answer lost, and the list does not show it for the whole look.
    s.emu.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'drop-after-handling' } });
    s.emu.faults.add({ method: 'GET', path: '/v2/backups', forMs: LOST_ANSWER_LOOK_MS + 1000, fault: { kind: 'raw', body: EMPTY_LIST } });
    const { records, error, strays } = await run({});
    expect(error).toBeUndefined();
    expect(creates()).toHaveLength(2);
    expect(madeBackups()).toHaveLength(2);
    const gate = records[0]?.backupId;
    const other = madeBackups().find((b) => b.backupId !== gate)?.backupId;
    expect(strays.map((r) => r.backupId)).toEqual([other]);
    expect(s.rt.logger.of('warning').some((w) => w.includes(`Backup ${other}`) && w.includes('not this run'))).toBe(true);
  });

  it('after three answers lost with nothing found, stops sending, and says a backup may have been made', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 20_000 });
    s.emu.faults.add({ method: 'POST', path: CREATE_PATH, times: 10, fault: { kind: 'status', status: 503, body: '' } });
    const { error } = await run({});
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(creates()).toHaveLength(3);
    expect(madeBackups()).toHaveLength(0);
    expect(s.rt.logger.of('warning').at(-1)).toContain('a backup may have been made');
  });

  it('nothing found after a 503: sends the create again, once', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 20_000 });
    s.emu.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'status', status: 503, body: '' } });
    const { records, error } = await run({});
    expect(error).toBeUndefined();
    const [first, second] = creates();
    expect(creates()).toHaveLength(2);
    // Between the two sends, the backups were listed.
    expect(lists().some((l) => l.at >= first!.at && l.at <= second!.at)).toBe(true);
    expect(madeBackups()).toHaveLength(1);
    expect(records.map((r) => r.backupId)).toEqual([madeBackups()[0]?.backupId]);
    expect(records[0]?.jobId).toMatch(/^job-/);
    expect(s.rt.logger.text()).toContain('sending it again');
  });
});

describe('runBackups: reuse-if-newer-than', () => {
  it('reuses the newest AVAILABLE backup within the window covering the collections: no create', async () => {
    await start();
    const { records, snapshots, error } = await run({ collections: 'medium_articles', 'reuse-if-newer-than': '1h' });
    expect(error).toBeUndefined();
    expect(creates()).toHaveLength(0);
    expect(records).toEqual([
      expect.objectContaining({
        backupId: SEED_MANUAL_BACKUP,
        jobId: '',
        status: 'AVAILABLE',
        database: 'default',
        reused: expect.objectContaining({ createTime: expect.any(String) }),
      }),
    ]);
    // The seeded manual backup is 30 minutes old on the emulator's clock.
    expect(records[0]?.reused?.ageMs).toBe(30 * 60_000);
    expect(records[0]?.reused?.createTime).toBeTruthy();
    expect(snapshots).toHaveLength(1);
    expect(s.rt.logger.text()).toContain(`Reusing backup ${SEED_MANUAL_BACKUP}`);
  });

  it('of several covering backups within the window, reuses the newest', async () => {
    await start();
    const cluster = s.emu.state.clusters.get(DEDICATED_CLUSTER)!;
    // Two more backups holding medium_articles: 20 and 10 minutes old; the seeded one is 30.
    const made = [20, 10].map((minutesAgo) => {
      const { backup } = s.emu.state.createManualBackup(cluster, 'COLLECTION', [{ dbName: 'default', collectionName: 'medium_articles' }], []);
      backup.jobId = null;
      backup.fixedStatus = 'AVAILABLE';
      backup.createdAt = s.rt.now() - minutesAgo * 60_000;
      return backup;
    });
    const { records, error } = await run({ collections: 'medium_articles', 'reuse-if-newer-than': '1h' });
    expect(error).toBeUndefined();
    expect(creates()).toHaveLength(0);
    expect(records[0]?.backupId).toBe(made[1]?.backupId);
    expect(records[0]?.reused?.ageMs).toBe(10 * 60_000);
  });

  it('reuses the automatic cluster backup for a cluster backup within the window', async () => {
    await start();
    const { records } = await run({ 'reuse-if-newer-than': '4h' });
    expect(creates()).toHaveLength(0);
    expect(records[0]).toMatchObject({ backupId: SEED_AUTO_BACKUP, reused: expect.objectContaining({ createTime: expect.any(String) }) });
  });

  it('misses a backup older than the window and creates one', async () => {
    await start();
    const { records } = await run({ collections: 'medium_articles', 'reuse-if-newer-than': '10m' });
    expect(creates()).toHaveLength(1);
    expect(records[0]?.reused).toBeUndefined();
    expect(records[0]?.backupId).not.toBe(SEED_MANUAL_BACKUP);
  });

  it('misses a backup that does not hold every collection asked for', async () => {
    await start();
    const { records } = await run({ collections: 'medium_articles, products', 'reuse-if-newer-than': '1h' });
    expect(creates()).toHaveLength(1);
    expect(records[0]?.reused).toBeUndefined();
  });

  it('never reuses a backup still CREATING', async () => {
    await start({ jobPendingMs: 1000, jobDurationMs: 2000, backupAvailableDelayMs: Number.POSITIVE_INFINITY });
    const creating = await s.api.createBackup(DEDICATED_CLUSTER, {
      backupType: 'COLLECTION',
      dbCollections: [{ dbName: 'default', collectionNames: ['products'] }],
    });
    s.rt.advance(5000); // its job is over, the backup stays CREATING (and the cluster is free)
    s.emu.requests.length = 0;
    const { records, error } = await run({ collections: 'products', 'reuse-if-newer-than': '1h', wait: 'false' });
    expect(error).toBeUndefined();
    expect(creates()).toHaveLength(1);
    expect(records[0]?.backupId).not.toBe(creating.backupId);
    expect(records[0]?.reused).toBeUndefined();
  });
});

describe('the backup plan: decided from the inputs alone', () => {
  const request = (extra: Record<string, string>) => readBackupRequest(inputs({ 'api-key': 'k', 'cluster-id': DEDICATED_CLUSTER, ...extra }));

  it('one create per database, each waited for but the last when wait is false', () => {
    const steps = planBackups(request({ 'backup-type': 'COLLECTION', collections: 'default.orders, analytics.events', wait: 'false' }));
    expect(steps.map((s) => [s.body.dbCollections, s.wait])).toEqual([
      [[{ dbName: 'default', collectionNames: ['orders'] }], true],
      [[{ dbName: 'analytics', collectionNames: ['events'] }], false],
    ]);
  });

  it('adoption takes running or done backups made since about the send, newest first; reuse only AVAILABLE ones within the window', () => {
    const at = (minutes: number, status: string, backupType = 'CLUSTER') => ({
      backupId: `b${minutes}_${status}`,
      backupName: '',
      backupType,
      creationMethod: 'MANUAL',
      status,
      size: 1,
      clusterId: DEDICATED_CLUSTER,
      createTime: new Date(Date.UTC(2026, 0, 1, 12, minutes)).toISOString(),
      collections: [],
    });
    const noon = Date.UTC(2026, 0, 1, 12, 0);
    const listed = [at(0, 'AVAILABLE'), at(10, 'CREATING'), at(5, 'AVAILABLE'), at(7, 'DELETED'), at(6, 'AVAILABLE', 'COLLECTION')];
    expect(adoptionCandidates(listed, noon + 3 * 60_000).map((b) => b.backupId)).toEqual(['b10_CREATING', 'b6_AVAILABLE', 'b5_AVAILABLE']);
    const cluster = { database: undefined, collections: [] };
    expect(reuseCandidates(listed, cluster, 8 * 60_000, noon + 12 * 60_000).map((b) => b.backupId)).toEqual(['b5_AVAILABLE']);
  });
});
