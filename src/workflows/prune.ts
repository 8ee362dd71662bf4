// Retention in action: list the cluster's backups, plan with planRetention, and delete the
// candidates one at a time, oldest first. Serves the prune sub-action and the main action's keep-last.
import {
  ApiError,
  DeleteFailedError,
  HttpStatusError,
  InterruptedError,
  TooManyDeletionsError,
  TransportError,
  UnexpectedResponseError,
  detailOf,
} from '../errors.ts';
import { formatBytes } from '../format.ts';
import { throwIfCancelled, type Runtime } from '../runtime.ts';
import { clusterScope, collectionScope, type BackupScope } from '../scope.ts';
import type { BackupRecord, Outcome, Progress } from '../types.ts';
import type { BackupInfo, ZillizApi } from '../zilliz/api.ts';
import { normalizeStatus } from './status.ts';
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
  const { api, runtime } = deps;
  let rows: PruneRow[] = [];
  /** Rows are replaced, never edited, and each change is told at once. */
  const settle = (backupId: string, result: PruneResult): void => {
    rows = rows.map((row) => (row.entry.backup.backupId === backupId ? { ...row, result } : row));
    deps.progress.update(rows);
  };
  try {
    const listed = await api.listBackups({ clusterId: job.clusterId });
    runtime.logger.info(`Listed ${listed.length} backups of cluster ${job.clusterId}.`);
    const described = await describeWhereNeeded(job, listed, deps);
    const entries = mergePlans(described, job.ruleSets, runtime.now());
    rows = entries.map((entry) => ({ entry, result: entry.decision === 'delete' ? 'candidate' : 'kept' }));
    deps.progress.update(rows);
    const candidates = entries.filter((e) => e.decision === 'delete').sort(oldestFirst);
    const bytes = formatBytes(candidates.reduce((sum, e) => sum + (e.backup.size ?? 0), 0));
    runtime.logger.info(`${candidates.length} of ${entries.length} backups selected for deletion (${bytes}).`);
    const tooMany = job.maxDeletions !== undefined && candidates.length > job.maxDeletions;
    if (job.dryRun) {
      // A preview does not fail, but says what the real run would do.
      if (tooMany)
        runtime.logger.warning(
          `dry-run: a real run would refuse to delete anything: ${candidates.length} candidates, more than max-deletions (${job.maxDeletions}).`,
        );
      if (candidates.length) runtime.logger.info('dry-run is true: no backup is deleted.');
      return { records: rows, failure: undefined };
    }
    if (tooMany) throw new TooManyDeletionsError(candidates.length, job.maxDeletions ?? 0);
    for (const entry of candidates) {
      const { backupId } = entry.backup;
      try {
        settle(backupId, await deleteOne(job.clusterId, entry.backup, deps));
      } catch (failure) {
        // A run stopped before this DELETE was sent leaves the backup a mere candidate.
        if (!(failure instanceof InterruptedError) || failure.sentRequest) settle(backupId, 'failed');
        throw failure;
      }
    }
  } catch (failure) {
    return { records: rows, failure };
  }
  return { records: rows, failure: undefined };
}

/** Ties by backupId, so the order is total. */
function oldestFirst(a: PlanEntry, b: PlanEntry): number {
  const diff = Date.parse(a.backup.createTime) - Date.parse(b.backup.createTime);
  if (diff) return diff;
  return a.backup.backupId < b.backup.backupId ? -1 : a.backup.backupId > b.backup.backupId ? 1 : 0;
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

const SPECIFIC: ReadonlySet<string> = new Set(['other scope', 'other type', 'no rule']);

/**
 * One decision per backup from several rule sets: deleted when any set deletes it, else the
 * most telling keep (a set whose scope it is in says more than "other scope").
 */
export function mergePlans(backups: readonly DescribedBackup[], ruleSets: readonly RetentionRules[], now: number): PlanEntry[] {
  const plans = ruleSets.map((rules) => planRetention(backups, rules, now));
  const [first] = plans;
  if (!first) return [];
  return first.entries.map((entry, index) => {
    const options = plans.map((plan) => plan.entries[index] ?? entry);
    return options.find((e) => e.decision === 'delete') ?? options.find((e) => !SPECIFIC.has(e.reason)) ?? entry;
  });
}

/** The request may have been carried out although no clear answer said so. */
function answerUnclear(error: unknown): boolean {
  return error instanceof TransportError || error instanceof HttpStatusError || error instanceof ApiError || error instanceof UnexpectedResponseError;
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
    if (!answerUnclear(error)) {
      if (error instanceof InterruptedError && error.sentRequest) {
        runtime.logger.warning(`The DELETE of backup ${backup.backupId} was sent but its answer never came; it may be deleted. Check the cluster's backups.`);
      }
      throw error;
    }
    runtime.logger.warning(`The DELETE of backup ${backup.backupId} was not confirmed (${detailOf(error)}); listing the cluster's backups to settle it.`);
    const listed = await api.listBackups({ clusterId });
    if (!listed.some((b) => b.backupId === backup.backupId)) {
      runtime.logger.info(`Backup ${label} is no longer listed: already deleted.`);
      return 'already gone';
    }
    throw new DeleteFailedError(backup.backupId, error);
  }
}

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
