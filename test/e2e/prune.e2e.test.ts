// The prune sub-action, built (dist/prune/index.js) and run as the runner does, against the
// emulator seeded with backups of several scopes, methods, statuses and ages (see
// test/support/retention-seeds.ts for which rule selects which).
import { describe, expect, it } from 'vitest';
import { DEDICATED_CLUSTER, MIXED_SEED_COUNT, SEED_MANUAL_BACKUP } from '../emulator/index.ts';
import { BOTH, KEEP_LAST_1, OLDER_THAN_30D, RETENTION_SEEDS, UNTOUCHABLE } from '../support/retention-seeds.ts';
import { useEmulator } from './emulator-fixture.ts';
import { runAction, type ActionRun } from './harness.ts';
import { errorMessage, expectKeyHidden } from './helpers.ts';

const fx = useEmulator({ seedBackups: RETENTION_SEEDS });

interface PrunedEntry {
  backupId: string;
  backupName: string;
  backupType: string;
  createTime: string;
  size: number | null;
  scope: { clusterId: string; backupType: string; database?: string; collections?: string[] };
}

const SIZES = new Map(RETENTION_SEEDS.map((b) => [b.backupId ?? '', b.size ?? 0]));
const sorted = (list: readonly string[]) => [...list].sort();

function entries(run: ActionRun, name: 'candidates' | 'deleted'): PrunedEntry[] {
  const value: unknown = JSON.parse(run.outputs[name] ?? 'null');
  expect(Array.isArray(value), `${name} output is a JSON array: ${run.outputs[name]}`).toBe(true);
  return value as PrunedEntry[];
}
const idsOf = (list: PrunedEntry[]) => list.map((e) => e.backupId);

const DELETE_PATH = new RegExp(`^/v2/clusters/${DEDICATED_CLUSTER}/backups/([^/]+)$`);
const deletes = () => fx.emulator.requests.filter((r) => r.method === 'DELETE').map((r) => DELETE_PATH.exec(r.path)?.[1] ?? '');
const exists = (id: string) => {
  const b = fx.emulator.state.backups.get(id);
  return b !== undefined && !b.deleted;
};

async function prune(inputs: Record<string, string>): Promise<ActionRun> {
  const run = await runAction(fx.inputs(inputs), { bundle: 'prune' });
  expectKeyHidden(run, fx.emulator.apiKey);
  return run;
}

/** Every backup the cluster listed appears exactly once in the summary table. */
function expectEveryBackupOnce(run: ActionRun, listed: readonly string[]): void {
  for (const id of listed) expect(run.summary.split(`<code>${id}</code>`).length - 1, id).toBe(1);
}

const ALL_LISTED = [...RETENTION_SEEDS.map((b) => b.backupId ?? ''), SEED_MANUAL_BACKUP, 'backup1_a1b2c3d4e5f6'];

