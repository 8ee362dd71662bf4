import { ApiError, ClusterBusyError, HttpStatusError, InterruptedError, TransportError, UnexpectedResponseError, detailOf } from '../errors.ts';
import type { BackupRequest, BackupTarget } from '../inputs/backup.ts';
import { apiUrl, countOf, formatDuration } from '../format.ts';
import type { Runtime } from '../runtime.ts';
import type { BackupRecord, Outcome, Progress } from '../types.ts';
import type { BackupInfo, CreateBackupBody, ZillizApi } from '../zilliz/api.ts';
import { listUsableBackups } from './listing.ts';
import { recordOutcome, type RecordList } from './records.ts';
import { backupPhase, normalizeStatus } from './status.ts';
import { creatingBackups, describeRunning, waitUntilIdle, watchUsable, type WaitDeps } from './waiting.ts';

export interface BackupWorkflowDeps {
  api: ZillizApi;
  runtime: Runtime;
  /** Told whenever a backup starts to exist or its status moves on, so outputs are written at once. */
  progress: Progress<BackupRecord>;
}

/** One backup to make (or reuse), decided from the inputs alone before anything is sent. */
export interface BackupStep {
  target: BackupTarget;
  body: CreateBackupBody;
  /** Waited for until usable: with wait, or when another backup follows (a cluster runs one backup job at a time). */
  wait: boolean;
}

/** One create per target (the API takes one database per request), in order. */
export function planBackups(request: BackupRequest): BackupStep[] {
  return request.targets.map((target, index) => ({
    target,
    body: createBody(request, target),
    wait: request.wait || index < request.targets.length - 1,
  }));
}

/**
 * Backs up each target in turn (one database per create request; a cluster runs one manual
 * backup job at a time, so each is waited for before the next, and the last only with `wait`).
 */
export async function runBackups(request: BackupRequest, deps: BackupWorkflowDeps): Promise<Outcome<BackupRecord, { strays: BackupRecord[] }>> {
  const { logger } = deps.runtime;
  const steps = planBackups(request);
  if (steps.length > 1) {
    logger.info(
      `The collections span ${steps.length} databases (${request.targets.map((t) => t.database).join(', ')}). ` +
        'The API takes one database per backup and a cluster runs one backup job at a time, so this makes one backup per database, one after another.',
    );
  }
  // Other backups of a scope found after a create was sent twice: named, never this run's gate.
  const strays: BackupRecord[] = [];
  const outcome = await recordOutcome(deps.progress, async (records) => {
    for (const [index, step] of steps.entries()) {
      logger.startGroup(`Backup ${index + 1} of ${steps.length}: ${targetLabel(step.target)} of cluster ${request.clusterId}`);
      try {
        await backupTarget(request, step, deps, records, strays);
      } finally {
        logger.endGroup();
      }
    }
  });
  return { ...outcome, strays };
}

async function backupTarget(
  request: BackupRequest,
  step: BackupStep,
  deps: BackupWorkflowDeps,
  records: RecordList<BackupRecord>,
  strays: BackupRecord[],
): Promise<void> {
  const { logger } = deps.runtime;
  const reused = request.reuseIfNewerThanMs === undefined ? undefined : await findReusable(request, step.target, request.reuseIfNewerThanMs, deps);
  if (reused) {
    records.add(reused);
    return;
  }
  const waitDeps: WaitDeps = { api: deps.api, runtime: deps.runtime, pollIntervalMs: request.pollIntervalMs };
  const { record, resentSince } = await createBackup(request, step, deps, waitDeps);
  const at = records.add(record);
  try {
    if (!step.wait) {
      logger.info(`wait is false: not waiting for job ${record.jobId}. Use the wait sub-action with these ids to wait later.`);
      return;
    }
    if (!request.wait) logger.info(`Waiting for ${record.backupId} although wait is false: the next database's backup can only start once it is done.`);
    await records.follow(at, watchUsable(request.clusterId, record, waitDeps, Boolean(record.jobId)));
  } finally {
    // Sent twice after a lost answer: one more look, before the run ends, for a backup the first request made.
    if (resentSince !== undefined) strays.push(...(await findStrays(request, step.target, resentSince, record.backupId, deps)));
  }
  if (request.crossRegionCopies.length) {
    logger.info(
      `Cross-region copies (${request.crossRegionCopies.join(', ')}) are separate jobs that start after this backup's job; they may still be in progress. The backup in ${request.clusterId}'s region is usable now.`,
    );
  }
}

function targetLabel(target: BackupTarget): string {
  return target.database === undefined
    ? 'whole cluster'
    : `${target.collections.length === 1 ? 'collection' : 'collections'} ${target.collections.join(', ')} of database ${target.database}`;
}

