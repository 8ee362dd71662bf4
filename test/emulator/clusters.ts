// The emulated cluster endpoints beyond describe (api.ts): restoreCluster makes a new cluster
// (its own data plane opens on a port of its own, see server.ts), list clusters, drop a cluster,
// and list projects, in the published shapes (api-samples/cluster-*, projects-list-*).
import type { ApiRequest, ApiResponse } from './api.ts';
import {
  CLUSTER_ID_RE,
  CLUSTER_NOT_FOUND_CODE,
  INVALID_CURRENT_PAGE_CODE,
  INVALID_PAGE_SIZE_CODE,
  PROJECT_ID_RE,
  backupCluster,
  fail,
  findBackup,
  intParam,
  isObject,
  ok,
  readOnly,
} from './api.ts';
import { makeCluster } from './seed.ts';
import type { Cluster, EmulatorState, JobConfig, LoadState, RestoreTarget } from './state.ts';
import { collectionKey, isoSeconds, randomHex } from './state.ts';

/** Documented: an invalid collectionStatus on restoreCluster. */
export const INVALID_COLLECTION_STATUS_CODE = 96031;
/** Documented: "restore cluster failed" (the reason appended). */
export const RESTORE_CLUSTER_FAILED_CODE = 96040;
/** Recorded (cluster create): the name is taken. */
export const CLUSTER_NAME_TAKEN_CODE = 40013;
/** The recorded answer's prompt (api-samples/cluster-drop-tfprovider-recorded.json). */
export const DROP_PROMPT =
  'The cluster has been deleted. If you consider this action to be an error, you have the option to restore the deleted cluster from the recycle bin within a 30-day period. Kindly note, this recovery feature does not apply to free clusters.';

const restoreClusterFailed = (reason: string): ApiResponse => fail(RESTORE_CLUSTER_FAILED_CODE, `Restore cluster failed. ${reason}`);

/** Routes the cluster and project calls; undefined for any other request. */
export function handleClusterRoutes(state: EmulatorState, req: ApiRequest, seg: string[]): ApiResponse | undefined {
  const m = req.method;
  if (seg.length === 2 && seg[1] === 'projects' && m === 'GET') return listProjects(state);
  if (seg[1] !== 'clusters') return undefined;
  if (seg.length === 2 && m === 'GET') return listClusters(state, req.query);
  if (seg.length === 4 && seg[3] === 'drop' && m === 'DELETE') return dropCluster(state, seg[2] ?? '', req);
  if (seg.length === 6 && seg[3] === 'backups' && seg[5] === 'restoreCluster' && m === 'POST') return restoreCluster(state, seg[2] ?? '', seg[4] ?? '', req);
  return undefined;
}

/**
 * A cluster restoreCluster makes follows its job: CREATING while the job is pending,
 * RESTORE_BACKUP while it runs and for `cloneReadyDelayMs` after it succeeded, then RUNNING (or
 * `cloneEndStatus`); ABNORMAL when the job fails. The job's own settling (state.settle) puts the
 * backup's collections in place.
 */
export function settleClones(state: EmulatorState): void {
  for (const cluster of state.clusters.values()) {
    const job = cluster.restoreJobId === undefined ? undefined : state.jobs.get(cluster.restoreJobId);
    if (!job) continue;
    const status = state.jobStatus(job);
    const readyAt = job.createdAt + job.durationMs + (state.config.cloneReadyDelayMs ?? 0);
    if (status === 'PENDING') cluster.status = 'CREATING';
    else if (status === 'IN_PROGRESS' || (status === 'SUCCESSFUL' && state.now() < readyAt)) cluster.status = 'RESTORE_BACKUP';
    else {
      cluster.status = status === 'SUCCESSFUL' ? (state.config.cloneEndStatus ?? 'RUNNING') : 'ABNORMAL';
      delete cluster.restoreJobId;
    }
  }
}

