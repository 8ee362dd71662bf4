import { ActionError, RefusedError } from '../errors.ts';
import { countOf } from '../format.ts';
import type { RestoreRequest } from '../inputs/restore.ts';
import type { Runtime } from '../runtime.ts';
import type { CollectionRef, Outcome, Progress, RestoreRecord } from '../types.ts';
import type { BackupInfo, RestoreCollectionBody, ZillizApi } from '../zilliz/api.ts';
import { recordOutcome, type RecordList } from './records.ts';
import { backupPhase, normalizeStatus } from './status.ts';
import { forLog } from '../text.ts';
import type { DataPlaneApi } from '../zilliz/dataplane.ts';
import { findLatestBackup, type NoLatestBackup } from './latest.ts';
import {
  checkSwitches,
  loadCopy,
  planSwitches,
  switchAliases,
  type AliasSwitch,
  type RestoredCopy,
  type SwitchContext,
  type SwitchedAlias,
  type SwitchRefusal,
} from './rollback.ts';
import { jobStatusChanges } from './waiting.ts';

export interface RestoreDeps {
  api: ZillizApi;
  runtime: Runtime;
  /** Told as each restore job starts and moves on, so outputs are written at once. */
  progress: Progress<RestoreRecord>;
  /** A client for a cluster's data plane (switch-alias only). */
  dataPlane?: (url: URL) => DataPlaneApi;
}

/** What a restore run tells besides its records. */
export interface RestoreMore {
  /** The backup restored from (with backup-id latest, the one chosen). */
  backupId: string;
  /** Every alias moved so far. */
  switched: SwitchedAlias[];
  /** The target cluster's data plane (origin), once checked. */
  dataPlaneEndpoint: string;
  /** Each alias named, with the collection it pointed at when checked (before any restore). */
  aliasesBefore: { alias: string; database: string; collection: string }[];
}

/** Why the inputs cannot be restored from the described backup; report/restore.ts words it. */
export type RestoreRefusal =
  | { input: 'backup-id'; kind: 'not available'; backupId: string; status: string }
  | { input: 'collections'; kind: 'not held'; backupId: string; missing: CollectionRef[]; held: CollectionRef[] }
  | { input: 'target-database'; kind: 'same destination'; first: CollectionRef; second: CollectionRef; destination: CollectionRef }
  | { input: 'target-cluster-id'; kind: 'nothing to rename'; backupId: string }
  | SwitchRefusal
  | NoLatestBackup;

/** The restore's refusal, typed, so its report can word it. */
export class RestoreRefusedError extends RefusedError<RestoreRefusal> {}

/** One restore request to send, and whether to wait for its job. */
export interface RestoreStep {
  record: Omit<RestoreRecord, 'jobId' | 'status'>;
  body: RestoreCollectionBody;
  wait: boolean;
}

export interface RestorePlan {
  steps: RestoreStep[];
  /** A backup that lists no collections: one request restores all it holds, under its own names. */
  everything: boolean;
  /** Inputs that cannot apply to the restore-everything request (for a warning). */
  ignored: string[];
}

/** Stands for "every collection in the backup" in a record of the restore-everything request. */
const EVERYTHING: CollectionRef = { database: '*', collection: '*' };

const refName = (ref: CollectionRef): string => `${ref.database}.${ref.collection}`;

/**
 * What to send, decided from the inputs and the described backup alone: a request per collection
 * (the API restores one per request), each waited for before the next (with wait: false, all but
 * the last); or a refusal, before any restore request.
 */
