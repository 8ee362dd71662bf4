import { readWaitRequest } from '../inputs/wait.ts';
import { finishBackupRun } from '../report/finish.ts';
import type { BackupRecord } from '../workflows/records.ts';
import { waitForBackups } from '../workflows/wait.ts';
import { runStep } from './common.ts';

/** The wait sub-action: wait on backups started earlier, with the main action's outputs. */
export async function run(): Promise<void> {
  const records: BackupRecord[] = [];
  await runStep(
    (read, apiKey) => readWaitRequest(read, apiKey),
    (request, session) => waitForBackups(request, session, records).then(() => undefined),
    (core, request, failure, startedAt) => {
      // Known once a backup was described; before that the summary says so rather than guess.
      const backupType = records.find((r) => r.backupType)?.backupType ?? 'unknown (not described yet)';
      return finishBackupRun(core, { clusterId: request.clusterId, backupType, baseUrl: request.baseUrl, startedAt }, records, failure);
    },
  );
}