function restoreBody(body: unknown): { projectId: string; clusterName: string; cuSize: number; collectionStatus: 'KEEP' | 'RELEASE' } | ApiResponse {
  if (!isObject(body)) return fail(400, 'Invalid request body: expected a JSON object', 400);
  // The reference says projectId; the guide's example says targetProjectId: both are taken.
  const projectId = body['projectId'] ?? body['targetProjectId'];
  if (typeof projectId !== 'string' || !PROJECT_ID_RE.test(projectId)) return fail(96005, `Invalid project ID: ${String(projectId)}`);
  const clusterName = body['clusterName'];
  if (typeof clusterName !== 'string' || clusterName === '') return restoreClusterFailed('clusterName is required');
  const cuSize = body['cuSize'];
  if (typeof cuSize !== 'number' || !Number.isInteger(cuSize) || cuSize < 1 || cuSize > 1024)
    return restoreClusterFailed('cuSize must be a whole number from 1 to 1024');
  const collectionStatus = body['collectionStatus'] ?? 'KEEP';
  if (collectionStatus !== 'KEEP' && collectionStatus !== 'RELEASE') {
    return fail(INVALID_COLLECTION_STATUS_CODE, 'Invalid collectionStatus. The value should be KEEP or RELEASE.');
  }
  return { projectId, clusterName, cuSize, collectionStatus };
}

function restoreCluster(state: EmulatorState, clusterId: string, backupId: string, req: ApiRequest): ApiResponse {
  const source = backupCluster(state, clusterId);
  if ('body' in source) return source;
  if (req.auth === 'readonly') return readOnly();
  const body = restoreBody(req.body);
  if ('body' in body) return body;
  if (body.projectId !== source.projectId) return fail(96005, `Invalid project ID: ${body.projectId}`);
  const backup = findBackup(state, source, backupId);
  if (!backup) return restoreClusterFailed(`Backup ${backupId} not found`);
  if (state.backupStatus(backup) !== 'AVAILABLE') return restoreClusterFailed(`Backup ${backupId} is not available`);
  if (backup.backupType !== 'CLUSTER')
    return restoreClusterFailed(`Backup ${backupId} is a ${backup.backupType} backup; a cluster can be restored only from a CLUSTER backup`);
  if ([...state.clusters.values()].some((c) => c.clusterName === body.clusterName))
    return fail(CLUSTER_NAME_TAKEN_CODE, 'The specified cluster name already exists.');
  const clone: Cluster = makeCluster(
    { clusterId: `in01-${randomHex(15)}`, clusterName: body.clusterName, regionId: source.regionId, plan: 'Dedicated', createdAt: state.now() },
    { default: {} },
  );
  clone.cuSize = body.cuSize;
  clone.projectId = body.projectId;
  const missing = new Set(state.config.cloneMissing ?? []);
  const targets: RestoreTarget[] = backup.collections
    .filter((c) => !missing.has(collectionKey(c.dbName, c.collectionName)))
    .map((c) => ({
      clusterId: clone.clusterId,
      dbName: c.dbName,
      collectionName: c.collectionName,
      loadState: loadStateOf(source, c.dbName, c.collectionName, body.collectionStatus),
      rowCount: c.rowCount ?? 0,
    }));
  const job = state.createJob('RESTORE', targets);
  clone.restoreJobId = job.jobId;
  clone.status = 'CREATING';
  state.clusters.set(clone.clusterId, clone);
  return ok({ clusterId: clone.clusterId, username: 'db_admin', password: `Pw${randomHex(20)}`, jobId: job.jobId });
}

/** KEEP: the load state the collection has on the source now (LOADED if it is gone); RELEASE: UNLOADED. */
function loadStateOf(source: Cluster, dbName: string, collectionName: string, collectionStatus: 'KEEP' | 'RELEASE'): LoadState {
  if (collectionStatus === 'RELEASE') return 'UNLOADED';
  return source.databases.get(dbName)?.get(collectionName) ?? 'LOADED';
}

