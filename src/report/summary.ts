import type { BackupRecord } from '../workflows/records.ts';
import { formatBytes, formatDuration } from '../format.ts';

/** The parts of core.summary we use, so tests can pass a recorder. */
export interface SummaryWriter {
  addHeading(text: string, level?: number): SummaryWriter;
  addRaw(text: string, addEOL?: boolean): SummaryWriter;
  addTable(rows: ({ data: string; header?: boolean } | string)[][]): SummaryWriter;
  addList(items: string[]): SummaryWriter;
  addCodeBlock(code: string, lang?: string): SummaryWriter;
  write(): Promise<unknown>;
}

export interface RunLink {
  url: string;
  label: string;
}

export interface BackupSummary {
  clusterId: string;
  backupType: string;
  baseUrl: string;
  records: readonly BackupRecord[];
  status: string;
  durationMs: number;
  error?: string | undefined;
  run?: RunLink | undefined;
}

export function cell(text: string): string {
  return text.replace(/[<>&|]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '|': '&#124;' })[c] ?? c);
}

export function addBackupSummary(summary: SummaryWriter, data: BackupSummary): SummaryWriter {
  const ok = !data.error;
  summary.addHeading(`${ok ? '✅' : '❌'} Zilliz Cloud backup: ${cell(data.status || 'not started')}`, 2);
  const scope = data.records.length
    ? data.records.map((r) => (r.database === undefined ? 'whole cluster' : `${r.database}: ${r.collections.join(', ')}`)).join('; ')
    : '';
  summary.addList([
    `Cluster: <code>${cell(data.clusterId)}</code>`,
    `Backup type: ${cell(data.backupType)}${scope ? ` (${cell(scope)})` : ''}`,
    `Time taken: ${formatDuration(data.durationMs)}`,
    ...(data.run ? [`Workflow run: <a href="${cell(data.run.url)}">${cell(data.run.label)}</a>`] : []),
  ]);
  if (data.error) summary.addRaw(`<p><strong>Error:</strong> ${cell(data.error)}</p>`, true);
  if (data.records.length) {
    summary.addTable([
      [
        { data: 'Database', header: true },
        { data: 'Collections', header: true },
        { data: 'Backup ID', header: true },
        { data: 'Name', header: true },
        { data: 'Job', header: true },
        { data: 'Status', header: true },
        { data: 'Size', header: true },
      ],
      ...data.records.map((r) => [
        cell(r.database ?? '(cluster)'),
        cell(r.collections.join(', ') || 'all'),
        `<code>${cell(r.backupId)}</code>`,
        cell(r.backupName),
        r.jobId
          ? `<code>${cell(r.jobId)}</code>`
          : r.reused
            ? `none: reused, made ${formatDuration(r.reused.ageMs)} ago (${cell(r.reused.createTime)})`
            : 'unknown',
        cell(r.status),
        r.size === undefined ? '' : formatBytes(r.size),
      ]),
    ]);
    summary.addHeading('How to restore', 3);
    summary.addRaw(
      `<p>In the Zilliz Cloud console: cluster <code>${cell(data.clusterId)}</code> → <em>Backups</em> → the backup → <em>Restore</em>. ` +
        'Or with the <code>restore</code> sub-action of this action, or the API:</p>',
      true,
    );
    const first = data.records[0];
    if (first) {
      const body =
        first.database === undefined
          ? `{"projectId":"<project>","clusterName":"<new-cluster>","cuSize":1,"collectionStatus":"KEEP"}`
          : `{"destClusterId":"${data.clusterId}","dbCollections":[{"dbName":"${first.database}","destDbName":"${first.database}","collections":[{"collectionName":"${first.collections[0] ?? '<collection>'}","destCollectionName":"${first.collections[0] ?? '<collection>'}_restored","destCollectionStatus":"LOADED"}]}]}`;
      const op = first.database === undefined ? 'restoreCluster' : 'restoreCollection';
      summary.addCodeBlock(
        `curl -X POST "${data.baseUrl}/v2/clusters/${data.clusterId}/backups/${first.backupId}/${op}" \\\n` +
          `  -H "Authorization: Bearer $ZILLIZ_API_KEY" -H "Content-Type: application/json" \\\n  -d '${body}'`,
        'sh',
      );
    }
  }
  return summary;
}
