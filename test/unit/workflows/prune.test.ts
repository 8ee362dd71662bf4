// pruneBackups and pruneAfterBackups on a virtual clock against the in-process emulator (which
// records every request, so "no DELETE" is checked on what reached the server), and with
// typed fakes where a failure is easier to stage than to inject.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, DeleteFailedError, JobFailedError, TooManyDeletionsError, TransportError, messageOf } from '../../../src/errors.ts';
import { collectionScope } from '../../../src/scope.ts';
import type { BackupRecord } from '../../../src/types.ts';
import { keepLastJob, pruneAfterBackups } from '../../../src/workflows/keep-last.ts';
import { deletedRows, pruneBackups, type PruneJob, type PruneRow } from '../../../src/workflows/prune.ts';
import type { BackupInfo } from '../../../src/zilliz/api.ts';
import { DEDICATED_CLUSTER, MIXED_SEED_COUNT, SEED_MANUAL_BACKUP } from '../../emulator/index.ts';
import { BOTH, KEEP_LAST_1, OLDER_THAN_30D, RETENTION_SEEDS, UNTOUCHABLE } from '../../support/retention-seeds.ts';
import { fakeApi, fakeRuntime, recordedProgress, T0, virtualEmulator, type VirtualSetup } from '../fakes.ts';

const DAY = 86_400_000;
let s: VirtualSetup;
let opened: VirtualSetup | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

async function start(options: Parameters<typeof virtualEmulator>[0] = { seedBackups: RETENTION_SEEDS }): Promise<void> {
  s = opened = await virtualEmulator(options);
}

const backupPath = (id: string) => `/v2/clusters/${DEDICATED_CLUSTER}/backups/${id}`;
const DELETE_PATH = new RegExp(`^/v2/clusters/${DEDICATED_CLUSTER}/backups/([^/]+)$`);
const deletes = () => s.emu.requests.filter((r) => r.method === 'DELETE').map((r) => DELETE_PATH.exec(r.path)?.[1]);
const stillThere = (id: string) => {
  const b = s.emu.state.backups.get(id);
  return b !== undefined && !b.deleted;
};
const ids = (rows: readonly PruneRow[]) => rows.map((r) => r.entry.backup.backupId);
const sorted = (list: readonly (string | undefined)[]) => [...list].sort();

function job(rules: PruneJob['ruleSets'][number], extra: Partial<PruneJob> = {}): PruneJob {
  return { clusterId: DEDICATED_CLUSTER, ruleSets: [rules], dryRun: false, maxDeletions: undefined, ...extra };
}

async function prune(j: PruneJob) {
  const progress = recordedProgress<PruneRow>();
  const outcome = await pruneBackups(j, { api: s.api, runtime: s.rt, progress });
  return { ...outcome, progress };
}

