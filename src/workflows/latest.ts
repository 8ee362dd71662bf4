// backup-id: latest: the newest AVAILABLE backup of the cluster, manual or automatic, created
// before created-before, that holds every collection the run restores.
import type { RestoreRequest } from '../inputs/restore.ts';
import { forLog } from '../text.ts';
import type { Runtime } from '../runtime.ts';
import type { BackupInfo, ZillizApi } from '../zilliz/api.ts';
import { listUsableBackups } from './listing.ts';
import { backupPhase } from './status.ts';

export interface NoLatestBackup {
  input: 'backup-id';
  kind: 'no latest';
  clusterId: string;
  createdBefore: number | undefined;
  /** AVAILABLE backups old enough that were looked at and did not hold what is restored. */
  notCovering: number;
}

/** Candidates, newest first: AVAILABLE, created before the limit (an unreadable time never qualifies). */
export function latestCandidates(backups: readonly BackupInfo[], createdBefore: number | undefined): BackupInfo[] {
  return backups
    .map((backup) => ({ backup, at: Date.parse(backup.createTime) }))
    .filter(({ backup, at }) => backupPhase(backup.status) === 'succeeded' && !Number.isNaN(at) && (createdBefore === undefined || at < createdBefore))
    .sort((a, b) => b.at - a.at)
    .map(({ backup }) => backup);
}

/**
 * Whether a described backup holds what the request restores: every listed collection; with none
 * listed, any collection. A backup that lists none (an automatic one may) serves only a
 * whole-cluster restore into another cluster.
 */
export function covers(request: RestoreRequest, backup: BackupInfo): boolean {
  if (!backup.collections.length) return !request.collections.length && request.targetClusterId !== request.clusterId;
  const held = new Set(backup.collections.map((c) => `${c.database}.${c.collection}`));
  return request.collections.every((c) => held.has(`${c.database}.${c.collection}`));
}

/** Lists the cluster's backups and describes candidates, newest first, until one covers the request. */
export async function findLatestBackup(request: RestoreRequest, api: ZillizApi, runtime: Runtime): Promise<BackupInfo | NoLatestBackup> {
  const createdBefore = request.latest?.createdBefore;
  const candidates = latestCandidates(await listUsableBackups({ api, runtime }, { clusterId: request.clusterId }), createdBefore);
  let notCovering = 0;
  for (const candidate of candidates) {
    const backup = await api.describeBackup(request.clusterId, candidate.backupId);
    if (backupPhase(backup.status) === 'succeeded' && covers(request, backup)) {
      const method = backup.creationMethod ? `${forLog(backup.creationMethod.toLowerCase())} ` : '';
      runtime.logger.info(
        `backup-id latest: ${backup.backupId} (${method}${forLog(backup.backupType || 'backup')} of ${forLog(backup.createTime)}), the newest that holds what is restored.`,
      );
      return backup;
    }
    notCovering++;
    runtime.logger.debug(`backup-id latest: ${candidate.backupId} does not hold what is restored; looking at an older one.`);
  }
  return { input: 'backup-id', kind: 'no latest', clusterId: request.clusterId, createdBefore, notCovering };
}
