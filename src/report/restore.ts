import { apiUrl, formatDuration } from '../format.ts';
import type { RestoreRequest } from '../inputs/restore.ts';
import type { CollectionRef, Outcome, RestoreRecord } from '../types.ts';
import { messageOf } from '../errors.ts';
import { forLog } from '../text.ts';
import { RestoreRefusedError, type RestoreMore, type RestoreRefusal } from '../workflows/restore.ts';
import { SwitchFailedError, type SwitchedAlias, type SwitchRefusal } from '../workflows/rollback.ts';
import { cell, reportRunEnd, type OutputWriter, type RunLink, type SummaryWriter, type Toolkit } from './common.ts';

/** The job ids as they are known; written the moment each restore job starts. */
export function restoreProgressOutputs(records: readonly RestoreRecord[]): Record<string, string> {
  return { 'job-id': records.map((r) => r.jobId).join(' '), restored: JSON.stringify(records) };
}

export function restoreOutputs(records: readonly RestoreRecord[], status: string, durationMs: number, more: RestoreOutputsMore = {}): Record<string, string> {
  return {
    ...restoreProgressOutputs(records),
    'backup-id': more.backupId ?? '',
    switched: JSON.stringify(more.switched ?? []),
    status,
    duration: String(Math.round(durationMs / 1000)),
  };
}

interface RestoreOutputsMore {
  backupId?: string | undefined;
  switched?: readonly SwitchedAlias[] | undefined;
}

/** The exact call that points an alias back where it was (the collection it left is kept as it was). */
export function pointBackCall(endpoint: string, moved: SwitchedAlias): string {
  const body = JSON.stringify({ dbName: moved.database, aliasName: moved.alias, collectionName: moved.from });
  return `curl -X POST "${endpoint}/v2/vectordb/aliases/alter" -H "Authorization: Bearer $ZILLIZ_API_KEY" -H "Content-Type: application/json" -d '${body}'`;
}

/** The aliases asked for: before and after for the ones moved, and the step that points each back. */
function addSwitchSummary(summary: SummaryWriter, data: RestoreSummary): void {
  const moved = data.switched ?? [];
  if (!data.aliases.length) return;
  summary.addHeading('Aliases', 3);
  const movedByName = new Map(moved.map((m) => [m.alias, m]));
  summary.addTable([
    ['Alias', 'Database', 'Before', 'After', 'Rows', 'Point it back'].map((h) => ({ data: h, header: true })),
    ...data.aliases.map((alias) => {
      const m = movedByName.get(alias);
      if (!m) {
        // Not moved: it still points where it did when checked (unless its move is unknown).
        const before = data.aliasesBefore?.find((b) => b.alias === alias);
        const after = alias === data.failed?.alias ? cell(data.failed.after) : `not moved${before ? `: ${cell(before.collection)}` : ''}`;
        return [cell(alias), cell(before?.database ?? ''), cell(before?.collection ?? ''), after, '', ''];
      }
      const back = data.endpoint ? `<code>${cell(pointBackCall(data.endpoint, m))}</code>` : '';
      return [cell(m.alias), cell(m.database), cell(m.from), cell(m.to), String(m.rowCount), back];
    }),
  ]);
  if (moved.length) {
    summary.addRaw(
      `<p>Nothing was dropped or renamed: each collection an alias left is kept as it was (for forensics, and to roll forward with the call above).</p>`,
      true,
    );
  }
}

export interface RestoreSummary {
  clusterId: string;
  backupId: string;
  records: readonly RestoreRecord[];
  /** The aliases switch-alias named, in order. */
  aliases: readonly string[];
  switched?: readonly SwitchedAlias[] | undefined;
  /** Where each alias pointed when checked, before any restore. */
  aliasesBefore?: RestoreMore['aliasesBefore'] | undefined;
  /** The alias a switch stopped at, when it is not simply where it was: its move unknown, or moved by someone else. */
  failed?: { alias: string; after: string } | undefined;
  endpoint?: string | undefined;
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
  addSwitchSummary(summary, data);
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
    case 'no latest':
      return `no AVAILABLE backup of cluster ${refusal.clusterId}${refusal.createdBefore === undefined ? '' : ` created before ${new Date(refusal.createdBefore).toISOString()}`} holds every collection to restore (${refusal.notCovering} looked at did not); nothing was restored. Check the backups in the console, or give a backup ID.`;
    default:
      return switchRefusalText(refusal);
  }
}

/** The rollback's refusals: nothing was restored. */
function switchRefusalText(refusal: SwitchRefusal): string {
  const nothing = 'Nothing was restored.';
  switch (refusal.kind) {
    case 'which collection':
      return `"${refusal.alias}" names no collection, and this run restores ${refusal.restoring === 0 ? 'no collection by name' : `${refusal.restoring} collections`}; write ${refusal.alias}=COLLECTION and list the collections to restore. ${nothing}`;
    case 'not restored':
      return `${refName(refusal.collection)} (for alias ${refusal.alias}) is not one of the collections this run restores. ${nothing}`;
    case 'cluster not serving':
      return `cluster ${refusal.clusterId} is ${forLog(refusal.status)}${refusal.problem ? `, and ${refusal.problem}` : ''}: its aliases can be switched only while it is RUNNING with an https data-plane endpoint (a loopback host may use http). ${nothing}`;
    case 'no alias':
      return `${refusal.database}.${refusal.alias} is ${refusal.isCollection ? 'a collection, not an alias' : 'not an alias (aliases/describe answers 1600)'}, so there is nothing to switch. ${ONE_TIME_MOVE(refusal.database, refusal.alias)} ${nothing}`;
    case 'name taken':
      return `${refName(refusal.destination)} already exists (as a collection or an alias) in the target cluster; leave name-suffix out (with switch-alias the suffix then carries the time) or choose another. ${nothing}`;
  }
}

