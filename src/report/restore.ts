import { apiUrl, formatDuration } from '../format.ts';
import type { RestoreRequest } from '../inputs/restore.ts';
import type { CollectionRef, Outcome, RestoreRecord } from '../types.ts';
import { RestoreRefusedError, type RestoreRefusal } from '../workflows/restore.ts';
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

const refName = (ref: CollectionRef): string => `${ref.database}.${ref.collection}`;

/** Why the inputs cannot be restored from this backup, and what to change. */
export function refusalText(refusal: RestoreRefusal): string {
  switch (refusal.kind) {
    case 'not available':
      return `backup ${refusal.backupId} is ${refusal.status}, not AVAILABLE; wait for it first (the wait sub-action) and restore then.`;
    case 'not held':
      return `backup ${refusal.backupId} does not hold ${refusal.missing.map(refName).join(', ')}; it holds ${[...new Set(refusal.held.map(refName))].join(', ') || 'no collections'}.`;
    case 'same destination':
      return `${refName(refusal.first)} and ${refName(refusal.second)} would both be restored as ${refName(refusal.destination)}; restore them in separate steps, each with its own name-suffix or target-database.`;
    case 'nothing to rename':
      return `backup ${refusal.backupId} lists no collections, so none can be restored under a new name, and restoring it into its own cluster would collide with the originals; set target-cluster-id to another cluster, or list the collections to restore.`;
  }
}

/** A refusal reads as the input error it is, in the restore's words. */
function restoreFailureText(failure: unknown): string | undefined {
  if (!(failure instanceof RestoreRefusedError)) return undefined;
  return `Input "${failure.input}": ${refusalText(failure.reason)}`;
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
    failureText: restoreFailureText,
    timeoutAdvice: 'Raise timeout; the restore job goes on in Zilliz Cloud either way.',
    outputs: (status, durationMs) => restoreOutputs(records, status, durationMs),
    summary: (fields) => addRestoreSummary(core.summary, { clusterId: request.clusterId, backupId: request.backupId, records, ...fields }),
    done: (durationMs) =>
      `Done: ${records.map((r) => `${r.destination.database}.${r.destination.collection} ${r.status}`).join(', ')} in ${Math.round(durationMs / 1000)} s.`,
    stillRunning: () =>
      last
        ? `Restore job ${last.jobId} is still running in Zilliz Cloud; it was not cancelled. Check it with GET ${apiUrl(request.baseUrl, `/v2/jobs/${last.jobId}`)}.`
        : undefined,
  });
}
