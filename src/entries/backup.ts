import { readBackupRequest } from '../inputs/backup.ts';
import { finishBackupRun, idOutputs } from '../report/backup.ts';
import { runBackups } from '../workflows/backup.ts';
import { runStep } from './common.ts';

/** The main action: create the backup(s), wait until usable, report. */
export async function run(): Promise<void> {
  await runStep({
    read: readBackupRequest,
    progressOutputs: idOutputs,
    work: runBackups,
    finish: (core, outputs, request, outcome, startedAt) =>
      finishBackupRun(
        core,
        outputs,
        { clusterId: request.clusterId, backupType: request.backupType, crossRegionCopies: request.crossRegionCopies, baseUrl: request.baseUrl, startedAt },
        outcome,
      ),
  });
}