export function planRestore(request: RestoreRequest, backup: BackupInfo): RestorePlan | RestoreRefusal {
  if (backupPhase(backup.status) !== 'succeeded') {
    return { input: 'backup-id', kind: 'not available', backupId: request.backupId, status: normalizeStatus(backup.status) };
  }
  const held = backup.collections.map((c) => ({ database: c.database, collection: c.collection }));
  const heldNames = new Set(held.map(refName));
  const sources = request.collections.length ? request.collections : held;
  const missing = sources.filter((c) => !heldNames.has(refName(c)));
  if (missing.length) return { input: 'collections', kind: 'not held', backupId: request.backupId, missing, held };
  if (!sources.length) return planEverything(request);
  const destinationOf = (source: CollectionRef): CollectionRef => ({
    database: request.targetDatabase ?? source.database,
    collection: `${source.collection}${request.nameSuffix}`,
  });
  const seen = new Map<string, CollectionRef>();
  for (const source of sources) {
    const destination = destinationOf(source);
    const earlier = seen.get(refName(destination));
    if (earlier) return { input: 'target-database', kind: 'same destination', first: earlier, second: source, destination };
    seen.set(refName(destination), source);
  }
  const steps = sources.map((source, index): RestoreStep => {
    const destination = destinationOf(source);
    const collection = { collectionName: source.collection, destCollectionName: destination.collection };
    return {
      record: { source, destination: { clusterId: request.targetClusterId, ...destination } },
      body: {
        destClusterId: request.targetClusterId,
        dbCollections: [
          {
            dbName: source.database,
            destDbName: destination.database,
            collections: [{ ...collection, destCollectionStatus: request.load ? 'LOADED' : 'UNLOADED' }],
          },
        ],
      },
      wait: request.wait || index < sources.length - 1,
    };
  });
  return { steps, everything: false, ignored: [] };
}

/**
 * A backup whose description lists no collections (an automatic backup may show none): nothing
 * can be renamed, so it goes only into another cluster, with the documented body that restores
 * every collection in the backup under its own name, unloaded.
 */
function planEverything(request: RestoreRequest): RestorePlan | RestoreRefusal {
  if (request.targetClusterId === request.clusterId) return { input: 'target-cluster-id', kind: 'nothing to rename', backupId: request.backupId };
  const ignored = [
    request.nameSuffix ? `name-suffix (${request.nameSuffix})` : '',
    request.targetDatabase ? `target-database (${request.targetDatabase})` : '',
    request.load ? 'load (true)' : '',
  ].filter(Boolean);
  const step: RestoreStep = {
    record: { source: EVERYTHING, destination: { clusterId: request.targetClusterId, ...EVERYTHING } },
    body: { destClusterId: request.targetClusterId },
    wait: request.wait,
  };
  return { steps: [step], everything: true, ignored };
}

/**
 * Describes the backup (or picks the latest), plans, checks the rollback's aliases when asked,
 * then sends the plan's requests one after another; with switch-alias, loads every copy and
 * only then moves the aliases.
 */
export async function runRestores(request: RestoreRequest, deps: RestoreDeps): Promise<Outcome<RestoreRecord, RestoreMore>> {
  const more: Partial<RestoreMore> = {};
  const outcome = await recordOutcome(deps.progress, async (records) => {
    const backup = await backupToRestore(request, deps);
    more.backupId = backup.backupId;
    const chosen = { ...request, backupId: backup.backupId };
    const plan = planRestore(chosen, backup);
    if (!('steps' in plan)) throw new RestoreRefusedError(plan);
    const rollback = request.switchAliases.length ? await prepareRollback(chosen, plan, deps) : undefined;
    if (rollback) {
      more.dataPlaneEndpoint = rollback.context.endpoint;
      more.aliasesBefore = rollback.switches.map((s) => ({ alias: s.alias, database: s.database, collection: rollback.context.before.get(s.alias) ?? '' }));
    }
    announce(chosen, plan, deps.runtime);
    for (const [index, step] of plan.steps.entries()) await restoreOne(chosen, step, `${index + 1} of ${plan.steps.length}`, deps, records);
    if (rollback) {
      more.switched = [];
      await finishRollback(chosen, rollback, deps, (moved) => (more.switched = [...moved]));
    }
  });
  return { ...outcome, ...more };
}

async function backupToRestore(request: RestoreRequest, deps: RestoreDeps): Promise<BackupInfo> {
  if (!request.latest) return deps.api.describeBackup(request.clusterId, request.backupId);
  const found = await findLatestBackup(request, deps.api, deps.runtime);
  if ('kind' in found) throw new RestoreRefusedError(found);
  return found;
}

