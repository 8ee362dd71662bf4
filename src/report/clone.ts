// The clone's outputs and its drill report. The password is never here: the entry writes it
// to its one output after masking it, and nothing else ever sees it.
import { ClusterNotServingError, InterruptedError, JobFailedError } from '../errors.ts';
import { apiUrl, countOf, formatDuration } from '../format.ts';
import type { CloneRequest } from '../inputs/clone.ts';
import { forOutput, forSummary } from '../text.ts';
import type { Outcome } from '../types.ts';
import { CloneRefusedError, type CloneRecord, type CloneRefusal } from '../workflows/clone.ts';
import type { DropRecord } from '../workflows/clone-post.ts';
import type { LeftoverRow } from '../workflows/leftovers.ts';
import { reportRunEnd, type OutputWriter, type SummaryWriter, type Toolkit } from './common.ts';

/** The outputs known so far (the password aside). */
export function cloneProgressOutputs(records: readonly CloneRecord[]): Record<string, string> {
  const record = records.at(-1);
  if (!record) return {};
  return {
    'cluster-id': record.clone?.clusterId ?? '',
    endpoint: forOutput(record.clone?.endpoint ?? ''),
    username: forOutput(record.clone?.username ?? ''),
    'backup-id': record.backup?.backupId ?? '',
    'job-id': record.clone?.jobId ?? '',
    collections: JSON.stringify(
      record.collections.map((c) => ({ database: c.database, collection: c.collection, rowCount: c.rowCount, loadState: forOutput(c.loadState) })),
    ),
    status: record.status,
  };
}

/** Seconds from the restore request to the clone verified; '' until verified. */
export function restoreSeconds(record: CloneRecord | undefined): string {
  if (record?.requestedAt === undefined || record.verifiedAt === undefined) return '';
  return String(Math.round((record.verifiedAt - record.requestedAt) / 1000));
}

/** VERIFIED, or the last job or cluster status, or ERROR. */
export function cloneStatus(record: CloneRecord | undefined, failure: unknown): string {
  if (failure === undefined) return record?.status ?? '';
  if (failure instanceof JobFailedError || failure instanceof ClusterNotServingError) return failure.status;
  if (failure instanceof InterruptedError && record?.status) return record.status;
  return 'ERROR';
}

/** Why no clone was made, in this action's words, and what to change. */
export function cloneRefusalText(refusal: CloneRefusal): string {
  switch (refusal.kind) {
    case 'not a cluster backup':
      return `backup ${refusal.backupId} is a ${refusal.backupType} backup; restoreCluster needs a CLUSTER backup. Pass the ID of a CLUSTER backup, or latest.`;
    case 'not available':
      return `backup ${refusal.backupId} is ${refusal.status}, not AVAILABLE; wait for it (the wait sub-action) and clone then.`;
    case 'no cluster backup':
      return `cluster ${refusal.clusterId} has no AVAILABLE CLUSTER backup for latest to pick; make one with the main action (backup-type: CLUSTER), or pass a backup ID.`;
    case 'source size unknown':
      return `the CU size of cluster ${refusal.clusterId} is not in its description; set cu-size (1 to 1024).`;
    case 'source project unknown':
      return `the description of cluster ${refusal.clusterId} names no project, which restoreCluster needs (and leftover clones are looked for only in it); nothing was made or dropped. Check the cluster in the console.`;
  }
}

function cloneFailureText(failure: unknown): string | undefined {
  return failure instanceof CloneRefusedError ? `Input "${failure.input}": ${cloneRefusalText(failure.reason)}` : undefined;
}

/** What leaving the clone running costs: CU × hours (compute is billed per CU-hour of running time). */
export function costNote(cuSize: number): string {
  return (
    `Left running it costs ${cuSize} CU × the hours it runs: ${cuSize} CU-hours of compute each hour, ${cuSize * 24} a day ` +
    '(compute is billed per CU-hour while the cluster runs, not while it is suspended; storage is billed always).'
  );
}

