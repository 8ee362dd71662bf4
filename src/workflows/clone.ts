// A new cluster from a backup: pick and check the backup, restore it into a cluster named with
// the clone prefix, wait until the clone serves, and check every collection on the clone's own
// data plane. Never drops anything it made: that is the post step's job alone (clone-post.ts).
import { ApiError, CollectionsMissingError, HttpStatusError, InterruptedError, RefusedError, TransportError, UnexpectedResponseError } from '../errors.ts';
import { isPlainId } from '../ids.ts';
import { CLONE_PREFIX, LATEST, defaultCloneName, type CloneRequest } from '../inputs/clone.ts';
import type { Runtime } from '../runtime.ts';
import type { CollectionRef, Outcome, Progress } from '../types.ts';
import type { BackupInfo, ClusterInfo, ZillizApi } from '../zilliz/api.ts';
import type { ClusterApi, ClusterListing, RestoreClusterBody, RestoredCluster } from '../zilliz/clusters.ts';
import type { DataPlaneApi } from '../zilliz/dataplane.ts';
import { handleLeftovers, type LeftoverRow } from './leftovers.ts';
import { backupPhase, normalizeStatus } from './status.ts';
import { verifyClone, type CheckedCollection } from './verify-clone.ts';
import { latestCandidates } from './latest.ts';
import { listUsableBackups } from './listing.ts';
import { recordOutcome, type RecordList } from './records.ts';
import { clusterStatusChanges, jobStatusChanges } from './waiting.ts';

/** The most time kept back from restoreCluster's answer to look for the clone by its name. */
const LOOK_RESERVE_MS = 30_000;

/** Why no clone can be made from what the API described; report/clone.ts words it. */
export type CloneRefusal =
  | { input: 'backup-id'; kind: 'not a cluster backup'; backupId: string; backupType: string }
  | { input: 'backup-id'; kind: 'not available'; backupId: string; status: string }
  | { input: 'backup-id'; kind: 'no cluster backup'; clusterId: string }
  | { input: 'cu-size'; kind: 'source size unknown'; clusterId: string }
  | { input: 'cluster-id'; kind: 'source project unknown'; clusterId: string };

export class CloneRefusedError extends RefusedError<CloneRefusal> {}

/** Everything a clone run has learnt; one record, replaced as it grows. */
export interface CloneRecord {
  source: { clusterId: string; clusterName: string; projectId: string; cuSize: number | undefined };
  backup?: { backupId: string; backupName: string; createTime: string; collections: CollectionRef[] };
  leftovers: LeftoverRow[];
  /**
   * From the moment restoreCluster answered, or its cluster was found by its name after a lost
   * answer (`adopted`: followed and checked, but never saved for the post step, so never dropped).
   */
  clone?: { clusterId: string; clusterName: string; cuSize: number; username: string; jobId: string; endpoint: string; adopted: boolean };
  /** The last job or cluster status; VERIFIED at the end. */
  status: string;
  collections: CheckedCollection[];
  /** Clock ms: restoreCluster sent, the clone seen RUNNING, every collection checked. */
  requestedAt?: number;
  runningAt?: number;
  verifiedAt?: number;
}

export interface CloneDeps {
  api: ZillizApi;
  clusters: ClusterApi;
  /** A client for a cluster's own data plane: only the clone's is ever asked for. */
  dataPlane: (url: URL) => DataPlaneApi;
  runtime: Runtime;
  progress: Progress<CloneRecord>;
  /**
   * Called the moment restoreCluster answers, before anything else: mask the password, save the
   * id for the post step. Never for a cluster found by its name after a lost answer: only an id
   * the answer gave is ever dropped.
   */
  onRestored: (clone: RestoredCluster) => void;
  /** The workflow run, for the default clone name. */
  runId: string;
}

/** The newest AVAILABLE CLUSTER backup (as restore's latest orders them), or undefined. */
export function newestClusterBackup(backups: readonly BackupInfo[]): BackupInfo | undefined {
  return latestCandidates(
    backups.filter((b) => normalizeStatus(b.backupType) === 'CLUSTER'),
    undefined,
  )[0];
}