describe('prune sub-action', () => {
  it('keep-last 1: every scope keeps its newest; AUTO and CREATING untouched; outputs, log and summary say what went', async () => {
    const run = await prune({ 'keep-last': '1' });
    expect(run.exitCode, run.stdout).toBe(0);
    const deleted = entries(run, 'deleted');
    expect(sorted(idsOf(deleted))).toEqual(sorted(KEEP_LAST_1));
    expect(sorted(idsOf(entries(run, 'candidates')))).toEqual(sorted(KEEP_LAST_1));
    expect(sorted(deletes())).toEqual(sorted(KEEP_LAST_1));
    // Oldest first.
    expect(deleted.map((e) => Date.parse(e.createTime))).toEqual(deleted.map((e) => Date.parse(e.createTime)).sort((a, b) => a - b));
    for (const id of KEEP_LAST_1) expect(exists(id), id).toBe(false);
    for (const id of [...UNTOUCHABLE, SEED_MANUAL_BACKUP, 'backup901_c1', 'backup921_mp1', 'backup931_e1']) expect(exists(id), id).toBe(true);
    expect(run.outputs['deleted-count']).toBe(String(KEEP_LAST_1.length));
    const freed = KEEP_LAST_1.reduce((sum, id) => sum + (SIZES.get(id) ?? 0), 0);
    expect(run.outputs['freed-bytes']).toBe(String(freed));
    // The fields, and the scope of a collection backup (order of collections normalised).
    expect(deleted.find((e) => e.backupId === 'backup922_mp2')).toMatchObject({
      backupType: 'COLLECTION',
      size: 20,
      scope: { clusterId: DEDICATED_CLUSTER, backupType: 'COLLECTION', database: 'default', collections: ['medium_articles', 'products'] },
    });
    expectEveryBackupOnce(run, ALL_LISTED);
    expect(run.summary).toMatch(/automatic backup: never deleted/);
    expect(run.summary).toMatch(/still CREATING: never deleted/);
    // The same table in the log, one line per backup.
    for (const id of ALL_LISTED)
      expect(
        run.stdout.split('\n').filter((line) => line.startsWith(`${id} `)),
        id,
      ).toHaveLength(1);
    expect(run.stdout).toContain(`${KEEP_LAST_1.length} deleted`);
  });

  it('older-than 30d alone, and with keep-last 1 only what both select', async () => {
    const old = await prune({ 'older-than': '30d', 'max-deletions': '10' });
    expect(old.exitCode, old.stdout).toBe(0);
    expect(sorted(idsOf(entries(old, 'deleted')))).toEqual(sorted(OLDER_THAN_30D));
    fx.emulator.reset();
    const both = await prune({ 'keep-last': '1', 'older-than': '30d' });
    expect(both.exitCode, both.stdout).toBe(0);
    expect(sorted(idsOf(entries(both, 'deleted')))).toEqual(sorted(BOTH));
    // e1 is old but the newest of its scope; c2 is beyond N but recent.
    expect(exists('backup931_e1')).toBe(true);
    expect(exists('backup902_c2')).toBe(true);
  });

  it('collections narrows to exactly that scope; backup-type to that type', async () => {
    const scoped = await prune({ 'keep-last': '1', collections: 'medium_articles' });
    expect(scoped.exitCode, scoped.stdout).toBe(0);
    expect(sorted(deletes())).toEqual(['backup911_m1', 'backup912_m2', 'backup913_m3']);
    expect(exists(SEED_MANUAL_BACKUP)).toBe(true);
    expect(exists('backup922_mp2')).toBe(true);
    fx.emulator.reset();
    const clusters = await prune({ 'keep-last': '2', 'backup-type': 'CLUSTER' });
    expect(clusters.exitCode, clusters.stdout).toBe(0);
    expect(sorted(deletes())).toEqual(['backup903_c3', 'backup904_c4']);
  });

  it('more candidates than max-deletions: fails naming how many and how to raise it, nothing deleted', async () => {
    const run = await prune({ 'keep-last': '1', 'max-deletions': '3' });
    expect(run.exitCode).toBe(1);
    const message = errorMessage(run);
    expect(message).toContain(`select ${KEEP_LAST_1.length} backups`);
    expect(message).toContain(`max-deletions: ${KEEP_LAST_1.length}`);
    expect(deletes()).toEqual([]);
    for (const id of KEEP_LAST_1) expect(exists(id), id).toBe(true);
    expect(entries(run, 'deleted')).toEqual([]);
    expect(idsOf(entries(run, 'candidates'))).toHaveLength(KEEP_LAST_1.length);
    expect(run.outputs['deleted-count']).toBe('0');
  });

  it('dry run: reports what would be deleted and sends no DELETE', async () => {
    const run = await prune({ 'keep-last': '1', 'dry-run': 'true' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(deletes()).toEqual([]);
    expect(fx.emulator.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(sorted(idsOf(entries(run, 'candidates')))).toEqual(sorted(KEEP_LAST_1));
    expect(entries(run, 'deleted')).toEqual([]);
    expect(run.outputs['deleted-count']).toBe('0');
    expect(run.outputs['freed-bytes']).toBe('0');
    expect(run.summary).toContain('would delete');
  });

  it('a lost DELETE answer (dropped after the server deleted it) is settled by listing and counted as deleted', async () => {
    fx.emulator.faults.add({
      method: 'DELETE',
      path: `/v2/clusters/${DEDICATED_CLUSTER}/backups/backup922_mp2`,
      times: 1,
      fault: { kind: 'drop-after-handling' },
    });
    const run = await prune({ 'keep-last': '1', 'older-than': '30d' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(fx.emulator.faults.pending()).toEqual([]);
    expect(sorted(idsOf(entries(run, 'deleted')))).toEqual(sorted(BOTH));
    expect(exists('backup922_mp2')).toBe(false);
    expect(run.stdout).toMatch(/backup922_mp2 .*no longer listed: already deleted/);
    // Settled by a listing after the lost answer: more than the first listing's one page.
    expect(fx.emulator.requests.filter((r) => r.path === '/v2/backups').length).toBeGreaterThanOrEqual(2);
  });

  it('pages through 150+ backups: every one listed appears once in the table', async () => {
    const added = fx.emulator.addBackups('mixed');
    const run = await prune({ 'keep-last': '3', 'dry-run': 'true' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(fx.emulator.requests.filter((r) => r.path === '/v2/backups').map((r) => r.query.currentPage)).toEqual(['1', '2']);
    const listed = [...ALL_LISTED, ...added.map((b) => b.backupId)];
    expect(listed.length).toBe(RETENTION_SEEDS.length + 2 + MIXED_SEED_COUNT);
    expectEveryBackupOnce(run, listed);
  });

  it('neither keep-last nor older-than: an input error, and no request', async () => {
    const run = await prune({});
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('Input "keep-last"');
    expect(fx.emulator.requests).toEqual([]);
  });
});
