import type { WaitRequest } from '../inputs/wait.ts';
import type { Runtime } from '../runtime.ts';
import type { ZillizApi } from '../zilliz/api.ts';
import { waitUntilUsable } from './backup.ts';
import type { BackupRecord } from './records.ts';

/**
 * The wait sub-action: backups made earlier (by the main action with wait: false), waited for
 * exactly as the main action waits (job, then backup AVAILABLE), in the order given.
 */
export async function waitForBackups(
  request: WaitRequest,
  deps: { api: ZillizApi; runtime: Runtime; deadline: number },
  records: BackupRecord[] = [],
): Promise<BackupRecord[]> {
  const options = { deadline: deps.deadline, pollIntervalMs: request.pollIntervalMs };
  for (const { backupId, jobId } of request.backups) {
    const record: BackupRecord = { database: undefined, collections: [], backupId, backupName: '', jobId, status: 'UNKNOWN', size: undefined, created: true };
    records.push(record);
    deps.runtime.logger.startGroup(`Waiting for backup ${backupId}${jobId ? ` (job ${jobId})` : ''}`);
    try {
      const backup = await waitUntilUsable(deps.api, request.clusterId, record, options, deps.runtime);
      record.backupName = backup.backupName;
      // A CLUSTER backup lists every collection of every database; only a COLLECTION backup has one database.
      if (backup.collections.length && backup.backupType.toUpperCase() !== 'CLUSTER') {
        record.database = backup.collections[0]?.database;
        record.collections = backup.collections.map((c) => c.collection);
      }
    } finally {
      deps.runtime.logger.endGroup();
    }
  }
  return records;
}
