import { InputError } from '../errors.ts';
import { readApiKey, readConnection, type ConnectionInputs, type InputReader } from './common.ts';
import { checkId, checkMilvusName, parseBoolean, parseClusterId, parseCollections, parseDuration, parseList, requireValue, shown } from './parse.ts';
import type { CollectionRef } from '../types.ts';

/** One alias to move to a restored copy: `ALIAS=COLLECTION`, or `ALIAS` alone (the one collection restored). */
export interface AliasSwitchSpec {
  alias: string;
  /** A source collection this run restores; undefined: the only one it restores. */
  collection: CollectionRef | undefined;
}

/** `backup-id: latest`: the newest AVAILABLE backup of cluster-id that holds what is restored. */
export interface LatestBackup {
  /** Only backups created before this time (epoch ms); undefined: any. */
  createdBefore: number | undefined;
}

export interface RestoreRequest extends ConnectionInputs {
  /** The cluster the backup belongs to. */
  clusterId: string;
  /** The backup to restore from; with `latest` set, 'latest' until one is chosen. */
  backupId: string;
  latest: LatestBackup | undefined;
  /** Aliases moved to the restored copies once every copy is loaded; empty: none. */
  switchAliases: AliasSwitchSpec[];
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

/** The suffix when switch-alias is set and name-suffix is not given: the time to the second, so a repeated rollback never collides. */
export function timestampedSuffix(now: number): string {
  const iso = new Date(now).toISOString(); // 2026-12-02T18:41:00.000Z
  return `${DEFAULT_NAME_SUFFIX}_${iso.slice(0, 19).replace(/[-:]/g, '')}`;
}

const LATEST = 'latest';
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** created-before: an ISO-8601 time, or a duration meaning that long before now. */
export function parseCreatedBefore(input: string, raw: string, now: number): number | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  if (ISO_TIME.test(value)) {
    const at = Date.parse(value);
    if (Number.isNaN(at))
      throw new InputError(input, `"${value}" is not a valid time; use ISO-8601 such as 2026-12-02T18:00:00Z, or a duration such as 2h (that long ago).`);
    return at;
  }
  const ago = parseDuration(input, value);
  return ago === undefined ? undefined : now - ago;
}

function parseSwitchAliases(raw: string, collections: readonly CollectionRef[]): AliasSwitchSpec[] {
  const specs = parseList(raw).map((item): AliasSwitchSpec => {
    const [aliasText = '', collectionText, ...rest] = item.split('=').map((part) => part.trim());
    if (rest.length || collectionText === '') {
      throw new InputError('switch-alias', `"${item}" is not ALIAS=COLLECTION (e.g. orders=orders or orders=shop.orders), nor an ALIAS alone.`);
    }
    const alias = checkMilvusName('switch-alias', 'alias name', aliasText);
    if (collectionText === undefined) {
      if (collections.length > 1) {
        throw new InputError('switch-alias', `"${alias}" names no collection, but this run restores ${collections.length}; write ${alias}=COLLECTION.`);
      }
      return { alias, collection: collections[0] };
    }
    const [collection] = parseCollections('switch-alias', collectionText);
    if (!collection) throw new InputError('switch-alias', `"${item}" names no collection.`);
    if (collections.length && !collections.some((c) => c.database === collection.database && c.collection === collection.collection)) {
      throw new InputError(
        'switch-alias',
        `${collection.database}.${collection.collection} is not one of the collections this run restores (${collections.map((c) => `${c.database}.${c.collection}`).join(', ')}).`,
      );
    }
    return { alias, collection };
  });
  const seen = new Set<string>();
  for (const { alias } of specs) {
    if (seen.has(alias)) throw new InputError('switch-alias', `names the alias "${alias}" twice; an alias can point at one collection only.`);
    seen.add(alias);
  }
  return specs;
}

/** The inputs that only make sense with a rollback: load and wait must be on, so readers move to a collection that can serve. */
function checkSwitchInputs(read: InputReader): void {
  for (const input of ['load', 'wait'] as const) {
    if (!parseBoolean(input, read(input), true)) {
      throw new InputError(
        input,
        `is false while switch-alias is set: the alias would move readers to a collection that ${input === 'load' ? 'is not loaded and cannot serve' : 'may not exist yet'}; leave ${input} true, or leave switch-alias empty.`,
      );
    }
  }
}

/**
 * `isSet(name)` tells an input that is present but empty from one absent (as outside a runner:
 * tests, local-action): an empty name-suffix is meaningful (restore under the original names),
 * an absent one is the default. On a runner every declared input is present.
 */
export function readRestoreRequest(read: InputReader, isSet: (name: string) => boolean, apiKey = readApiKey(read), now = Date.now()): RestoreRequest {
  const clusterId = parseClusterId('cluster-id', read('cluster-id'));
  const backupId = requireValue(
    'backup-id',
    read('backup-id'),
    'pass the backup to restore from, e.g. backup-id: ${{ steps.backup.outputs.backup-id }}, or backup-id: latest for the newest one.',
  );
  const latest = backupId.toLowerCase() === LATEST ? { createdBefore: parseCreatedBefore('created-before', read('created-before'), now) } : undefined;
  if (!latest && read('created-before').trim()) {
    throw new InputError(
      'created-before',
      'applies only with backup-id: latest (it picks the newest backup created before that time); leave it empty or set backup-id: latest.',
    );
  }
  if (/[\s,]/.test(backupId))
    throw new InputError(
      'backup-id',
      `"${shown(backupId)}" is not one backup ID; the restore sub-action takes a single backup (pick one from a space-separated list).`,
    );
  checkId('backup-id', backupId, 'a backup ID');
  const targetClusterId = read('target-cluster-id').trim() ? parseClusterId('target-cluster-id', read('target-cluster-id')) : clusterId;
  const targetDatabaseRaw = read('target-database').trim();
  const targetDatabase = targetDatabaseRaw ? checkMilvusName('target-database', 'database name', targetDatabaseRaw) : undefined;
  const collections = parseCollections('collections', read('collections'));
  const switchAliases = parseSwitchAliases(read('switch-alias'), collections);
  if (switchAliases.length) checkSwitchInputs(read);
  // The runner passes every declared input, '' when not given and without a default, so only
  // action.yml's default (_restored) can say "not given": with switch-alias it carries the time.
  const givenSuffix = isSet('name-suffix') ? read('name-suffix').trim() : DEFAULT_NAME_SUFFIX;
  const nameSuffix = switchAliases.length && givenSuffix === DEFAULT_NAME_SUFFIX ? timestampedSuffix(now) : givenSuffix;
  if (nameSuffix && !/^[A-Za-z0-9_]+$/.test(nameSuffix)) {
    throw new InputError('name-suffix', `"${shown(nameSuffix)}" may hold only letters, digits and underscores (it is appended to Milvus collection names).`);
  }
  if (!nameSuffix && targetClusterId === clusterId) {
    throw new InputError(
      'name-suffix',
      "is empty while restoring into the backup's own cluster, which would collide with the original collections; keep a suffix (default _restored) or set target-cluster-id to another cluster.",
    );
  }
  for (const ref of collections) checkMilvusName('name-suffix', 'restored collection name', `${ref.collection}${nameSuffix}`);
  return {
    ...readConnection(read, apiKey),
    clusterId,
    backupId: latest ? LATEST : backupId,
    latest,
    switchAliases,
    targetClusterId,
    collections,
    targetDatabase,
    nameSuffix,
    load: parseBoolean('load', read('load'), true),
    wait: parseBoolean('wait', read('wait'), true),
  };
}