describe('pruneBackups against the emulator', () => {
  it('keep-last 1: each scope keeps its newest; AUTO and CREATING are untouched; deletes go oldest first', async () => {
    await start();
    const { records, failure } = await prune(job({ keepLast: 1 }));
    expect(failure).toBeUndefined();
    expect(sorted(ids(deletedRows(records)))).toEqual(sorted(KEEP_LAST_1));
    // One DELETE each, oldest first (by createTime, whatever the list's order).
    const ages = (id: string | undefined) => s.emu.state.backups.get(id ?? '')?.createdAt ?? 0;
    expect(deletes()).toHaveLength(KEEP_LAST_1.length);
    expect(deletes().map(ages)).toEqual([...deletes().map(ages)].sort((a, b) => a - b));
    for (const id of KEEP_LAST_1) expect(stillThere(id), id).toBe(false);
    for (const id of [...UNTOUCHABLE, SEED_MANUAL_BACKUP, 'backup901_c1', 'backup921_mp1', 'backup931_e1']) expect(stillThere(id), id).toBe(true);
    // Every listed backup once, with why it was kept.
    expect(sorted(ids(records))).toEqual(sorted([...RETENTION_SEEDS.map((b) => b.backupId), ...UNTOUCHABLE.slice(3), SEED_MANUAL_BACKUP]));
    const reason = (id: string) => records.find((r) => r.entry.backup.backupId === id)?.entry.reason;
    expect(reason('backup941_auto')).toBe('AUTO');
    expect(reason('backup951_creating')).toBe('CREATING');
    expect(reason('backup901_c1')).toBe('newest N');
  });

  it('older-than 30d alone deletes the old MANUAL AVAILABLE ones of every scope', async () => {
    await start();
    const { records, failure } = await prune(job({ olderThanMs: 30 * DAY }));
    expect(failure).toBeUndefined();
    expect(sorted(ids(deletedRows(records)))).toEqual(sorted(OLDER_THAN_30D));
    expect(sorted(deletes())).toEqual(sorted(OLDER_THAN_30D));
  });

  it('keep-last and older-than together delete only what both select', async () => {
    await start();
    const { records } = await prune(job({ keepLast: 1, olderThanMs: 30 * DAY }));
    expect(sorted(ids(deletedRows(records)))).toEqual(sorted(BOTH));
    expect(records.find((r) => r.entry.backup.backupId === 'backup931_e1')?.entry.reason).toBe('newest N');
    expect(records.find((r) => r.entry.backup.backupId === 'backup902_c2')?.entry.reason).toBe('too recent');
  });

  it('a scope narrows to backups of exactly those collections; backup-type to that type', async () => {
    await start();
    const scoped = await prune(job({ keepLast: 0, scope: collectionScope(DEDICATED_CLUSTER, 'default', ['products', 'medium_articles']) }));
    expect(sorted(deletes())).toEqual(['backup921_mp1', 'backup922_mp2']);
    expect(scoped.records.find((r) => r.entry.backup.backupId === 'backup911_m1')?.entry.reason).toBe('other scope');
    s.emu.requests.length = 0;
    await prune(job({ keepLast: 2, backupType: 'CLUSTER' }));
    expect(sorted(deletes())).toEqual(['backup903_c3', 'backup904_c4']);
  });

  it('more candidates than max-deletions: fails naming the count, and sends no DELETE', async () => {
    await start();
    const { records, failure } = await prune(job({ keepLast: 1 }, { maxDeletions: 3 }));
    expect(failure).toBeInstanceOf(TooManyDeletionsError);
    expect(failure).toMatchObject({ candidates: KEEP_LAST_1.length, maxDeletions: 3 });
    expect(messageOf(failure)).toContain(`max-deletions: ${KEEP_LAST_1.length}`);
    expect(deletes()).toEqual([]);
    expect(records.filter((r) => r.result === 'candidate')).toHaveLength(KEEP_LAST_1.length);
  });

  it('exactly max-deletions candidates are deleted', async () => {
    await start();
    const { failure } = await prune(job({ keepLast: 1 }, { maxDeletions: KEEP_LAST_1.length }));
    expect(failure).toBeUndefined();
    expect(deletes()).toHaveLength(KEEP_LAST_1.length);
  });

  it('dry run: the same candidates, no DELETE sent, nothing deleted; over max-deletions only warns', async () => {
    await start();
    const { records, failure } = await prune(job({ keepLast: 1 }, { dryRun: true, maxDeletions: 2 }));
    expect(failure).toBeUndefined();
    expect(deletes()).toEqual([]);
    expect(deletedRows(records)).toEqual([]);
    expect(sorted(ids(records.filter((r) => r.result === 'candidate')))).toEqual(sorted(KEEP_LAST_1));
    expect(s.rt.logger.of('warning').join('\n')).toContain('max-deletions (2)');
  });

  it('a lost DELETE answer (dropped after handling) is settled by listing: gone counts as deleted', async () => {
    await start();
    s.emu.faults.add({ method: 'DELETE', path: backupPath('backup922_mp2'), times: 1, fault: { kind: 'drop-after-handling' } });
    const { records, failure } = await prune(job({ keepLast: 1, olderThanMs: 30 * DAY }));
    expect(failure).toBeUndefined();
    expect(s.emu.faults.pending()).toEqual([]);
    expect(records.find((r) => r.entry.backup.backupId === 'backup922_mp2')?.result).toBe('already gone');
    expect(sorted(ids(deletedRows(records)))).toEqual(sorted(BOTH));
    expect(stillThere('backup922_mp2')).toBe(false);
    expect(s.rt.logger.text()).toContain('backup922_mp2 (');
    expect(s.rt.logger.text()).toMatch(/no longer listed: already deleted/);
  });

  it('a 502 after the DELETE was carried out is settled the same way', async () => {
    await start();
    s.emu.faults.add({ method: 'DELETE', path: backupPath('backup904_c4'), times: 1, fault: { kind: 'status-after-handling', status: 502 } });
    const { records, failure } = await prune(job({ keepLast: 1, olderThanMs: 30 * DAY }));
    expect(failure).toBeUndefined();
    expect(s.emu.faults.pending()).toEqual([]);
    // The retry of the DELETE finds it gone (the emulator's not-found code, not trusted); the list settles it.
    expect(deletes().filter((id) => id === 'backup904_c4')).toHaveLength(2);
    expect(records.find((r) => r.entry.backup.backupId === 'backup904_c4')?.result).toBe('already gone');
    expect(sorted(ids(deletedRows(records)))).toEqual(sorted(BOTH));
  });

  it('an error envelope on DELETE with the backup still listed fails, and stops before the next one', async () => {
    await start();
    // The oldest candidate is mp2 (50 d); refuse it.
    s.emu.faults.add({ method: 'DELETE', path: backupPath('backup922_mp2'), times: 1, fault: { kind: 'envelope', code: 96027, message: 'refused' } });
    const { records, failure } = await prune(job({ keepLast: 1, olderThanMs: 30 * DAY }));
    expect(failure).toBeInstanceOf(DeleteFailedError);
    expect((failure as DeleteFailedError).cause).toBeInstanceOf(ApiError);
    expect(records.find((r) => r.entry.backup.backupId === 'backup922_mp2')?.result).toBe('failed');
    expect(deletes()).toEqual(['backup922_mp2']);
    expect(stillThere('backup913_m3')).toBe(true);
  });

  it('pages through every backup (152 on two pages) and lists each once', async () => {
    await start({ seedBackups: 'mixed' });
    const { records, failure } = await prune(job({ keepLast: 1 }, { dryRun: true }));
    expect(failure).toBeUndefined();
    expect(records).toHaveLength(MIXED_SEED_COUNT + 2);
    expect(new Set(ids(records)).size).toBe(MIXED_SEED_COUNT + 2);
    const pages = s.emu.requests.filter((r) => r.path === '/v2/backups').map((r) => r.query.currentPage);
    expect(pages).toEqual(['1', '2']);
  });
});

