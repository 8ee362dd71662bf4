import * as core from '@actions/core';
import { readBackupRequest } from '../inputs/backup.ts';
import { finishBackupRun } from '../report/finish.ts';
import { idOutputs, writeOutputs } from '../report/outputs.ts';
import { runBackups } from '../workflows/backup.ts';
import type { BackupRecord } from '../workflows/records.ts';
import { runStep } from './common.ts';

/** The main action: create the backup(s), wait until usable, report. */
export async function run(): Promise<void> {
  const records: BackupRecord[] = [];
  const onRecords = (current: readonly BackupRecord[]): void => writeOutputs(core.setOutput, idOutputs(current));
  await runStep(
    (apiKey) => readBackupRequest((name) => core.getInput(name), apiKey),
    (request, session) => runBackups(request, { ...session, onRecords }, records).then(() => undefined),
    (request, failure, startedAt) =>
      finishBackupRun({ clusterId: request.clusterId, backupType: request.backupType, baseUrl: request.baseUrl, startedAt }, records, failure),
  );
}