/** A described backup restoreCluster can take: a CLUSTER backup, AVAILABLE. */
export function checkBackup(backup: BackupInfo): CloneRefusal | undefined {
  if (normalizeStatus(backup.backupType) !== 'CLUSTER') {
    return { input: 'backup-id', kind: 'not a cluster backup', backupId: backup.backupId, backupType: backup.backupType || 'unknown' };
  }
  if (backupPhase(backup.status) !== 'succeeded')
    return { input: 'backup-id', kind: 'not available', backupId: backup.backupId, status: normalizeStatus(backup.status) };
  return undefined;
}

/** The restoreCluster body, from the inputs and the source, or why it cannot be made. */
export function planClone(request: CloneRequest, source: ClusterInfo, runId: string): RestoreClusterBody | CloneRefusal {
  // restoreCluster needs the project, and leftovers are looked for only in it: never in "any project".
  if (!source.projectId) return { input: 'cluster-id', kind: 'source project unknown', clusterId: source.clusterId };
  const cuSize = request.cuSize ?? source.cuSize;
  if (cuSize === undefined || cuSize < 1) return { input: 'cu-size', kind: 'source size unknown', clusterId: source.clusterId };
  return {
    projectId: source.projectId,
    clusterName: `${CLONE_PREFIX}${request.cloneName ?? defaultCloneName(source.clusterName, runId)}`,
    cuSize,
    collectionStatus: request.load ? 'KEEP' : 'RELEASE',
  };
}

function refuse(refusal: CloneRefusal | undefined): void {
  if (refusal) throw new CloneRefusedError(refusal);
}

/** Runs the clone; never throws: the failure comes back with the record so far. */
export function runClone(request: CloneRequest, deps: CloneDeps): Promise<Outcome<CloneRecord>> {
  return recordOutcome(deps.progress, async (records) => {
    const at = records.add({
      source: { clusterId: request.clusterId, clusterName: '', projectId: '', cuSize: undefined },
      leftovers: [],
      status: '',
      collections: [],
    });
    await cloneSteps(request, deps, records, at);
  });
}

async function cloneSteps(request: CloneRequest, deps: CloneDeps, records: RecordList<CloneRecord>, at: number): Promise<void> {
  const { api, runtime } = deps;
  const change = (update: Partial<CloneRecord>): void => records.change(at, update);
  const source = await api.describeCluster(request.clusterId);
  change({ source: { clusterId: request.clusterId, clusterName: source.clusterName, projectId: source.projectId, cuSize: source.cuSize } });
  // Decide first: the backup and the body are checked before anything is dropped or made.
  const backup = await chooseBackup(request, deps);
  change({ backup: { backupId: backup.backupId, backupName: backup.backupName, createTime: backup.createTime, collections: backup.collections } });
  const body = planClone(request, source, deps.runId);
  if ('kind' in body) throw new CloneRefusedError(body);
  const listed = await deps.clusters.listClusters();
  const dropDeps = { clusters: deps.clusters, describeCluster: (id: string) => api.describeCluster(id), runtime };
  const rules = { sourceClusterId: request.clusterId, projectId: source.projectId, staleAfterMs: request.staleAfterMs, now: runtime.now() };
  change({ leftovers: await handleLeftovers(listed, { ...rules, dropStale: request.dropStale, maxDrops: request.maxDrops }, dropDeps) });
  runtime.logger.info(
    `Restoring backup ${backup.backupId} of ${request.clusterId} into a new cluster ${body.clusterName} (${body.cuSize} CU, collections ${body.collectionStatus}).`,
  );
  const requestedAt = runtime.now();
  change({ requestedAt });
  const made = await restoreOrFind(request, backup.backupId, body, listed, deps);
  if (!made.adopted) deps.onRestored(made.answer);
  const clone = {
    clusterId: made.answer.clusterId,
    clusterName: body.clusterName,
    cuSize: body.cuSize,
    username: made.answer.username,
    jobId: made.answer.jobId,
    endpoint: '',
    adopted: made.adopted,
  };
  change({ clone, status: 'SUBMITTED' });
  const waitDeps = { api, runtime, pollIntervalMs: request.pollIntervalMs };
  if (clone.jobId) await records.follow(at, jobStatusChanges(clone.jobId, waitDeps, true));
  else if (!clone.adopted) runtime.logger.warning(`restoreCluster's answer gave no usable job id: the clone is followed by its cluster's status alone.`);
  const running = await records.follow(at, clusterStatusChanges(clone.clusterId, waitDeps, true));
  change({ runningAt: runtime.now(), clone: { ...clone, endpoint: running.connectAddress } });
  const { checked, missing } = await verifyClone(running, backup, deps);
  change({ collections: checked });
  if (missing.length) throw new CollectionsMissingError(clone.clusterId, backup.backupId, missing);
  change({ status: 'VERIFIED', verifiedAt: runtime.now() });
}

