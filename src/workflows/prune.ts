// Retention in action: list the cluster's backups, plan with planRetention, and delete the
// candidates one at a time, oldest first. Serves the prune sub-action and the main action's
// keep-last (keep-last.ts).
import { ApiError, DeleteFailedError, InterruptedError, TooManyDeletionsError, detailOf } from '../errors.ts';
import { countOf, formatBytes } from '../format.ts';
import { throwIfCancelled, type Runtime } from '../runtime.ts';
import type { Outcome, Progress } from '../types.ts';
import type { BackupInfo, ZillizApi } from '../zilliz/api.ts';
import { isUnclearAnswer } from '../zilliz/retry.ts';
import { listUsableBackups } from './listing.ts';
import { recordOutcome } from './records.ts';
import { needsDescribe, planRetention, type DescribedBackup, type PlanEntry, type RetentionRules } from './retention.ts';

export interface PruneJob {
  clusterId: string;
  /** One rule set per scope pruned; a backup is deleted when any rule set deletes it. */
  ruleSets: RetentionRules[];
  /** Plan and report only: no DELETE is sent. */
  dryRun: boolean;
  /** More candidates than this fails before anything is deleted; undefined: no limit. */
  maxDeletions: number | undefined;
}

/**
 * What became of a listed backup: `kept`; `candidate` (selected, not deleted: a dry run, the
 * max-deletions refusal, or a run that stopped first); `deleted` (our DELETE answered);
 * `already gone` (absent from a fresh listing after a lost or refused answer); `failed`.
 */
export type PruneResult = 'kept' | 'candidate' | 'deleted' | 'already gone' | 'failed';

/** One listed backup: the plan's decision for it, and what happened. */
export interface PruneRow {
  entry: PlanEntry;
  result: PruneResult;
}

export interface PruneDeps {
  api: ZillizApi;
  runtime: Runtime;
  /** Told after the plan and after each deletion, so `deleted` is written as it grows. */
  progress: Progress<PruneRow>;
}

/** Rows gone from the cluster (by our DELETE, or found gone), in row order (newest first). */
export function deletedRows(rows: readonly PruneRow[]): PruneRow[] {
  return rows.filter((row) => row.result === 'deleted' || row.result === 'already gone');
}

/** Rows the rules selected for deletion, whatever became of them. */
export function candidateRows(rows: readonly PruneRow[]): PruneRow[] {
  return rows.filter((row) => row.entry.decision === 'delete');
}

/**
 * Lists every backup of the cluster, plans, and deletes (unless a dry run), one at a time, oldest
 * first. Nothing is deleted when there are more candidates than `maxDeletions`. Rows come newest
 * first, every listed backup once. Never throws: the failure is returned with the rows so far.
 */
export async function pruneBackups(job: PruneJob, deps: PruneDeps): Promise<Outcome<PruneRow>> {
  const { runtime } = deps;
  return recordOutcome(deps.progress, async (rows) => {
    const listed = await listUsableBackups(deps, { clusterId: job.clusterId });
    runtime.logger.info(`Listed ${countOf(listed.length, 'backup')} of cluster ${job.clusterId}.`);
    const described = await describeWhereNeeded(job, listed, deps);
    const { entries, candidates, freedBytes } = planRetention(described, job.ruleSets, runtime.now());
    rows.add(...entries.map((entry): PruneRow => ({ entry, result: entry.decision === 'delete' ? 'candidate' : 'kept' })));
    runtime.logger.info(`${candidates.length} of ${countOf(entries.length, 'backup')} selected for deletion (${formatBytes(freedBytes)}).`);
    const tooMany = job.maxDeletions !== undefined && candidates.length > job.maxDeletions;
    if (job.dryRun) {
      // A preview does not fail, but says what the real run would do.
      if (tooMany)
        runtime.logger.warning(
          `dry-run: a real run would refuse to delete anything: ${countOf(candidates.length, 'candidate')}, more than max-deletions (${job.maxDeletions}).`,
        );
      if (candidates.length) runtime.logger.info('dry-run is true: no backup is deleted.');
      return;
    }
    if (tooMany) throw new TooManyDeletionsError(candidates.length, job.maxDeletions ?? 0);
    for (const entry of candidates) {
      const at = entries.indexOf(entry);
      try {
        rows.change(at, { result: await deleteOne(job.clusterId, entry.backup, deps) });
      } catch (failure) {
        // A run stopped before this DELETE was sent leaves the backup a mere candidate.
        if (!(failure instanceof InterruptedError) || failure.sentRequest) rows.change(at, { result: 'failed' });
        throw failure;
      }
    }
  });
}

/**
 * The COLLECTION backups some rule set could delete (or protects) need their collections, which
 * only describe backup gives. A backup the describe refuses (e.g. gone since the listing) keeps
 * no collections, so its scope is unknown and it is kept; any other failure ends the run before
 * anything is deleted.
 */
async function describeWhereNeeded(job: PruneJob, listed: BackupInfo[], deps: PruneDeps): Promise<DescribedBackup[]> {
  const { api, runtime } = deps;
  const described: DescribedBackup[] = [];
  for (const backup of listed) {
    if (!job.ruleSets.some((rules) => needsDescribe(backup, rules))) {
      described.push(backup);
      continue;
    }
    throwIfCancelled(runtime.signal);
    try {
      const detail = await api.describeBackup(job.clusterId, backup.backupId);
      described.push({ ...backup, collections: detail.collections });
    } catch (error) {
      if (!(error instanceof ApiError) || error.httpStatus >= 500) throw error;
      runtime.logger.warning(`Could not read the collections of backup ${backup.backupId} (${error.message}); its scope is unknown, so it is kept.`);
      described.push(backup);
    }
  }
  return described;
}

/**
 * Deletes one backup. An answer that is lost or an error (the code for "already gone" is
 * unconfirmed, so no code is trusted) is settled by a fresh listing: absent means gone.
 */
async function deleteOne(clusterId: string, backup: DescribedBackup, deps: PruneDeps): Promise<'deleted' | 'already gone'> {
  const { api, runtime } = deps;
  throwIfCancelled(runtime.signal);
  const label = `${backup.backupId} (${backup.backupName}, ${backup.createTime}, ${backup.size === undefined ? 'size unknown' : formatBytes(backup.size)})`;
  try {
    await api.deleteBackup(clusterId, backup.backupId);
    runtime.logger.info(`Deleted backup ${label}.`);
    return 'deleted';
  } catch (error) {
    if (!isUnclearAnswer(error)) {
      if (error instanceof InterruptedError && error.sentRequest) {
        runtime.logger.warning(`The DELETE of backup ${backup.backupId} was sent but its answer never came; it may be deleted. Check the cluster's backups.`);
      }
      throw error;
    }
    runtime.logger.warning(`The DELETE of backup ${backup.backupId} was not confirmed (${detailOf(error)}); listing the cluster's backups to settle it.`);
    const { backups: listed } = await api.listBackups({ clusterId });
    if (!listed.some((b) => b.backupId === backup.backupId)) {
      runtime.logger.info(`Backup ${label} is no longer listed: already deleted.`);
      return 'already gone';
    }
    throw new DeleteFailedError(backup.backupId, error);
  }
}