describe('pruneAfterBackups (keep-last on the main action)', () => {
  const record = (backupId: string, status: string, fields: Partial<BackupRecord> = {}): BackupRecord => ({
    database: undefined,
    collections: [],
    backupId,
    backupName: backupId,
    jobId: '',
    status,
    size: 1,
    ...fields,
  });

  it('a run that failed, or did not make every backup, deletes nothing and sends no request', async () => {
    const api = fakeApi({});
    const rt = fakeRuntime();
    const deps = { api, runtime: rt, progress: { update: () => undefined } };
    const run = { clusterId: DEDICATED_CLUSTER, keepLast: 1, targets: 2 };
    const failed = await pruneAfterBackups(run, { records: [record('b1', 'FAILED')], failure: new JobFailedError('job-1', 'FAILED', 'x') }, deps);
    const short = await pruneAfterBackups(run, { records: [record('b1', 'AVAILABLE')], failure: undefined }, deps);
    const creating = await pruneAfterBackups({ ...run, targets: 1 }, { records: [record('b1', 'CREATING')], failure: undefined }, deps);
    for (const outcome of [failed, short, creating]) expect(outcome).toMatchObject({ records: [], skipped: expect.stringContaining('AVAILABLE') });
    expect(api.calls).toEqual([]);
  });

  it("deletes same-scope MANUAL AVAILABLE backups beyond N, never the run's own, never another scope", async () => {
    await start();
    // The run made a new backup of default.medium_articles; the list shows it (as it would).
    const [own] = s.emu.addBackups([
      { backupId: 'backup999_own', backupType: 'COLLECTION', collections: [{ database: 'default', collection: 'medium_articles' }] },
    ]);
    const records = [record(own?.backupId ?? '', 'AVAILABLE', { database: 'default', collections: ['medium_articles'] })];
    const outcome = await pruneAfterBackups(
      { clusterId: DEDICATED_CLUSTER, keepLast: 2, targets: 1 },
      { records, failure: undefined },
      { api: s.api, runtime: s.rt, progress: { update: () => undefined } },
    );
    expect(outcome.failure).toBeUndefined();
    // Kept: own + the newest other (backup2, 30 min). Deleted: m1, m2, m3; CREATING 952 untouched.
    expect(sorted(deletes())).toEqual(['backup911_m1', 'backup912_m2', 'backup913_m3']);
    expect(stillThere('backup999_own')).toBe(true);
    expect(stillThere(SEED_MANUAL_BACKUP)).toBe(true);
    expect(stillThere('backup952_creating')).toBe(true);
    expect(outcome.records.find((r) => r.entry.backup.backupId === 'backup999_own')?.entry.reason).toBe('protected');
  });

  it('keepLastJob: one rule set per backup of the run, each protecting all of them', () => {
    const made = [
      record('b1', 'AVAILABLE', { database: 'default', collections: ['b', 'a'] }),
      record('b2', 'AVAILABLE', { database: 'analytics', collections: ['e'] }),
    ];
    expect(keepLastJob(DEDICATED_CLUSTER, made, 3)).toEqual({
      clusterId: DEDICATED_CLUSTER,
      ruleSets: [
        { scope: collectionScope(DEDICATED_CLUSTER, 'default', ['a', 'b']), keepLast: 3, protect: ['b1', 'b2'] },
        { scope: collectionScope(DEDICATED_CLUSTER, 'analytics', ['e']), keepLast: 3, protect: ['b1', 'b2'] },
      ],
      dryRun: false,
      maxDeletions: undefined,
    });
  });
});

