// The emulated REST endpoints: validation, business rules and response shapes.
// Pure with respect to HTTP: takes a parsed request, returns status + JSON body.
// Everything between a rule check and the state change it guards is synchronous, so
// two concurrent creates on one cluster cannot both pass the busy check.
import type { Backup, BackupType, Cluster, CollectionRef, EmulatorState, LoadState, RestoreTarget } from './state.ts';
import { isoSeconds } from './state.ts';
import { handleClusterRoutes, settleClones } from './clusters.ts';

export type AuthKind = 'valid' | 'readonly' | 'invalid' | 'missing';

export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** parsed JSON, the raw text when it is not JSON, or undefined when empty */
  body: unknown;
  auth: AuthKind;
}

export interface ApiResponse {
  status: number;
  body: { code: number; message?: string; data?: unknown };
}

export const CLUSTER_ID_RE = /^in\d{2}-[0-9a-z]+$/;
export const PROJECT_ID_RE = /^proj-[0-9a-z]+$/;
const REGION_ID_RE = /^(aws|gcp|az|ali|tc)-[a-z0-9-]+$/;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const BUSY_MESSAGE = 'Failed to create backup. There is already a backup in progress for this cluster.';
export const SAME_DATABASE_MESSAGE = 'Failed to create backup. All collections must belong to the same database';
export const ONE_AT_A_TIME_MESSAGE = 'Restore collection failed. Only one collection can be restored at a time';
export const INVALID_DEST_STATUS_MESSAGE = 'Invalid targetCollectionStatus. The value should be LOADED or UNLOADED.';

/** Documented codes the emulator answers with (zilliz-api.md, "Error codes"). */
export const INVALID_PAGE_SIZE_CODE = 96008;
export const INVALID_CURRENT_PAGE_CODE = 96009;
export const CLUSTER_NOT_FOUND_CODE = 96018;
export const JOB_NOT_FOUND_CODE = 96026;
/** "another permission refusal": what the read-only key's writes get. */
export const PERMISSION_DENIED_CODE = 96027;
/** Only for a destCollectionStatus other than LOADED or UNLOADED. */
export const INVALID_DEST_STATUS_CODE = 96037;
export const CREATE_FAILED_CODE = 96038;
export const RESTORE_FAILED_CODE = 96039;
/** EMULATOR-CHOSEN: the real code for an unknown (or deleted) backup is unconfirmed. */
export const BACKUP_NOT_FOUND_CODE = 96099;
/** EMULATOR-CHOSEN: deleting a CREATING backup; whether the real API refuses it is unconfirmed. */
export const BACKUP_NOT_DELETABLE_CODE = 96098;

export function ok(data: unknown): ApiResponse {
  return { status: 200, body: { code: 0, data } };
}

export function fail(code: number, message: string, status = 200): ApiResponse {
  return { status, body: { code, message } };
}

const badBody = (why: string): ApiResponse => fail(400, `Invalid request body: ${why}`, 400);
const createFailed = (reason: string): ApiResponse => fail(CREATE_FAILED_CODE, `Failed to create backup. ${reason}`);
const restoreFailed = (reason: string): ApiResponse => fail(RESTORE_FAILED_CODE, `Restore collection failed. ${reason}`);
// The real code for an unknown backup is UNCONFIRMED (zilliz-api.md); BACKUP_NOT_FOUND_CODE is ours.
const backupNotFound = (): ApiResponse => fail(BACKUP_NOT_FOUND_CODE, 'Backup not found');
export const readOnly = (): ApiResponse => fail(PERMISSION_DENIED_CODE, 'Owner or Admin role needed');

