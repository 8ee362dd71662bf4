import { describe, expect, it } from 'vitest';
import { verifyClone } from '../../../src/workflows/verify-clone.ts';
import type { BackupInfo, ClusterInfo } from '../../../src/zilliz/api.ts';
import type { DataPlaneApi } from '../../../src/zilliz/dataplane.ts';
import { fakeRuntime } from '../fakes.ts';

const clone: ClusterInfo = {
  clusterId: 'in01-clone',
  clusterName: 'ci-clone',
  projectId: 'proj-1',
  regionId: 'aws-us-west-2',
  status: 'RUNNING',
  connectAddress: 'https://in01-clone.example.com:443',
  privateLinkAddress: '',
  cuType: 'Performance-optimized',
  cuSize: 1,
  plan: 'Enterprise',
  deploymentOption: 'Dedicated',
  createTime: '2026-03-01T12:00:00Z',
};

const backup: BackupInfo = {
  backupId: 'backup1_abc',
  backupName: 'b',
  backupType: 'CLUSTER',
  creationMethod: 'MANUAL',
  status: 'AVAILABLE',
  size: 1,
  clusterId: 'in01-source',
  createTime: '2026-03-01T11:00:00Z',
  collections: [
    { database: 'default', collection: 'one' },
    { database: 'default', collection: 'many' },
  ],
};

const rows: Record<string, number> = { one: 1, many: 2 };

/** Only the calls the check makes; any other is a test failure. */
const plane = {
  listCollections: () => Promise.resolve(['one', 'many']),
  getRowCount: (_db: string, collection: string) => Promise.resolve(rows[collection] ?? 0),
  getLoadState: () => Promise.resolve({ loadState: 'LoadStateLoaded', loadProgress: 100 }),
} as Partial<DataPlaneApi> as DataPlaneApi;

describe('verifyClone', () => {
  it('logs each collection with its rows, singular and plural right ("1 row", "2 rows")', async () => {
    const runtime = fakeRuntime();
    const found = await verifyClone(clone, backup, { dataPlane: () => plane, runtime });
    expect(found.missing).toEqual([]);
    expect(runtime.logger.of('info')).toEqual([
      'Checked default.one on the clone: 1 row, LoadStateLoaded.',
      'Checked default.many on the clone: 2 rows, LoadStateLoaded.',
    ]);
  });
});
