// The main action's keep-last: after a run whose every backup is AVAILABLE, the retention plan of
// each backup's own scope, carried out by pruneBackups.
import { clusterScope, collectionScope, type BackupScope } from '../scope.ts';
import type { BackupRecord, Outcome } from '../types.ts';
import { pruneBackups, type PruneDeps, type PruneJob, type PruneRow } from './prune.ts';
import { normalizeStatus } from './status.ts';

/**
 * The main action's keep-last: for each backup the run made or reused, the MANUAL AVAILABLE
 * backups of its target's scope beyond the newest `keepLast` (the run's own count as kept).
 */
export function keepLastJob(clusterId: string, records: readonly BackupRecord[], keepLast: number, maxDeletions?: number): PruneJob {
  const protect = records.map((r) => r.backupId);
  return {
    clusterId,
    ruleSets: records.map((r) => ({ scope: targetScope(clusterId, r), keepLast, protect })),
    dryRun: false,
    maxDeletions,
  };
}

function targetScope(clusterId: string, record: BackupRecord): BackupScope {
  return record.database === undefined ? clusterScope(clusterId) : collectionScope(clusterId, record.database, record.collections);
}

/** keep-last after a backup run: the rows, and why nothing was pruned when it was skipped. */
export interface KeepLastOutcome extends Outcome<PruneRow> {
  /** Set when pruning did not start, saying why. */
  skipped: string | undefined;
}

/**
 * Prunes for the main action's keep-last, but only after a run whose every backup is AVAILABLE
 * (made and waited for, or reused): a failed, timed-out or cancelled run deletes nothing.
 */
export async function pruneAfterBackups(
  run: { clusterId: string; keepLast: number; targets: number; maxDeletions?: number },
  backups: Outcome<BackupRecord>,
  deps: PruneDeps,
): Promise<KeepLastOutcome> {
  const usable =
    backups.failure === undefined && backups.records.length === run.targets && backups.records.every((r) => normalizeStatus(r.status) === 'AVAILABLE');
  if (!usable) {
    const skipped = 'the backup run did not end with every backup AVAILABLE, so nothing was pruned';
    deps.runtime.logger.info(`keep-last: ${skipped}.`);
    return { records: [], failure: undefined, skipped };
  }
  deps.runtime.logger.startGroup(`keep-last ${run.keepLast}: pruning older backups of the same scope`);
  try {
    return { ...(await pruneBackups(keepLastJob(run.clusterId, backups.records, run.keepLast, run.maxDeletions), deps)), skipped: undefined };
  } finally {
    deps.runtime.logger.endGroup();
  }
}
