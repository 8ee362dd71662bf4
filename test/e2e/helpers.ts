// Shared checks for the end-to-end tests: the API paths (for filters and fault rules), which
// requests the emulator received, what the runs made, the `backups` output, the step's error
// line, and the one leak check: the API key never showed.
import { expect } from 'vitest';
import { DEDICATED_CLUSTER, DEFAULT_API_KEY, DEFAULT_READONLY_API_KEY, type Backup, type Emulator, type RecordedRequest } from '../emulator/index.ts';
import { errorLines, type ActionRun } from './harness.ts';

export const CREATE_PATH = /^\/v2\/clusters\/[^/]+\/backups\/create$/;
export const JOB_PATH = /^\/v2\/jobs\/([^/]+)$/;
export const LIST_PATH = /^\/v2\/backups$/;
export const DESCRIBE_BACKUP_PATH = /^\/v2\/clusters\/[^/]+\/backups\/([^/]+)$/;

/** The requests of one method whose path matches, in the order they arrived. */
export function requestsTo(emulator: Emulator, method: string, path: RegExp): RecordedRequest[] {
  return emulator.requests.filter((r) => r.method === method && path.test(r.path));
}

/** The create-backup requests, in the order they arrived. */
export const createRequests = (emulator: Emulator): RecordedRequest[] => requestsTo(emulator, 'POST', CREATE_PATH);

/** The list-backups requests. */
export const listRequests = (emulator: Emulator): RecordedRequest[] => requestsTo(emulator, 'GET', LIST_PATH);

/** GET requests whose path matches `path`, optionally only those whose first capture is `id`. */
function requestsFor(emulator: Emulator, path: RegExp, id?: string): RecordedRequest[] {
  return requestsTo(emulator, 'GET', path).filter((r) => id === undefined || path.exec(r.path)?.[1] === id);
}

/** Describe-job requests, optionally for one job only. */
export const describeJobRequests = (emulator: Emulator, jobId?: string): RecordedRequest[] => requestsFor(emulator, JOB_PATH, jobId);

/** Describe-backup requests, optionally for one backup only. */
export const describeBackupRequests = (emulator: Emulator, backupId?: string): RecordedRequest[] => requestsFor(emulator, DESCRIBE_BACKUP_PATH, backupId);

/** Resolves once the emulator has recorded a request that matches. */
export async function waitForRequest(emulator: Emulator, match: (r: RecordedRequest) => boolean, timeoutMs = 15_000): Promise<RecordedRequest> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = emulator.requests.find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error('the expected request never came');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Clock time (emulator ms) at which a backup made by the emulator turns AVAILABLE. */
export function availableAt(emulator: Emulator, backupId: string): number {
  const backup = emulator.state.backups.get(backupId);
  const job = backup?.jobId ? emulator.state.jobs.get(backup.jobId) : undefined;
  if (!backup || !job) throw new Error(`the emulator made no backup ${backupId}`);
  return job.createdAt + job.durationMs + backup.availableDelayMs;
}

/** The emulator's backups the runs made on the Dedicated cluster (seeded ones have no job). */
export function backupsMadeByRuns(emulator: Emulator): Backup[] {
  return [...emulator.state.backups.values()].filter((b) => b.jobId !== null && b.clusterId === DEDICATED_CLUSTER && !b.deleted);
}

/** Manual backups the API would show for the Dedicated cluster (seeded ones left out). */
export function manualBackupsMadeByRuns(emulator: Emulator): { backupId: string; jobId: string | null; status: string | null }[] {
  return backupsMadeByRuns(emulator)
    .filter((b) => b.creationMethod === 'MANUAL')
    .map((b) => ({ backupId: b.backupId, jobId: b.jobId, status: emulator.state.backupStatus(b) }));
}

/** A run that ended well: exit 0, AVAILABLE, and it made exactly one backup, which the outputs name. */
export function expectOneGoodBackup(emulator: Emulator, run: ActionRun): void {
  expect(run.exitCode, run.stdout).toBe(0);
  expect(run.outputs.status).toBe('AVAILABLE');
  const made = manualBackupsMadeByRuns(emulator);
  expect(made).toHaveLength(1);
  expect(made[0]?.status).toBe('AVAILABLE');
  expect(run.outputs['backup-id']).toBe(made[0]?.backupId);
}

export interface BackupEntry {
  database: string | null;
  collections: string[];
  backupId: string;
  backupName: string;
  jobId: string;
  status: string;
  size: number | null;
  created: boolean;
}

/** The `backups` output, parsed. */
export function backupsOutput(run: ActionRun): BackupEntry[] {
  const value: unknown = JSON.parse(run.outputs.backups ?? 'null');
  expect(Array.isArray(value), `backups output is a JSON array: ${run.outputs.backups}`).toBe(true);
  return value as BackupEntry[];
}

/** The one `::error::` line, decoded the way the runner shows it (%0A is a line break). */
export function errorMessage(run: ActionRun): string {
  const lines = errorLines(run);
  expect(lines, run.stdout).toHaveLength(1);
  return (lines[0] ?? '').slice('::error::'.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/**
 * The leak check every run makes: the key the run was given (when not blank) is masked on the
 * first line, before anything else is printed; and neither it, nor the emulator's keys, nor any
 * of `otherKeys` shows in any output, log line (debug included), summary or error message.
 */
export function expectKeyHidden(run: ActionRun, ...otherKeys: string[]): void {
  const given = (run.inputs['api-key'] ?? '').trim();
  if (given) expect(run.stdout.split('\n')[0], 'the key is masked first').toBe(`::add-mask::${given}`);
  for (const key of [given, DEFAULT_API_KEY, DEFAULT_READONLY_API_KEY, ...otherKeys]) {
    if (key) expect(run.everything, `the run leaked the key ${key.slice(0, 4)}…`).not.toContain(key);
  }
}

/** Every request carried the emulator's key (so it went nowhere it should not have). */
export function expectAllAuthorized(emulator: Emulator): void {
  expect(emulator.requests.length).toBeGreaterThan(0);
  for (const request of emulator.requests) expect(request.authorization, `${request.method} ${request.path}`).toBe('valid');
}
