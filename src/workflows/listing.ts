import { PLAIN_ID_RULE } from '../ids.ts';
import type { Runtime } from '../runtime.ts';
import type { BackupInfo, ListBackupsQuery, ZillizApi } from '../zilliz/api.ts';

/**
 * The cluster's listed backups that the action may act on. A listed backup whose id is not a
 * plain id is never deleted, adopted or reused: each is skipped, and the log says so.
 */
export async function listUsableBackups(deps: { api: ZillizApi; runtime: Runtime }, query: ListBackupsQuery): Promise<BackupInfo[]> {
  const { backups, skipped } = await deps.api.listBackups(query);
  for (const backup of skipped) {
    deps.runtime.logger.warning(
      `Skipped a listed backup with the id ${backup.shownId}${backup.backupName ? ` (${backup.backupName})` : ''}: an id must have ${PLAIN_ID_RULE}, so this one is never deleted, adopted or reused.`,
    );
  }
  return backups;
}
