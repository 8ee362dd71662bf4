import { BackupGoneError, DeadlineError, JobFailedError, UnknownStatusError } from '../errors.ts';
import { formatBytes, formatDuration } from '../format.ts';
import type { Runtime } from '../runtime.ts';
import type { BackupRecord } from '../types.ts';
import type { BackupInfo, Job, ZillizApi } from '../zilliz/api.ts';
import { isTransient } from '../zilliz/retry.ts';
import { nextPollDelay } from './polling.ts';
import { backupPhase, jobPhase, normalizeStatus, type Phase } from './status.ts';

/** What waiting needs: the API, time, and a fixed `poll-interval` if one was given. */
export interface WaitDeps {
  api: ZillizApi;
  runtime: Runtime;
  /** Fixed interval; undefined lets the polling policy choose. */
  pollIntervalMs: number | undefined;
}

/** A look at something that is running: its phase and a line worth logging when it changes. */
interface Observation<T> {
  value: T;
  phase: Phase;
  summary: string;
}

/**
 * The one poll loop: look, and while running, sleep as the policy says, never past the
 * deadline. `onLook` sees every answer (callers keep the last status for the outputs).
 */
async function pollUntilDone<T>(what: string, look: () => Promise<Observation<T>>, deps: WaitDeps, onLook: (value: T) => void): Promise<Observation<T>> {
  const { runtime } = deps;
  const started = runtime.now();
  let lastSummary = '';
  for (;;) {
    let observation: Observation<T> | undefined;
    try {
      observation = await look();
    } catch (error) {
      // A look the client refused for want of time ends in the timeout below, which names what is waited for.
      if (!(error instanceof DeadlineError)) {
        // The client already retried; an outage longer than that costs a look, not the run.
        if (!isTransient(error) || runtime.now() >= runtime.deadline) throw error;
        runtime.logger.warning(`${what}: status check failed (${(error as Error).message}); looking again.`);
      }
    }
    if (observation) {
      onLook(observation.value);
      if (observation.summary !== lastSummary) {
        runtime.logger.info(`${what}: ${observation.summary} (${formatDuration(runtime.now() - started)})`);
        lastSummary = observation.summary;
      }
      if (observation.phase !== 'running') return observation;
    }
    const now = runtime.now();
    if (now >= runtime.deadline) {
      throw new DeadlineError(
        `Timed out (the timeout input ran out): ${what} is still ${lastSummary || 'not answering'} after ${formatDuration(now - started)} of waiting. Raise timeout, or wait for it later with the wait sub-action.`,
      );
    }
    const delay = Math.min(nextPollDelay(now - started, runtime.random, deps.pollIntervalMs), runtime.deadline - now);
    await runtime.sleep(delay, runtime.signal);
  }
}

/** Polls the job until it ends; resolves on SUCCESSFUL, throws on FAILED/CANCELED/unknown. */
export async function waitForJob(jobId: string, deps: WaitDeps, onLook: (job: Job) => void = () => {}): Promise<Job> {
  const result = await pollUntilDone(
    `Job ${jobId}`,
    async () => {
      const job = await deps.api.describeJob(jobId);
      const status = normalizeStatus(job.status);
      const progress = job.progress !== undefined && jobPhase(status) === 'running' ? ` ${job.progress}%` : '';
      return { value: job, phase: jobPhase(status), summary: `${status}${progress}` };
    },
    deps,
    onLook,
  );
  const job = result.value;
  if (result.phase === 'failed') throw new JobFailedError(job.jobId, normalizeStatus(job.status), job.reason);
  if (result.phase === 'unknown') throw new UnknownStatusError(`Job ${jobId}`, job.status);
  return job;
}

/** After the job succeeded: polls the backup until AVAILABLE, the only state worth gating on. */
export async function waitForBackup(clusterId: string, backupId: string, deps: WaitDeps, onLook: (backup: BackupInfo) => void = () => {}): Promise<BackupInfo> {
  const result = await pollUntilDone(
    `Backup ${backupId}`,
    async () => {
      const backup = await deps.api.describeBackup(clusterId, backupId);
      return { value: backup, phase: backupPhase(backup.status), summary: normalizeStatus(backup.status) };
    },
    deps,
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
 */
export async function waitUntilUsable(
  clusterId: string,
  record: Pick<BackupRecord, 'backupId' | 'jobId'>,
  deps: WaitDeps,
  change: (update: Partial<BackupRecord>) => void,
): Promise<BackupInfo> {
  if (record.jobId) await waitForJob(record.jobId, deps, (job) => change({ status: normalizeStatus(job.status) }));
  const backup = await waitForBackup(clusterId, record.backupId, deps, (info) =>
    change({ status: normalizeStatus(info.status), size: info.size, backupType: info.backupType, ...(info.backupName ? { backupName: info.backupName } : {}) }),
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
      const summary = running.length ? `busy with ${running.map(describeRunning).join(', ')}` : 'no backup running';
      return { value: running, phase: running.length ? 'running' : 'succeeded', summary };
    },
    deps,
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
