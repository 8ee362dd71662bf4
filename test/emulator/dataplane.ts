// The emulated data plane of one cluster (Milvus REST v2 at the cluster's connectAddress):
// collections, load state, row counts and aliases. Pure with respect to HTTP, like api.ts.
// Every call is POST with a JSON body; errors come as HTTP 200 with a code (zilliz-api.md).
import type { ApiResponse, AuthKind } from './api.ts';
import type { Cluster, EmulatorState } from './state.ts';
import { collectionKey, stableHash } from './state.ts';

/** Documented data-plane codes. */
export const DP_COLLECTION_NOT_FOUND = 100;
export const DP_DATABASE_NOT_FOUND = 800;
export const DP_BAD_PARAMETER = 1100;
export const DP_ALIAS_NOT_FOUND = 1600;
export const DP_ALIAS_IS_COLLECTION = 1601;
export const DP_ALIAS_ON_ANOTHER = 1602;
export const DP_BAD_JSON = 1801;
export const DP_MISSING_PARAMETER = 1802;
export const DP_UNAUTHENTICATED = 1800;
/** "anything else": also what the read-only key's writes get (EMULATOR-CHOSEN; the real refusal is unconfirmed). */
export const DP_OTHER = 65535;

export const DP_UNAUTHORIZED: ApiResponse = { status: 401, body: { code: DP_UNAUTHENTICATED, message: "User hasn't authenticated" } };

export const DATA_PLANE_PREFIX = '/v2/vectordb/';

const ok = (data: unknown): ApiResponse => ({ status: 200, body: { code: 0, data } });
const fail = (code: number, message: string): ApiResponse => ({ status: 200, body: { code, message } });

export interface DataPlaneRequest {
  method: string;
  path: string;
  /** parsed JSON, the raw text when it is not JSON, or undefined when empty */
  body: unknown;
  auth: AuthKind;
}

type Body = Record<string, unknown>;
type Handler = (state: EmulatorState, cluster: Cluster, body: Body) => ApiResponse;

const WRITES = new Set(['collections/load', 'aliases/alter', 'aliases/create', 'aliases/drop']);

const ROUTES: Record<string, Handler> = {
  'databases/list': (_s, cluster) => ok([...cluster.databases.keys()]),
  'collections/list': (_s, cluster, body) => withDb(cluster, body, (db) => ok([...(cluster.databases.get(db)?.keys() ?? [])])),
  'collections/has': (_s, cluster, body) => withName(cluster, body, 'collectionName', (db, name) => ok({ has: resolve(cluster, db, name) !== undefined })),
  'collections/describe': (state, cluster, body) => withCollection(cluster, body, (db, name) => describeCollection(state, cluster, db, name)),
  'collections/get_load_state': (state, cluster, body) =>
    withCollection(cluster, body, (db, name) => {
      const loadState = state.loadStateOf(cluster, db, name);
      return ok(loadState === 'LoadStateNotLoad' ? { loadState } : { loadState, loadProgress: loadState === 'LoadStateLoaded' ? 100 : 50 });
    }),
  'collections/load': (state, cluster, body) =>
    withCollection(cluster, body, (db, name) => {
      state.startLoad(cluster, db, name);
      return ok({});
    }),
  'collections/get_stats': (state, cluster, body) =>
    withCollection(cluster, body, (db, name) => {
      const rows = cluster.rowCounts.get(collectionKey(db, name)) ?? 0;
      return ok({ rowCount: state.config.rowCountAsString ? String(rows) : rows });
    }),
  'aliases/list': (_s, cluster, body) =>
    withDb(cluster, body, (db) => {
      const wanted = typeof body['collectionName'] === 'string' && body['collectionName'] !== '' ? body['collectionName'] : undefined;
      return ok([...(cluster.aliases.get(db) ?? [])].filter(([, target]) => wanted === undefined || target === wanted).map(([alias]) => alias));
    }),
  'aliases/describe': (_s, cluster, body) =>
    withName(cluster, body, 'aliasName', (db, alias) => {
      const target = cluster.aliases.get(db)?.get(alias);
      return target === undefined ? aliasNotFound(alias) : ok({ aliasName: alias, collectionName: target, dbName: db });
    }),
  'aliases/create': (_s, cluster, body) => aliasWrite(cluster, body, 'create'),
  'aliases/alter': (_s, cluster, body) => aliasWrite(cluster, body, 'alter'),
  'aliases/drop': (_s, cluster, body) =>
    withName(cluster, body, 'aliasName', (db, alias) => {
      cluster.aliases.get(db)?.delete(alias);
      return ok({});
    }),
};

