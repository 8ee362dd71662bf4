import type { RestoreRecord } from '../workflows/restore.ts';
import { formatDuration } from '../inputs/parse.ts';
import type { RunLink, SummaryWriter } from './summary.ts';
import { cell } from './summary.ts';

export function restoreOutputs(records: readonly RestoreRecord[], status: string, durationMs: number): Record<string, string> {
  return {
    'job-id': records.map((r) => r.jobId).join(' '),
    restored: JSON.stringify(records),
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

export function addRestoreSummary(summary: SummaryWriter, data: RestoreSummary): SummaryWriter {
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
