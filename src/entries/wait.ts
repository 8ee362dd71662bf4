import * as core from '@actions/core';
import { readWaitRequest, type WaitRequest } from '../inputs/wait.ts';
import { finishBackupRun } from '../report/finish.ts';
import type { BackupRecord } from '../workflows/records.ts';
import { waitForBackups } from '../workflows/wait.ts';
import { cancellationSignal, messageOf, openSession, readMaskedApiKey } from './common.ts';

/** The wait sub-action: wait on backups started earlier, with the main action's outputs. */
export async function run(): Promise<void> {
  const startedAt = Date.now();
  const signal = cancellationSignal();
  let request: WaitRequest;
  try {
    request = readWaitRequest((name) => core.getInput(name), readMaskedApiKey());
  } catch (error) {
    core.setFailed(messageOf(error));
    return;
  }
  const session = openSession(request, startedAt, signal);
  const records: BackupRecord[] = [];
  let failure: unknown;
  try {
    await waitForBackups(request, session, records);
  } catch (error) {
    failure = error;
  } finally {
    await session.close();
  }
  const backupType = records.some((r) => r.database !== undefined) ? 'COLLECTION' : 'CLUSTER';
  await finishBackupRun({ clusterId: request.clusterId, backupType, baseUrl: request.baseUrl, startedAt }, records, failure);
}
