import * as core from '@actions/core';
import { interruptedOrFinalStatus, messageOf, workflowRunLink, writeSummarySafely } from './common.ts';
import type { BackupRecord } from '../workflows/records.ts';
import { backupOutputs, writeOutputs } from './outputs.ts';
import { addBackupSummary } from './summary.ts';

export interface BackupRunContext {
  clusterId: string;
  backupType: string;
  baseUrl: URL;
  startedAt: number;
}

/**
 * The end of a backup or wait run, success or not: every output known, the job summary, and
 * for a timeout or cancellation how to follow the job that is still running.
 */
export async function finishBackupRun(context: BackupRunContext, records: readonly BackupRecord[], failure: unknown): Promise<void> {
  const last = records.at(-1);
  const { status, interrupted } = interruptedOrFinalStatus(last?.status, failure);
  const durationMs = Date.now() - context.startedAt;
  const baseUrl = context.baseUrl.href.replace(/\/$/, '');
  writeOutputs(core.setOutput, backupOutputs({ records, status, durationMs }));
  await writeSummarySafely(async () =>
    addBackupSummary(core.summary, {
      clusterId: context.clusterId,
      backupType: context.backupType,
      baseUrl,
      records,
      status,
      durationMs,
      error: failure === undefined ? undefined : messageOf(failure),
      run: await workflowRunLink(),
    }).write(),
  );
  if (failure === undefined) {
    core.info(`Done: ${records.map((r) => `${r.backupId} ${r.status}`).join(', ')} in ${Math.round(durationMs / 1000)} s.`);
    return;
  }
  if (interrupted && last) {
    const check = last.jobId ? `${baseUrl}/v2/jobs/${last.jobId}` : `${baseUrl}/v2/clusters/${context.clusterId}/backups/${last.backupId}`;
    core.info(
      `Backup ${last.backupId}${last.jobId ? ` (job ${last.jobId})` : ''} is still being made in Zilliz Cloud; it was not cancelled. Check it with\n` +
        `  curl -H "Authorization: Bearer $ZILLIZ_API_KEY" ${check}\n` +
        "or wait for it with the wait sub-action, passing this step's backup-id and job-id outputs.",
    );
  }
  core.setFailed(messageOf(failure));
}
