import { InputError } from '../errors.ts';
import { readApiKey, readConnection, type ConnectionInputs, type InputReader } from './common.ts';
import { checkId, checkMilvusName, parseBoolean, parseClusterId, parseCollections, requireValue, shown } from './parse.ts';
import type { CollectionRef } from '../types.ts';

export interface RestoreRequest extends ConnectionInputs {
  /** The cluster the backup belongs to. */
  clusterId: string;
  backupId: string;
  targetClusterId: string;
  /** Empty: every collection the backup holds. */
  collections: CollectionRef[];
  /** undefined: each collection goes to the database it came from. */
  targetDatabase: string | undefined;
  nameSuffix: string;
  load: boolean;
  wait: boolean;
}

export const DEFAULT_NAME_SUFFIX = '_restored';

/**
 * `isSet(name)` tells an input that is present but empty from one not given at all: an empty
 * name-suffix is meaningful (restore under the original names), an absent one is the default.
 */
export function readRestoreRequest(read: InputReader, isSet: (name: string) => boolean, apiKey = readApiKey(read)): RestoreRequest {
  const clusterId = parseClusterId('cluster-id', read('cluster-id'));
  const backupId = requireValue('backup-id', read('backup-id'), 'pass the backup to restore from, e.g. backup-id: ${{ steps.backup.outputs.backup-id }}.');
  if (/[\s,]/.test(backupId))
    throw new InputError(
      'backup-id',
      `"${shown(backupId)}" is not one backup ID; the restore sub-action takes a single backup (pick one from a space-separated list).`,
    );
  checkId('backup-id', backupId, 'a backup ID');
  const targetClusterId = read('target-cluster-id').trim() ? parseClusterId('target-cluster-id', read('target-cluster-id')) : clusterId;
  const targetDatabaseRaw = read('target-database').trim();
  const targetDatabase = targetDatabaseRaw ? checkMilvusName('target-database', 'database name', targetDatabaseRaw) : undefined;
  const nameSuffix = isSet('name-suffix') ? read('name-suffix').trim() : DEFAULT_NAME_SUFFIX;
  if (nameSuffix && !/^[A-Za-z0-9_]+$/.test(nameSuffix)) {
    throw new InputError('name-suffix', `"${shown(nameSuffix)}" may hold only letters, digits and underscores (it is appended to Milvus collection names).`);
  }
  if (!nameSuffix && targetClusterId === clusterId) {
    throw new InputError(
      'name-suffix',
      "is empty while restoring into the backup's own cluster, which would collide with the original collections; keep a suffix (default _restored) or set target-cluster-id to another cluster.",
    );
  }
  const collections = parseCollections('collections', read('collections'));
  for (const ref of collections) checkMilvusName('name-suffix', 'restored collection name', `${ref.collection}${nameSuffix}`);
  return {
    ...readConnection(read, apiKey),
    clusterId,
    backupId,
    targetClusterId,
    collections,
    targetDatabase,
    nameSuffix,
    load: parseBoolean('load', read('load'), true),
    wait: parseBoolean('wait', read('wait'), true),
  };
}
