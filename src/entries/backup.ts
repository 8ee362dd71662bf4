import * as core from '@actions/core';
import { readBackupRequest, type BackupRequest } from '../inputs/backup.ts';
import { finishBackupRun } from '../report/finish.ts';
import { idOutputs, writeOutputs } from '../report/outputs.ts';
import { runBackups } from '../workflows/backup.ts';
import type { BackupRecord } from '../workflows/records.ts';
import { cancellationSignal, messageOf, openSession, readMaskedApiKey } from './common.ts';

/** The main action: create the backup(s), wait until usable, report. */
export async function run(): Promise<void> {
  const startedAt = Date.now();
  const signal = cancellationSignal();
  let request: BackupRequest;
  try {
    request = readBackupRequest((name) => core.getInput(name), readMaskedApiKey());
  } catch (error) {
    core.setFailed(messageOf(error));
    return;
  }
  const session = openSession(request, startedAt, signal);
  const records: BackupRecord[] = [];
  let failure: unknown;
  try {
    const onRecords = (current: readonly BackupRecord[]): void => writeOutputs(core.setOutput, idOutputs(current));
    await runBackups(request, { ...session, onRecords }, records);
  } catch (error) {
    failure = error;
  } finally {
    await session.close();
  }
  await finishBackupRun({ clusterId: request.clusterId, backupType: request.backupType, baseUrl: request.baseUrl, startedAt }, records, failure);
}
