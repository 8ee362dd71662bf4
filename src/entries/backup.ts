import { readBackupRequest } from '../inputs/backup.ts';
import { finishBackupRun } from '../report/finish.ts';
import { idOutputs, writeOutputs } from '../report/outputs.ts';
import { runBackups } from '../workflows/backup.ts';
import type { BackupRecord } from '../workflows/records.ts';
import { runStep } from './common.ts';

/** The main action: create the backup(s), wait until usable, report. */
export async function run(): Promise<void> {
  const records: BackupRecord[] = [];
  await runStep(
    (read, apiKey) => readBackupRequest(read, apiKey),
    (request, session) => {
      const onRecords = (current: readonly BackupRecord[]): void => writeOutputs(session.setOutput, idOutputs(current));
      return runBackups(request, { ...session, onRecords }, records).then(() => undefined);
    },
    (core, request, failure, startedAt) =>
      finishBackupRun(core, { clusterId: request.clusterId, backupType: request.backupType, baseUrl: request.baseUrl, startedAt }, records, failure),
  );
}
