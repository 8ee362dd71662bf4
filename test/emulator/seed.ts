// Default data: what a fresh emulator (or one after reset) holds.
import type { Backup, BackupStatus, BackupType, Cluster, CollectionRef, CreationMethod, EmulatorState, LoadState } from './state.ts';
import { collectionKey, stableHash } from './state.ts';

export const DEFAULT_API_KEY = 'emulator-api-key';
export const DEFAULT_READONLY_API_KEY = 'emulator-readonly-key';

export const PROJECT_ID = 'proj-0123456789abcdef01234';

export const DEDICATED_CLUSTER = 'in01-0123456789abcde';
export const DEDICATED_CLUSTER_NAME = 'Dedicated-01';
export const SECOND_CLUSTER = 'in01-fedcba987654321';
export const SECOND_CLUSTER_NAME = 'Dedicated-02';
export const FREE_CLUSTER = 'in03-0123456789abcde';
export const SERVERLESS_CLUSTER = 'in05-0123456789abcde';

/** AUTO CLUSTER backup of DEDICATED_CLUSTER, 3 hours old, holding all four collections. */
export const SEED_AUTO_BACKUP = 'backup1_a1b2c3d4e5f6';
/** MANUAL COLLECTION backup of DEDICATED_CLUSTER, 30 minutes old, holding default.medium_articles. */
export const SEED_MANUAL_BACKUP = 'backup2_0f1e2d3c4b5a';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

type DatabaseSpec = Record<string, Record<string, LoadState>>;

/** A plausible row count, the same on every run: 1 000 to 100 999 rows. */
export function seedRowCount(dbName: string, collectionName: string): number {
  return 1000 + (stableHash(`rows/${dbName}.${collectionName}`) % 100_000);
}

/** A cluster of the seed: RUNNING, every collection with its row count, no loads in progress, no aliases. */
export function makeCluster(
  fields: { clusterId: string; clusterName: string; regionId: string; plan: Cluster['plan']; createdAt: number },
  databases: DatabaseSpec,
): Cluster {
  const dbs = new Map<string, Map<string, LoadState>>();
  const rowCounts = new Map<string, number>();
  for (const [db, collections] of Object.entries(databases)) {
    dbs.set(db, new Map(Object.entries(collections)));
    for (const name of Object.keys(collections)) rowCounts.set(collectionKey(db, name), seedRowCount(db, name));
  }
  return {
    ...fields,
    projectId: PROJECT_ID,
    status: 'RUNNING',
    connectAddress: '',
    cuSize: fields.plan === 'Dedicated' ? 1 : 0,
    databases: dbs,
    rowCounts,
    loadingUntil: new Map(),
    aliases: new Map(),
  };
}

/** The alias the seed puts on Dedicated-01: `default.articles` → `medium_articles` (the application reads the alias). */
export const SEED_ALIAS = 'articles';

/** Empties the state and fills it with the seed; times are relative to `now`. */
export function seedState(state: EmulatorState, now: number): void {
  state.clear();
  const createdAt = now - 90 * DAY;
  const cluster = (clusterId: string, clusterName: string, regionId: string, plan: Cluster['plan'], databases: DatabaseSpec): Cluster =>
    makeCluster({ clusterId, clusterName, regionId, plan, createdAt }, databases);
  const clusters = [
    cluster(DEDICATED_CLUSTER, DEDICATED_CLUSTER_NAME, 'aws-us-west-2', 'Dedicated', {
      default: { medium_articles: 'LOADED', products: 'LOADED' },
      analytics: { events: 'LOADED', sessions: 'UNLOADED' },
    }),
    cluster(SECOND_CLUSTER, SECOND_CLUSTER_NAME, 'gcp-us-west1', 'Dedicated', {
      default: { orders: 'LOADED' },
    }),
    cluster(FREE_CLUSTER, 'Free-01', 'gcp-us-west1', 'Free', { default: { notes: 'LOADED' } }),
    cluster(SERVERLESS_CLUSTER, 'Serverless-01', 'aws-us-west-2', 'Serverless', { default: { docs: 'LOADED' } }),
  ];
  for (const c of clusters) state.clusters.set(c.clusterId, c);
  clusters[0]!.aliases.set('default', new Map([[SEED_ALIAS, 'medium_articles']]));
  const counted = (refs: CollectionRef[]): CollectionRef[] => refs.map((r) => ({ ...r, rowCount: seedRowCount(r.dbName, r.collectionName) }));

  const autoCreated = now - 3 * HOUR;
  state.backups.set(SEED_AUTO_BACKUP, {
    backupId: SEED_AUTO_BACKUP,
    backupName: `${DEDICATED_CLUSTER_NAME}_backup1`,
    clusterId: DEDICATED_CLUSTER,
    backupType: 'CLUSTER',
    creationMethod: 'AUTO',
    createdAt: autoCreated,
    expireAt: autoCreated + 7 * DAY,
    collections: counted([
      { dbName: 'default', collectionName: 'medium_articles' },
      { dbName: 'default', collectionName: 'products' },
      { dbName: 'analytics', collectionName: 'events' },
      { dbName: 'analytics', collectionName: 'sessions' },
    ]),
    crossRegionCopies: [],
    jobId: null,
    fixedStatus: 'AVAILABLE',
    availableDelayMs: 0,
    deleted: false,
  });
  state.backups.set(SEED_MANUAL_BACKUP, {
    backupId: SEED_MANUAL_BACKUP,
    backupName: 'medium_articles_backup2',
    clusterId: DEDICATED_CLUSTER,
    backupType: 'COLLECTION',
    creationMethod: 'MANUAL',
    createdAt: now - 30 * 60_000,
    expireAt: null,
    collections: counted([{ dbName: 'default', collectionName: 'medium_articles' }]),
    crossRegionCopies: [],
    jobId: null,
    fixedStatus: 'AVAILABLE',
    availableDelayMs: 0,
    deleted: false,
  });
  state.nextBackupNumber = 3;
}

