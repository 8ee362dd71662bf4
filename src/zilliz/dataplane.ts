import { UnexpectedResponseError } from '../errors.ts';
import { endpointProblem } from '../inputs/parse.ts';
import type { Runtime } from '../runtime.ts';
import { answerText } from '../text.ts';
import type { Caller } from './api.ts';
import { ApiClient, type ClientConfig } from './client.ts';
import { dataPlaneHintFor } from './hints.ts';
import { lenientNumber, object, optionalString, string, type Json } from './shape.ts';

/** Codes the data plane answers with (zilliz-api.md, "The cluster's data plane"). */
export const DATA_PLANE_CODES = {
  collectionNotFound: 100,
  databaseNotFound: 800,
  aliasNotFound: 1600,
  aliasIsCollection: 1601,
  aliasOnAnotherCollection: 1602,
  unauthenticated: 1800,
} as const;

/** The load state a collection serves in. */
export const LOADED = 'LoadStateLoaded';

export interface CollectionInfo {
  /** The collection's own name (describe accepts an alias and answers with the collection). */
  collectionName: string;
  aliases: string[];
  load: string;
}

export interface LoadStateInfo {
  /** LoadStateLoaded, LoadStateLoading or LoadStateNotLoad, as the API spelled it. */
  loadState: string;
  loadProgress: number | undefined;
}

export interface AliasInfo {
  aliasName: string;
  collectionName: string;
  dbName: string;
}

/** The calls this project makes on a cluster's own endpoint; every name goes with its database. */
export interface DataPlaneApi {
  /** Alias-first: true for an alias name too (describeAlias tells them apart). */
  hasCollection(dbName: string, collectionName: string): Promise<boolean>;
  describeCollection(dbName: string, collectionName: string): Promise<CollectionInfo>;
  getLoadState(dbName: string, collectionName: string): Promise<LoadStateInfo>;
  /** Starts loading (asynchronous: poll getLoadState). */
  loadCollection(dbName: string, collectionName: string): Promise<void>;
  getRowCount(dbName: string, collectionName: string): Promise<number>;
  listCollections(dbName: string): Promise<string[]>;
  listDatabases(): Promise<string[]>;
  describeAlias(dbName: string, aliasName: string): Promise<AliasInfo>;
  /** The atomic switch. Never resent blindly: a lost answer is settled by describeAlias. */
  alterAlias(dbName: string, aliasName: string, collectionName: string): Promise<void>;
  listAliases(dbName: string, collectionName?: string): Promise<string[]>;
  createAlias(dbName: string, aliasName: string, collectionName: string): Promise<void>;
}

/** Where a cluster's data plane is, or why the key may not go there (the base-url rule). */
export function dataPlaneUrl(connectAddress: string): { url: URL } | { problem: string } {
  if (!connectAddress) return { problem: 'the cluster has no data-plane endpoint (connectAddress is empty)' };
  let url: URL;
  try {
    url = new URL(connectAddress);
  } catch {
    return { problem: 'its data-plane endpoint (connectAddress) is not a URL' };
  }
  const problem = endpointProblem(url);
  if (problem) return { problem: `its data-plane endpoint (connectAddress) ${problem}` };
  url.pathname = url.pathname.replace(/\/+$/, '');
  return { url };
}

/**
 * A client for one cluster's data plane on the same machinery as the control plane (transport,
 * retries, timeouts, redaction, the key kept on that one host), with the data plane's hints.
 */
export function dataPlaneClient(url: URL, config: Omit<ClientConfig, 'baseUrl' | 'hintFor'>, runtime: Runtime): ApiClient {
  return new ApiClient({ ...config, baseUrl: url, hintFor: dataPlaneHintFor }, runtime);
}

const BASE = '/v2/vectordb';

/** DataPlaneApi over Milvus REST v2: every call a POST with a JSON body, every answer parsed. */
export class MilvusDataPlane implements DataPlaneApi {
  readonly #client: Caller;
  constructor(client: Caller) {
    this.#client = client;
  }