describe('pruneBackups with a fake API', () => {
  const listed = (id: string, days: number): BackupInfo => ({
    backupId: id,
    backupName: `${id}_name`,
    backupType: 'CLUSTER',
    creationMethod: 'MANUAL',
    status: 'AVAILABLE',
    size: 10,
    clusterId: DEDICATED_CLUSTER,
    createTime: new Date(T0 - days * DAY).toISOString(),
    collections: [],
  });

  it('a lost DELETE answer with the backup still listed is a failure, not a deletion', async () => {
    const api = fakeApi({
      listBackups: async () => ({ backups: [listed('b1', 1), listed('b2', 2)], skipped: [] }),
      deleteBackup: async () => {
        throw new TransportError('DELETE /v2/clusters/x/backups/b2', 'socket hang up', true);
      },
    });
    const outcome = await pruneBackups(job({ keepLast: 1 }), { api, runtime: fakeRuntime(), progress: recordedProgress<PruneRow>() });
    expect(outcome.failure).toBeInstanceOf(DeleteFailedError);
    expect(api.calls).toEqual(['listBackups', 'deleteBackup', 'listBackups']);
    expect(deletedRows(outcome.records)).toEqual([]);
  });

  it('tells progress after the plan and after each deletion', async () => {
    const api = fakeApi({
      listBackups: async () => ({ backups: [listed('b1', 1), listed('b2', 2), listed('b3', 3)], skipped: [] }),
      deleteBackup: async (_c, id) => ({ backupId: id, backupName: '' }),
    });
    const progress = recordedProgress<PruneRow>();
    await pruneBackups(job({ keepLast: 1 }), { api, runtime: fakeRuntime(), progress });
    expect(progress.updates.map((rows) => ids(deletedRows(rows)))).toEqual([[], ['b3'], ['b2', 'b3']]);
  });
});