function createBody(request: BackupRequest, target: BackupTarget): CreateBackupBody {
  const body: CreateBackupBody = { backupType: request.backupType };
  if (target.database !== undefined) body.dbCollections = [{ dbName: target.database, collectionNames: target.collections }];
  if (request.crossRegionCopies.length) body.crossRegionCopies = request.crossRegionCopies.map((regionId) => ({ regionId }));
  return body;
}

/** Codes that say plainly why create was refused; anything else may mean "busy", so we look. */
const NOT_BUSY = new Set([21119, 96005, 96012, 96013, 96014, 96015, 96016, 96018, 96021, 96022, 96025, 96027, 96028, 96029, 96036]);

/** The request may have created a backup although no answer said so. */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof TransportError) return error.sent;
  if (error instanceof HttpStatusError || error instanceof ApiError) return error.httpStatus >= 500;
  return error instanceof UnexpectedResponseError;
}

const MAX_UNKNOWN_OUTCOMES = 3;

/** What a create ended with; `resentSince` is set when it was sent again after a lost answer (the time of the first send). */
interface Created {
  record: BackupRecord;
  resentSince?: number;
}

/**
 * Creates one backup, never two: an answer lost in transit is resolved by looking for the
 * backup this run made before anything is sent again, and a busy cluster is waited for
 * (or reported, with if-busy: fail).
 */
async function createBackup(request: BackupRequest, step: BackupStep, deps: BackupWorkflowDeps, waitDeps: WaitDeps): Promise<Created> {
  const { api, runtime } = deps;
  const { target, body } = step;
  const firstSentAt = runtime.now();
  // Time kept back from the create's own wait for an answer, so that an answer lost to the
  // deadline still leaves time to look for the backup it may have made.
  const reserveMs = Math.min(ADOPTION_RESERVE_MS, request.timeoutMs * 0.2);
  let unknownOutcomes = 0;
  let sends = 0;
  const done = (record: BackupRecord): Created => (sends > 1 && unknownOutcomes > 0 ? { record, resentSince: firstSentAt } : { record });
  try {
    for (;;) {
      const sentAt = runtime.now();
      try {
        sends++;
        const created = await api.createBackup(request.clusterId, body, reserveMs);
        runtime.logger.info(`Created backup ${created.backupId} (${created.backupName}), job ${created.jobId}.`);
        return done({
          ...recordFor(target),
          backupId: created.backupId,
          backupName: created.backupName,
          jobId: created.jobId,
          status: 'CREATING',
          size: undefined,
        });
      } catch (error) {
        if (outcomeUnknown(error)) {
          unknownOutcomes++;
          runtime.logger.warning(
            `The create request got no clear answer (${detailOf(error)}). Looking for the backup it may have made before sending anything again.`,
          );
          const adopted = await findOwnBackup(request, target, sentAt, deps);
          if (adopted) return done(adopted);
          if (unknownOutcomes >= MAX_UNKNOWN_OUTCOMES) throw error;
          // The looks above said why: none found a backup of this scope made since it was sent.
          runtime.logger.info('No backup was made by that request; sending it again.');
          continue;
        }
        if (!(error instanceof ApiError) || NOT_BUSY.has(error.code)) throw error;
        if (unknownOutcomes > 0) {
          // Refused as busy after an answer was lost: the running backup may be ours after all (one look: it is running).
          const adopted = await findAdoptable(request, target, firstSentAt, deps);
          if (adopted) return done(adoptedRecord(target, adopted, runtime));
        }
        await waitWhileBusy(request, error, waitDeps);
        // Another run may have just made what we need while we waited (concurrent runs with reuse).
        if (request.reuseIfNewerThanMs !== undefined) {
          const reused = await findReusable(request, target, request.reuseIfNewerThanMs, deps);
          if (reused) return { record: reused };
        }
      }
    }
  } catch (error) {
    // Whatever ends the attempt (the timeout while looking, a cancellation, an outage), a request
    // whose outcome is unknown may have made a backup: say so, with how to check.
    if (unknownOutcomes > 0 || (error instanceof InterruptedError && error.sentRequest)) warnMaybeCreated(request, runtime);
    throw error;
  }
}

/**
 * A refused create: when the cluster has a backup CREATING, it is busy; `if-busy` says whether to
 * fail at once or wait until it is idle (the caller then sends again). Otherwise the refusal
 * stands and is thrown.
 */
