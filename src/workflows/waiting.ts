import { ApiError, BackupGoneError, ClusterNotServingError, DeadlineError, JobFailedError, UnknownStatusError, detailOf } from '../errors.ts';
import { formatBytes, formatDuration } from '../format.ts';
import type { Runtime } from '../runtime.ts';
import type { BackupRecord } from '../types.ts';
import type { BackupInfo, ClusterInfo, Job, ZillizApi } from '../zilliz/api.ts';
import { LOADED, type DataPlaneApi } from '../zilliz/dataplane.ts';
import { isTransient, retryAfterOf } from '../zilliz/retry.ts';
import { listUsableBackups } from './listing.ts';
import { ProgressLines } from './progress-lines.ts';
import { nextLookDelay, type ProgressReading } from './schedule.ts';
import { backupPhase, clusterPhase, jobPhase, normalizeStatus, type Phase } from './status.ts';

/** What waiting needs: the API, time, and a fixed `poll-interval` if one was given. */
export interface WaitDeps {
  api: ZillizApi;
  runtime: Runtime;
  /** Fixed interval; undefined lets the schedule choose. */
  pollIntervalMs: number | undefined;
}

/** A look at something that is running: its phase, its status and progress. */
interface Observation<T> {
  value: T;
  phase: Phase;
  status: string;
  progress?: number | undefined;
}

/** How long an id this run just received may read as "not found" while the API catches up. */
export const VISIBILITY_GRACE_MS = 30_000;

interface PollOptions {
  /** 'backup' gets the short, fast schedule of the describe-backup phase. */
  schedule: 'job' | 'backup';
  /** For an id this run just received: the errors that mean "not visible yet" during the grace period. */
  notYetVisible?: (error: unknown) => boolean;
}

/**
 * The one poll loop: look, and while running, sleep as the schedule says (a Retry-After wins
 * when longer), never past the deadline. Every answer is yielded (callers keep the last status
 * for the outputs); the last observation is returned. The log gets a line whenever what it
 * would say changes.
 */
async function* pollUntilDone<T>(what: string, look: () => Promise<Observation<T>>, deps: WaitDeps, options: PollOptions): AsyncGenerator<T, Observation<T>> {
  const { runtime } = deps;
  const startedAt = runtime.now();
  const readings: ProgressReading[] = [];
  const lines = new ProgressLines();
  let lastSummary = '';
  const say = (summary: string | undefined): void => {
    if (summary === undefined || summary === lastSummary) return;
    const waitedMs = runtime.now() - startedAt;
    runtime.logger.info(`${what}: ${summary}${waitedMs >= 500 ? ` (waited ${formatDuration(waitedMs)})` : ''}`);
    lastSummary = summary;
  };
  // Why the last look got no answer, for the timeout's message (e.g. throttled past the deadline).
  let lastFailure = '';
  for (;;) {
    let retryAfterMs = 0;
    const sentAt = runtime.now();
    try {
      const observation = await look();
      lastFailure = '';
      yield observation.value;
      readings.push({ sentAt, at: runtime.now(), progress: observation.progress });
      say(lines.next(observation.status, observation.phase === 'running', readings, runtime.now()));
      if (observation.phase !== 'running') return observation;
    } catch (error) {
      // A look the client refused for want of time ends in the timeout below, which names what is waited for.
      if (!(error instanceof DeadlineError)) {
        if (options.notYetVisible?.(error) && runtime.now() - startedAt < VISIBILITY_GRACE_MS) {
          say('not visible yet (the API may still be catching up with the new id)');
        } else if (isTransient(error) && runtime.now() < runtime.deadline) {
          // The client already retried; an outage longer than that costs a look, not the run.
          runtime.logger.warning(`${what}: status check failed (${detailOf(error)}); looking again.`);
          retryAfterMs = retryAfterOf(error) ?? 0;
          lastFailure = detailOf(error) + (retryAfterMs ? `, Retry-After ${formatDuration(retryAfterMs)}` : '');
        } else {
          throw error;
        }
      }
    }
    const now = runtime.now();
    if (now >= runtime.deadline) {
      throw new DeadlineError(
        `Timed out (the timeout input ran out): ${what} is still ${lastSummary || 'not answering'} after ${formatDuration(now - startedAt)} of waiting` +
          `${lastFailure ? ` (the last status check failed: ${lastFailure})` : ''}.`,
        false,
        what,
      );
    }
    const scheduled = nextLookDelay({ now, readings, phase: options.schedule, fixedIntervalMs: deps.pollIntervalMs });
    await runtime.sleep(Math.min(Math.max(scheduled, retryAfterMs), runtime.deadline - now), runtime.signal);
  }
}

