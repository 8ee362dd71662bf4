import { InputError } from '../errors.ts';
import { PLAIN_ID_RULE, isPlainId } from '../ids.ts';
import { forLog } from '../text.ts';
import { readApiKey, readConnection, type ConnectionInputs, type InputReader } from './common.ts';
import { parseBoolean, parseClusterId, parseDuration } from './parse.ts';
import { parseCount } from './prune.ts';

/** Every clone's name starts with this: the mark by which leftovers are found (and only they dropped). */
export const CLONE_PREFIX = 'ci-clone-';
/** The longest cluster name accepted, prefix included. */
export const MAX_CLUSTER_NAME = 64;
export const MAX_CU_SIZE = 1024;
export const DEFAULT_STALE_AFTER = '24h';
export const DEFAULT_MAX_DROPS = 3;
/** Restoring a whole cluster takes longer than a backup: the default leaves room for it. */
export const DEFAULT_CLONE_TIMEOUT = '1h';
/** `backup-id: latest`: the newest AVAILABLE CLUSTER backup of the source. */
export const LATEST = 'latest';

/** A stale clone is one left behind for days, not minutes: far longer than a job may run. */
const MAX_STALE_AFTER_MS = 3650 * 86_400_000;
const NAME_CHARS = /^[A-Za-z0-9_-]+$/;

export interface CloneRequest extends ConnectionInputs {
  /** The source cluster: read (described, its backups listed), never touched otherwise. */
  clusterId: string;
  /** A backup id, or LATEST. */
  backupId: string;
  /** The name after CLONE_PREFIX; undefined: made from the source's name and the run (cloneName). */
  cloneName: string | undefined;
  /** undefined: the source's CU size. */
  cuSize: number | undefined;
  /** true: collectionStatus KEEP (each keeps its load state); false: RELEASE. */
  load: boolean;
  /** true: the post step leaves the clone running. */
  keep: boolean;
  staleAfterMs: number;
  dropStale: boolean;
  maxDrops: number;
}

function parseCuSize(raw: string): number | undefined {
  const fix = `use a whole number of CUs from 1 to ${MAX_CU_SIZE}, or leave it empty for the source cluster's size`;
  const cuSize = parseCount('cu-size', raw, 1, fix);
  if (cuSize !== undefined && cuSize > MAX_CU_SIZE) throw new InputError('cu-size', `"${raw.trim()}" is more than ${MAX_CU_SIZE}; ${fix}.`);
  return cuSize;
}

function parseCloneName(raw: string): string | undefined {
  const name = raw.trim();
  if (name === '') return undefined;
  if (!NAME_CHARS.test(name)) {
    throw new InputError('cluster-name', `"${forLog(name, 80)}" may hold only letters, digits, - and _ (the clone is named ${CLONE_PREFIX}<cluster-name>).`);
  }
  if (CLONE_PREFIX.length + name.length > MAX_CLUSTER_NAME) {
    throw new InputError(
      'cluster-name',
      `"${forLog(name, 80)}" is ${name.length} characters; with the prefix ${CLONE_PREFIX} the name may have at most ${MAX_CLUSTER_NAME}, so use at most ${MAX_CLUSTER_NAME - CLONE_PREFIX.length}.`,
    );
  }
  return name;
}

function parseBackupChoice(raw: string): string {
  const value = raw.trim() || LATEST;
  if (value.toLowerCase() === LATEST) return LATEST;
  if (!isPlainId(value)) {
    throw new InputError('backup-id', `"${forLog(value, 80)}" is not one backup ID (${PLAIN_ID_RULE}); use an ID such as backup3_0123abcd, or latest.`);
  }
  return value;
}

/** Turns the clone sub-action's raw inputs into a typed request, or throws an InputError naming the input. */
export function readCloneRequest(read: InputReader, apiKey = readApiKey(read)): CloneRequest {
  const clusterId = parseClusterId('cluster-id', read('cluster-id'));
  const staleAfterMs = parseDuration('stale-after', read('stale-after').trim() || DEFAULT_STALE_AFTER) ?? 0;
  if (staleAfterMs > MAX_STALE_AFTER_MS)
    throw new InputError('stale-after', `"${read('stale-after').trim()}" is longer than 3650 days; use an age such as 24h or 7d.`);
  const connection = readConnection((name) => (name === 'timeout' ? read(name).trim() || DEFAULT_CLONE_TIMEOUT : read(name)), apiKey);
  return {
    ...connection,
    clusterId,
    backupId: parseBackupChoice(read('backup-id')),
    cloneName: parseCloneName(read('cluster-name')),
    cuSize: parseCuSize(read('cu-size')),
    load: parseBoolean('load', read('load'), true),
    keep: parseBoolean('keep', read('keep'), false),
    staleAfterMs,
    dropStale: parseBoolean('drop-stale', read('drop-stale'), false),
    maxDrops:
      parseCount('max-drops', read('max-drops'), 1, `use 1 or more (default ${DEFAULT_MAX_DROPS}): the most leftover clones one run may drop`) ??
      DEFAULT_MAX_DROPS,
  };
}

/**
 * The default name after the prefix: the source cluster's name (its letters, digits, - and _)
 * and the workflow run, cut so the whole name fits; the run part is never cut.
 */
export function defaultCloneName(sourceName: string, run: string): string {
  const runPart = run.replace(/[^A-Za-z0-9_-]/g, '') || 'local';
  const room = MAX_CLUSTER_NAME - CLONE_PREFIX.length - runPart.length - 1;
  const source = sourceName
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, Math.max(0, room))
    .replace(/-+$/, '');
  return source ? `${source}-${runPart}` : runPart;
}