async function waitWhileBusy(request: BackupRequest, refusal: ApiError, deps: WaitDeps): Promise<void> {
  const { runtime } = deps;
  const running = await creatingBackups(deps, request.clusterId);
  if (!running.length) throw refusal;
  const names = running.map(describeRunning).join(', ');
  if (request.ifBusy === 'fail') {
    throw new ClusterBusyError(
      `Cluster ${request.clusterId} is already running a backup: ${names}. A cluster runs one backup job at a time and if-busy is fail; ` +
        `set if-busy: wait to wait for it, or run again later. (API: ${refusal.code} ${refusal.apiMessage})`,
    );
  }
  runtime.logger.info(`Cluster ${request.clusterId} is busy with ${names}; waiting for it to finish before creating ours (if-busy: wait).`);
  await waitUntilIdle(request.clusterId, deps);
}

/** A create cut short by the timeout or a cancellation may still have made a backup. */
function warnMaybeCreated(request: BackupRequest, runtime: Runtime): void {
  runtime.logger.warning(
    `The create request was sent but its answer never came (timeout or cancellation), so a backup may have been made. ` +
      `Check the cluster's backups before running again: GET ${apiUrl(request.baseUrl, `/v2/backups?clusterId=${request.clusterId}&creationMethod=MANUAL`)}`,
  );
}

function recordFor(target: BackupTarget): Pick<BackupRecord, 'database' | 'collections'> {
  return { database: target.database, collections: [...target.collections] };
}

/** A backup found by listing (adopted or reused): the list gives no job id. */
function listedRecord(target: BackupTarget, backup: BackupInfo): BackupRecord {
  return {
    ...recordFor(target),
    backupId: backup.backupId,
    backupName: backup.backupName,
    jobId: '',
    status: normalizeStatus(backup.status),
    size: backup.size,
  };
}

/** Allowance for clock skew between this runner and Zilliz Cloud when matching createTime. */
const CLOCK_SKEW_MS = 60_000;
const ADOPTION_RESERVE_MS = 10_000;
/** How long a lost create answer is looked for before the request may be sent again. */
export const LOST_ANSWER_LOOK_MS = 90_000;
/** The gaps between those looks: quick at first (the common case), then every 5 s. */
const LOOK_GAPS_MS = [1000, 2000, 3000];
const ADOPTION_LOOK_GAP_MS = 5000;

const newestFirst = (a: BackupInfo, b: BackupInfo): number => Date.parse(b.createTime) - Date.parse(a.createTime);

/** Listed backups a lost create may have made: running or done, made since about `sentAt`; newest first. */
export function adoptionCandidates(backups: readonly BackupInfo[], sentAt: number): BackupInfo[] {
  return backups
    .filter((b) => ['running', 'succeeded'].includes(backupPhase(b.status)) && Date.parse(b.createTime) >= sentAt - CLOCK_SKEW_MS)
    .sort(newestFirst);
}

/** Listed backups that may be reused: AVAILABLE, within the window, CLUSTER for a whole-cluster target; newest first. */
export function reuseCandidates(backups: readonly BackupInfo[], target: BackupTarget, windowMs: number, now: number): BackupInfo[] {
  return backups
    .filter((b) => backupPhase(b.status) === 'succeeded' && now - Date.parse(b.createTime) <= windowMs)
    .filter((b) => (target.database === undefined ? normalizeStatus(b.backupType) === 'CLUSTER' : true))
    .sort(newestFirst);
}

/**
 * After a lost answer: a MANUAL backup of our type and exact scope, made since about the time we
 * sent the request, is taken as ours, whatever its status (a quick job may already be done).
 * With no idempotency token this is the best evidence there is: if our request made nothing,
 * another run's backup of the same scope made in that window could be taken instead; it is a
 * backup of what was asked, made just now, which is what the gate needs.
 * The listing may show a new backup only after a while, so the looks go on for
 * LOST_ANSWER_LOOK_MS (at most half of what the timeout leaves) before the caller may send again.
 * The list gives no job id, so the adopted backup is waited for by its own status.
 */
async function findOwnBackup(request: BackupRequest, target: BackupTarget, sentAt: number, deps: BackupWorkflowDeps): Promise<BackupRecord | undefined> {
  const { runtime } = deps;
  const start = runtime.now();
  const lookUntil = start + Math.min(LOST_ANSWER_LOOK_MS, Math.max(0, runtime.deadline - start) / 2);
  runtime.logger.info(`Looking for it for up to ${formatDuration(lookUntil - start)} (a new backup may take a while to be listed).`);
  for (let look = 1; ; look++) {
    const found = await findAdoptable(request, target, sentAt, deps);
    if (found) return adoptedRecord(target, found, runtime);
    const gap = LOOK_GAPS_MS[look - 1] ?? ADOPTION_LOOK_GAP_MS;
    if (runtime.now() + gap > lookUntil) {
      runtime.logger.info(
        `No backup of this scope made since the request was sent: ${countOf(look, 'look')} over ${formatDuration(runtime.now() - start)} found none.`,
      );
      return undefined;
    }
    await runtime.sleep(gap, runtime.signal);
  }
}

