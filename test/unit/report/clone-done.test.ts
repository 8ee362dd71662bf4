import { describe, expect, it } from 'vitest';
import { cloneDoneLine } from '../../../src/report/clone.ts';
import type { CloneRecord } from '../../../src/workflows/clone.ts';

const record = (ms: number, collections: number): CloneRecord => ({
  source: { clusterId: 'in01-source', clusterName: 'source', projectId: 'proj-1', cuSize: 1 },
  leftovers: [],
  clone: { clusterId: 'in01-clone', clusterName: 'ci-clone', cuSize: 1, username: 'db_admin', jobId: 'job-1', endpoint: '', adopted: false },
  status: 'VERIFIED',
  collections: Array.from({ length: collections }, (_, i) => ({ database: 'default', collection: `c${i}`, rowCount: 1, loadState: 'LoadStateLoaded' })),
  requestedAt: 1_000,
  verifiedAt: 1_000 + ms,
});

describe('the clone’s last log line', () => {
  it('writes its time as every duration is written ("2 min 5 s", not "125 s")', () => {
    expect(cloneDoneLine(record(125_000, 4), { keep: false })).toBe(
      'Done: clone in01-clone VERIFIED in 2 min 5 s (4 collections checked). The post step drops the clone when the job ends.',
    );
  });

  it('says "1 collection" for one, and what keep means', () => {
    expect(cloneDoneLine(record(9_000, 1), { keep: true })).toBe(
      'Done: clone in01-clone VERIFIED in 9 s (1 collection checked). keep is true: the clone stays running.',
    );
  });
});