interface Rollback {
  switches: AliasSwitch[];
  copies: RestoredCopy[];
  context: SwitchContext;
}

/** Before any restore request: which alias goes where, and everything the cluster can tell. */
async function prepareRollback(request: RestoreRequest, plan: RestorePlan, deps: RestoreDeps): Promise<Rollback> {
  const copies: RestoredCopy[] = plan.everything
    ? []
    : plan.steps.map(({ record }) => ({
        source: record.source,
        destination: { database: record.destination.database, collection: record.destination.collection },
      }));
  const switches = planSwitches(request.switchAliases, copies);
  if (!Array.isArray(switches)) throw new RestoreRefusedError(switches);
  if (!deps.dataPlane) throw new ActionError('switch-alias needs a data-plane client (a bug in this action; please report it).');
  const cluster = await deps.api.describeCluster(request.targetClusterId);
  const context = await checkSwitches(request, switches, copies, cluster, deps.dataPlane);
  if (!('dataPlane' in context)) throw new RestoreRefusedError(context);
  for (const s of switches) {
    deps.runtime.logger.info(
      `Alias ${s.database}.${s.alias} points at ${forLog(context.before.get(s.alias) ?? '')}; it will point at ${s.to} once every restored copy is loaded.`,
    );
  }
  return { switches, copies, context };
}

/** After every restore job succeeded: each copy loaded (its rows counted), then the aliases moved in turn. */
async function finishRollback(
  request: RestoreRequest,
  rollback: Rollback,
  deps: RestoreDeps,
  onMoved: (moved: readonly SwitchedAlias[]) => void,
): Promise<void> {
  const waitDeps = { api: deps.api, runtime: deps.runtime, pollIntervalMs: request.pollIntervalMs };
  const rowCounts = new Map<string, number>();
  for (const { destination } of rollback.copies) rowCounts.set(refName(destination), await loadCopy(rollback.context.dataPlane, destination, waitDeps));
  await switchAliases(rollback.switches, rollback.context, rowCounts, waitDeps, onMoved);
}

function announce(request: RestoreRequest, plan: RestorePlan, runtime: Runtime): void {
  if (!plan.everything) {
    runtime.logger.info(
      `Restoring ${countOf(plan.steps.length, 'collection')} from ${request.backupId} into cluster ${request.targetClusterId}, one at a time (the API restores one collection per request).`,
    );
    return;
  }
  runtime.logger.info(
    `Backup ${request.backupId} lists no collections: sending the documented request that restores every collection it holds into ${request.targetClusterId}.`,
  );
  // That request takes no names and no load state: say so as a warning, since the inputs asked otherwise.
  if (plan.ignored.length) {
    runtime.logger.warning(
      `The collections are restored under their own names and databases, unloaded: ${plan.ignored.join(', ')} cannot apply to a backup that lists no collections.`,
    );
  }
}

async function restoreOne(request: RestoreRequest, step: RestoreStep, counter: string, deps: RestoreDeps, records: RecordList<RestoreRecord>): Promise<void> {
  const { api, runtime } = deps;
  const { source, destination } = step.record;
  const grouped = source !== EVERYTHING;
  if (grouped) runtime.logger.startGroup(`Restore ${counter}: ${refName(source)} → ${destination.clusterId} ${refName(destination)}`);
  try {
    const { jobId } = await api.restoreCollection(request.clusterId, request.backupId, step.body);
    const at = records.add({ ...step.record, jobId, status: 'SUBMITTED' });
    runtime.logger.info(`Restore job ${jobId} started.`);
    if (!step.wait) {
      runtime.logger.info(`wait is false: not waiting for restore job ${jobId}.`);
      return;
    }
    const waitDeps = { api, runtime, pollIntervalMs: request.pollIntervalMs };
    await records.follow(at, jobStatusChanges(jobId, waitDeps, true));
  } finally {
    if (grouped) runtime.logger.endGroup();
  }
}