export const UNAUTHORIZED: ApiResponse = fail(21119, 'The API key is illegal.', 401);
export const NOT_FOUND: ApiResponse = fail(404, 'Not Found', 404);

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Routes one authenticated API request. */
export function handleApi(state: EmulatorState, req: ApiRequest): ApiResponse {
  const seg = req.path.split('/').slice(1).map(safeDecode);
  const m = req.method;
  if (seg[0] !== 'v2') return NOT_FOUND;
  state.settle();

  settleClones(state);
  const clusterAnswer = handleClusterRoutes(state, req, seg);
  if (clusterAnswer) return clusterAnswer;
  if (seg.length === 2 && seg[1] === 'backups' && m === 'GET') return listBackups(state, req.query);
  if (seg.length === 3 && seg[1] === 'clusters' && m === 'GET') return describeCluster(state, seg[2] ?? '');
  if (seg.length === 3 && seg[1] === 'jobs' && m === 'GET') return describeJob(state, seg[2] ?? '');
  if (seg[1] === 'clusters' && seg[3] === 'backups') {
    const clusterId = seg[2] ?? '';
    if (seg.length === 5 && seg[4] === 'create' && m === 'POST') return createBackup(state, clusterId, req);
    if (seg.length === 5 && m === 'GET') return describeBackup(state, clusterId, seg[4] ?? '');
    if (seg.length === 5 && m === 'DELETE') return deleteBackup(state, clusterId, seg[4] ?? '', req);
    if (seg.length === 6 && seg[5] === 'restoreCollection' && m === 'POST') {
      return restoreCollection(state, clusterId, seg[4] ?? '', req);
    }
  }
  return NOT_FOUND;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Finds a cluster that supports backups, or the error the API gives for it. */
export function backupCluster(state: EmulatorState, clusterId: string): Cluster | ApiResponse {
  if (clusterId === '') return fail(96025, 'Cluster ID is empty');
  if (!CLUSTER_ID_RE.test(clusterId)) return fail(96036, `Invalid cluster ID: ${clusterId}`);
  const cluster = state.clusters.get(clusterId);
  if (!cluster) return fail(CLUSTER_NOT_FOUND_CODE, 'Cluster not found');
  if (cluster.plan === 'Free') return fail(96021, 'This operation is not supported on Free clusters');
  if (cluster.plan === 'Serverless') return fail(96022, 'This operation is not supported on Serverless clusters');
  return cluster;
}

/** GET /v2/clusters/{id}, in the recorded shape (api-samples/cluster-describe-*.json). */
function describeCluster(state: EmulatorState, clusterId: string): ApiResponse {
  if (clusterId === '') return fail(96025, 'Cluster ID is empty');
  if (!CLUSTER_ID_RE.test(clusterId)) return fail(96036, `Invalid cluster ID: ${clusterId}`);
  const cluster = state.clusters.get(clusterId);
  if (!cluster) return fail(CLUSTER_NOT_FOUND_CODE, 'Cluster not found');
  const dedicated = cluster.plan === 'Dedicated';
  const storageSize = [...cluster.rowCounts.values()].reduce((sum, rows) => sum + rows, 0) * 512;
  return ok({
    clusterId: cluster.clusterId,
    clusterName: cluster.clusterName,
    projectId: cluster.projectId,
    description: '',
    regionId: cluster.regionId,
    cuType: dedicated ? 'Performance-optimized' : '',
    plan: dedicated ? 'Standard' : cluster.plan,
    status: cluster.status,
    connectAddress: cluster.connectAddress,
    privateLinkAddress: '',
    createTime: isoSeconds(cluster.createdAt),
    cuSize: cluster.cuSize,
    storageSize,
    snapshotNumber: [...state.backups.values()].filter((b) => b.clusterId === cluster.clusterId && state.backupStatus(b) !== null).length,
    createProgress: 100,
  });
}

function createBackup(state: EmulatorState, clusterId: string, req: ApiRequest): ApiResponse {
  const cluster = backupCluster(state, clusterId);
  if ('body' in cluster) return cluster;
  if (req.auth === 'readonly') return readOnly();
  const body = req.body;
  if (!isObject(body)) return badBody('expected a JSON object');
  const backupType = body['backupType'];
  if (backupType !== 'CLUSTER' && backupType !== 'COLLECTION') {
    return fail(96029, `Invalid backupType: ${String(backupType)}`);
  }

  const dbCollections = body['dbCollections'];
  if (dbCollections !== undefined && dbCollections !== null && !Array.isArray(dbCollections)) {
    return badBody('dbCollections must be an array');
  }
  const entries: unknown[] = dbCollections ?? [];
  let collections: CollectionRef[];
  if (backupType === 'CLUSTER') {
    if (entries.length > 0) return createFailed('dbCollections must be empty for a CLUSTER backup');
    collections = state.allCollections(cluster);
  } else {
    const picked = pickCollections(cluster, entries);
    if ('body' in picked) return picked;
    collections = picked;
  }

  const copies = body['crossRegionCopies'];
  if (copies !== undefined && copies !== null && !Array.isArray(copies)) {
    return badBody('crossRegionCopies must be an array');
  }
  const crossRegionCopies: { regionId: string }[] = [];
  for (const copy of (copies ?? []) as unknown[]) {
    if (!isObject(copy) || typeof copy['regionId'] !== 'string') {
      return badBody('each crossRegionCopies entry must be {"regionId": "<region>"}');
    }
    const regionId = copy['regionId'];
    if (!REGION_ID_RE.test(regionId)) return createFailed(`Invalid regionId: ${regionId}`);
    crossRegionCopies.push({ regionId });
  }

  // Check and insert with no await in between: this is what makes the busy rule atomic.
  if (state.isClusterBusy(cluster.clusterId)) return fail(CREATE_FAILED_CODE, BUSY_MESSAGE);
  const { backup, job } = state.createManualBackup(cluster, backupType satisfies BackupType, collections, crossRegionCopies);
  return ok({ backupId: backup.backupId, backupName: backup.backupName, jobId: job.jobId });
}

/** COLLECTION backups: one database per request, every collection must exist. */
function pickCollections(cluster: Cluster, entries: unknown[]): CollectionRef[] | ApiResponse {
  if (entries.length === 0) return createFailed('dbCollections is required for a COLLECTION backup');
  const parsed: { dbName: string; names: string[] }[] = [];
  for (const entry of entries) {
    if (!isObject(entry)) return badBody('each dbCollections entry must be an object');
    const dbName = entry['dbName'] ?? 'default';
    const names = entry['collectionNames'];
    if (typeof dbName !== 'string') return badBody('dbName must be a string');
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
      return badBody('collectionNames must be an array of strings');
    }
    parsed.push({ dbName: dbName === '' ? 'default' : dbName, names });
  }
  if (new Set(parsed.map((p) => p.dbName)).size > 1) return fail(CREATE_FAILED_CODE, SAME_DATABASE_MESSAGE);
  if (parsed.length > 1) return createFailed('Give each database only once in dbCollections');
  const { dbName, names } = parsed[0]!;
  if (names.length === 0) return createFailed('collectionNames must not be empty');
  const db = cluster.databases.get(dbName);
  if (!db) return createFailed(`Database ${dbName} not found`);
  const unique = [...new Set(names)];
  for (const name of unique) {
    if (!db.has(name)) return createFailed(`Collection ${dbName}.${name} not found`);
  }
  return unique.map((collectionName) => ({ dbName, collectionName }));
}

