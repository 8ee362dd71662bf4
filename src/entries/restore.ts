import * as core from '@actions/core';
import { readRestoreRequest, type RestoreRequest } from '../inputs/restore.ts';
import { addRestoreSummary, restoreOutputs } from '../report/restore.ts';
import { writeOutputs } from '../report/outputs.ts';
import { runRestores, type RestoreRecord } from '../workflows/restore.ts';
import { interruptedOrFinalStatus, messageOf, workflowRunLink, writeSummarySafely } from '../report/common.ts';
import { runStep } from './common.ts';

/** The restore sub-action: restore collections from a backup into an existing cluster. */
export async function run(): Promise<void> {
  const records: RestoreRecord[] = [];
  // An empty name-suffix means "no suffix"; an absent one means the default.
  const isSet = (name: string): boolean => `INPUT_${name.replace(/ /g, '_').toUpperCase()}` in process.env;
  const onRecords = (current: readonly RestoreRecord[]): void => writeOutputs(core.setOutput, restoreOutputs(current, current.at(-1)?.status ?? '', 0));
  await runStep(
    (apiKey) => readRestoreRequest((name) => core.getInput(name), isSet, apiKey),
    (request, session) => runRestores(request, { ...session, onRecords }, records).then(() => undefined),
    (request, failure, startedAt) => finishRestore(request, records, failure, startedAt),
  );
}

async function finishRestore(request: RestoreRequest, records: readonly RestoreRecord[], failure: unknown, startedAt: number): Promise<void> {
  const last = records.at(-1);
  const { status, interrupted } = interruptedOrFinalStatus(last?.status, failure);
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
    core.info(
      `Done: ${records.map((r) => `${r.destination.database}.${r.destination.collection} ${r.status}`).join(', ')} in ${Math.round(durationMs / 1000)} s.`,
    );
    return;
  }
  if (interrupted && last) {
    core.info(
      `Restore job ${last.jobId} is still running in Zilliz Cloud; it was not cancelled. Check it with GET ${request.baseUrl.href.replace(/\/$/, '')}/v2/jobs/${last.jobId}.`,
    );
  }
  core.setFailed(messageOf(failure));
}
