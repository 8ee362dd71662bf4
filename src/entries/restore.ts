import * as core from '@actions/core';
import { CancelledError, DeadlineError } from '../errors.ts';
import { readRestoreRequest, type RestoreRequest } from '../inputs/restore.ts';
import { addRestoreSummary, restoreOutputs } from '../report/restore.ts';
import { writeOutputs } from '../report/outputs.ts';
import { runRestores, type RestoreRecord } from '../workflows/restore.ts';
import { cancellationSignal, failureStatus, messageOf, openSession, readMaskedApiKey, workflowRunLink, writeSummarySafely } from './common.ts';

/** The restore sub-action: restore collections from a backup into an existing cluster. */
export async function run(): Promise<void> {
  const startedAt = Date.now();
  const signal = cancellationSignal();
  let request: RestoreRequest;
  try {
    const isSet = (name: string): boolean => `INPUT_${name.replace(/ /g, '_').toUpperCase()}` in process.env;
    request = readRestoreRequest((name) => core.getInput(name), isSet, readMaskedApiKey());
  } catch (error) {
    core.setFailed(messageOf(error));
    return;
  }
  const session = openSession(request, startedAt, signal);
  const records: RestoreRecord[] = [];
  let failure: unknown;
  try {
    const onRecords = (current: readonly RestoreRecord[]): void => writeOutputs(core.setOutput, restoreOutputs(current, current.at(-1)?.status ?? '', Date.now() - startedAt));
    await runRestores(request, { ...session, onRecords }, records);
  } catch (error) {
    failure = error;
  } finally {
    await session.close();
  }
  const last = records.at(-1);
  const interrupted = failure instanceof DeadlineError || failure instanceof CancelledError;
  const status = last && (failure === undefined || interrupted) ? last.status : failureStatus(failure);
  const durationMs = Date.now() - startedAt;
  writeOutputs(core.setOutput, restoreOutputs(records, status, durationMs));
  await writeSummarySafely(async () =>
    addRestoreSummary(core.summary, {
      clusterId: request.clusterId,
      backupId: request.backupId,
      records,
      status,
      durationMs,
      error: failure === undefined ? undefined : messageOf(failure),
      run: await workflowRunLink(),
    }).write(),
  );
  if (failure === undefined) {
    core.info(`Done: ${records.map((r) => `${r.destination.database}.${r.destination.collection} ${r.status}`).join(', ')} in ${Math.round(durationMs / 1000)} s.`);
    return;
  }
  if (interrupted && last) core.info(`Restore job ${last.jobId} is still running in Zilliz Cloud; it was not cancelled. Check it with GET ${request.baseUrl.href.replace(/\/$/, '')}/v2/jobs/${last.jobId}.`);
  core.setFailed(messageOf(failure));
}
