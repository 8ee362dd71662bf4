// The pure parts of the rollback: which copy each alias moves to, and which backup `latest` takes.
import { describe, expect, it } from 'vitest';
import type { RestoreRequest } from '../../../src/inputs/restore.ts';
import { covers, latestCandidates } from '../../../src/workflows/latest.ts';
import { loadCopy, planSwitches } from '../../../src/workflows/rollback.ts';
import { LOADED, type DataPlaneApi } from '../../../src/zilliz/dataplane.ts';
import { fakeApi, fakeRuntime } from '../fakes.ts';
import type { BackupInfo } from '../../../src/zilliz/api.ts';

const copy = (database: string, collection: string, suffix = '_r') => ({
  source: { database, collection },
  destination: { database, collection: `${collection}${suffix}` },
});

describe('planSwitches', () => {
  it('moves each alias to the copy of its collection, in the copy database', () => {
    expect(planSwitches([{ alias: 'live', collection: { database: 'shop', collection: 'items' } }], [copy('default', 'a'), copy('shop', 'items')])).toEqual([
      { alias: 'live', database: 'shop', to: 'items_r', source: { database: 'shop', collection: 'items' } },
    ]);
  });

  it('ALIAS alone: the only copy; with several or none, a refusal', () => {
    expect(planSwitches([{ alias: 'live', collection: undefined }], [copy('default', 'a')])).toMatchObject([{ to: 'a_r' }]);
    expect(planSwitches([{ alias: 'live', collection: undefined }], [copy('default', 'a'), copy('default', 'b')])).toMatchObject({
      kind: 'which collection',
      restoring: 2,
    });
    expect(planSwitches([{ alias: 'live', collection: undefined }], [])).toMatchObject({ kind: 'which collection', restoring: 0 });
  });

  it('a collection this run does not restore: a refusal naming it', () => {
    expect(planSwitches([{ alias: 'live', collection: { database: 'default', collection: 'z' } }], [copy('default', 'a')])).toMatchObject({
      input: 'switch-alias',
      kind: 'not restored',
    });
  });
});

const backup = (over: Partial<BackupInfo>): BackupInfo => ({
  backupId: 'b',
  backupName: '',
  backupType: 'COLLECTION',
  creationMethod: 'MANUAL',
  status: 'AVAILABLE',
  size: 1,
  clusterId: 'in01-0123456789abcde',
  createTime: '2026-12-02T10:00:00Z',
  collections: [],
  ...over,
});

describe('latest', () => {
  it('candidates: AVAILABLE, created before the limit, newest first; an unreadable time never qualifies', () => {
    const list = [
      backup({ backupId: 'old', createTime: '2026-12-01T00:00:00Z' }),
      backup({ backupId: 'new', createTime: '2026-12-02T12:00:00Z' }),
      backup({ backupId: 'creating', status: 'CREATING', createTime: '2026-12-02T11:00:00Z' }),
      backup({ backupId: 'mid', createTime: '2026-12-02T09:00:00Z' }),
      backup({ backupId: 'garbled', createTime: 'soon' }),
    ];
    expect(latestCandidates(list, Date.parse('2026-12-02T11:30:00Z')).map((b) => b.backupId)).toEqual(['mid', 'old']);
    expect(latestCandidates(list, undefined).map((b) => b.backupId)).toEqual(['new', 'mid', 'old']);
  });

  const request = (over: Partial<RestoreRequest>): RestoreRequest =>
    ({ clusterId: 'in01-0123456789abcde', targetClusterId: 'in01-0123456789abcde', collections: [], ...over }) as RestoreRequest;
  const held = [{ database: 'default', collection: 'a' }];

  it('covers: every listed collection held; a backup listing none only for a whole-cluster restore into another cluster', () => {
    expect(covers(request({ collections: held }), backup({ collections: held }))).toBe(true);
    expect(covers(request({ collections: [{ database: 'default', collection: 'b' }] }), backup({ collections: held }))).toBe(false);
    expect(covers(request({}), backup({ collections: held }))).toBe(true);
    expect(covers(request({}), backup({ collections: [] }))).toBe(false);
    expect(covers(request({ targetClusterId: 'in01-fedcba987654321' }), backup({ collections: [] }))).toBe(true);
    expect(covers(request({ collections: held, targetClusterId: 'in01-fedcba987654321' }), backup({ collections: [] }))).toBe(false);
  });
});

describe('loadCopy', () => {
  it.each([
    [1, 'default.items_r is loaded: 1 row.'],
    [2, 'default.items_r is loaded: 2 rows.'],
  ])('a loaded copy of %i rows is said with the right word', async (rows, line) => {
    const runtime = fakeRuntime();
    const dataPlane = {
      getLoadState: () => Promise.resolve({ loadState: LOADED, loadProgress: 100 }),
      getRowCount: () => Promise.resolve(rows),
    } as Partial<DataPlaneApi> as DataPlaneApi;
    expect(await loadCopy(dataPlane, { database: 'default', collection: 'items_r' }, { api: fakeApi({}), runtime, pollIntervalMs: undefined })).toBe(rows);
    expect(runtime.logger.of('info')).toEqual([line]);
  });
});
