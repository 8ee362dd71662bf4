import { DEFAULT_DATABASE, type BackupType, type CollectionRef } from '../types.ts';
import type { ApiCall, CallBudget } from './client.ts';

/** What the endpoints need of the HTTP client (ApiClient): one call, its `data` back. */
export interface Caller {
  call(call: ApiCall): Promise<unknown>;
}
import { apiPath } from './path.ts';
import { ListingTooLongError } from '../errors.ts';
import { isPlainId } from '../ids.ts';
import { TEXT_LIMIT } from '../text.ts';
import { array, id, lenientNumber, object, optionalString, shownValue, string, type Json } from './shape.ts';

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

/** A listed backup whose id is not a plain id: shown safely, never used. */
export interface SkippedBackup {
  /** The id as it can be shown (one line, quoted, cut); not an id to use. */
  shownId: string;
  backupName: string;
}

export interface BackupListing {
  backups: BackupInfo[];
  skipped: SkippedBackup[];
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
  /**
   * Every CREATING or AVAILABLE backup of the cluster, all pages (at most MAX_PAGES, else
   * ListingTooLongError); a listed backup whose id is not a plain id is skipped, not returned.
   */
  listBackups(query: ListBackupsQuery): Promise<BackupListing>;
  restoreCollection(clusterId: string, backupId: string, body: RestoreCollectionBody): Promise<{ jobId: string }>;
  describeCluster(clusterId: string): Promise<ClusterInfo>;
  /** Deletes a backup. Idempotent, so retried like a read; a lost answer is settled by listing (workflows/prune.ts). */
  deleteBackup(clusterId: string, backupId: string): Promise<{ backupId: string; backupName: string }>;
}

const PAGE_SIZE = 100;
/** 10,000 backups: far above any real cluster's; past it the list is taken as endless. */
export const MAX_PAGES = 100;
/** Retries shared by all the pages of one listing. */
const LISTING_RETRIES = 6;
/** 1,000 backups, more than a real cluster has, are read at full speed; later pages 10 a second (the API allows about 20). */
const PACED_AFTER_PAGES = 10;
const PAGE_PACE_MS = 100;

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
      // The id asked for, whatever the answer says: only ids this run checked are used again.
      jobId,
      type: optionalString(data, 'type', endpoint),
      status: string(data, 'status', endpoint),
      progress: percent(lenientNumber(data, 'progress')),
      startTime: optionalString(data, 'startTime', endpoint),
      endTime: optionalString(data, 'endTime', endpoint),
      reason: optionalString(data, 'reason', endpoint, TEXT_LIMIT.message),
    };
  }

  async describeBackup(clusterId: string, backupId: string): Promise<BackupInfo> {
    const path = backupPath(clusterId, backupId);
    const endpoint = `GET ${path}`;
    const data = object(await this.#client.call({ name: 'describe backup', method: 'GET', path, retry: 'read' }), endpoint);
    return { ...parseBackup(data, endpoint, clusterId, backupId), collections: parseCollections(data, endpoint) };
  }

  async listBackups(query: ListBackupsQuery): Promise<BackupListing> {
    const path = apiPath`/v2/backups`;
    const endpoint = `GET ${path}`;
    const listing: BackupListing = { backups: [], skipped: [] };
    const known = new Set<string>();
    // One retry budget for the whole listing: a flaky or endless list is not retried page by page,
    // and past PACED_AFTER_PAGES its pages are paced, well under the API's rate limit.
    const budget: CallBudget = { retries: LISTING_RETRIES };
    for (let page = 1; page <= MAX_PAGES; page++) {
      if (page > PACED_AFTER_PAGES) budget.paceMs = PAGE_PACE_MS;
      const answer = await this.#client.call({
        name: 'list backups',
        method: 'GET',
        path,
        retry: 'read',
        budget,
        query: { ...query, pageSize: PAGE_SIZE, currentPage: page },
      });
      const items = array(object(answer, endpoint), 'backups', endpoint).map((item) => object(item, endpoint, 'backups[]'));
      let fresh = 0;
      for (const item of items) {
        const backupId = item.backupId;
        const key = isPlainId(backupId) ? backupId : `skipped:${shownValue(backupId)}`;
        if (known.has(key)) continue;
        known.add(key);
        fresh++;
        // A backup whose id cannot be a path segment is never deleted, adopted or reused: skipped, and said.
        if (isPlainId(backupId)) listing.backups.push(parseBackup(item, endpoint, query.clusterId, backupId));
        else listing.skipped.push({ shownId: shownValue(backupId), backupName: optionalString(item, 'backupName', endpoint) });
      }
      // Whether `count` is the total is UNCONFIRMED: a short page is the only sure end, and a
      // page with nothing new (an API that ignores currentPage) ends it too.
      if (items.length < PAGE_SIZE || fresh === 0) return listing;
    }
    throw new ListingTooLongError(`${endpoint}?clusterId=${query.clusterId}`, MAX_PAGES, PAGE_SIZE);
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
      // The id asked for, whatever the answer says: only ids this run checked are used again.
      clusterId,
      clusterName: text('clusterName'),
      projectId: text('projectId'),
      regionId: text('regionId'),
      status: string(data, 'status', endpoint),
      connectAddress: text('connectAddress'),
      privateLinkAddress: text('privateLinkAddress'),
      cuType: text('cuType'),
      cuSize: lenientNumber(data, 'cuSize'),
      plan: text('plan'),
      deploymentOption: text('deploymentOption'),
      createTime: text('createTime'),
    };
  }

  async deleteBackup(clusterId: string, backupId: string): Promise<{ backupId: string; backupName: string }> {
    const path = backupPath(clusterId, backupId);
    const endpoint = `DELETE ${path}`;
    const data = object(await this.#client.call({ name: 'delete backup', method: 'DELETE', path, retry: 'read' }), endpoint);
    return { backupId, backupName: optionalString(data, 'backupName', endpoint) };
  }
}

/** A progress outside 0–100 says nothing: unknown. */
function percent(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0 && value <= 100 ? value : undefined;
}

/** A backup's fields; `backupId` is the checked id (asked for, or checked in the listing). */
function parseBackup(data: Json, endpoint: string, clusterId: string, backupId: string): BackupInfo {
  return {
    backupId,
    backupName: optionalString(data, 'backupName', endpoint),
    backupType: optionalString(data, 'backupType', endpoint),
    creationMethod: optionalString(data, 'creationMethod', endpoint),
    status: string(data, 'status', endpoint),
    size: lenientNumber(data, 'size'),
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