/** Codes that say the key may not see the thing at all: never "not visible yet". */
const ACCESS_CODES = new Set([21119, 96012, 96013, 96014, 96015, 96016, 96027]);
const JOB_NOT_FOUND = 96026;

/** A watch's looks, each turned into something else; returns what the watch returned. */
async function* mapLooks<T, U, R>(watch: AsyncGenerator<T, R>, map: (value: T) => U): AsyncGenerator<U, R> {
  for (;;) {
    const next = await watch.next();
    if (next.done) return next.value;
    yield map(next.value);
  }
}

/** The job schedule; for an id this run just received (`fresh`), its "not found" code reads as "not visible yet" for a while. */
function jobSchedule(notFoundCode: number, fresh: boolean): PollOptions {
  const notYetVisible = (error: unknown): boolean => error instanceof ApiError && error.code === notFoundCode;
  return { schedule: 'job', ...(fresh ? { notYetVisible } : {}) };
}

/**
 * Polls the job until it ends, yielding each look; returns the job on SUCCESSFUL, throws on
 * FAILED/CANCELED/unknown. `fresh`: the run just received this id, so "job not found" is
 * transient for a while.
 */
export async function* watchJob(jobId: string, deps: WaitDeps, fresh = false): AsyncGenerator<Job, Job> {
  const result = yield* pollUntilDone(
    `Job ${jobId}`,
    async () => {
      const job = await deps.api.describeJob(jobId);
      return { value: job, phase: jobPhase(job.status), status: normalizeStatus(job.status), progress: job.progress };
    },
    deps,
    jobSchedule(JOB_NOT_FOUND, fresh),
  );
  const job = result.value;
  if (result.phase === 'failed') throw new JobFailedError(job.jobId, normalizeStatus(job.status), job.reason);
  if (result.phase === 'unknown') throw new UnknownStatusError(`Job ${jobId}`, job.status);
  return job;
}

/** A job's looks as changes of the status of the record that follows it. */
export function jobStatusChanges(jobId: string, deps: WaitDeps, fresh = false): AsyncGenerator<{ status: string }, Job> {
  return mapLooks(watchJob(jobId, deps, fresh), (job) => ({ status: normalizeStatus(job.status) }));
}

/**
 * After the job succeeded: polls the backup until AVAILABLE, the only state worth gating on,
 * yielding each look. `fresh`: the run just received this id; "backup not found" has no
 * documented code, so any error envelope but an access refusal reads as "not visible yet" for a while.
 */
export async function* watchBackup(clusterId: string, backupId: string, deps: WaitDeps, fresh = false): AsyncGenerator<BackupInfo, BackupInfo> {
  const notYetVisible = (error: unknown): boolean => error instanceof ApiError && error.httpStatus < 500 && !ACCESS_CODES.has(error.code);
  const result = yield* pollUntilDone(
    `Backup ${backupId}`,
    async () => {
      const backup = await deps.api.describeBackup(clusterId, backupId);
      const phase = backupPhase(backup.status);
      // The usable backup's line says its size too: no second line to repeat that it is AVAILABLE.
      const size = phase === 'succeeded' && backup.size !== undefined ? `, ${formatBytes(backup.size)}` : '';
      return { value: backup, phase, status: `${normalizeStatus(backup.status)}${size}` };
    },
    deps,
    { schedule: 'backup', ...(fresh ? { notYetVisible } : {}) },
  );
  if (result.phase === 'failed') {
    throw new BackupGoneError(`Backup ${backupId} is ${normalizeStatus(result.value.status)} instead of becoming AVAILABLE; it cannot be restored from.`);
  }
  if (result.phase === 'unknown') throw new UnknownStatusError(`Backup ${backupId}`, result.value.status);
  return result.value;
}

/** "Cluster not found" (documented): right after restoreCluster made it, the API may still be catching up. */
export const CLUSTER_NOT_FOUND = 96018;

/**
 * Polls a cluster until it serves (RUNNING), yielding each look; a status ending in ING or
 * RESTORE_BACKUP is waited through, any other fails closed, naming it. `fresh`: this run just
 * made the cluster, so "cluster not found" is transient for a while.
 */