/** A backup found after a lost answer, taken as ours, and said. */
function adoptedRecord(target: BackupTarget, found: BackupInfo, runtime: Runtime): BackupRecord {
  runtime.logger.info(
    `Found backup ${found.backupId} (${found.backupName}, ${normalizeStatus(found.status)}) made by that request; adopting it (its job id is not known, so the wait follows the backup's status).`,
  );
  return listedRecord(target, found);
}

/** One look: the newest backup of the target's exact scope made since about `sentAt`, if any. */
async function findAdoptable(request: BackupRequest, target: BackupTarget, sentAt: number, deps: BackupWorkflowDeps): Promise<BackupInfo | undefined> {
  const backups = await listUsableBackups(deps, { clusterId: request.clusterId, creationMethod: 'MANUAL', backupType: request.backupType });
  for (const candidate of adoptionCandidates(backups, sentAt)) {
    if (target.database === undefined || (await covers(deps.api, request.clusterId, candidate, target, true))) return candidate;
  }
  return undefined;
}

/**
 * After the create was sent again: one more look for any other backup of the same scope made
 * since the first send (the first request may have made one after all, listed late). Each is
 * named in a warning and returned, so the summary and the `backups` output name it too (not as
 * this run's gate), and a person can delete it. A failed look is a warning: the gate stands.
 */
async function findStrays(request: BackupRequest, target: BackupTarget, firstSentAt: number, ours: string, deps: BackupWorkflowDeps): Promise<BackupRecord[]> {
  const { runtime } = deps;
  try {
    const backups = await listUsableBackups(deps, { clusterId: request.clusterId, creationMethod: 'MANUAL', backupType: request.backupType });
    const strays: BackupRecord[] = [];
    for (const candidate of adoptionCandidates(backups, firstSentAt)) {
      if (candidate.backupId === ours) continue;
      if (target.database !== undefined && !(await covers(deps.api, request.clusterId, candidate, target, true))) continue;
      runtime.logger.warning(
        `Backup ${candidate.backupId} (${candidate.backupName}) of the same scope was made since this run first sent its create, whose answer was lost; ` +
          `it may be that first request's backup. It is not this run's gate (${ours} is): check it and delete it if it is not needed.`,
      );
      strays.push(listedRecord(target, candidate));
    }
    return strays;
  } catch (error) {
    runtime.logger.warning(
      `The create was sent twice (the first answer was lost), and the last look for a second backup failed (${detailOf(error)}). Check the cluster's backups: ` +
        `GET ${apiUrl(request.baseUrl, `/v2/backups?clusterId=${request.clusterId}&creationMethod=MANUAL`)}`,
    );
    return [];
  }
}

/** Whether a backup holds the target's collections (exactly them, when `exact`). */
async function covers(api: ZillizApi, clusterId: string, backup: BackupInfo, target: BackupTarget, exact: boolean): Promise<boolean> {
  const described = await api.describeBackup(clusterId, backup.backupId);
  const held = new Set(described.collections.filter((c) => c.database === target.database).map((c) => c.collection));
  const wanted = target.collections.every((c) => held.has(c));
  return exact ? wanted && held.size === target.collections.length && described.collections.length === held.size : wanted;
}

/**
 * reuse-if-newer-than: the newest AVAILABLE backup (manual or automatic) within the window that
 * covers the target. A backup still CREATING is never reused.
 */
async function findReusable(request: BackupRequest, target: BackupTarget, windowMs: number, deps: BackupWorkflowDeps): Promise<BackupRecord | undefined> {
  const { api, runtime } = deps;
  const now = runtime.now();
  const backups = await listUsableBackups(deps, { clusterId: request.clusterId });
  for (const backup of reuseCandidates(backups, target, windowMs, now)) {
    // An automatic backup may show size 0 and no collections: nothing a rollback could use.
    if (backup.size === 0) {
      runtime.logger.info(`Not reusing backup ${backup.backupId} (${backup.backupName}): it is 0 bytes, so it may hold nothing to restore.`);
      continue;
    }
    if (target.database !== undefined && !(await covers(api, request.clusterId, backup, target, false))) continue;
    const ageMs = now - Date.parse(backup.createTime);
    const age = formatDuration(ageMs);
    runtime.logger.info(
      `Reusing backup ${backup.backupId} (${backup.backupName}, ${backup.creationMethod.toLowerCase() || 'unknown'} ${backup.backupType}), made ${age} ago: within reuse-if-newer-than, so no new backup is created.`,
    );
    return { ...listedRecord(target, backup), reused: { createTime: backup.createTime, ageMs } };
  }
  runtime.logger.info(`No AVAILABLE backup made within the last ${formatDuration(windowMs)} covers ${targetLabel(target)}; creating one.`);
  return undefined;
}