/**
 * A backup to add to the seed (startEmulator `seedBackups`, CLI `--seed-backups`, or
 * `POST /__emulator/backups`). Everything is optional; see README "Seeded backups".
 */
export interface BackupSeed {
  /** default DEDICATED_CLUSTER */
  clusterId?: string;
  /** default CLUSTER */
  backupType?: BackupType;
  /** default MANUAL */
  creationMethod?: CreationMethod;
  /** default AVAILABLE; a seeded backup keeps this status (it has no job) */
  status?: BackupStatus;
  /** ISO-8601; wins over ageSeconds */
  createTime?: string;
  /** default 0: created now */
  ageSeconds?: number;
  /** bytes once AVAILABLE (a CREATING backup shows 0); default 64 MiB per collection */
  size?: number;
  /** default: every collection of the cluster (CLUSTER) or the first of `default` (COLLECTION); [] = none */
  collections?: { database: string; collection: string }[];
  /** default backup<N>_<hex> */
  backupId?: string;
  /** default <cluster name or first collection>_backup<N> */
  backupName?: string;
}

/** Automatic backups are kept this long (the policy's longest retention). */
const AUTO_RETENTION_MS = 30 * DAY;
/** How many backups the `mixed` seed adds to the Dedicated cluster. */
export const MIXED_SEED_COUNT = 150;

/** Checks and adds seeded backups; the whole list or nothing. Returns the added backups. */
export function addSeedBackups(state: EmulatorState, seeds: readonly BackupSeed[]): Backup[] {
  const now = state.now();
  const made: Backup[] = [];
  const ids = new Set<string>();
  const startNumber = state.nextBackupNumber;
  try {
    for (const [i, seed] of seeds.entries()) {
      const backup = backupFromSeed(state, seed, now, `backup seed ${i}`);
      if (state.backups.has(backup.backupId) || ids.has(backup.backupId)) throw new Error(`backup seed ${i}: backupId ${backup.backupId} already exists`);
      ids.add(backup.backupId);
      made.push(backup);
    }
  } catch (e) {
    state.nextBackupNumber = startNumber;
    throw e;
  }
  for (const b of made) state.backups.set(b.backupId, b);
  return made;
}

