import { readPruneRequest } from '../inputs/prune.ts';
import { finishPruneRun, pruneOutputs } from '../report/prune.ts';
import { pruneBackups } from '../workflows/prune.ts';
import { runStep } from './common.ts';

/** The prune sub-action: delete the backups the retention rules select, with its rails. */
export async function run(): Promise<void> {
  await runStep({
    read: readPruneRequest,
    progressOutputs: pruneOutputs,
    work: (request, { api, runtime, progress }) =>
      pruneBackups(
        {
          clusterId: request.clusterId,
          ruleSets: [{ keepLast: request.keepLast, olderThanMs: request.olderThanMs, backupType: request.backupType, scope: request.scope }],
          dryRun: request.dryRun,
          maxDeletions: request.maxDeletions,
        },
        { api, runtime, progress },
      ),
    finish: finishPruneRun,
  });
}
