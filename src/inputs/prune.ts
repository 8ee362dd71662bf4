import { InputError } from '../errors.ts';
import { collectionScope, type BackupScope } from '../scope.ts';
import type { BackupType } from '../types.ts';
import { readApiKey, readConnection, type ConnectionInputs, type InputReader } from './common.ts';
import { groupByDatabase, parseBoolean, parseChoice, parseClusterId, parseCollections, parseDuration, shown } from './parse.ts';

/** older-than is an age of backups, not a wait: far longer than a job may run. */
export const MAX_OLDER_THAN_DAYS = 3650;
const MAX_OLDER_THAN_MS = MAX_OLDER_THAN_DAYS * 86_400_000;

export const DEFAULT_MAX_DELETIONS = 10;

/** The prune sub-action's inputs; the retention fields are named as in RetentionRules. */
export interface PruneRequest extends ConnectionInputs {
  clusterId: string;
  /** Each scope keeps its newest N; undefined: no count rule. */
  keepLast: number | undefined;
  /** Only backups older than this are deleted; undefined: no age rule. */
  olderThanMs: number | undefined;
  /** undefined: both types. */
  backupType: BackupType | undefined;
  /** From `collections`: only backups of exactly this scope; undefined: every scope. */
  scope: BackupScope | undefined;
  dryRun: boolean;
  /** More candidates than this fails before anything is deleted. */
  maxDeletions: number;
}

/** A whole number ≥ min, or undefined for a blank value. */
export function parseCount(input: string, raw: string, min: number, fix: string): number | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InputError(input, `"${shown(value)}" is not a whole number; ${fix}.`);
  const count = Number(value);
  if (count < min) throw new InputError(input, `"${shown(value)}" is less than ${min}; ${fix}.`);
  return count;
}

/** keep-last: blank gives undefined (prune nothing by count); else a whole number ≥ min. */
export function parseKeepLast(input: string, raw: string, min: 0 | 1): number | undefined {
  const fix =
    min === 1
      ? "use 1 or more (the run's own backup counts as one and is always kept), or leave it empty to delete nothing"
      : 'use 0 or more (the newest N backups of each scope are kept), or leave it empty';
  return parseCount(input, raw, min, fix);
}

/** The most backups one run may delete (prune and the main action's keep-last alike). */
export function readMaxDeletions(read: InputReader): number {
  return (
    parseCount('max-deletions', read('max-deletions'), 1, `use 1 or more (default ${DEFAULT_MAX_DELETIONS}): the most backups one run may delete`) ??
    DEFAULT_MAX_DELETIONS
  );
}

/** The main action's keep-last; it needs wait, since only a usable new backup may replace old ones. */
export function readKeepLast(read: InputReader, wait: boolean): number | undefined {
  const keepLast = parseKeepLast('keep-last', read('keep-last'), 1);
  if (keepLast !== undefined && !wait) {
    throw new InputError(
      'keep-last',
      'is set but wait is false: nothing can be pruned before the new backup is known to be usable; set wait to true (the default), or clear keep-last.',
    );
  }
  return keepLast;
}

/** Turns the prune sub-action's raw inputs into a typed request, or throws an InputError naming the input. */
export function readPruneRequest(read: InputReader, apiKey = readApiKey(read)): PruneRequest {
  const clusterId = parseClusterId('cluster-id', read('cluster-id'));
  const keepLast = parseKeepLast('keep-last', read('keep-last'), 0);
  const olderThanMs = parseDuration('older-than', read('older-than'));
  // Not parseDuration's max: its message speaks of how long a job may run.
  if (olderThanMs !== undefined && olderThanMs > MAX_OLDER_THAN_MS) {
    throw new InputError(
      'older-than',
      `"${shown(read('older-than').trim())}" is longer than ${MAX_OLDER_THAN_DAYS} days; use a shorter age such as 30d or 90d.`,
    );
  }
  if (keepLast === undefined && olderThanMs === undefined) {
    throw new InputError(
      'keep-last',
      'is empty, and so is older-than; set at least one: keep-last: 10 keeps the newest 10 backups of each scope, older-than: 30d deletes backups older than 30 days (with both, only backups selected by both are deleted).',
    );
  }
  const collections = parseCollections('collections', read('collections'));
  const typeRaw = read('backup-type').trim();
  let backupType = typeRaw === '' ? undefined : parseChoice<BackupType>('backup-type', typeRaw, ['CLUSTER', 'COLLECTION'], 'CLUSTER');
  let scope: BackupScope | undefined;
  if (collections.length) {
    if (backupType === 'CLUSTER') {
      throw new InputError(
        'backup-type',
        'is CLUSTER but collections are listed; clear collections to prune CLUSTER backups, or remove backup-type (or set it to COLLECTION) to prune backups of those collections.',
      );
    }
    const groups = [...groupByDatabase(collections)];
    const [first, ...others] = groups;
    if (!first || others.length) {
      throw new InputError(
        'collections',
        `names collections of ${groups.length} databases (${groups.map(([db]) => db).join(', ')}); a backup's scope is one database, so list the collections of one database (run the prune step once per database).`,
      );
    }
    backupType = 'COLLECTION';
    scope = collectionScope(clusterId, first[0], first[1]);
  }
  return {
    ...readConnection(read, apiKey),
    clusterId,
    keepLast,
    olderThanMs,
    backupType,
    scope,
    dryRun: parseBoolean('dry-run', read('dry-run'), false),
    maxDeletions: readMaxDeletions(read),
  };
}
