// The scope of a backup: what makes two backups comparable for retention and reuse.

/**
 * What a backup holds, which is what makes backups comparable ("ours" has no label on the API):
 * the whole cluster, or an exact set of collections of one database.
 */
export type BackupScope =
  | { clusterId: string; backupType: 'CLUSTER' }
  | { clusterId: string; backupType: 'COLLECTION'; database: string; /** Sorted, no repeats. */ collections: string[] };

export function clusterScope(clusterId: string): BackupScope {
  return { clusterId, backupType: 'CLUSTER' };
}

/** Sorts and de-duplicates the collections, so equal sets give equal scopes. */
export function collectionScope(clusterId: string, database: string, collections: readonly string[]): BackupScope {
  return { clusterId, backupType: 'COLLECTION', database, collections: [...new Set(collections)].sort() };
}

/** Equal for equal scopes, whatever the order of the collections. */
export function scopeKey(scope: BackupScope): string {
  if (scope.backupType === 'CLUSTER') return JSON.stringify([scope.clusterId, 'CLUSTER']);
  return JSON.stringify([scope.clusterId, 'COLLECTION', scope.database, ...[...new Set(scope.collections)].sort()]);
}

/** For people: `CLUSTER`, `default: a, b`. */
export function scopeLabel(scope: BackupScope): string {
  return scope.backupType === 'CLUSTER' ? 'CLUSTER' : `${scope.database}: ${[...new Set(scope.collections)].sort().join(', ')}`;
}