function backupFromSeed(state: EmulatorState, seed: BackupSeed, now: number, where: string): Backup {
  // Admin JSON reaches here unchecked: look at it as unknown first.
  const raw: unknown = seed;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${where}: expected an object`);
  const clusterId = seed.clusterId ?? DEDICATED_CLUSTER;
  const cluster = state.clusters.get(clusterId);
  if (!cluster) throw new Error(`${where}: unknown clusterId ${JSON.stringify(clusterId)}`);
  const backupType = oneOf(where, 'backupType', seed.backupType ?? 'CLUSTER', ['CLUSTER', 'COLLECTION'] as const);
  const creationMethod = oneOf(where, 'creationMethod', seed.creationMethod ?? 'MANUAL', ['MANUAL', 'AUTO'] as const);
  const status = oneOf(where, 'status', seed.status ?? 'AVAILABLE', ['CREATING', 'AVAILABLE'] as const);
  let createdAt = now;
  if (seed.createTime !== undefined) {
    createdAt = typeof seed.createTime === 'string' ? Date.parse(seed.createTime) : NaN;
    if (Number.isNaN(createdAt)) throw new Error(`${where}: createTime must be an ISO-8601 time`);
  } else if (seed.ageSeconds !== undefined) {
    if (typeof seed.ageSeconds !== 'number' || !(seed.ageSeconds >= 0)) throw new Error(`${where}: ageSeconds must be a number >= 0`);
    createdAt = now - seed.ageSeconds * 1000;
  }
  if (seed.size !== undefined && (typeof seed.size !== 'number' || !(seed.size >= 0))) throw new Error(`${where}: size must be a number >= 0`);
  let collections: CollectionRef[];
  if (seed.collections === undefined) {
    const all = state.allCollections(cluster);
    collections = backupType === 'CLUSTER' ? all : all.filter((c) => c.dbName === 'default').slice(0, 1);
  } else {
    if (!Array.isArray(seed.collections)) throw new Error(`${where}: collections must be an array of {database, collection}`);
    collections = seed.collections.map((c: { database?: unknown; collection?: unknown } | null) => {
      if (typeof c?.database !== 'string' || typeof c.collection !== 'string') throw new Error(`${where}: collections entries must be {database, collection}`);
      return { dbName: c.database, collectionName: c.collection };
    });
  }
  collections = collections.map((c) => ({
    ...c,
    rowCount: cluster.rowCounts.get(collectionKey(c.dbName, c.collectionName)) ?? seedRowCount(c.dbName, c.collectionName),
  }));
  for (const key of ['backupId', 'backupName'] as const) {
    if (seed[key] !== undefined && (typeof seed[key] !== 'string' || seed[key] === '')) throw new Error(`${where}: ${key} must be a non-empty string`);
  }
  const n = state.nextBackupNumber++;
  const first = collections[0];
  const prefix = backupType === 'COLLECTION' && first ? first.collectionName : cluster.clusterName;
  const backup: Backup = {
    backupId: seed.backupId ?? `backup${n}_${stableHash(`${clusterId}/${n}`).toString(16).padStart(8, '0')}${(n % 65536).toString(16).padStart(4, '0')}`,
    backupName: seed.backupName ?? `${prefix}_backup${n}`,
    clusterId,
    backupType,
    creationMethod,
    createdAt,
    expireAt: creationMethod === 'AUTO' ? createdAt + AUTO_RETENTION_MS : null,
    collections,
    crossRegionCopies: [],
    jobId: null,
    fixedStatus: status,
    availableDelayMs: 0,
    deleted: false,
  };
  if (seed.size !== undefined) backup.fixedSize = seed.size;
  return backup;
}

function oneOf<T extends string>(where: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new Error(`${where}: ${name} must be ${allowed.join(' or ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

/**
 * MIXED_SEED_COUNT backups on the Dedicated cluster, the same on every run: a quarter AUTO (all
 * CLUSTER), a third of the rest CLUSTER and the others COLLECTION of one or two collections, one in ten MANUAL CREATING, ages from 10 minutes to about 25 days,
 * and every fifth AUTO one AVAILABLE with `collections: []` and size 0 (as a published answer shows).
 */
export function mixedSeed(): BackupSeed[] {
  const collections = [
    { database: 'default', collection: 'medium_articles' },
    { database: 'default', collection: 'products' },
    { database: 'analytics', collection: 'events' },
    { database: 'analytics', collection: 'sessions' },
  ];
  const seeds: BackupSeed[] = [];
  for (let i = 0; i < MIXED_SEED_COUNT; i++) {
    const auto = i % 4 === 0;
    const creating = !auto && i % 10 === 7;
    const backupType = auto || i % 3 === 0 ? 'CLUSTER' : 'COLLECTION'; // automatic backups are cluster backups
    const emptyAuto = auto && i % 20 === 0;
    const one = collections[i % collections.length]!;
    // Some collection backups hold both collections of their database.
    const scope = i % 7 === 1 ? collections.filter((c) => c.database === one.database) : [one];
    const picked = backupType === 'CLUSTER' ? collections : scope;
    seeds.push({
      backupType,
      creationMethod: auto ? 'AUTO' : 'MANUAL',
      status: creating ? 'CREATING' : 'AVAILABLE',
      ageSeconds: 600 + i * 4 * 3600 + (stableHash(`mixed/${i}`) % 3600),
      size: emptyAuto || creating ? 0 : (1 + (stableHash(`size/${i}`) % 512)) * MIB_BYTES,
      collections: emptyAuto ? [] : picked,
    });
  }
  return seeds;
}

const MIB_BYTES = 1024 * 1024;
