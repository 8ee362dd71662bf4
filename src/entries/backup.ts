import { readBackupRequest } from '../inputs/backup.ts';
import { readKeepLast } from '../inputs/prune.ts';
import { finishBackupRun, idOutputs, type RetentionReport } from '../report/backup.ts';
import { runBackups } from '../workflows/backup.ts';
import { pruneAfterBackups } from '../workflows/prune.ts';
import { runStep } from './common.ts';

/** The main action: create the backup(s), wait until usable, prune with keep-last, report. */
export async function run(): Promise<void> {
  // What keep-last did, for the report; set by work, read by finish.
  let retention: RetentionReport = { keepLast: undefined, rows: [], skipped: undefined, failure: undefined };
  await runStep({
    read: (read, apiKey) => {
      const request = readBackupRequest(read, apiKey);
      return { ...request, keepLast: readKeepLast(read, request.wait) };
    },
    progressOutputs: idOutputs,
    work: async (request, session) => {
      const outcome = await runBackups(request, session);
      const { keepLast } = request;
      if (keepLast !== undefined) {
        const run = { clusterId: request.clusterId, keepLast, targets: request.targets.length };
        const pruned = await pruneAfterBackups(run, outcome, { api: session.api, runtime: session.runtime, progress: { update: () => undefined } });
        retention = { keepLast, rows: pruned.records, skipped: pruned.skipped, failure: pruned.failure };
      }
      return outcome;
    },
    finish: (core, outputs, request, outcome, startedAt) =>
      finishBackupRun(
        core,
        outputs,
        {
          clusterId: request.clusterId,
          backupType: request.backupType,
          baseUrl: request.baseUrl,
          startedAt,
          retention: { ...retention, keepLast: request.keepLast },
        },
        outcome,
      ),
  });
}