function describeJob(state: EmulatorState, jobId: string): ApiResponse {
  const job = state.jobs.get(jobId);
  if (!job || !state.isVisible(job)) return fail(JOB_NOT_FOUND_CODE, 'Job not found');
  const view = state.jobView(job);
  return ok({
    jobId: job.jobId,
    type: job.type,
    status: view.status,
    progress: view.progress,
    startTime: isoSeconds(job.createdAt),
    endTime: view.endTime,
    reason: view.reason,
  });
}

/** A backup of this cluster that the API shows (not gone, and visible already). */
export function findBackup(state: EmulatorState, cluster: Cluster, backupId: string): Backup | undefined {
  const backup = state.backups.get(backupId);
  if (backup?.clusterId !== cluster.clusterId || state.backupStatus(backup) === null || !state.isVisible(backup)) return undefined;
  return backup;
}

function backupSummary(state: EmulatorState, backup: Backup) {
  const cluster = state.clusters.get(backup.clusterId);
  return {
    backupId: backup.backupId,
    backupName: backup.backupName,
    backupType: backup.backupType,
    creationMethod: backup.creationMethod,
    status: state.backupStatus(backup) ?? 'DELETED',
    size: state.backupSize(backup),
    clusterId: backup.clusterId,
    clusterName: cluster?.clusterName ?? '',
    projectId: cluster?.projectId ?? '',
    createTime: isoSeconds(backup.createdAt),
    expireTime: backup.expireAt === null ? '' : isoSeconds(backup.expireAt),
  };
}