/** The backup to restore: the one named (checked), or the newest AVAILABLE CLUSTER backup, described. */
async function chooseBackup(request: CloneRequest, deps: CloneDeps): Promise<BackupInfo> {
  const { api } = deps;
  let backupId = request.backupId;
  if (backupId === LATEST) {
    const newest = newestClusterBackup(await listUsableBackups(deps, { clusterId: request.clusterId, backupType: 'CLUSTER' }));
    if (!newest) return refuseNoBackup(request.clusterId);
    backupId = newest.backupId;
  }
  const backup = await api.describeBackup(request.clusterId, backupId);
  refuse(checkBackup(backup));
  return backup;
}

function refuseNoBackup(clusterId: string): never {
  throw new CloneRefusedError({ input: 'backup-id', kind: 'no cluster backup', clusterId });
}

/** The answer may have been lost after the cluster was made: worth a look before giving up. */
function maybeMade(error: unknown): boolean {
  if (error instanceof TransportError) return error.sent;
  return (
    error instanceof UnexpectedResponseError ||
    (error instanceof HttpStatusError && error.httpStatus >= 500) ||
    (error instanceof ApiError && error.httpStatus >= 500)
  );
}

/**
 * Sends restoreCluster once. After a lost or unclear answer, a cluster with this run's exact name
 * in the source's project that was not there before the request is most likely this run's: it is
 * followed and checked (its password is lost with the answer), but not dropped by the post step,
 * since its id did not come from restoreCluster's answer (another run may use the same name).
 */
async function restoreOrFind(
  request: CloneRequest,
  backupId: string,
  body: RestoreClusterBody,
  before: readonly ClusterListing[],
  deps: CloneDeps,
): Promise<{ answer: RestoredCluster; adopted: boolean }> {
  try {
    // Time is kept to look for the clone by its name, should the answer not come before the deadline.
    const reserveMs = Math.min(LOOK_RESERVE_MS, (deps.runtime.deadline - deps.runtime.now()) / 4);
    return { answer: await deps.clusters.restoreCluster(request.clusterId, backupId, body, reserveMs), adopted: false };
  } catch (error) {
    if (error instanceof InterruptedError && error.sentRequest) {
      // No time left to look: say where the clone may be, since the post step cannot know it.
      deps.runtime.logger.warning(
        `restoreCluster was sent but its answer never came: a cluster named ${body.clusterName} may exist that the post step cannot drop. Check the console; a later run warns about it once it is older than stale-after.`,
      );
    }
    if (!maybeMade(error) || error instanceof InterruptedError) throw error;
    deps.runtime.logger.warning(`The answer to restoreCluster was lost or unclear; looking for a new cluster named ${body.clusterName}.`);
    const known = new Set(before.map((c) => c.clusterId));
    const found = (await deps.clusters.listClusters()).find(
      (c) => c.clusterName === body.clusterName && c.projectId === body.projectId && isPlainId(c.clusterId) && !known.has(c.clusterId),
    );
    if (!found) {
      deps.runtime.logger.warning(
        `No new cluster named ${body.clusterName} was found yet; one may still appear. Check the console; a later run warns about it once it is older than stale-after.`,
      );
      throw error;
    }
    deps.runtime.logger.warning(
      `Found ${found.clusterId} named ${body.clusterName}, new since the request: most likely this run's clone. Its password came only in the lost answer, so the password output stays empty. ` +
        `It is not saved for the post step, which drops only a cluster whose id restoreCluster's answer gave (another run may use the same name): check it and drop it yourself (the summary says how).`,
    );
    return { answer: { clusterId: found.clusterId, username: '', password: '', jobId: '' }, adopted: true };
  }
}
