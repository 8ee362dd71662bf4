import { TooManyDeletionsError } from '../errors.ts';
import { formatAge, formatBytes, formatDuration } from '../format.ts';
import type { PruneRequest } from '../inputs/prune.ts';
import { scopeLabel } from '../scope.ts';
import type { Outcome } from '../types.ts';
import { candidateRows, deletedRows, type PruneRow } from '../workflows/prune.ts';
import { deletionOrder, totalBytes } from '../workflows/retention.ts';
import { cell, reportRunEnd, type OutputWriter, type SummaryWriter, type Toolkit } from './common.ts';

/** A candidate or deleted backup in the `candidates` and `deleted` outputs. */
function backupJson(row: PruneRow) {
  const { backup, scope } = row.entry;
  return {
    backupId: backup.backupId,
    backupName: backup.backupName,
    backupType: backup.backupType,
    createTime: backup.createTime,
    size: backup.size ?? null,
    scope,
  };
}

const backupsOf = (rows: readonly PruneRow[]) => rows.map((row) => row.entry.backup);

/** Bytes freed by what is gone. */
function freedBytes(rows: readonly PruneRow[]): number {
  return totalBytes(backupsOf(deletedRows(rows)));
}

export function pruneOutputs(rows: readonly PruneRow[]): Record<string, string> {
  const deleted = deletionOrder(deletedRows(rows));
  return {
    candidates: JSON.stringify(deletionOrder(candidateRows(rows)).map(backupJson)),
    deleted: JSON.stringify(deleted.map(backupJson)),
    'deleted-count': String(deleted.length),
    'freed-bytes': String(freedBytes(rows)),
  };
}

/** The main action's `pruned` output: what keep-last deleted. */
export function prunedOutput(rows: readonly PruneRow[]): string {
  return JSON.stringify(
    deletionOrder(deletedRows(rows)).map(({ entry: { backup } }) => ({
      backupId: backup.backupId,
      backupName: backup.backupName,
      createTime: backup.createTime,
      size: backup.size ?? null,
    })),
  );
}

function decisionText(row: PruneRow, dryRun: boolean): string {
  switch (row.result) {
    case 'kept':
      return 'kept';
    case 'candidate':
      return dryRun ? 'would delete' : 'selected, not deleted';
    case 'deleted':
      return 'deleted';
    case 'already gone':
      return 'deleted (already gone)';
    case 'failed':
      return 'delete failed';
  }
}

const HEADERS = ['Backup ID', 'Name', 'Type', 'Method', 'Status', 'Created', 'Size', 'Scope', 'Decision', 'Why'];

function rowCells(row: PruneRow, dryRun: boolean): string[] {
  const { backup, scope, detail } = row.entry;
  return [
    backup.backupId,
    backup.backupName,
    backup.backupType,
    backup.creationMethod,
    backup.status,
    backup.createTime,
    backup.size === undefined ? '' : formatBytes(backup.size),
    scope ? scopeLabel(scope) : 'unknown',
    decisionText(row, dryRun),
    detail,
  ];
}

/** One line: how many were selected and deleted, and the bytes freed (or that would be). */
export function retentionTotals(rows: readonly PruneRow[], dryRun: boolean): string {
  const candidates = candidateRows(rows);
  const wouldFree = totalBytes(backupsOf(candidates));
  if (dryRun) return `${rows.length} backups listed; ${candidates.length} would be deleted (dry run), freeing ${formatBytes(wouldFree)}.`;
  return `${rows.length} backups listed; ${candidates.length} selected, ${deletedRows(rows).length} deleted, ${formatBytes(freedBytes(rows))} freed.`;
}

