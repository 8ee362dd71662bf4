import { TooManyDeletionsError, messageOf } from '../errors.ts';
import { apiUrl, formatBytes, formatDuration } from '../format.ts';
import { forSummaryBlock, TEXT_LIMIT } from '../text.ts';
import { NO_JOB, type BackupRecord, type Outcome } from '../types.ts';
import { ACTION_REPOSITORY, MAJOR_TAG } from '../version.ts';
import type { PruneRow } from '../workflows/prune.ts';
import { addRetentionTable, prunedOutput, retentionLogLines, tooManyDeletionsText } from './prune.ts';
import { cell, reportRunEnd, type OutputWriter, type RunLink, type SummaryWriter, type Toolkit } from './common.ts';

/**
 * One value per backup, space-separated in database order: the shape later steps split on.
 * `strays` (other backups of a scope found after a create was sent twice) are in `backups` only,
 * marked `gate: false`: named so a person can delete them, never taken as this run's backup.
 */
export function idOutputs(records: readonly BackupRecord[], strays: readonly BackupRecord[] = []): Record<string, string> {
  const entry = (r: BackupRecord, gate: boolean) => ({
    database: r.database ?? null,
    collections: r.collections,
    backupId: r.backupId,
    backupName: r.backupName,
    jobId: r.jobId,
    status: r.status,
    size: r.size ?? null,
    created: !r.reused,
    ...(gate ? {} : { gate: false }),
  });
  return {
    'backup-id': records.map((r) => r.backupId).join(' '),
    'job-id': records.some((r) => r.jobId) ? records.map((r) => r.jobId || NO_JOB).join(' ') : '',
    'backup-name': records.map((r) => r.backupName).join(' '),
    backups: JSON.stringify([...records.map((r) => entry(r, true)), ...strays.map((r) => entry(r, false))]),
  };
}

/** Every output of a backup or wait run. */
export function backupOutputs(records: readonly BackupRecord[], status: string, durationMs: number): Record<string, string> {
  return {
    ...idOutputs(records),
    status,
    duration: String(Math.round(durationMs / 1000)),
    // Empty when nothing was made or reused, so `created == 'false'` means "reused" only.
    created: records.length ? String(records.every((r) => !r.reused)) : '',
  };
}

export interface BackupSummary {
  clusterId: string;
  backupType: string;
  /** Regions asked for: their copies are separate jobs that may still run when the gate opens. */
  crossRegionCopies?: readonly string[] | undefined;
  baseUrl: string;
  records: readonly BackupRecord[];
  status: string;
  durationMs: number;
  error?: string | undefined;
  run?: RunLink | undefined;
}

function jobCell(record: BackupRecord): string {
  if (record.jobId) return `<code>${cell(record.jobId)}</code>`;
  if (record.reused) return `none: reused, made ${formatDuration(record.reused.ageMs)} ago (${cell(record.reused.createTime)})`;
  return 'unknown';
}

/** The API call that restores from one backup, as a copyable command. */
function restoreCommand(clusterId: string, baseUrl: string, record: BackupRecord): string {
  const collection = record.collections[0] ?? '<collection>';
  const body =
    record.database === undefined
      ? `{"projectId":"<project>","clusterName":"<new-cluster>","cuSize":1,"collectionStatus":"KEEP"}`
      : `{"destClusterId":"${clusterId}","dbCollections":[{"dbName":"${record.database}","destDbName":"${record.database}","collections":[{"collectionName":"${collection}","destCollectionName":"${collection}_restored","destCollectionStatus":"LOADED"}]}]}`;
  const op = record.database === undefined ? 'restoreCluster' : 'restoreCollection';
  return (
    `curl -X POST "${baseUrl}/v2/clusters/${clusterId}/backups/${record.backupId}/${op}" \\\n` +
    `  -H "Authorization: Bearer $ZILLIZ_API_KEY" -H "Content-Type: application/json" \\\n  -d '${body}'`
  );
}

/** The restore sub-action's step for this run's backups, first in "How to restore": a rollback is one step. */
function restoreSteps(clusterId: string, records: readonly BackupRecord[]): string {
  return records
    .map((r) => {
      const collections = r.database === undefined ? [] : [`    collections: ${r.collections.map((c) => `${r.database}.${c}`).join(', ')}`];
      return [
        `- name: Roll back from ${r.backupId}`,
        `  uses: ${ACTION_REPOSITORY}/restore@${MAJOR_TAG}`,
        '  with:',
        '    api-key: ${{ secrets.ZILLIZ_API_KEY }}',
        `    cluster-id: ${clusterId}`,
        `    backup-id: ${r.backupId}`,
        ...collections,
        '    # switch-alias: <alias the application reads>  # moves it to the restored copy once loaded',
      ].join('\n');
    })
    .join('\n\n');
}

