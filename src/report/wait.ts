import type { WaitRequest } from '../inputs/wait.ts';
import type { BackupRecord, Outcome } from '../types.ts';
import { finishBackupRun } from './backup.ts';
import type { OutputWriter, Toolkit } from './common.ts';

/** The end of a wait run: reported like a backup run, with the type the API described. */
export async function finishWaitRun(
  core: Toolkit,
  outputs: OutputWriter,
  request: WaitRequest,
  outcome: Outcome<BackupRecord>,
  startedAt: number,
): Promise<void> {
  // Known once a backup was described; before that the summary says so rather than guess.
  const backupType = outcome.records.find((r) => r.backupType)?.backupType ?? 'unknown (not described yet)';
  await finishBackupRun(core, outputs, { clusterId: request.clusterId, backupType, baseUrl: request.baseUrl, startedAt }, outcome);
}
