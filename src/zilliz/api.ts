import { DEFAULT_DATABASE, type BackupType, type CollectionRef } from '../types.ts';
import type { ApiCall } from './client.ts';

/** What the endpoints need of the HTTP client (ApiClient): one call, its `data` back. */
export interface Caller {
  call(call: ApiCall): Promise<unknown>;
}
import { apiPath } from './path.ts';
import { array, id, object, optionalNumber, optionalString, string, type Json } from './shape.ts';

export interface CreatedBackup {
  backupId: string;
  backupName: string;
  jobId: string;
}

export interface Job {
  jobId: string;
  type: string;
  /** As the API spelled it; see workflows/status.ts for its meaning. */
  status: string;
  progress: number | undefined;
  startTime: string;
  endTime: string;
  reason: string;
}

export interface BackupInfo {
  backupId: string;
  backupName: string;
  backupType: string;
  creationMethod: string;
  status: string;
  size: number | undefined;
  clusterId: string;
  createTime: string;
  /** Only describe backup lists them; empty from list backups. */
  collections: CollectionRef[];
}

/** A cluster as describe cluster tells it (lenient: only the id and status are required). */
export interface ClusterInfo {
  clusterId: string;
  clusterName: string;
  projectId: string;
  regionId: string;
  /** As the API spelled it (RUNNING, STOPPED, …); a cluster serves when RUNNING. */
  status: string;
  /** The cluster's own data-plane endpoint, verbatim (port included); '' when the API gives none. */
  connectAddress: string;
  privateLinkAddress: string;
  cuType: string;
  cuSize: number | undefined;
  plan: string;
  /** Free | Serverless | Dedicated when the API says; '' otherwise (the recorded answers leave it out). */
  deploymentOption: string;
  createTime: string;
}

export interface CreateBackupBody {
  backupType: BackupType;
  dbCollections?: { dbName: string; collectionNames: string[] }[];
  crossRegionCopies?: { regionId: string }[];
}

export interface ListBackupsQuery {
  clusterId: string;
  creationMethod?: 'MANUAL' | 'AUTO';
  backupType?: BackupType;
}

export interface RestoreCollectionBody {
  destClusterId: string;
  /** Left out: every collection in the backup is restored, unloaded (documented). */
  dbCollections?: {
    dbName: string;
    destDbName: string;
    collections: { collectionName: string; destCollectionName: string; destCollectionStatus: 'LOADED' | 'UNLOADED' }[];
  }[];
}

/** The endpoints the actions use, each answer parsed into a typed value. */
export interface ZillizApi {
  /** `reserveMs`: see ApiCall; keeps time to look for the backup if the answer is lost. */
  createBackup(clusterId: string, body: CreateBackupBody, reserveMs?: number): Promise<CreatedBackup>;
  describeJob(jobId: string): Promise<Job>;
  describeBackup(clusterId: string, backupId: string): Promise<BackupInfo>;
  /** Every CREATING or AVAILABLE backup of the cluster, all pages. */
  listBackups(query: ListBackupsQuery): Promise<BackupInfo[]>;
  restoreCollection(clusterId: string, backupId: string, body: RestoreCollectionBody): Promise<{ jobId: string }>;
  describeCluster(clusterId: string): Promise<ClusterInfo>;
  /** Deletes a backup. Idempotent, so retried like a read; a lost answer is settled by listing (workflows/prune.ts). */
  deleteBackup(clusterId: string, backupId: string): Promise<{ backupId: string; backupName: string }>;
}

const PAGE_SIZE = 100;

const backupPath = (clusterId: string, backupId: string): string => apiPath`/v2/clusters/${clusterId}/backups/${backupId}`;

/** ZillizApi over the REST API v2. */
export class ZillizCloudApi implements ZillizApi {
  readonly #client: Caller;
  constructor(client: Caller) {
    this.#client = client;
  }

