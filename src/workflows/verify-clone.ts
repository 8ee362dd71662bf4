// Proof that a clone serves: every collection the backup describes exists on the clone, read
// through the clone's own data plane (never the source's), with its row count and load state.
import { ApiError, UnexpectedResponseError } from '../errors.ts';
import { countOf } from '../format.ts';
import { groupByDatabase } from '../inputs/parse.ts';
import { forLog } from '../text.ts';
import type { Runtime } from '../runtime.ts';
import type { CollectionRef } from '../types.ts';
import type { BackupInfo, ClusterInfo } from '../zilliz/api.ts';
import { DATA_PLANE_CODES, dataPlaneUrl, type DataPlaneApi } from '../zilliz/dataplane.ts';

export interface CheckedCollection {
  database: string;
  collection: string;
  rowCount: number;
  loadState: string;
}

export interface VerifyDeps {
  /** A client for the clone's own data plane (never the source's). */
  dataPlane: (url: URL) => DataPlaneApi;
  runtime: Runtime;
}

/** What the check found: each collection read, and each the clone lacks (`database.collection`). */
export interface Verification {
  checked: CheckedCollection[];
  missing: string[];
}

/** Checks every collection the backup describes on the clone. */
export async function verifyClone(clone: ClusterInfo, backup: BackupInfo, deps: VerifyDeps): Promise<Verification> {
  const where = dataPlaneUrl(clone.connectAddress);
  if ('problem' in where) throw new UnexpectedResponseError(`GET /v2/clusters/${clone.clusterId}`, `the clone cannot be checked: ${where.problem}`);
  const plane = deps.dataPlane(where.url);
  let expected: CollectionRef[] = backup.collections;
  if (!expected.length) {
    deps.runtime.logger.warning(
      `Backup ${backup.backupId} describes no collections: checking every collection the clone has instead (none can be found missing).`,
    );
    expected = await everyCollection(plane);
  }
  const checked: CheckedCollection[] = [];
  const missing: string[] = [];
  for (const [database, names] of groupByDatabase(expected)) {
    const present = new Set(await collectionsOf(plane, database));
    for (const collection of names) {
      if (!present.has(collection)) {
        missing.push(`${database}.${collection}`);
        continue;
      }
      const rowCount = await plane.getRowCount(database, collection);
      const { loadState } = await plane.getLoadState(database, collection);
      checked.push({ database, collection, rowCount, loadState });
      deps.runtime.logger.info(`Checked ${database}.${collection} on the clone: ${countOf(rowCount, 'row')}, ${forLog(loadState)}.`);
    }
  }
  return { checked, missing };
}

/** A database the clone lacks (code 800) holds no collections. */
async function collectionsOf(api: DataPlaneApi, database: string): Promise<string[]> {
  try {
    return await api.listCollections(database);
  } catch (error) {
    if (error instanceof ApiError && error.code === DATA_PLANE_CODES.databaseNotFound) return [];
    throw error;
  }
}

async function everyCollection(api: DataPlaneApi): Promise<CollectionRef[]> {
  const refs: CollectionRef[] = [];
  for (const database of await api.listDatabases()) {
    for (const collection of await api.listCollections(database)) refs.push({ database, collection });
  }
  return refs;
}