function describeBackup(state: EmulatorState, clusterId: string, backupId: string): ApiResponse {
  const cluster = backupCluster(state, clusterId);
  if ('body' in cluster) return cluster;
  const backup = findBackup(state, cluster, backupId);
  if (!backup) return backupNotFound();
  const summary = backupSummary(state, backup);
  const data: Record<string, unknown> = {
    clusterId: summary.clusterId,
    clusterName: summary.clusterName,
    projectId: summary.projectId,
    backupId: summary.backupId,
    backupName: summary.backupName,
    backupType: summary.backupType,
    creationMethod: summary.creationMethod,
    status: summary.status,
    size: summary.size,
    regionId: cluster.regionId,
    createTime: summary.createTime,
    expireTime: summary.expireTime,
  };
  if (backup.backupType === 'CLUSTER') data['restoreNewInstancePolicies'] = ['LATEST', 'ORIGINAL'];
  // Published answers carry both fields for the same collections; either alone is served on request.
  const shape = state.describeBackupShape;
  if (shape !== 'dbCollections') data['collections'] = backup.collections.map((c) => collectionView(cluster, c));
  if (shape !== 'flat') {
    const byDb = new Map<string, ReturnType<typeof collectionView>[]>();
    for (const c of backup.collections) {
      const list = byDb.get(c.dbName) ?? [];
      list.push(collectionView(cluster, c));
      byDb.set(c.dbName, list);
    }
    data['dbCollections'] = [...byDb].map(([dbName, collections]) => ({
      dbName: dbName === 'default' ? state.describeDefaultDbName : dbName,
      collections,
    }));
  }
  return ok(data);
}

/** {collectionName, description, status}: the status is the collection's load state (UNLOADED once gone). */
function collectionView(cluster: Cluster, c: CollectionRef) {
  const status: LoadState = cluster.databases.get(c.dbName)?.get(c.collectionName) ?? 'UNLOADED';
  return { collectionName: c.collectionName, description: '', status };
}

function deleteBackup(state: EmulatorState, clusterId: string, backupId: string, req: ApiRequest): ApiResponse {
  const cluster = backupCluster(state, clusterId);
  if ('body' in cluster) return cluster;
  if (req.auth === 'readonly') return readOnly();
  const backup = findBackup(state, cluster, backupId);
  if (!backup) return backupNotFound();
  // What the real API does with a CREATING backup is UNCONFIRMED; the emulator refuses.
  if (state.backupStatus(backup) === 'CREATING') {
    return fail(BACKUP_NOT_DELETABLE_CODE, `Backup ${backupId} is being created and cannot be deleted yet`);
  }
  backup.deleted = true;
  return ok({ backupId: backup.backupId, backupName: backup.backupName });
}

