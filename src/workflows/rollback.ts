// The rollback's second half: with switch-alias, check everything the data plane can tell before
// any restore, then, once every restored copy is loaded, move each alias in one atomic alter.
import { countOf } from '../format.ts';
import { ActionError, ApiError, UnexpectedResponseError } from '../errors.ts';
import type { AliasSwitchSpec, RestoreRequest } from '../inputs/restore.ts';
import { forLog } from '../text.ts';
import type { CollectionRef } from '../types.ts';
import type { ClusterInfo } from '../zilliz/api.ts';
import { DATA_PLANE_CODES, LOADED, dataPlaneUrl, type DataPlaneApi } from '../zilliz/dataplane.ts';
import { normalizeStatus } from './status.ts';
import { waitForLoad, type WaitDeps } from './waiting.ts';

/** One alias to move: in the restored copy's database, to that copy. */
export interface AliasSwitch {
  alias: string;
  database: string;
  /** The restored copy (its name in `database`). */
  to: string;
  /** The source collection it is a copy of. */
  source: CollectionRef;
}

/** An alias that moved: what it pointed at before and after, and the rows of the new target. */
export interface SwitchedAlias {
  alias: string;
  database: string;
  from: string;
  to: string;
  rowCount: number;
}

/** Why a rollback cannot start (no restore request is sent); report/restore.ts words it. */
export type SwitchRefusal =
  | { input: 'switch-alias'; kind: 'which collection'; alias: string; restoring: number }
  | { input: 'switch-alias'; kind: 'not restored'; alias: string; collection: CollectionRef }
  | { input: 'switch-alias'; kind: 'cluster not serving'; clusterId: string; status: string; problem: string }
  | { input: 'switch-alias'; kind: 'no alias'; alias: string; database: string; isCollection: boolean }
  | { input: 'name-suffix'; kind: 'name taken'; destination: CollectionRef };

/** A restored copy, as the plan names it. */
export interface RestoredCopy {
  source: CollectionRef;
  destination: CollectionRef;
}

const refName = (ref: CollectionRef): string => `${ref.database}.${ref.collection}`;
const sameRef = (a: CollectionRef, b: CollectionRef): boolean => a.database === b.database && a.collection === b.collection;

/** Which copy each alias moves to, from the plan's copies alone (pure). */
export function planSwitches(specs: readonly AliasSwitchSpec[], copies: readonly RestoredCopy[]): AliasSwitch[] | SwitchRefusal {
  const switches: AliasSwitch[] = [];
  for (const { alias, collection } of specs) {
    let copy: RestoredCopy | undefined;
    if (collection) {
      copy = copies.find((c) => sameRef(c.source, collection));
      if (!copy) return { input: 'switch-alias', kind: 'not restored', alias, collection };
    } else {
      copy = copies.length === 1 ? copies[0] : undefined;
      if (!copy) return { input: 'switch-alias', kind: 'which collection', alias, restoring: copies.length };
    }
    switches.push({ alias, database: copy.destination.database, to: copy.destination.collection, source: copy.source });
  }
  return switches;
}

/** A Milvus name from an answer is checked before it is used or written anywhere. */
const MILVUS_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** What the checks learnt: the data plane to use, and where each alias points now. */
export interface SwitchContext {
  dataPlane: DataPlaneApi;
  /** The data plane's origin, for the step that points an alias back. */
  endpoint: string;
  /** alias → the collection it points at now (in its database). */
  before: Map<string, string>;
}

/**
 * Everything that can be checked before the first restore request: the cluster serves and has a
 * data-plane endpoint the key may go to; each alias exists as an alias; each restored name is free.
 */
export async function checkSwitches(
  request: RestoreRequest,
  switches: readonly AliasSwitch[],
  copies: readonly RestoredCopy[],
  cluster: ClusterInfo,
  open: (url: URL) => DataPlaneApi,
): Promise<SwitchContext | SwitchRefusal> {
  const status = normalizeStatus(cluster.status);
  const where = dataPlaneUrl(cluster.connectAddress);
  if (status !== 'RUNNING' || 'problem' in where) {
    const problem = 'problem' in where ? where.problem : '';
    return { input: 'switch-alias', kind: 'cluster not serving', clusterId: request.targetClusterId, status, problem };
  }
  const dataPlane = open(where.url);
  const before = new Map<string, string>();
  for (const s of switches) {
    const target = await aliasTarget(dataPlane, s.database, s.alias);
    if (target === undefined) {
      const isCollection = (await dataPlane.listCollections(s.database)).includes(s.alias);
      return { input: 'switch-alias', kind: 'no alias', alias: s.alias, database: s.database, isCollection };
    }
    before.set(s.alias, target);
  }
  for (const { destination } of copies) {
    // Alias-first resolution: true for an alias of that name too, which a restore would collide with as well.
    if (await dataPlane.hasCollection(destination.database, destination.collection)) return { input: 'name-suffix', kind: 'name taken', destination };
  }
  return { dataPlane, endpoint: where.url.origin, before };
}