const code = (text: string): string => `<code>${forSummary(text)}</code>`;

function ageText(createTime: string, now: number): string {
  const at = Date.parse(createTime);
  return Number.isNaN(at) ? forSummary(createTime || 'unknown time') : `${forSummary(createTime)}, ${formatDuration(now - at)} old`;
}

/** Whether the post step drops the clone: keep is false and its id came from restoreCluster's answer. */
const postStepDrops = (record: CloneRecord | undefined, request: Pick<CloneRequest, 'keep'>): boolean => !request.keep && record?.clone?.adopted === false;

/** What becomes of the clone, in one sentence for the log. */
function cloneFate(record: CloneRecord | undefined, request: Pick<CloneRequest, 'keep'>): string {
  if (postStepDrops(record, request)) return 'The post step drops the clone when the job ends.';
  if (request.keep) return 'keep is true: the clone stays running.';
  return record?.clone ? 'The post step does not drop this clone: it was found by its name, not named by restoreCluster’s answer (see the summary).' : '';
}

function fateLine(record: CloneRecord, request: CloneRequest): string {
  const clone = record.clone;
  if (!clone) return 'No clone was made.';
  if (postStepDrops(record, request)) return 'Dropped by this action’s post step when the job ends (keep: false).';
  const drop = `curl -X DELETE -H "Authorization: Bearer $ZILLIZ_API_KEY" ${apiUrl(request.baseUrl, `/v2/clusters/${clone.clusterId}/drop`)}`;
  const fate = request.keep
    ? '<strong>Kept running (keep: true).</strong>'
    : '<strong>Not dropped by the post step:</strong> restoreCluster’s answer was lost and this cluster was found by its name, so its id did not come from this run’s answer (another run may use the same name). Check that it is this run’s.';
  return `${fate} ${forSummary(costNote(clone.cuSize), 1000)} Drop it in the console, or with ${code(drop)}`;
}

function timingLines(record: CloneRecord): string[] {
  const start = record.requestedAt;
  if (start === undefined) return [];
  return [
    `Time to RUNNING: ${record.runningAt === undefined ? 'not reached' : formatDuration(record.runningAt - start)}`,
    `Time to verified: ${record.verifiedAt === undefined ? 'not reached' : `${formatDuration(record.verifiedAt - start)} (restore-seconds ${restoreSeconds(record)})`}`,
  ];
}

function leftoverCells(row: LeftoverRow): string[] {
  return [
    code(row.cluster.clusterId),
    forSummary(row.cluster.clusterName),
    formatDuration(row.ageMs),
    String(row.cluster.cuSize ?? '?'),
    forSummary(row.result),
  ];
}

export interface CloneSummary {
  request: CloneRequest;
  record: CloneRecord | undefined;
  status: string;
  error: string | undefined;
  now: number;
}

/** The drill report: source and backup, clone, each collection and its rows, times, fate and cost. */
export function addCloneSummary(summary: SummaryWriter, data: CloneSummary): SummaryWriter {
  const { record, request } = data;
  summary.addHeading(`${data.error ? '❌' : '✅'} Zilliz Cloud clone: ${forSummary(data.status || 'not started')}`, 2);
  const source = record?.source;
  const backup = record?.backup;
  const clone = record?.clone;
  summary.addList([
    `Source cluster: ${code(request.clusterId)}${source?.clusterName ? ` (${forSummary(source.clusterName)})` : ''}`,
    ...(backup ? [`Backup: ${code(backup.backupId)} ${forSummary(backup.backupName)} (${ageText(backup.createTime, data.now)})`] : []),
    ...(clone
      ? [`Clone: ${code(clone.clusterId)} ${forSummary(clone.clusterName)}, ${clone.cuSize} CU${clone.endpoint ? `, endpoint ${code(clone.endpoint)}` : ''}`]
      : []),
    ...(record ? timingLines(record) : []),
    ...(record ? [fateLine(record, request)] : []),
  ]);
  if (data.error) summary.addRaw(`<p><strong>Error:</strong> ${forSummary(data.error, 4000)}</p>`, true);
  if (record?.collections.length) {
    summary.addTable([
      ['Database', 'Collection', 'Rows', 'Load state'].map((h) => ({ data: h, header: true })),
      ...record.collections.map((c) => [forSummary(c.database), forSummary(c.collection), String(c.rowCount), forSummary(c.loadState)]),
    ]);
  }
  if (record?.leftovers.length) {
    summary.addHeading('Leftover clones', 3);
    summary.addTable([['Cluster', 'Name', 'Age', 'CU', 'Result'].map((h) => ({ data: h, header: true })), ...record.leftovers.map(leftoverCells)]);
  }
  return summary;
}