  async #post(name: string, route: string, body: object, retry: 'read' | 'create' = 'read'): Promise<{ data: unknown; endpoint: string }> {
    const path = `${BASE}/${route}`;
    return { data: await this.#client.call({ name, method: 'POST', path, body, retry }), endpoint: `POST ${path}` };
  }

  async hasCollection(dbName: string, collectionName: string): Promise<boolean> {
    const { data, endpoint } = await this.#post('has collection', 'collections/has', { dbName, collectionName });
    const has = object(data, endpoint)['has'];
    if (typeof has !== 'boolean') throw new UnexpectedResponseError(endpoint, '"has" is not true or false');
    return has;
  }

  async describeCollection(dbName: string, collectionName: string): Promise<CollectionInfo> {
    const { data, endpoint } = await this.#post('describe collection', 'collections/describe', { dbName, collectionName });
    const info = object(data, endpoint);
    return {
      collectionName: string(info, 'collectionName', endpoint),
      aliases: strings(info['aliases'] ?? [], endpoint, 'aliases'),
      load: optionalString(info, 'load', endpoint),
    };
  }

  async getLoadState(dbName: string, collectionName: string): Promise<LoadStateInfo> {
    const { data, endpoint } = await this.#post('get load state', 'collections/get_load_state', { dbName, collectionName });
    const info = object(data, endpoint);
    return { loadState: string(info, 'loadState', endpoint), loadProgress: lenientNumber(info, 'loadProgress') };
  }

  async loadCollection(dbName: string, collectionName: string): Promise<void> {
    await this.#post('load collection', 'collections/load', { dbName, collectionName });
  }

  async getRowCount(dbName: string, collectionName: string): Promise<number> {
    const { data, endpoint } = await this.#post('get collection stats', 'collections/get_stats', { dbName, collectionName });
    const count = lenientNumber(object(data, endpoint), 'rowCount');
    if (count === undefined || !Number.isInteger(count) || count < 0) throw new UnexpectedResponseError(endpoint, '"rowCount" is missing or not a count');
    return count;
  }

  async listCollections(dbName: string): Promise<string[]> {
    const { data, endpoint } = await this.#post('list collections', 'collections/list', { dbName });
    return strings(data ?? [], endpoint, 'data');
  }

  async listDatabases(): Promise<string[]> {
    const { data, endpoint } = await this.#post('list databases', 'databases/list', {});
    return strings(data ?? [], endpoint, 'data');
  }

  async describeAlias(dbName: string, aliasName: string): Promise<AliasInfo> {
    const { data, endpoint } = await this.#post('describe alias', 'aliases/describe', { dbName, aliasName });
    return parseAlias(object(data, endpoint), endpoint, dbName, aliasName);
  }

  async alterAlias(dbName: string, aliasName: string, collectionName: string): Promise<void> {
    await this.#post('alter alias', 'aliases/alter', { dbName, aliasName, collectionName }, 'create');
  }

  async listAliases(dbName: string, collectionName?: string): Promise<string[]> {
    const body = collectionName === undefined ? { dbName } : { dbName, collectionName };
    const { data, endpoint } = await this.#post('list aliases', 'aliases/list', body);
    return strings(data ?? [], endpoint, 'data');
  }

  async createAlias(dbName: string, aliasName: string, collectionName: string): Promise<void> {
    await this.#post('create alias', 'aliases/create', { dbName, aliasName, collectionName }, 'create');
  }
}

/** A bare list of names, each kept as answerText keeps a name: one line, cut to a name's length (Milvus allows 255). */
function strings(value: unknown, endpoint: string, what: string): string[] {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new UnexpectedResponseError(endpoint, `"${what}" is not a list of names`);
  }
  return value.map((name) => answerText(name));
}

function parseAlias(data: Json, endpoint: string, dbName: string, aliasName: string): AliasInfo {
  return {
    aliasName: optionalString(data, 'aliasName', endpoint) || aliasName,
    collectionName: string(data, 'collectionName', endpoint),
    dbName: optionalString(data, 'dbName', endpoint) || dbName,
  };
}