  async createBackup(clusterId: string, body: CreateBackupBody, reserveMs = 0): Promise<CreatedBackup> {
    const path = apiPath`/v2/clusters/${clusterId}/backups/create`;
    const endpoint = `POST ${path}`;
    const data = object(await this.#client.call({ name: 'create backup', method: 'POST', path, body, retry: 'create', reserveMs }), endpoint);
    return { backupId: id(data, 'backupId', endpoint), backupName: optionalString(data, 'backupName', endpoint), jobId: id(data, 'jobId', endpoint) };
  }

  async describeJob(jobId: string): Promise<Job> {
    const path = apiPath`/v2/jobs/${jobId}`;
    const endpoint = `GET ${path}`;
    const data = object(await this.#client.call({ name: 'describe job', method: 'GET', path, retry: 'read' }), endpoint);
    return {
      jobId: optionalString(data, 'jobId', endpoint) || jobId,
      type: optionalString(data, 'type', endpoint),
      status: string(data, 'status', endpoint),
      progress: optionalNumber(data, 'progress', endpoint),
      startTime: optionalString(data, 'startTime', endpoint),
      endTime: optionalString(data, 'endTime', endpoint),
      reason: optionalString(data, 'reason', endpoint),
    };
  }

  async describeBackup(clusterId: string, backupId: string): Promise<BackupInfo> {
    const path = backupPath(clusterId, backupId);
    const endpoint = `GET ${path}`;
    const data = object(await this.#client.call({ name: 'describe backup', method: 'GET', path, retry: 'read' }), endpoint);
    return { ...parseBackup(data, endpoint, clusterId), collections: parseCollections(data, endpoint) };
  }

  async listBackups(query: ListBackupsQuery): Promise<BackupInfo[]> {
    const path = apiPath`/v2/backups`;
    const endpoint = `GET ${path}`;
    const backups: BackupInfo[] = [];
    for (let page = 1; ; page++) {
      const answer = await this.#client.call({
        name: 'list backups',
        method: 'GET',
        path,
        retry: 'read',
        query: { ...query, pageSize: PAGE_SIZE, currentPage: page },
      });
      const items = array(object(answer, endpoint), 'backups', endpoint).map((item) =>
        parseBackup(object(item, endpoint, 'backups[]'), endpoint, query.clusterId),
      );
      const known = new Set(backups.map((b) => b.backupId));
      const fresh = items.filter((b) => !known.has(b.backupId));
      backups.push(...fresh);
      // Whether `count` is the total is UNCONFIRMED: a short page is the only sure end, and a
      // page with nothing new (an API that ignores currentPage) ends it too.
      if (items.length < PAGE_SIZE || fresh.length === 0) return backups;
    }
  }

  async restoreCollection(clusterId: string, backupId: string, body: RestoreCollectionBody): Promise<{ jobId: string }> {
    const path = apiPath`/v2/clusters/${clusterId}/backups/${backupId}/restoreCollection`;
    const endpoint = `POST ${path}`;
    const data = object(await this.#client.call({ name: 'restore collection', method: 'POST', path, body, retry: 'create' }), endpoint);
    return { jobId: id(data, 'jobId', endpoint) };
  }

  async describeCluster(clusterId: string): Promise<ClusterInfo> {
    const path = apiPath`/v2/clusters/${clusterId}`;
    const endpoint = `GET ${path}`;
    const data = object(await this.#client.call({ name: 'describe cluster', method: 'GET', path, retry: 'read' }), endpoint);
    const text = (key: string): string => optionalString(data, key, endpoint);
    return {
      clusterId: text('clusterId') || clusterId,
      clusterName: text('clusterName'),
      projectId: text('projectId'),
      regionId: text('regionId'),
      status: string(data, 'status', endpoint),
      connectAddress: text('connectAddress'),
      privateLinkAddress: text('privateLinkAddress'),
      cuType: text('cuType'),
      cuSize: optionalNumber(data, 'cuSize', endpoint),
      plan: text('plan'),
      deploymentOption: text('deploymentOption'),
      createTime: text('createTime'),
    };
  }

  async deleteBackup(clusterId: string, backupId: string): Promise<{ backupId: string; backupName: string }> {
    const path = backupPath(clusterId, backupId);
    const endpoint = `DELETE ${path}`;
    const data = object(await this.#client.call({ name: 'delete backup', method: 'DELETE', path, retry: 'read' }), endpoint);
    return { backupId: optionalString(data, 'backupId', endpoint) || backupId, backupName: optionalString(data, 'backupName', endpoint) };
  }
}

function parseBackup(data: Json, endpoint: string, clusterId: string): BackupInfo {
  return {
    backupId: string(data, 'backupId', endpoint),
    backupName: optionalString(data, 'backupName', endpoint),
    backupType: optionalString(data, 'backupType', endpoint),
    creationMethod: optionalString(data, 'creationMethod', endpoint),
    status: string(data, 'status', endpoint),
    size: optionalNumber(data, 'size', endpoint),
    clusterId: optionalString(data, 'clusterId', endpoint) || clusterId,
    createTime: optionalString(data, 'createTime', endpoint),
    collections: [],
  };
}

/**
 * A backup's collections come in `dbCollections` (grouped by database), in a flat
 * `collections` list (no database: `default`), or in both, describing the same collections.
 * The grouped form wins when it lists any; no collection is counted twice.
 */
export function parseCollections(data: Json, endpoint: string): CollectionRef[] {
  const grouped: CollectionRef[] = [];
  for (const group of array(data, 'dbCollections', endpoint)) {
    const g = object(group, endpoint, 'dbCollections[]');
    const database = optionalString(g, 'dbName', endpoint) || DEFAULT_DATABASE;
    for (const c of array(g, 'collections', endpoint))
      grouped.push({ database, collection: string(object(c, endpoint, 'collections[]'), 'collectionName', endpoint) });
  }
  const flat = array(data, 'collections', endpoint).map((c) => {
    const item = object(c, endpoint, 'collections[]');
    return { database: optionalString(item, 'dbName', endpoint) || DEFAULT_DATABASE, collection: string(item, 'collectionName', endpoint) };
  });
  const seen = new Set<string>();
  return (grouped.length ? grouped : flat).filter((ref) => {
    const key = `${ref.database}.${ref.collection}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