function listBackups(state: EmulatorState, q: Record<string, string>): ApiResponse {
  const pageSize = q['pageSize'] === undefined ? 10 : intParam(q['pageSize']);
  if (pageSize === null || pageSize < 1 || pageSize > 100) return fail(INVALID_PAGE_SIZE_CODE, 'pageSize must be between 1 and 100');
  const currentPage = q['currentPage'] === undefined ? 1 : intParam(q['currentPage']);
  if (currentPage === null || currentPage < 1) return fail(INVALID_CURRENT_PAGE_CODE, 'currentPage must be at least 1');

  const projectId = q['projectId'];
  if (projectId !== undefined && projectId !== '' && !PROJECT_ID_RE.test(projectId)) {
    return fail(96005, `Invalid project ID: ${projectId}`);
  }
  const clusterId = q['clusterId'];
  if (clusterId !== undefined && clusterId !== '') {
    if (!CLUSTER_ID_RE.test(clusterId)) return fail(96036, `Invalid cluster ID: ${clusterId}`);
    if (!state.clusters.has(clusterId)) return fail(CLUSTER_NOT_FOUND_CODE, 'Cluster not found');
  }
  const creationMethod = q['creationMethod'];
  if (creationMethod && creationMethod !== 'MANUAL' && creationMethod !== 'AUTO') {
    return fail(96030, `Invalid creationMethod: ${creationMethod}`);
  }
  const backupType = q['backupType'];
  if (backupType && backupType !== 'CLUSTER' && backupType !== 'COLLECTION') {
    return fail(96029, `Invalid backupType: ${backupType}`);
  }
  const start = timeParam(q['start']);
  const end = timeParam(q['end']);
  if (start === 'bad' || end === 'bad') return fail(96007, 'Invalid time format, expected ISO-8601');
  if (start !== null && end !== null && start > end) return fail(96035, 'The start time must not be after the end time');

  const matching = state.visibleBackups().filter((b) => {
    const cluster = state.clusters.get(b.clusterId);
    return (
      (!projectId || cluster?.projectId === projectId) &&
      (!clusterId || b.clusterId === clusterId) &&
      (!creationMethod || b.creationMethod === creationMethod) &&
      (!backupType || b.backupType === backupType) &&
      (start === null || b.createdAt >= start) &&
      (end === null || b.createdAt <= end)
    );
  });
  const page = matching.slice((currentPage - 1) * pageSize, currentPage * pageSize);
  return ok({
    count: matching.length, // the total, not the page's size
    currentPage,
    pageSize,
    backups: page.map((b) => backupSummary(state, b)),
  });
}

export function intParam(v: string | undefined): number | null {
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : null;
}

function timeParam(v: string | undefined): number | null | 'bad' {
  if (v === undefined || v === '') return null;
  if (!ISO_RE.test(v)) return 'bad';
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? 'bad' : ms;
}

function restoreCollection(state: EmulatorState, clusterId: string, backupId: string, req: ApiRequest): ApiResponse {
  const source = backupCluster(state, clusterId);
  if ('body' in source) return source;
  if (req.auth === 'readonly') return readOnly();
  const body = req.body;
  if (!isObject(body)) return badBody('expected a JSON object');

  const destClusterId = body['destClusterId'];
  if (destClusterId !== undefined && typeof destClusterId !== 'string') return badBody('destClusterId must be a string');
  const dest = backupCluster(state, destClusterId ?? '');
  if ('body' in dest) return dest;

  const dbCollections = body['dbCollections'];
  // Documented: with no collections named, every collection in the backup is restored, unloaded.
  if (dbCollections === undefined || dbCollections === null) return restoreEverything(state, source, dest, backupId);
  if (!Array.isArray(dbCollections)) return badBody('dbCollections must be an array');
  const requested: { dbName: string; destDbName: string; item: Record<string, unknown> }[] = [];
  for (const entry of dbCollections as unknown[]) {
    if (!isObject(entry)) return badBody('each dbCollections entry must be an object');
    const dbName = entry['dbName'] ?? 'default';
    const destDbName = entry['destDbName'] ?? dbName;
    const items = entry['collections'];
    if (typeof dbName !== 'string' || typeof destDbName !== 'string') return badBody('dbName and destDbName must be strings');
    if (!Array.isArray(items)) return badBody('collections must be an array');
    for (const item of items as unknown[]) {
      if (!isObject(item) || typeof item['collectionName'] !== 'string') {
        return badBody('each collections entry must have a collectionName string');
      }
      requested.push({ dbName: dbName === '' ? 'default' : dbName, destDbName: destDbName === '' ? 'default' : destDbName, item });
    }
  }
  // The status check comes first: 96037 is about the body, whatever the backup holds.
  for (const { item } of requested) {
    const s = item['destCollectionStatus'];
    if (s !== undefined && s !== 'LOADED' && s !== 'UNLOADED') return fail(INVALID_DEST_STATUS_CODE, INVALID_DEST_STATUS_MESSAGE);
  }
  if (requested.length === 0) return restoreFailed('No collection to restore');
  if (requested.length > 1) return fail(RESTORE_FAILED_CODE, ONE_AT_A_TIME_MESSAGE);
  const { dbName, destDbName, item } = requested[0]!;
  const collectionName = item['collectionName'] as string;
  const destCollectionName = item['destCollectionName'] ?? collectionName;
  const destStatus = (item['destCollectionStatus'] ?? 'UNLOADED') as LoadState;
  if (typeof destCollectionName !== 'string') return badBody('destCollectionName must be a string');

  const backup = usableBackup(state, source, backupId);
  if ('body' in backup) return backup;
  if (!backup.collections.some((c) => c.dbName === dbName && c.collectionName === collectionName)) {
    return restoreFailed(`Backup ${backupId} does not contain collection ${dbName}.${collectionName}`);
  }
  const destDb = dest.databases.get(destDbName);
  if (!destDb) return restoreFailed(`Database ${destDbName} not found on cluster ${dest.clusterId}`);
  if (!NAME_RE.test(destCollectionName) || destCollectionName.length > 255) {
    return restoreFailed(`Invalid collection name: ${destCollectionName}`);
  }
  const taken = targetTaken(state, { clusterId: dest.clusterId, dbName: destDbName, collectionName: destCollectionName, loadState: destStatus });
  if (taken) return taken;
  const rowCount = backup.collections.find((c) => c.dbName === dbName && c.collectionName === collectionName)?.rowCount ?? 0;
  const job = state.createJob('RESTORE', [
    { clusterId: dest.clusterId, dbName: destDbName, collectionName: destCollectionName, loadState: destStatus, rowCount },
  ]);
  return ok({ jobId: job.jobId });
}

