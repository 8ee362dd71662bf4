import type { WaitRequest } from '../inputs/wait.ts';
import type { Runtime } from '../runtime.ts';
import type { BackupRecord, Outcome, Progress } from '../types.ts';
import type { ZillizApi } from '../zilliz/api.ts';
import { recordOutcome } from './records.ts';
import { watchUsable } from './waiting.ts';

/**
 * The wait sub-action: backups made earlier (by the main action with wait: false), waited for
 * exactly as the main action waits (job, then backup AVAILABLE), in the order given.
 */
export async function waitForBackups(
  request: WaitRequest,
  deps: { api: ZillizApi; runtime: Runtime; progress: Progress<BackupRecord> },
): Promise<Outcome<BackupRecord>> {
  const waitDeps = { api: deps.api, runtime: deps.runtime, pollIntervalMs: request.pollIntervalMs };
  return recordOutcome(deps.progress, async (records) => {
    for (const { backupId, jobId } of request.backups) {
      const at = records.add({ database: undefined, collections: [], backupId, backupName: '', jobId, status: 'UNKNOWN', size: undefined });
      deps.runtime.logger.startGroup(`Waiting for backup ${backupId}${jobId ? ` (job ${jobId})` : ''}`);
      try {
        const backup = await records.follow(at, watchUsable(request.clusterId, { backupId, jobId }, waitDeps));
        // A CLUSTER backup lists every collection of every database; only a COLLECTION backup has one database.
        if (backup.collections.length && backup.backupType.toUpperCase() !== 'CLUSTER') {
          records.change(at, { database: backup.collections[0]?.database, collections: backup.collections.map((c) => c.collection) });
        }
      } finally {
        deps.runtime.logger.endGroup();
      }
    }
  });
}