/** How an application that reads a collection by its name moves to an alias, once. */
const ONE_TIME_MOVE = (database: string, name: string): string =>
  `To roll back by alias, the application must read an alias: once, create one (POST /v2/vectordb/aliases/create {"dbName":"${database}","aliasName":"<alias>","collectionName":"${name}"}) under a name that is not a collection's, point the application at the alias, and name that alias in switch-alias.`;

/** A switch that stopped: which aliases moved, which did not, and why. */
function switchFailureText(failure: SwitchFailedError): string {
  const moved = failure.moved.length ? `Moved: ${failure.moved.map((m) => `${m.database}.${m.alias} → ${m.to}`).join(', ')}.` : 'No alias moved.';
  const rest = failure.untouched.map((s) => `${s.database}.${s.alias}`);
  const left = rest.length ? ` Not touched: ${rest.join(', ')}.` : '';
  const name = `${failure.failed.database}.${failure.failed.alias}`;
  const f = failure.failure;
  const why =
    f.kind === 'refused'
      ? `Alias ${name} was not moved: ${messageOf(f.cause)}`
      : f.kind === 'not applied'
        ? `Alias ${name} was not moved: the answer was lost (${messageOf(f.cause)}), and describing the alias shows it still points where it did.`
        : f.kind === 'elsewhere'
          ? `Alias ${name} was not moved by this run: the answer was lost, and describing it shows it now points at ${forLog(f.now)}; someone else moved it.`
          : `Whether alias ${name} moved is unknown: the answer was lost (${messageOf(f.cause)}) and describing it failed (${messageOf(f.describeError)}); check it with aliases/describe.`;
  return `${why} ${moved}${left} The restored copies are kept, loaded.`;
}

/** Where the alias a switch stopped at points, when describing it did not show it where it was. */
function failedAfter(failure: SwitchFailedError): { alias: string; after: string } | undefined {
  const f = failure.failure;
  if (f.kind === 'unknown') return { alias: failure.failed.alias, after: 'unknown: check it with aliases/describe' };
  if (f.kind === 'elsewhere') return { alias: failure.failed.alias, after: `${f.now} (moved by someone else, not by this run)` };
  return undefined;
}

/** A refusal reads as the input error it is, in the restore's words. */
function restoreFailureText(failure: unknown): string | undefined {
  if (failure instanceof SwitchFailedError) return switchFailureText(failure);
  if (!(failure instanceof RestoreRefusedError)) return undefined;
  return `Input "${failure.input}": ${refusalText(failure.reason)}`;
}

/** The end of a restore run (see reportRunEnd). */
export async function finishRestoreRun(
  core: Toolkit,
  outputs: OutputWriter,
  request: RestoreRequest,
  outcome: Outcome<RestoreRecord, RestoreMore>,
  startedAt: number,
): Promise<void> {
  const { records, failure } = outcome;
  const more = { backupId: outcome.backupId ?? (request.latest ? undefined : request.backupId), switched: outcome.switched };
  const aliases = request.switchAliases.map((s) => s.alias);
  const last = records.at(-1);
  await reportRunEnd(core, outputs, {
    failure,
    lastStatus: last?.status,
    startedAt,
    failureText: restoreFailureText,
    timeoutAdvice: 'Raise timeout; the restore job goes on in Zilliz Cloud either way, and no alias moves before every copy is loaded.',
    outputs: (status, durationMs) => restoreOutputs(records, status, durationMs, more),
    summary: (fields) =>
      addRestoreSummary(core.summary, {
        clusterId: request.clusterId,
        backupId: more.backupId ?? request.backupId,
        records,
        aliases,
        switched: outcome.switched,
        failed: failure instanceof SwitchFailedError ? failedAfter(failure) : undefined,
        endpoint: outcome.dataPlaneEndpoint,
        aliasesBefore: outcome.aliasesBefore,
        ...fields,
      }),
    done: (durationMs) =>
      `Done: ${records.map((r) => `${r.destination.database}.${r.destination.collection} ${r.status}`).join(', ')}${doneSwitches(outcome.switched)} in ${formatDuration(durationMs)}.`,
    stillRunning: () =>
      last
        ? `Restore job ${last.jobId} is still running in Zilliz Cloud; it was not cancelled. Check it with GET ${apiUrl(request.baseUrl, `/v2/jobs/${last.jobId}`)}.`
        : undefined,
  });
}

function doneSwitches(switched: readonly SwitchedAlias[] | undefined): string {
  return switched?.length ? `; ${switched.map((m) => `alias ${m.database}.${m.alias} → ${m.to} (was ${m.from})`).join(', ')}` : '';
}
