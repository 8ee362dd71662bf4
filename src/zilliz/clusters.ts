// The control plane's cluster calls a clone needs beyond describe: make a cluster from a backup,
// list the clusters the key sees, drop one. Every answer is checked, never cast.
import { UnexpectedResponseError } from '../errors.ts';
import type { Caller } from './api.ts';
import { apiPath } from './path.ts';
import { array, id, lenientId, lenientNumber, object, optionalString, string, type Json } from './shape.ts';

export interface RestoreClusterBody {
  projectId: string;
  clusterName: string;
  cuSize: number;
  /** KEEP: each collection keeps the load state it had; RELEASE: all released. */
  collectionStatus: 'KEEP' | 'RELEASE';
}

/** restoreCluster's answer; `password` is shown once and is a secret. */
export interface RestoredCluster {
  clusterId: string;
  username: string;
  password: string;
  jobId: string;
}

/** A cluster as list clusters shows it. */
export interface ClusterListing {
  clusterId: string;
  clusterName: string;
  projectId: string;
  status: string;
  cuSize: number | undefined;
  createTime: string;
}

export interface ClusterApi {
  /**
   * Not idempotent (no client token): sent again only when it certainly did not leave.
   * `reserveMs`: see ApiCall; keeps time to look for the cluster if the answer is lost.
   */
  restoreCluster(clusterId: string, backupId: string, body: RestoreClusterBody, reserveMs?: number): Promise<RestoredCluster>;
  /** Every cluster the key can see, all pages (the API has no project filter). */
  listClusters(): Promise<ClusterListing[]>;
  /** Sent once; a lost or unclear answer is settled by describing the cluster (workflows/drop-cluster.ts). */
  dropCluster(clusterId: string): Promise<{ clusterId: string }>;
}

const PAGE_SIZE = 100;
/** 10,000 clusters: far more than any organization has; a list that goes on is a broken server. */
const MAX_PAGES = 100;

/** ClusterApi over the REST API v2. */
export class ZillizClusterApi implements ClusterApi {
  readonly #client: Caller;
  constructor(client: Caller) {
    this.#client = client;
  }

  async restoreCluster(clusterId: string, backupId: string, body: RestoreClusterBody, reserveMs = 0): Promise<RestoredCluster> {
    const path = apiPath`/v2/clusters/${clusterId}/backups/${backupId}/restoreCluster`;
    const endpoint = `POST ${path}`;
    const answer = await this.#client.call({ name: 'restore cluster', method: 'POST', path, body, retry: 'create', reserveMs, secret: true });
    const data = object(answer, endpoint);
    return {
      clusterId: id(data, 'clusterId', endpoint),
      username: optionalString(data, 'username', endpoint),
      password: optionalString(data, 'password', endpoint),
      // Unknown ('') when not a plain id: the clone is then followed by its cluster's status alone.
      jobId: lenientId(data, 'jobId'),
    };
  }

  async listClusters(): Promise<ClusterListing[]> {
    const path = apiPath`/v2/clusters`;
    const endpoint = `GET ${path}`;
    const clusters: ClusterListing[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const answer = await this.#client.call({ name: 'list clusters', method: 'GET', path, retry: 'read', query: { pageSize: PAGE_SIZE, currentPage: page } });
      const items = array(object(answer, endpoint), 'clusters', endpoint).map((item) => parseListing(object(item, endpoint, 'clusters[]'), endpoint));
      const known = new Set(clusters.map((c) => c.clusterId));
      const fresh = items.filter((c) => !known.has(c.clusterId));
      clusters.push(...fresh);
      // As with backups, a short page or a page with nothing new ends the listing.
      if (items.length < PAGE_SIZE || fresh.length === 0) return clusters;
    }
    throw new UnexpectedResponseError(endpoint, `the listing did not end after ${MAX_PAGES} pages of ${PAGE_SIZE}`);
  }

  async dropCluster(clusterId: string): Promise<{ clusterId: string }> {
    const path = apiPath`/v2/clusters/${clusterId}/drop`;
    const endpoint = `DELETE ${path}`;
    const data = object(await this.#client.call({ name: 'drop cluster', method: 'DELETE', path, retry: 'create' }), endpoint);
    return { clusterId: optionalString(data, 'clusterId', endpoint) || clusterId };
  }
}

function parseListing(data: Json, endpoint: string): ClusterListing {
  return {
    // Not checked here: a listed id is only ever a candidate, and the plan skips one that is not plain.
    clusterId: string(data, 'clusterId', endpoint),
    clusterName: optionalString(data, 'clusterName', endpoint),
    projectId: optionalString(data, 'projectId', endpoint),
    status: optionalString(data, 'status', endpoint),
    cuSize: lenientNumber(data, 'cuSize'),
    createTime: optionalString(data, 'createTime', endpoint),
  };
}
