import { InputError } from '../errors.ts';
import type { RestoreRequest } from '../inputs/restore.ts';
import type { Runtime } from '../runtime.ts';
import type { CollectionRef, Outcome, Progress, RestoreRecord } from '../types.ts';
import type { ZillizApi } from '../zilliz/api.ts';
import { RecordList } from './records.ts';
import { backupPhase, normalizeStatus } from './status.ts';
import { waitForJob, type WaitDeps } from './waiting.ts';

export interface RestoreDeps {
  api: ZillizApi;
  runtime: Runtime;
  /** Told as each restore job starts and moves on, so outputs are written at once. */
  progress: Progress<RestoreRecord>;
}

/**
 * Restores collections from a backup into an existing cluster. The API restores one collection
 * per request, so they go one after another, each job waited for before the next (with
 * wait: false, all but the last).
 */
export async function runRestores(request: RestoreRequest, deps: RestoreDeps): Promise<Outcome<RestoreRecord>> {
  const records = new RecordList(deps.progress);
  try {
    await restoreAll(request, deps, records);
  } catch (failure) {
    return { records: records.all, failure };
  }
  return { records: records.all, failure: undefined };
}

async function restoreAll(request: RestoreRequest, deps: RestoreDeps, records: RecordList<RestoreRecord>): Promise<void> {
  const { api, runtime } = deps;
  const backup = await api.describeBackup(request.clusterId, request.backupId);
  if (backupPhase(backup.status) !== 'succeeded') {
    throw new InputError(
      'backup-id',
      `backup ${request.backupId} is ${normalizeStatus(backup.status)}, not AVAILABLE; wait for it first (the wait sub-action) and restore then.`,
    );
  }
  const held = new Set(backup.collections.map((c) => `${c.database}.${c.collection}`));
  const sources = request.collections.length ? request.collections : backup.collections.map((c) => ({ database: c.database, collection: c.collection }));
  const missing = sources.filter((c) => !held.has(`${c.database}.${c.collection}`));
  if (missing.length) {
    throw new InputError(
      'collections',
      `backup ${request.backupId} does not hold ${missing.map((c) => `${c.database}.${c.collection}`).join(', ')}; it holds ${[...held].join(', ') || 'no collections'}.`,
    );
  }
  const waitDeps = { api, runtime, pollIntervalMs: request.pollIntervalMs };
  if (!sources.length) return restoreWhatTheBackupHolds(request, deps, records, waitDeps);
  const destinationOf = (source: CollectionRef): CollectionRef => ({
    database: request.targetDatabase ?? source.database,
    collection: `${source.collection}${request.nameSuffix}`,
  });
  const seen = new Map<string, CollectionRef>();
  for (const source of sources) {
    const destination = destinationOf(source);
    const key = `${destination.database}.${destination.collection}`;
    const earlier = seen.get(key);
    if (earlier) {
      throw new InputError(
        'target-database',
        `${earlier.database}.${earlier.collection} and ${source.database}.${source.collection} would both be restored as ${key}; restore them in separate steps, each with its own name-suffix or target-database.`,
      );
    }
    seen.set(key, source);
  }
  runtime.logger.info(
    `Restoring ${sources.length} collection(s) from ${request.backupId} into cluster ${request.targetClusterId}, one at a time (the API restores one collection per request).`,
  );
  for (const [index, source] of sources.entries()) {
    const destination = { clusterId: request.targetClusterId, ...destinationOf(source) };
    runtime.logger.startGroup(
      `Restore ${index + 1} of ${sources.length}: ${source.database}.${source.collection} → ${destination.clusterId} ${destination.database}.${destination.collection}`,
    );
    try {
      const { jobId } = await api.restoreCollection(request.clusterId, request.backupId, {
        destClusterId: destination.clusterId,
        dbCollections: [
          {
            dbName: source.database,
            destDbName: destination.database,
            collections: [
              { collectionName: source.collection, destCollectionName: destination.collection, destCollectionStatus: request.load ? 'LOADED' : 'UNLOADED' },
            ],
          },
        ],
      });
      const change = records.add({ source, destination, jobId, status: 'SUBMITTED' });
      runtime.logger.info(`Restore job ${jobId} started.`);
      if (request.wait || index < sources.length - 1) {
        await waitForJob(jobId, waitDeps, (job) => change({ status: normalizeStatus(job.status) }), true);
      } else {
        runtime.logger.info(`wait is false: not waiting for restore job ${jobId}.`);
      }
    } finally {
      runtime.logger.endGroup();
    }
  }
}

/** Stands for "every collection in the backup" in a record of the restore-everything request. */
const EVERYTHING: CollectionRef = { database: '*', collection: '*' };

/**
 * A backup whose description lists no collections (an automatic backup may show none): nothing
 * can be renamed, so it goes only into another cluster, with the documented body that restores
 * every collection in the backup under its own name, unloaded.
 */
async function restoreWhatTheBackupHolds(request: RestoreRequest, deps: RestoreDeps, records: RecordList<RestoreRecord>, waitDeps: WaitDeps): Promise<void> {
  const { api, runtime } = deps;
  if (request.targetClusterId === request.clusterId) {
    throw new InputError(
      'target-cluster-id',
      `backup ${request.backupId} lists no collections, so none can be restored under a new name, and restoring it into its own cluster would collide with the originals; set target-cluster-id to another cluster, or list the collections to restore.`,
    );
  }
  runtime.logger.info(
    `Backup ${request.backupId} lists no collections: sending the documented request that restores every collection it holds into ${request.targetClusterId}.`,
  );
  // That request takes no names and no load state: say so as a warning, since the inputs asked otherwise.
  const ignored = [
    request.nameSuffix ? `name-suffix (${request.nameSuffix})` : '',
    request.targetDatabase ? `target-database (${request.targetDatabase})` : '',
    request.load ? 'load (true)' : '',
  ].filter(Boolean);
  if (ignored.length) {
    runtime.logger.warning(
      `The collections are restored under their own names and databases, unloaded: ${ignored.join(', ')} cannot apply to a backup that lists no collections.`,
    );
  }
  const { jobId } = await api.restoreCollection(request.clusterId, request.backupId, { destClusterId: request.targetClusterId });
  const change = records.add({ source: EVERYTHING, destination: { clusterId: request.targetClusterId, ...EVERYTHING }, jobId, status: 'SUBMITTED' });
  runtime.logger.info(`Restore job ${jobId} started.`);
  if (!request.wait) {
    runtime.logger.info(`wait is false: not waiting for restore job ${jobId}.`);
    return;
  }
  await waitForJob(jobId, waitDeps, (job) => change({ status: normalizeStatus(job.status) }), true);
}