/** The table as plain text for the log: every listed backup once, newest first. */
export function retentionLogLines(rows: readonly PruneRow[], dryRun: boolean): string[] {
  const table = [HEADERS, ...rows.map((row) => rowCells(row, dryRun))];
  const widths = HEADERS.map((_, i) => Math.max(...table.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(HEADERS), ...table.slice(1).map(line), retentionTotals(rows, dryRun)];
}

/** The same table in the job summary. */
export function addRetentionTable(summary: SummaryWriter, rows: readonly PruneRow[], dryRun: boolean): SummaryWriter {
  summary.addRaw(`<p>${cell(retentionTotals(rows, dryRun))}</p>`, true);
  if (!rows.length) return summary;
  return summary.addTable([
    HEADERS.map((data) => ({ data, header: true })),
    ...rows.map((row) =>
      rowCells(row, dryRun).map((text, i) =>
        i === 0 ? `<code>${cell(text)}</code>` : i === 8 && row.result !== 'kept' ? `<strong>${cell(text)}</strong>` : cell(text),
      ),
    ),
  ]);
}

function rulesText(request: PruneRequest): string {
  const parts = [
    request.keepLast === undefined ? '' : `keep-last ${request.keepLast} per scope`,
    request.olderThanMs === undefined ? '' : `older than ${formatAge(request.olderThanMs)}`,
  ].filter(Boolean);
  const which = request.scope
    ? `backups of ${scopeLabel(request.scope)}`
    : request.backupType
      ? `${request.backupType} backups`
      : 'CLUSTER and COLLECTION backups';
  return `${parts.join(' and ')}; ${which}; max-deletions ${request.maxDeletions}${request.dryRun ? '; dry run' : ''}`;
}

/** The refusal to delete more than max-deletions, advising only with the inputs of the action that refused. */
export function tooManyDeletionsText(failure: TooManyDeletionsError, action: 'prune' | 'keep-last'): string {
  const check = action === 'prune' ? 'Check the list in the log (or run with dry-run: true)' : 'Check the list in the log';
  const narrow = action === 'prune' ? 'narrow the rules (keep-last, older-than, collections)' : 'raise keep-last';
  return (
    `The rules select ${failure.candidates} backups to delete, more than max-deletions (${failure.maxDeletions}); nothing was deleted. ` +
    `${check}, then set max-deletions: ${failure.candidates} (or more) to delete them, or ${narrow}.`
  );
}

const pruneFailureText = (failure: unknown): string | undefined =>
  failure instanceof TooManyDeletionsError ? tooManyDeletionsText(failure, 'prune') : undefined;

/** The end of a prune run: outputs, the table in the log and the summary, the verdict. */
export async function finishPruneRun(
  core: Toolkit,
  outputs: OutputWriter,
  request: PruneRequest,
  outcome: Outcome<PruneRow>,
  startedAt: number,
): Promise<void> {
  const rows = outcome.records;
  if (rows.length) for (const line of retentionLogLines(rows, request.dryRun)) core.info(line);
  await reportRunEnd(core, outputs, {
    failure: outcome.failure,
    lastStatus: undefined,
    startedAt,
    failureText: pruneFailureText,
    outputs: () => pruneOutputs(rows),
    summary: ({ durationMs, error, run }) => {
      const title = request.dryRun ? 'dry run' : `${deletedRows(rows).length} deleted`;
      core.summary.addHeading(`${outcome.failure ? '❌' : '✅'} Zilliz Cloud prune: ${cell(title)}`, 2);
      core.summary.addList([
        `Cluster: <code>${cell(request.clusterId)}</code>`,
        `Rules: ${cell(rulesText(request))}`,
        `Time taken: ${formatDuration(durationMs)}`,
        ...(run ? [`Workflow run: <a href="${cell(run.url)}">${cell(run.label)}</a>`] : []),
      ]);
      if (error) core.summary.addRaw(`<p><strong>Error:</strong> ${cell(error)}</p>`, true);
      return addRetentionTable(core.summary, rows, request.dryRun);
    },
    done: (durationMs) => `Done in ${Math.round(durationMs / 1000)} s: ${retentionTotals(rows, request.dryRun)}`,
    stillRunning: () => undefined,
  });
}