export async function* watchCluster(clusterId: string, deps: WaitDeps, fresh = false): AsyncGenerator<ClusterInfo, ClusterInfo> {
  const result = yield* pollUntilDone(
    `Cluster ${clusterId}`,
    async () => {
      const cluster = await deps.api.describeCluster(clusterId);
      return { value: cluster, phase: clusterPhase(cluster.status), status: normalizeStatus(cluster.status) };
    },
    deps,
    jobSchedule(CLUSTER_NOT_FOUND, fresh),
  );
  if (result.phase !== 'succeeded') throw new ClusterNotServingError(clusterId, normalizeStatus(result.value.status));
  return result.value;
}

/** A cluster's looks as changes of the status of the record that follows it. */
export function clusterStatusChanges(clusterId: string, deps: WaitDeps, fresh = false): AsyncGenerator<{ status: string }, ClusterInfo> {
  return mapLooks(watchCluster(clusterId, deps, fresh), (cluster) => ({ status: normalizeStatus(cluster.status) }));
}

/** What a look at a backup teaches about its record: its status, then size, name and type. */
function backupChange(info: BackupInfo): Partial<BackupRecord> {
  return { status: normalizeStatus(info.status), size: info.size, backupType: info.backupType, ...(info.backupName ? { backupName: info.backupName } : {}) };
}

/**
 * Job first (when known), then the backup until AVAILABLE, yielding what each look teaches about
 * the record; returns the backup. `fresh`: the ids came from this run's own create just now
 * (see VISIBILITY_GRACE_MS).
 */
export async function* watchUsable(
  clusterId: string,
  record: Pick<BackupRecord, 'backupId' | 'jobId'>,
  deps: WaitDeps,
  fresh = false,
): AsyncGenerator<Partial<BackupRecord>, BackupInfo> {
  if (record.jobId) yield* jobStatusChanges(record.jobId, deps, fresh);
  // The backup became visible with its job; only a backup adopted or reused by listing was seen already.
  return yield* mapLooks(watchBackup(clusterId, record.backupId, deps, fresh), backupChange);
}

/**
 * Polls a collection's load state on its cluster's data plane until it is loaded (the same loop,
 * schedule and deadline as a job's). A state this action does not know fails closed.
 */
export async function waitForLoad(dataPlane: DataPlaneApi, database: string, collection: string, deps: WaitDeps): Promise<void> {
  const looks = pollUntilDone(
    `Load of ${database}.${collection}`,
    async () => {
      const { loadState, loadProgress } = await dataPlane.getLoadState(database, collection);
      const phase: Phase = loadState === LOADED ? 'succeeded' : LOADING_STATES.has(loadState) ? 'running' : 'unknown';
      return { value: loadState, phase, status: loadState, progress: loadProgress };
    },
    deps,
    { schedule: 'job' },
  );
  let look = await looks.next();
  while (!look.done) look = await looks.next();
  if (look.value.phase !== 'succeeded') throw new UnknownStatusError(`Collection ${database}.${collection}`, look.value.value);
}

/** Not loaded yet, but on its way (NotLoad only after this run asked for a load). */
const LOADING_STATES = new Set(['LoadStateLoading', 'LoadStateNotLoad']);

/** Waits until no backup of the cluster is CREATING (for if-busy: wait). */
export async function waitUntilIdle(clusterId: string, deps: WaitDeps): Promise<void> {
  const looks = pollUntilDone(
    `Cluster ${clusterId}`,
    async () => {
      const running = await creatingBackups(deps, clusterId);
      const status = running.length ? `busy with ${running.map(describeRunning).join(', ')}` : 'no backup running';
      return { value: running, phase: running.length ? 'running' : 'succeeded', status };
    },
    deps,
    { schedule: 'job' },
  );
  while (!(await looks.next()).done);
}

export async function creatingBackups(deps: { api: ZillizApi; runtime: Runtime }, clusterId: string): Promise<BackupInfo[]> {
  const backups = await listUsableBackups(deps, { clusterId });
  return backups.filter((backup) => backupPhase(backup.status) === 'running');
}

export function describeRunning(backup: BackupInfo): string {
  const name = backup.backupName ? ` (${backup.backupName})` : '';
  const method = backup.creationMethod ? `, ${backup.creationMethod.toLowerCase()}` : '';
  return `${backup.backupId}${name}${method}`;
}
