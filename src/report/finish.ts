import type { BackupRecord } from '../workflows/records.ts';
import { reportRunEnd } from './common.ts';
import { backupOutputs } from './outputs.ts';
import { addBackupSummary } from './summary.ts';
import type { Toolkit } from './toolkit.ts';

export interface BackupRunContext {
  clusterId: string;
  backupType: string;
  baseUrl: URL;
  startedAt: number;
}

/** The end of a backup or wait run (see reportRunEnd). */
export async function finishBackupRun(core: Toolkit, context: BackupRunContext, records: readonly BackupRecord[], failure: unknown): Promise<void> {
  const last = records.at(-1);
  const baseUrl = context.baseUrl.href.replace(/\/$/, '');
  await reportRunEnd(core, {
    failure,
    lastStatus: last?.status,
    startedAt: context.startedAt,
    outputs: (status, durationMs) => backupOutputs({ records, status, durationMs }),
    summary: (fields) => addBackupSummary(core.summary, { clusterId: context.clusterId, backupType: context.backupType, baseUrl, records, ...fields }),
    done: (durationMs) => `Done: ${records.map((r) => `${r.backupId} ${r.status}`).join(', ')} in ${Math.round(durationMs / 1000)} s.`,
    stillRunning: () => {
      if (!last) return undefined;
      const check = last.jobId ? `${baseUrl}/v2/jobs/${last.jobId}` : `${baseUrl}/v2/clusters/${context.clusterId}/backups/${last.backupId}`;
      return (
        `Backup ${last.backupId}${last.jobId ? ` (job ${last.jobId})` : ''} is still being made in Zilliz Cloud; it was not cancelled. Check it with\n` +
        `  curl -H "Authorization: Bearer $ZILLIZ_API_KEY" ${check}\n` +
        "or wait for it with the wait sub-action, passing this step's backup-id and job-id outputs."
      );
    },
  });
}
