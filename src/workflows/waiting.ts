import { ApiError, BackupGoneError, DeadlineError, JobFailedError, UnknownStatusError } from '../errors.ts';
import { formatBytes, formatDuration } from '../format.ts';
import type { Runtime } from '../runtime.ts';
import type { BackupRecord } from '../types.ts';
import type { BackupInfo, Job, ZillizApi } from '../zilliz/api.ts';
import { isTransient, retryAfterOf } from '../zilliz/retry.ts';
import { describeProgress, nextLookDelay, type ProgressReading } from './schedule.ts';
import { backupPhase, jobPhase, normalizeStatus, type Phase } from './status.ts';

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
 * when longer), never past the deadline. `onLook` sees every answer (callers keep the last
 * status for the outputs). The log gets a line whenever what it would say changes.
 */
async function pollUntilDone<T>(
  what: string,
  look: () => Promise<Observation<T>>,
  deps: WaitDeps,
  options: PollOptions,
  onLook: (value: T) => void,
): Promise<Observation<T>> {
  const { runtime } = deps;
  const startedAt = runtime.now();
  const readings: ProgressReading[] = [];
  let lastSummary = '';
  const say = (summary: string): void => {
    if (summary === lastSummary) return;
    runtime.logger.info(`${what}: ${summary} (${formatDuration(runtime.now() - startedAt)})`);
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
      onLook(observation.value);
      readings.push({ sentAt, at: runtime.now(), progress: observation.progress });
      say(observation.phase === 'running' ? describeProgress(observation.status, readings, runtime.now()) : observation.status);
      if (observation.phase !== 'running') return observation;
    } catch (error) {
      // A look the client refused for want of time ends in the timeout below, which names what is waited for.
      if (!(error instanceof DeadlineError)) {
        if (options.notYetVisible?.(error) && runtime.now() - startedAt < VISIBILITY_GRACE_MS) {
          say('not visible yet (the API may still be catching up with the new id)');
        } else if (isTransient(error) && runtime.now() < runtime.deadline) {
          // The client already retried; an outage longer than that costs a look, not the run.
          runtime.logger.warning(`${what}: status check failed (${(error as Error).message}); looking again.`);
          retryAfterMs = retryAfterOf(error) ?? 0;
          lastFailure = (error as Error).message + (retryAfterMs ? `, Retry-After ${formatDuration(retryAfterMs)}` : '');
        } else {
          throw error;
        }
      }
    }
    const now = runtime.now();
    if (now >= runtime.deadline) {
      throw new DeadlineError(
        `Timed out (the timeout input ran out): ${what} is still ${lastSummary || 'not answering'} after ${formatDuration(now - startedAt)} of waiting` +
          `${lastFailure ? ` (the last status check failed: ${lastFailure})` : ''}. Raise timeout, or wait for it later with the wait sub-action.`,
      );
    }
    const scheduled = nextLookDelay({ now, readings, phase: options.schedule, fixedIntervalMs: deps.pollIntervalMs });
    await runtime.sleep(Math.min(Math.max(scheduled, retryAfterMs), runtime.deadline - now), runtime.signal);
  }
}

/** Codes that say the key may not see the thing at all: never "not visible yet". */
const ACCESS_CODES = new Set([21119, 96012, 96013, 96014, 96015, 96016, 96027]);
const JOB_NOT_FOUND = 96026;

/**
 * Polls the job until it ends; resolves on SUCCESSFUL, throws on FAILED/CANCELED/unknown.
 * `fresh`: the run just received this id, so "job not found" is transient for a while.
 */
export async function waitForJob(jobId: string, deps: WaitDeps, onLook: (job: Job) => void = () => {}, fresh = false): Promise<Job> {
  const notYetVisible = (error: unknown): boolean => error instanceof ApiError && error.code === JOB_NOT_FOUND;
  const result = await pollUntilDone(
    `Job ${jobId}`,
    async () => {
      const job = await deps.api.describeJob(jobId);
      return { value: job, phase: jobPhase(job.status), status: normalizeStatus(job.status), progress: job.progress };
    },
    deps,
    { schedule: 'job', ...(fresh ? { notYetVisible } : {}) },
    onLook,
  );
  const job = result.value;
  if (result.phase === 'failed') throw new JobFailedError(job.jobId, normalizeStatus(job.status), job.reason);
  if (result.phase === 'unknown') throw new UnknownStatusError(`Job ${jobId}`, job.status);
  return job;
}

