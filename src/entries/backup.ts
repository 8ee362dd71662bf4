import { readBackupRequest, type BackupRequest } from '../inputs/backup.ts';
import { readKeepLast, readMaxDeletions } from '../inputs/prune.ts';
import { finishBackupRun, idOutputs, type RetentionReport } from '../report/backup.ts';
import { prunedOutput } from '../report/prune.ts';
import { runBackups } from '../workflows/backup.ts';
import { pruneAfterBackups } from '../workflows/keep-last.ts';
import type { PruneRow } from '../workflows/prune.ts';
import type { BackupRecord } from '../types.ts';
import { runStep } from './common.ts';

/** The main action: create the backup(s), wait until usable, prune with keep-last, report. */
export async function run(): Promise<void> {
  await runStep<BackupRequest & { keepLast: number | undefined; maxDeletions: number }, BackupRecord, { retention: RetentionReport; strays: BackupRecord[] }>({
    read: (read, apiKey) => {
      const request = readBackupRequest(read, apiKey);
      return { ...request, keepLast: readKeepLast(read, request.wait), maxDeletions: readMaxDeletions(read) };
    },
    progressOutputs: idOutputs,
    work: async (request, session) => {
      const outcome = await runBackups(request, session);
      const { keepLast } = request;
      if (keepLast === undefined) return outcome;
      const run = { clusterId: request.clusterId, keepLast, targets: request.targets.length, maxDeletions: request.maxDeletions };
      // Each deletion reaches the `pruned` output at once, so a run stopped mid-way still tells.
      const progress = session.progressOf((rows: readonly PruneRow[]) => ({ pruned: prunedOutput(rows) }));
      const pruned = await pruneAfterBackups(run, outcome, { api: session.api, runtime: session.runtime, progress });
      return { ...outcome, retention: { keepLast, rows: pruned.records, skipped: pruned.skipped, failure: pruned.failure } };
    },
    finish: (core, outputs, request, outcome, startedAt) =>
      finishBackupRun(
        core,
        outputs,
        {
          clusterId: request.clusterId,
          backupType: request.backupType,
          crossRegionCopies: request.crossRegionCopies,
          baseUrl: request.baseUrl,
          startedAt,
          retention: outcome.retention ?? { keepLast: request.keepLast, rows: [], skipped: undefined, failure: undefined },
        },
        outcome,
      ),
  });
}