/** The backup to restore from: shown by the API and AVAILABLE. Restore refusals keep the documented 96039. */
function usableBackup(state: EmulatorState, source: Cluster, backupId: string): Backup | ApiResponse {
  const backup = findBackup(state, source, backupId);
  if (!backup) return restoreFailed(`Backup ${backupId} not found`);
  const status = state.backupStatus(backup);
  if (status !== 'AVAILABLE') return restoreFailed(`Backup ${backupId} is not available (status ${status})`);
  return backup;
}

/** A refusal when the destination collection exists or a running restore is making it. */
function targetTaken(state: EmulatorState, t: RestoreTarget): ApiResponse | null {
  const cluster = state.clusters.get(t.clusterId);
  const exists = cluster?.databases.get(t.dbName)?.has(t.collectionName) ?? false;
  if (exists) return restoreFailed(`The collection ${t.dbName}.${t.collectionName} already exists`);
  if (cluster?.aliases.get(t.dbName)?.has(t.collectionName)) return restoreFailed(`The name ${t.dbName}.${t.collectionName} is an alias`);
  if (state.isRestoreTargetPending(t.clusterId, t.dbName, t.collectionName)) {
    return restoreFailed(`A restore into collection ${t.dbName}.${t.collectionName} is already in progress`);
  }
  return null;
}

/**
 * Every collection of the backup, under its own database and name, UNLOADED, as ONE job. If any
 * of them exists in the destination, nothing is restored (96039). Missing databases are created
 * when the job succeeds. A backup that lists no collections gives a job that succeeds and restores nothing.
 */
function restoreEverything(state: EmulatorState, source: Cluster, dest: Cluster, backupId: string): ApiResponse {
  const backup = usableBackup(state, source, backupId);
  if ('body' in backup) return backup;
  const targets: RestoreTarget[] = backup.collections.map((c) => ({
    clusterId: dest.clusterId,
    dbName: c.dbName,
    collectionName: c.collectionName,
    loadState: 'UNLOADED',
    rowCount: c.rowCount ?? 0,
  }));
  for (const t of targets) {
    const taken = targetTaken(state, t);
    if (taken) return taken;
  }
  const job = state.createJob('RESTORE', targets);
  return ok({ jobId: job.jobId });
}