/** The last log line of a clone that was verified: its time written as every duration is. */
export function cloneDoneLine(record: CloneRecord | undefined, request: Pick<CloneRequest, 'keep'>): string {
  const took = record?.requestedAt !== undefined && record.verifiedAt !== undefined ? ` in ${formatDuration(record.verifiedAt - record.requestedAt)}` : '';
  return (
    `Done: clone ${record?.clone?.clusterId ?? ''} VERIFIED${took} (${countOf(record?.collections.length ?? 0, 'collection')} checked). ` +
    cloneFate(record, request)
  );
}

/** The end of the clone's main step (see reportRunEnd). */
export async function finishCloneRun(
  core: Toolkit,
  outputs: OutputWriter,
  request: CloneRequest,
  outcome: Outcome<CloneRecord>,
  startedAt: number,
): Promise<void> {
  const record = outcome.records.at(-1);
  const status = cloneStatus(record, outcome.failure);
  await reportRunEnd(core, outputs, {
    failure: outcome.failure,
    lastStatus: status,
    startedAt,
    failureText: cloneFailureText,
    timeoutAdvice: `Raise timeout: restoring a whole cluster can take long. ${cloneFate(record, request)}`,
    outputs: () => ({ ...cloneProgressOutputs(outcome.records), status, 'restore-seconds': restoreSeconds(record) }),
    summary: ({ error }) => addCloneSummary(core.summary, { request, record, status, error, now: Date.now() }),
    done: () => cloneDoneLine(record, request),
    stillRunning: () =>
      record?.clone && postStepDrops(record, request) ? `The post step drops clone ${record.clone.clusterId} when the job ends.` : undefined,
  });
}

/** The end of the clone's post step: what became of the saved clone, in the log and the summary. */
export async function finishClonePost(
  core: Toolkit,
  outputs: OutputWriter,
  request: { baseUrl: URL },
  outcome: Outcome<DropRecord>,
  startedAt: number,
): Promise<void> {
  const record = outcome.records.at(-1);
  const clusterId = record?.clusterId ?? '';
  await reportRunEnd(core, outputs, {
    failure: outcome.failure,
    lastStatus: undefined,
    startedAt,
    outputs: () => ({}),
    summary: ({ error }) => {
      core.summary.addHeading(`${error ? '❌' : '✅'} Zilliz Cloud clone: post step`, 3);
      const drop = `curl -X DELETE -H "Authorization: Bearer $ZILLIZ_API_KEY" ${apiUrl(request.baseUrl, `/v2/clusters/${clusterId}/drop`)}`;
      return core.summary.addRaw(
        error
          ? `<p>The clone ${code(clusterId)} was <strong>not dropped</strong>: ${forSummary(error, 4000)} Drop it in the console, or with ${code(drop)}</p>`
          : `<p>The clone ${code(clusterId)} was dropped${record?.result === 'already gone' ? ' (found gone after an unclear answer)' : ''}; it stays 30 days in the console's recycle bin.</p>`,
        true,
      );
    },
    done: () => `The clone ${clusterId} is dropped.`,
    stillRunning: () => `The drop of ${clusterId} may not have gone through; check it in the console.`,
  });
}
