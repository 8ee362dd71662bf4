// Default data: what a fresh emulator (or one after reset) holds.
import type { Cluster, EmulatorState, LoadState } from './state.ts';

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

function cluster(clusterId: string, clusterName: string, regionId: string, plan: Cluster['plan'], databases: DatabaseSpec): Cluster {
  const dbs = new Map<string, Map<string, LoadState>>();
  for (const [db, collections] of Object.entries(databases)) dbs.set(db, new Map(Object.entries(collections)));
  return { clusterId, clusterName, projectId: PROJECT_ID, regionId, plan, databases: dbs };
}

/** Empties the state and fills it with the seed; times are relative to `now`. */
export function seedState(state: EmulatorState, now: number): void {
  state.clear();
  const clusters = [
    cluster(DEDICATED_CLUSTER, DEDICATED_CLUSTER_NAME, 'aws-us-west-2', 'Dedicated', {
      default: { medium_articles: 'LOADED', products: 'LOADED' },
      analytics: { events: 'LOADED', sessions: 'RELEASED' },
    }),
    cluster(SECOND_CLUSTER, SECOND_CLUSTER_NAME, 'gcp-us-west1', 'Dedicated', {
      default: { orders: 'LOADED' },
    }),
    cluster(FREE_CLUSTER, 'Free-01', 'gcp-us-west1', 'Free', { default: { notes: 'LOADED' } }),
    cluster(SERVERLESS_CLUSTER, 'Serverless-01', 'aws-us-west-2', 'Serverless', { default: { docs: 'LOADED' } }),
  ];
  for (const c of clusters) state.clusters.set(c.clusterId, c);

  const autoCreated = now - 3 * HOUR;
  state.backups.set(SEED_AUTO_BACKUP, {
    backupId: SEED_AUTO_BACKUP,
    backupName: `${DEDICATED_CLUSTER_NAME}_backup1`,
    clusterId: DEDICATED_CLUSTER,
    backupType: 'CLUSTER',
    creationMethod: 'AUTO',
    createdAt: autoCreated,
    expireAt: autoCreated + 7 * DAY,
    collections: [
      { dbName: 'default', collectionName: 'medium_articles' },
      { dbName: 'default', collectionName: 'products' },
      { dbName: 'analytics', collectionName: 'events' },
      { dbName: 'analytics', collectionName: 'sessions' },
    ],
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
    collections: [{ dbName: 'default', collectionName: 'medium_articles' }],
    crossRegionCopies: [],
    jobId: null,
    fixedStatus: 'AVAILABLE',
    availableDelayMs: 0,
    deleted: false,
  });
  state.nextBackupNumber = 3;
}