/** Routes one data-plane request of `cluster` (the server has already checked the key). */
export function handleDataPlane(state: EmulatorState, cluster: Cluster, req: DataPlaneRequest): ApiResponse {
  if (!req.path.startsWith(DATA_PLANE_PREFIX)) return { status: 404, body: { code: 404, message: 'Not Found' } };
  const handler = ROUTES[req.path.slice(DATA_PLANE_PREFIX.length)];
  if (!handler || req.method !== 'POST') return { status: 404, body: { code: 404, message: 'Not Found' } };
  state.settle();
  if (typeof req.body === 'string') return fail(DP_BAD_JSON, 'invalid JSON body');
  const body: unknown = req.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(DP_BAD_JSON, 'the body must be a JSON object');
  const route = req.path.slice(DATA_PLANE_PREFIX.length);
  if (req.auth === 'readonly' && WRITES.has(route)) return fail(DP_OTHER, 'PrivilegeNotPermitted: the key may not do this');
  return handler(state, cluster, body as Body);
}

/** Alias first, then a collection: the name resolution of has/describe/get_stats/load. Undefined: neither. */
export function resolve(cluster: Cluster, dbName: string, name: string): string | undefined {
  const target = cluster.aliases.get(dbName)?.get(name);
  if (target !== undefined) return target;
  return cluster.databases.get(dbName)?.has(name) ? name : undefined;
}

function dbOf(body: Body): string | ApiResponse {
  const db = body['dbName'] ?? 'default';
  if (typeof db !== 'string') return fail(DP_BAD_PARAMETER, 'dbName must be a string');
  return db === '' ? 'default' : db;
}

function withDb(cluster: Cluster, body: Body, then: (db: string) => ApiResponse): ApiResponse {
  const db = dbOf(body);
  if (typeof db !== 'string') return db;
  if (!cluster.databases.has(db)) return fail(DP_DATABASE_NOT_FOUND, `database not found[database=${db}]`);
  return then(db);
}

function withName(cluster: Cluster, body: Body, field: string, then: (db: string, name: string) => ApiResponse): ApiResponse {
  return withDb(cluster, body, (db) => {
    const name = body[field];
    if (name === undefined || name === '') return fail(DP_MISSING_PARAMETER, `missing required parameters: ${field}`);
    if (typeof name !== 'string') return fail(DP_BAD_PARAMETER, `${field} must be a string`);
    return then(db, name);
  });
}

/** A collection named directly or through an alias. */
function withCollection(cluster: Cluster, body: Body, then: (db: string, collection: string) => ApiResponse): ApiResponse {
  return withName(cluster, body, 'collectionName', (db, name) => {
    const collection = resolve(cluster, db, name);
    return collection === undefined ? collectionNotFound(db, name) : then(db, collection);
  });
}

const collectionNotFound = (db: string, name: string): ApiResponse => fail(DP_COLLECTION_NOT_FOUND, `collection not found[database=${db}][collection=${name}]`);
const aliasNotFound = (alias: string): ApiResponse => fail(DP_ALIAS_NOT_FOUND, `alias not found[alias=${alias}]`);

function describeCollection(state: EmulatorState, cluster: Cluster, db: string, name: string): ApiResponse {
  const aliases = [...(cluster.aliases.get(db) ?? [])].filter(([, target]) => target === name).map(([alias]) => alias);
  return ok({
    collectionName: name,
    collectionID: 400_000_000_000_000_000 + (stableHash(`${cluster.clusterId}/${db}.${name}`) % 1_000_000),
    dbName: db,
    description: '',
    aliases,
    autoId: false,
    enableDynamicField: true,
    consistencyLevel: 'Bounded',
    shardsNum: 1,
    load: state.loadStateOf(cluster, db, name),
    fields: [
      { name: 'id', type: 'Int64', primaryKey: true, autoId: false },
      { name: 'vector', type: 'FloatVector', params: [{ key: 'dim', value: '768' }] },
    ],
    indexes: [{ fieldName: 'vector', indexName: 'vector', metricType: 'COSINE' }],
    properties: [],
  });
}

/**
 * create: 1601 when the alias name is a collection's, 1602 when the alias points elsewhere,
 * a no-op when it already points here. alter: 1600 when there is no such alias (alter never
 * creates one), a no-op when it already points here. The target must be a real collection.
 */
function aliasWrite(cluster: Cluster, body: Body, kind: 'create' | 'alter'): ApiResponse {
  return withName(cluster, body, 'aliasName', (db, alias) =>
    withName(cluster, body, 'collectionName', (_db, collection) => {
      const aliases = cluster.aliases.get(db) ?? new Map<string, string>();
      const current = aliases.get(alias);
      if (kind === 'create' && cluster.databases.get(db)?.has(alias)) {
        return fail(DP_ALIAS_IS_COLLECTION, `alias and collection name conflict[database=${db}][alias=${alias}]`);
      }
      if (kind === 'alter' && current === undefined) return aliasNotFound(alias);
      if (!cluster.databases.get(db)?.has(collection)) return collectionNotFound(db, collection);
      if (kind === 'create' && current !== undefined && current !== collection) {
        return fail(DP_ALIAS_ON_ANOTHER, `alias ${alias} already exists and points to collection ${current}`);
      }
      aliases.set(alias, collection);
      cluster.aliases.set(db, aliases);
      return ok({});
    }),
  );
}