/**
 * After the job succeeded: polls the backup until AVAILABLE, the only state worth gating on.
 * `fresh`: the run just received this id; "backup not found" has no documented code, so any
 * error envelope but an access refusal reads as "not visible yet" for a while.
 */
export async function waitForBackup(
  clusterId: string,
  backupId: string,
  deps: WaitDeps,
  onLook: (backup: BackupInfo) => void = () => {},
  fresh = false,
): Promise<BackupInfo> {
  const notYetVisible = (error: unknown): boolean => error instanceof ApiError && error.httpStatus < 500 && !ACCESS_CODES.has(error.code);
  const result = await pollUntilDone(
    `Backup ${backupId}`,
    async () => {
      const backup = await deps.api.describeBackup(clusterId, backupId);
      return { value: backup, phase: backupPhase(backup.status), status: normalizeStatus(backup.status) };
    },
    deps,
    { schedule: 'backup', ...(fresh ? { notYetVisible } : {}) },
    onLook,
  );
  if (result.phase === 'failed') {
    throw new BackupGoneError(`Backup ${backupId} is ${normalizeStatus(result.value.status)} instead of becoming AVAILABLE; it cannot be restored from.`);
  }
  if (result.phase === 'unknown') throw new UnknownStatusError(`Backup ${backupId}`, result.value.status);
  return result.value;
}

/**
 * Job first (when known), then the backup until AVAILABLE. `change` gets what each look
 * teaches about the record (its status, then size, name and type); returns the backup.
 * `fresh`: the ids came from this run's own create just now (see VISIBILITY_GRACE_MS).
 */
export async function waitUntilUsable(
  clusterId: string,
  record: Pick<BackupRecord, 'backupId' | 'jobId'>,
  deps: WaitDeps,
  change: (update: Partial<BackupRecord>) => void,
  fresh = false,
): Promise<BackupInfo> {
  if (record.jobId) await waitForJob(record.jobId, deps, (job) => change({ status: normalizeStatus(job.status) }), fresh);
  const backup = await waitForBackup(
    clusterId,
    record.backupId,
    deps,
    (info) =>
      change({
        status: normalizeStatus(info.status),
        size: info.size,
        backupType: info.backupType,
        ...(info.backupName ? { backupName: info.backupName } : {}),
      }),
    // The backup became visible with its job; only a backup adopted or reused by listing was seen already.
    fresh,
  );
  deps.runtime.logger.info(`Backup ${record.backupId} is AVAILABLE${backup.size !== undefined ? ` (${formatBytes(backup.size)})` : ''}.`);
  return backup;
}

/** Waits until no backup of the cluster is CREATING (for if-busy: wait). */
export async function waitUntilIdle(clusterId: string, deps: WaitDeps): Promise<void> {
  await pollUntilDone(
    `Cluster ${clusterId}`,
    async () => {
      const running = await creatingBackups(deps.api, clusterId);
      const status = running.length ? `busy with ${running.map(describeRunning).join(', ')}` : 'no backup running';
      return { value: running, phase: running.length ? 'running' : 'succeeded', status };
    },
    deps,
    { schedule: 'job' },
    () => {},
  );
}

export async function creatingBackups(api: ZillizApi, clusterId: string): Promise<BackupInfo[]> {
  const backups = await api.listBackups({ clusterId });
  return backups.filter((backup) => backupPhase(backup.status) === 'running');
}

export function describeRunning(backup: BackupInfo): string {
  const name = backup.backupName ? ` (${backup.backupName})` : '';
  const method = backup.creationMethod ? `, ${backup.creationMethod.toLowerCase()}` : '';
  return `${backup.backupId}${name}${method}`;
}
