import type { BackupType } from '../inputs/backup.ts';
import type { ZillizHttp } from './http.ts';
import { array, object, optionalNumber, optionalString, string } from './shape.ts';

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

export interface CollectionInBackup {
  database: string;
  collection: string;
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
  collections: CollectionInBackup[];
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
  dbCollections: {
    dbName: string;
    destDbName: string;
    collections: { collectionName: string; destCollectionName: string; destCollectionStatus: 'LOADED' | 'RELEASED' }[];
  }[];
}

const PAGE_SIZE = 100;

/** The endpoints this project uses, each response parsed into a typed value. */
export class ZillizApi {
  readonly http: ZillizHttp;
  constructor(http: ZillizHttp) {
    this.http = http;
  }

  /** `reserveMs`: see ApiCall; keeps time to look for the backup if the answer is lost. */
  async createBackup(clusterId: string, body: CreateBackupBody, reserveMs = 0): Promise<CreatedBackup> {
    const path = `/v2/clusters/${encodeURIComponent(clusterId)}/backups/create`;
    const data = object(await this.http.call({ name: 'create backup', method: 'POST', path, body, retry: 'create', reserveMs }), `POST ${path}`);
    const endpoint = `POST ${path}`;
    return { backupId: string(data, 'backupId', endpoint), backupName: optionalString(data, 'backupName', endpoint), jobId: string(data, 'jobId', endpoint) };
  }

  async describeJob(jobId: string): Promise<Job> {
    const path = `/v2/jobs/${encodeURIComponent(jobId)}`;
    const endpoint = `GET ${path}`;
    const data = object(await this.http.call({ name: 'describe job', method: 'GET', path, retry: 'read' }), endpoint);
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
    const path = `/v2/clusters/${encodeURIComponent(clusterId)}/backups/${encodeURIComponent(backupId)}`;
    const endpoint = `GET ${path}`;
    const data = object(await this.http.call({ name: 'describe backup', method: 'GET', path, retry: 'read' }), endpoint);
    return { ...parseBackup(data, endpoint, clusterId), collections: parseCollections(data, endpoint) };
  }

  /** Every CREATING or AVAILABLE backup of the cluster, paging until a short page. */
  async listBackups(query: ListBackupsQuery): Promise<BackupInfo[]> {
    const path = '/v2/backups';
    const endpoint = `GET ${path}`;
    const backups: BackupInfo[] = [];
    for (let page = 1; ; page++) {
      const data = object(
        await this.http.call({ name: 'list backups', method: 'GET', path, retry: 'read', query: { ...query, pageSize: PAGE_SIZE, currentPage: page } }),
        endpoint,
      );
      const items = array(data, 'backups', endpoint).map((item) => parseBackup(object(item, endpoint, 'backups[]'), endpoint, query.clusterId));
      backups.push(...items);
      // Whether `count` is the total is UNCONFIRMED: a short page is the only sure end.
      if (items.length < PAGE_SIZE) return backups;
    }
  }

  async restoreCollection(clusterId: string, backupId: string, body: RestoreCollectionBody): Promise<{ jobId: string }> {
    const path = `/v2/clusters/${encodeURIComponent(clusterId)}/backups/${encodeURIComponent(backupId)}/restoreCollection`;
    const endpoint = `POST ${path}`;
    const data = object(await this.http.call({ name: 'restore collection', method: 'POST', path, body, retry: 'create' }), endpoint);
    return { jobId: string(data, 'jobId', endpoint) };
  }
}

function parseBackup(data: Record<string, unknown>, endpoint: string, clusterId: string): Omit<BackupInfo, 'collections'> & { collections: [] } {
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

/** The schema says `dbCollections`, the examples a flat `collections` array: accept either. */
function parseCollections(data: Record<string, unknown>, endpoint: string): CollectionInBackup[] {
  const result: CollectionInBackup[] = [];
  for (const group of array(data, 'dbCollections', endpoint)) {
    const g = object(group, endpoint, 'dbCollections[]');
    const database = optionalString(g, 'dbName', endpoint) || 'default';
    for (const c of array(g, 'collections', endpoint)) {
      result.push({ database, collection: string(object(c, endpoint, 'collections[]'), 'collectionName', endpoint) });
    }
  }
  for (const c of array(data, 'collections', endpoint)) {
    const item = object(c, endpoint, 'collections[]');
    result.push({ database: optionalString(item, 'dbName', endpoint) || 'default', collection: string(item, 'collectionName', endpoint) });
  }
  return result;
}
