import { RefusedError } from '../errors.ts';
import type { RestoreRequest } from '../inputs/restore.ts';
import type { Runtime } from '../runtime.ts';
import type { CollectionRef, Outcome, Progress, RestoreRecord } from '../types.ts';
import type { BackupInfo, RestoreCollectionBody, ZillizApi } from '../zilliz/api.ts';
import { recordOutcome, type RecordList } from './records.ts';
import { backupPhase, normalizeStatus } from './status.ts';
import { jobStatusChanges } from './waiting.ts';

export interface RestoreDeps {
  api: ZillizApi;
  runtime: Runtime;
  /** Told as each restore job starts and moves on, so outputs are written at once. */
  progress: Progress<RestoreRecord>;
}

/** Why the inputs cannot be restored from the described backup; report/restore.ts words it. */
export type RestoreRefusal =
  | { input: 'backup-id'; kind: 'not available'; backupId: string; status: string }
  | { input: 'collections'; kind: 'not held'; backupId: string; missing: CollectionRef[]; held: CollectionRef[] }
  | { input: 'target-database'; kind: 'same destination'; first: CollectionRef; second: CollectionRef; destination: CollectionRef }
  | { input: 'target-cluster-id'; kind: 'nothing to rename'; backupId: string };

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

/** Describes the backup, plans, then sends the plan's requests one after another. */
export async function runRestores(request: RestoreRequest, deps: RestoreDeps): Promise<Outcome<RestoreRecord>> {
  return recordOutcome(deps.progress, async (records) => {
    const backup = await deps.api.describeBackup(request.clusterId, request.backupId);
    const plan = planRestore(request, backup);
    if (!('steps' in plan)) throw new RestoreRefusedError(plan);
    announce(request, plan, deps.runtime);
    for (const [index, step] of plan.steps.entries()) await restoreOne(request, step, `${index + 1} of ${plan.steps.length}`, deps, records);
  });
}

function announce(request: RestoreRequest, plan: RestorePlan, runtime: Runtime): void {
  if (!plan.everything) {
    runtime.logger.info(
      `Restoring ${plan.steps.length} collection(s) from ${request.backupId} into cluster ${request.targetClusterId}, one at a time (the API restores one collection per request).`,
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
