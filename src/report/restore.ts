import { formatDuration } from '../format.ts';
import type { RestoreRequest } from '../inputs/restore.ts';
import type { Outcome, RestoreRecord } from '../types.ts';
import { cell, reportRunEnd, type OutputWriter, type RunLink, type SummaryWriter, type Toolkit } from './common.ts';

/** The job ids as they are known; written the moment each restore job starts. */
export function restoreProgressOutputs(records: readonly RestoreRecord[]): Record<string, string> {
  return { 'job-id': records.map((r) => r.jobId).join(' '), restored: JSON.stringify(records) };
}

export function restoreOutputs(records: readonly RestoreRecord[], status: string, durationMs: number): Record<string, string> {
  return {
    ...restoreProgressOutputs(records),
    status,
    duration: String(Math.round(durationMs / 1000)),
  };
}

export interface RestoreSummary {
  clusterId: string;
  backupId: string;
  records: readonly RestoreRecord[];
  status: string;
  durationMs: number;
  error?: string | undefined;
  run?: RunLink | undefined;
}

function addRestoreSummary(summary: SummaryWriter, data: RestoreSummary): SummaryWriter {
  summary.addHeading(`${data.error ? '❌' : '✅'} Zilliz Cloud restore: ${cell(data.status || 'not started')}`, 2);
  summary.addList([
    `Backup: <code>${cell(data.backupId)}</code> of cluster <code>${cell(data.clusterId)}</code>`,
    `Time taken: ${formatDuration(data.durationMs)}`,
    ...(data.run ? [`Workflow run: <a href="${cell(data.run.url)}">${cell(data.run.label)}</a>`] : []),
  ]);
  if (data.error) summary.addRaw(`<p><strong>Error:</strong> ${cell(data.error)}</p>`, true);
  if (data.records.length) {
    summary.addTable([
      ['Source', 'Destination cluster', 'Destination', 'Job', 'Status'].map((h) => ({ data: h, header: true })),
      ...data.records.map((r) => [
        cell(`${r.source.database}.${r.source.collection}`),
        `<code>${cell(r.destination.clusterId)}</code>`,
        cell(`${r.destination.database}.${r.destination.collection}`),
        `<code>${cell(r.jobId)}</code>`,
        cell(r.status),
      ]),
    ]);
  }
  return summary;
}

/** The end of a restore run (see reportRunEnd). */
export async function finishRestoreRun(
  core: Toolkit,
  outputs: OutputWriter,
  request: RestoreRequest,
  outcome: Outcome<RestoreRecord>,
  startedAt: number,
): Promise<void> {
  const { records, failure } = outcome;
  const last = records.at(-1);
  await reportRunEnd(core, outputs, {
    failure,
    lastStatus: last?.status,
    startedAt,
    outputs: (status, durationMs) => restoreOutputs(records, status, durationMs),
    summary: (fields) => addRestoreSummary(core.summary, { clusterId: request.clusterId, backupId: request.backupId, records, ...fields }),
    done: (durationMs) =>
      `Done: ${records.map((r) => `${r.destination.database}.${r.destination.collection} ${r.status}`).join(', ')} in ${Math.round(durationMs / 1000)} s.`,
    stillRunning: () =>
      last
        ? `Restore job ${last.jobId} is still running in Zilliz Cloud; it was not cancelled. Check it with GET ${request.baseUrl.href.replace(/\/$/, '')}/v2/jobs/${last.jobId}.`
        : undefined,
  });
}
