import { BackupGoneError, DeadlineError, JobFailedError, UnknownStatusError } from '../errors.ts';
import { formatDuration } from '../format.ts';
import type { Runtime } from '../runtime.ts';
import type { BackupInfo, Job, ZillizApi } from '../zilliz/api.ts';
import { isTransient } from '../zilliz/http.ts';
import { nextPollDelay } from './polling.ts';
import { backupPhase, jobPhase, normalizeStatus, type Phase } from './status.ts';

export interface WaitOptions {
  /** Epoch ms at which waiting gives up. */
  deadline: number;
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
 * deadline. `onObserve` sees every look (the callers keep the last status for the outputs).
 */
async function pollUntilDone<T>(
  what: string,
  look: () => Promise<Observation<T>>,
  options: WaitOptions,
  runtime: Runtime,
  onObserve: (value: T) => void,
): Promise<Observation<T>> {
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
        if (!isTransient(error) || runtime.now() >= options.deadline) throw error;
        runtime.logger.warning(`${what}: status check failed (${(error as Error).message}); looking again.`);
      }
    }
    if (observation) {
      onObserve(observation.value);
      if (observation.summary !== lastSummary) {
        runtime.logger.info(`${what}: ${observation.summary} (${formatDuration(runtime.now() - started)})`);
        lastSummary = observation.summary;
      }
      if (observation.phase !== 'running') return observation;
    }
    const now = runtime.now();
    if (now >= options.deadline) {
      throw new DeadlineError(
        `Timed out (the timeout input ran out): ${what} is still ${lastSummary || 'not answering'} after ${formatDuration(now - started)} of waiting. Raise timeout, or wait for it later with the wait sub-action.`,
      );
    }
    const delay = Math.min(nextPollDelay(now - started, runtime.random, options.pollIntervalMs), options.deadline - now);
    await runtime.sleep(delay, runtime.signal);
  }
}

/** Polls the job until it ends; resolves on SUCCESSFUL, throws on FAILED/CANCELED/unknown. */
export async function waitForJob(
  api: ZillizApi,
  jobId: string,
  options: WaitOptions,
  runtime: Runtime,
  onObserve: (job: Job) => void = () => {},
): Promise<Job> {
  const result = await pollUntilDone(
    `Job ${jobId}`,
    async () => {
      const job = await api.describeJob(jobId);
      const status = normalizeStatus(job.status);
      const progress = job.progress !== undefined && jobPhase(status) === 'running' ? ` ${job.progress}%` : '';
      return { value: job, phase: jobPhase(status), summary: `${status}${progress}` };
    },
    options,
    runtime,
    onObserve,
  );
  const job = result.value;
  if (result.phase === 'failed') throw new JobFailedError(job.jobId, normalizeStatus(job.status), job.reason);
  if (result.phase === 'unknown') throw new UnknownStatusError(`Job ${jobId}`, job.status);
  return job;
}

/** After the job succeeded: polls the backup until AVAILABLE, the only state worth gating on. */
export async function waitForBackup(
  api: ZillizApi,
  clusterId: string,
  backupId: string,
  options: WaitOptions,
  runtime: Runtime,
  onObserve: (backup: BackupInfo) => void = () => {},
): Promise<BackupInfo> {
  const result = await pollUntilDone(
    `Backup ${backupId}`,
    async () => {
      const backup = await api.describeBackup(clusterId, backupId);
      return { value: backup, phase: backupPhase(backup.status), summary: normalizeStatus(backup.status) };
    },
    options,
    runtime,
    onObserve,
  );
  if (result.phase === 'failed') {
    throw new BackupGoneError(`Backup ${backupId} is ${normalizeStatus(result.value.status)} instead of becoming AVAILABLE; it cannot be restored from.`);
  }
  if (result.phase === 'unknown') throw new UnknownStatusError(`Backup ${backupId}`, result.value.status);
  return result.value;
}

/** Waits until no backup of the cluster is CREATING (for if-busy: wait). */
export async function waitUntilIdle(api: ZillizApi, clusterId: string, options: WaitOptions, runtime: Runtime): Promise<void> {
  await pollUntilDone(
    `Cluster ${clusterId}`,
    async () => {
      const running = await creatingBackups(api, clusterId);
      const summary = running.length ? `busy with ${running.map(describeRunning).join(', ')}` : 'no backup running';
      return { value: running, phase: running.length ? 'running' : 'succeeded', summary };
    },
    options,
    runtime,
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
