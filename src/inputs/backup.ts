import { InputError } from '../errors.ts';
import type { BackupType } from '../types.ts';
import { readApiKey, readConnection, type ConnectionInputs, type InputReader } from './common.ts';
import { groupByDatabase, parseBoolean, parseChoice, parseClusterId, parseCollections, parseDuration, parseRegionIds } from './parse.ts';

export type IfBusy = 'wait' | 'fail';

/** One create request: a whole cluster, or collections of one database. */
export interface BackupTarget {
  /** undefined for a CLUSTER backup. */
  database: string | undefined;
  collections: string[];
}

export interface BackupRequest extends ConnectionInputs {
  clusterId: string;
  backupType: BackupType;
  /** In order; one entry per create request. */
  targets: BackupTarget[];
  crossRegionCopies: string[];
  wait: boolean;
  ifBusy: IfBusy;
  /** Reuse an AVAILABLE backup at most this old; undefined always creates. */
  reuseIfNewerThanMs: number | undefined;
}

/** Turns the raw inputs into a typed request, or throws an InputError naming the input. */
export function readBackupRequest(read: InputReader, apiKey = readApiKey(read)): BackupRequest {
  const clusterId = parseClusterId('cluster-id', read('cluster-id'));
  const collections = parseCollections('collections', read('collections'));
  const backupType = parseChoice<BackupType>('backup-type', read('backup-type'), ['CLUSTER', 'COLLECTION'], collections.length ? 'COLLECTION' : 'CLUSTER');
  if (backupType === 'CLUSTER' && collections.length) {
    throw new InputError(
      'backup-type',
      'is CLUSTER but collections are listed; remove backup-type (or set it to COLLECTION) to back up those collections, or clear collections to back up the whole cluster.',
    );
  }
  if (backupType === 'COLLECTION' && !collections.length) {
    throw new InputError('collections', 'is empty but backup-type is COLLECTION; list the collections (name or database.name), or set backup-type to CLUSTER.');
  }
  const targets: BackupTarget[] =
    backupType === 'CLUSTER'
      ? [{ database: undefined, collections: [] }]
      : [...groupByDatabase(collections)].map(([database, names]) => ({ database, collections: names }));
  return {
    ...readConnection(read, apiKey),
    clusterId,
    backupType,
    targets,
    crossRegionCopies: parseRegionIds('cross-region-copies', read('cross-region-copies')),
    wait: parseBoolean('wait', read('wait'), true),
    ifBusy: parseChoice<IfBusy>('if-busy', read('if-busy'), ['wait', 'fail'], 'wait'),
    reuseIfNewerThanMs: parseDuration('reuse-if-newer-than', read('reuse-if-newer-than')),
  };
}