/** The list item: the describe fields the published list shows. */
function clusterItem(cluster: Cluster) {
  return {
    clusterId: cluster.clusterId,
    clusterName: cluster.clusterName,
    description: '',
    regionId: cluster.regionId,
    plan: cluster.plan === 'Dedicated' ? 'Standard' : cluster.plan,
    cuType: cluster.plan === 'Dedicated' ? 'Performance-optimized' : '',
    cuSize: cluster.cuSize,
    status: cluster.status,
    connectAddress: cluster.connectAddress,
    privateLinkAddress: '',
    createTime: isoSeconds(cluster.createdAt),
    projectId: cluster.projectId,
    deploymentOption: cluster.plan,
  };
}

function listClusters(state: EmulatorState, q: Record<string, string>): ApiResponse {
  const pageSize = q['pageSize'] === undefined ? 10 : intParam(q['pageSize']);
  if (pageSize === null || pageSize < 1 || pageSize > 100) return fail(INVALID_PAGE_SIZE_CODE, 'pageSize must be between 1 and 100');
  const currentPage = q['currentPage'] === undefined ? 1 : intParam(q['currentPage']);
  if (currentPage === null || currentPage < 1) return fail(INVALID_CURRENT_PAGE_CODE, 'currentPage must be at least 1');
  const all = [...state.clusters.values()].filter((c) => q['region'] === undefined || c.regionId === q['region']).sort((a, b) => a.createdAt - b.createdAt);
  return ok({ count: all.length, currentPage, pageSize, clusters: all.slice((currentPage - 1) * pageSize, currentPage * pageSize).map(clusterItem) });
}

/** The cluster goes to the recycle bin: the API no longer finds it. */
function dropCluster(state: EmulatorState, clusterId: string, req: ApiRequest): ApiResponse {
  if (clusterId === '') return fail(96025, 'Cluster ID is empty');
  if (!CLUSTER_ID_RE.test(clusterId)) return fail(96036, `Invalid cluster ID: ${clusterId}`);
  if (!state.clusters.has(clusterId)) return fail(CLUSTER_NOT_FOUND_CODE, 'Cluster not found');
  if (req.auth === 'readonly') return readOnly();
  state.clusters.delete(clusterId);
  return ok({ clusterId, prompt: DROP_PROMPT });
}

/** A bare array, as recorded (api-samples/projects-list-tfprovider-recorded.json). */
function listProjects(state: EmulatorState): ApiResponse {
  const projects = new Map<string, { count: number; since: number }>();
  for (const c of state.clusters.values()) {
    const p = projects.get(c.projectId) ?? { count: 0, since: c.createdAt };
    projects.set(c.projectId, { count: p.count + 1, since: Math.min(p.since, c.createdAt) });
  }
  return ok(
    [...projects].map(([projectId, p], i) => ({
      projectName: i === 0 ? 'Default Project' : `project-${i + 1}`,
      projectId,
      instanceCount: p.count,
      createTime: isoSeconds(p.since),
      plan: 'Enterprise',
    })),
  );
}

/** The clone settings in GET /__emulator/config. */
export function cloneConfigView(config: JobConfig) {
  return { cloneReadyDelayMs: config.cloneReadyDelayMs ?? 0, cloneEndStatus: config.cloneEndStatus ?? 'RUNNING', cloneMissing: config.cloneMissing ?? [] };
}

/** The clone settings of POST /__emulator/config, checked, into `next`. */
export function applyCloneConfig(v: Record<string, unknown>, next: JobConfig): void {
  const delay = v['cloneReadyDelayMs'];
  if (delay !== undefined) {
    if (typeof delay !== 'number' || !(delay >= 0)) throw new Error('cloneReadyDelayMs must be a number >= 0');
    next.cloneReadyDelayMs = delay;
  }
  const status = v['cloneEndStatus'];
  if (status !== undefined) {
    if (typeof status !== 'string' || status === '') throw new Error('cloneEndStatus must be a cluster status such as RUNNING or ABNORMAL');
    next.cloneEndStatus = status;
  }
  const missing = v['cloneMissing'];
  if (missing !== undefined) {
    if (!Array.isArray(missing) || !missing.every((m): m is string => typeof m === 'string' && m.includes('.'))) {
      throw new Error('cloneMissing must be a list of "database.collection" names');
    }
    next.cloneMissing = missing;
  }
}
