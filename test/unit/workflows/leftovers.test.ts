import { describe, expect, it } from 'vitest';
import { findLeftovers } from '../../../src/workflows/leftovers.ts';
import { clusterPhase, isClusterDropped } from '../../../src/workflows/status.ts';
import type { ClusterListing } from '../../../src/zilliz/clusters.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const PROJECT = 'proj-1';
const SOURCE = 'in01-source000000000';

function listing(clusterId: string, clusterName: string, ageHours: number, extra: Partial<ClusterListing> = {}): ClusterListing {
  return { clusterId, clusterName, projectId: PROJECT, status: 'RUNNING', cuSize: 2, createTime: new Date(NOW - ageHours * HOUR).toISOString(), ...extra };
}

const rules = { sourceClusterId: SOURCE, projectId: PROJECT, staleAfterMs: 24 * HOUR, now: NOW };

describe('findLeftovers', () => {
  it('takes the project’s ci-clone-* clusters older than stale-after, oldest first', () => {
    const found = findLeftovers([listing('in01-a', 'ci-clone-a', 30), listing('in01-b', 'ci-clone-b', 90), listing('in01-c', 'ci-clone-c', 2)], rules);
    expect(found.map((l) => [l.cluster.clusterId, l.ageMs / HOUR])).toEqual([
      ['in01-b', 90],
      ['in01-a', 30],
    ]);
  });

  it('never the source, a name without the prefix, another project, one already dropping, a bad id or an unreadable age', () => {
    const found = findLeftovers(
      [
        listing(SOURCE, 'ci-clone-source', 900),
        listing('in01-prod', 'prod', 900),
        listing('in01-prefixless', 'my-ci-clone-x', 900),
        listing('in01-other', 'ci-clone-other', 900, { projectId: 'proj-2' }),
        listing('in01-going', 'ci-clone-going', 900, { status: 'DELETING' }),
        listing('..', 'ci-clone-dots', 900),
        listing('in01-noage', 'ci-clone-noage', 900, { createTime: '' }),
      ],
      rules,
    );
    expect(found).toEqual([]);
  });
});

describe('clusterPhase', () => {
  it.each(['RUNNING', 'running'])('%s serves', (status) => expect(clusterPhase(status)).toBe('succeeded'));
  it.each(['CREATING', 'RESTORE_BACKUP', 'RESUMING', 'MODIFYING', 'Restore Backup'])('%s is waited through', (status) =>
    expect(clusterPhase(status)).toBe('running'),
  );
  it.each(['ABNORMAL', 'STOPPED', 'DELETED', 'FROZEN', 'UNFREEZED', ''])('%j fails closed', (status) => expect(clusterPhase(status)).toBe('failed'));
  it('DELETING and DELETED read as dropped', () => {
    expect(isClusterDropped('DELETING')).toBe(true);
    expect(isClusterDropped('deleted')).toBe(true);
    expect(isClusterDropped('RUNNING')).toBe(false);
  });
});