export function addBackupSummary(summary: SummaryWriter, data: BackupSummary): SummaryWriter {
  summary.addHeading(`${data.error ? '❌' : '✅'} Zilliz Cloud backup: ${cell(data.status || 'not started')}`, 2);
  const scope = data.records.map((r) => (r.database === undefined ? 'whole cluster' : `${r.database}: ${r.collections.join(', ')}`)).join('; ');
  summary.addList([
    `Cluster: <code>${cell(data.clusterId)}</code>`,
    `Backup type: ${cell(data.backupType)}${scope ? ` (${cell(scope)})` : ''}`,
    `Time taken: ${formatDuration(data.durationMs)}`,
    ...(data.crossRegionCopies?.length
      ? [
          `Cross-region copies: ${cell(data.crossRegionCopies.join(', '))}. Each is a separate job that starts after the backup job, so a copy may still be in progress although the backup is usable.`,
        ]
      : []),
    ...(data.run ? [`Workflow run: <a href="${cell(data.run.url)}">${cell(data.run.label)}</a>`] : []),
  ]);
  if (data.error) summary.addRaw(`<p><strong>Error:</strong> ${cell(data.error)}</p>`, true);
  if (!data.records.length) return summary;
  summary.addTable([
    ['Database', 'Collections', 'Backup ID', 'Name', 'Job', 'Status', 'Size'].map((data) => ({ data, header: true })),
    ...data.records.map((r) => [
      cell(r.database ?? '(cluster)'),
      cell(r.collections.join(', ') || 'all'),
      `<code>${cell(r.backupId)}</code>`,
      cell(r.backupName),
      jobCell(r),
      cell(r.status),
      r.size === undefined ? '' : formatBytes(r.size),
    ]),
  ]);
  summary.addHeading('How to restore', 3);
  summary.addRaw(
    '<p>With the <code>restore</code> sub-action, one step: it restores beside the originals, loads, and with <code>switch-alias</code> moves the alias the application reads (see restore/README.md).</p>',
    true,
  );
  summary.addCodeBlock(forSummaryBlock(restoreSteps(data.clusterId, data.records), TEXT_LIMIT.output), 'yaml');
  summary.addRaw(
    `<p>Or in the Zilliz Cloud console: cluster <code>${cell(data.clusterId)}</code> → <em>Backups</em> → the backup → <em>Restore</em>. ` +
      'Or with the API:</p>',
    true,
  );
  // addCodeBlock writes its text into <pre><code> as it is: escaped here.
  summary.addCodeBlock(forSummaryBlock(data.records.map((r) => restoreCommand(data.clusterId, data.baseUrl, r)).join('\n\n'), TEXT_LIMIT.output), 'sh');
  return summary;
}

/** What the main action's keep-last did after the backups (the wait sub-action has none). */
export interface RetentionReport {
  /** undefined: keep-last is empty, nothing is pruned. */
  keepLast: number | undefined;
  rows: readonly PruneRow[];
  /** Why nothing was pruned, when pruning did not start. */
  skipped: string | undefined;
  /** A failed prune: a warning, since the backup itself is usable. */
  failure: unknown;
}

export interface BackupRunContext {
  clusterId: string;
  backupType: string;
  crossRegionCopies?: readonly string[];
  baseUrl: URL;
  startedAt: number;
  retention?: RetentionReport | undefined;
}

/** Why keep-last pruned nothing, with the main action's own inputs as advice. */
function keepLastFailureText(failure: unknown): string {
  return failure instanceof TooManyDeletionsError ? tooManyDeletionsText(failure, 'keep-last') : messageOf(failure);
}

/** keep-last's part of the summary. */
function addRetentionSummary(summary: SummaryWriter, retention: RetentionReport): SummaryWriter {
  if (retention.keepLast === undefined) return summary;
  summary.addHeading(`Retention: keep-last ${retention.keepLast}`, 3);
  if (retention.skipped) return summary.addRaw(`<p>${cell(`Nothing pruned: ${retention.skipped}.`)}</p>`, true);
  if (retention.failure !== undefined) summary.addRaw(`<p><strong>Pruning failed:</strong> ${cell(keepLastFailureText(retention.failure))}</p>`, true);
  return addRetentionTable(summary, retention.rows, false);
}

/** Backups of the same scope found after the create was sent twice: named, so a person can delete them. */
function addStraysSummary(summary: SummaryWriter, strays: readonly BackupRecord[]): SummaryWriter {
  if (!strays.length) return summary;
  summary.addHeading('⚠️ Another backup of the same scope', 3);
  summary.addRaw(
    '<p>The create request was sent twice (the first answer was lost), and this backup of the same scope was made since the first send. ' +
      "It may be the first request's backup. It is not this run's gate: check it and delete it if it is not needed.</p>",
    true,
  );
  return summary.addList(strays.map((r) => `<code>${cell(r.backupId)}</code> (${cell(r.backupName)}, ${cell(r.status)})`));
}

/** The end of a backup or wait run (see reportRunEnd). */
export async function finishBackupRun(
  core: Toolkit,
  outputs: OutputWriter,
  context: BackupRunContext,
  outcome: Outcome<BackupRecord, { strays: BackupRecord[] }>,
): Promise<void> {
  const { records, failure } = outcome;
  const strays = outcome.strays ?? [];
  const last = records.at(-1);
  const baseUrl = apiUrl(context.baseUrl, '');
  const { retention } = context;
  if (retention?.rows.length) for (const line of retentionLogLines(retention.rows, false)) core.info(line);
  // The backup is usable: a failed clean-up is reported loudly but does not fail the gate.
  if (retention?.failure !== undefined) core.warning(`keep-last: pruning failed: ${keepLastFailureText(retention.failure)}`);
  await reportRunEnd(core, outputs, {
    failure,
    lastStatus: last?.status,
    startedAt: context.startedAt,
    timeoutAdvice: 'Raise timeout, or wait for it later with the wait sub-action.',
    outputs: (status, durationMs) => ({
      ...backupOutputs(records, status, durationMs),
      backups: idOutputs(records, strays).backups ?? '',
      ...(retention ? { pruned: prunedOutput(retention.rows) } : {}),
    }),
    summary: (fields) => {
      const summary = addStraysSummary(addBackupSummary(core.summary, { ...context, baseUrl, records, ...fields }), strays);
      return retention ? addRetentionSummary(summary, retention) : summary;
    },
    done: (durationMs) => `Done: ${records.map((r) => `${r.backupId} ${r.status}`).join(', ')} in ${formatDuration(durationMs)}.`,
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