/** Where an alias points, or undefined when there is no such alias (1600). */
async function aliasTarget(dataPlane: DataPlaneApi, database: string, alias: string): Promise<string | undefined> {
  try {
    const info = await dataPlane.describeAlias(database, alias);
    if (!MILVUS_NAME.test(info.collectionName))
      throw new UnexpectedResponseError('POST /v2/vectordb/aliases/describe', 'the collection name is not a Milvus name');
    return info.collectionName;
  } catch (error) {
    if (error instanceof ApiError && error.code === DATA_PLANE_CODES.aliasNotFound) return undefined;
    throw error;
  }
}

/** Loads a restored copy (when the restore left it unloaded) and waits until it serves; returns its row count. */
export async function loadCopy(dataPlane: DataPlaneApi, copy: CollectionRef, deps: WaitDeps): Promise<number> {
  const { loadState } = await dataPlane.getLoadState(copy.database, copy.collection);
  if (loadState !== LOADED) {
    if (loadState === 'LoadStateNotLoad') await dataPlane.loadCollection(copy.database, copy.collection);
    await waitForLoad(dataPlane, copy.database, copy.collection, deps);
  }
  const rows = await dataPlane.getRowCount(copy.database, copy.collection);
  deps.runtime.logger.info(`${refName(copy)} is loaded: ${countOf(rows, 'row')}.`);
  return rows;
}

/** How an alter that did not clearly succeed ended, as describing the alias settled it. */
export type AlterFailure =
  | { kind: 'refused'; cause: ApiError }
  /** The answer was lost or unclear, and the alias still points where it did. */
  | { kind: 'not applied'; cause: unknown }
  /** Lost or unclear, and the alias now points at something else altogether. */
  | { kind: 'elsewhere'; cause: unknown; now: string }
  /** Lost or unclear, and describing it failed too: nobody knows. */
  | { kind: 'unknown'; cause: unknown; describeError: unknown };

/** A switch stopped: the aliases before `failed` moved, `failed` and the ones after did not (or unknown for `failed`). */
export class SwitchFailedError extends ActionError {
  override name = 'SwitchFailedError';
  readonly moved: SwitchedAlias[];
  readonly failed: AliasSwitch;
  readonly untouched: AliasSwitch[];
  readonly failure: AlterFailure;
  constructor(moved: SwitchedAlias[], failed: AliasSwitch, untouched: AliasSwitch[], failure: AlterFailure) {
    super(`Alias ${failed.alias} was not switched.`);
    this.moved = moved;
    this.failed = failed;
    this.untouched = untouched;
    this.failure = failure;
  }
}

/** An unclear answer: anything but an error envelope on a 2xx-or-4xx answer (the server said no). */
const isClearNo = (error: unknown): error is ApiError => error instanceof ApiError && error.httpStatus < 500;

/**
 * Moves each alias in turn to its loaded copy. A lost or unclear answer is settled by describing
 * the alias, never guessed. Returns every alias moved; throws SwitchFailedError with the ones that did.
 */
export async function switchAliases(
  switches: readonly AliasSwitch[],
  context: SwitchContext,
  rowCounts: ReadonlyMap<string, number>,
  deps: WaitDeps,
  onMoved: (moved: readonly SwitchedAlias[]) => void,
): Promise<SwitchedAlias[]> {
  const moved: SwitchedAlias[] = [];
  const { dataPlane } = context;
  for (const [index, s] of switches.entries()) {
    const from = context.before.get(s.alias) ?? '';
    const done = (): void => {
      moved.push({ alias: s.alias, database: s.database, from, to: s.to, rowCount: rowCounts.get(refName({ database: s.database, collection: s.to })) ?? 0 });
      onMoved(moved);
      deps.runtime.logger.info(`Alias ${s.database}.${s.alias} now points at ${s.to} (it pointed at ${forLog(from)}, which is kept as it was).`);
    };
    try {
      await dataPlane.alterAlias(s.database, s.alias, s.to);
      done();
      continue;
    } catch (error) {
      const untouched = switches.slice(index + 1);
      if (isClearNo(error)) throw new SwitchFailedError(moved, s, untouched, { kind: 'refused', cause: error });
      deps.runtime.logger.warning(`The answer to moving alias ${s.database}.${s.alias} was lost or unclear; describing the alias to see where it points.`);
      let now: string | undefined;
      try {
        now = await aliasTarget(dataPlane, s.database, s.alias);
      } catch (describeError) {
        throw new SwitchFailedError(moved, s, untouched, { kind: 'unknown', cause: error, describeError });
      }
      if (now === s.to) {
        done();
        continue;
      }
      const failure: AlterFailure = now === from ? { kind: 'not applied', cause: error } : { kind: 'elsewhere', cause: error, now: now ?? '(no such alias)' };
      throw new SwitchFailedError(moved, s, untouched, failure);
    }
  }
  return moved;
}
