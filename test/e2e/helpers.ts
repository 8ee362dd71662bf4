// Shared checks for the end-to-end tests: which requests the emulator received, the `backups`
// output, the step's error line, and that the API key never showed.
import { expect } from 'vitest';
import type { Emulator, RecordedRequest } from '../emulator/index.ts';
import { errorLines, type ActionRun } from './harness.ts';

const CREATE = /^\/v2\/clusters\/[^/]+\/backups\/create$/;
const DESCRIBE_JOB = /^\/v2\/jobs\/([^/]+)$/;
const DESCRIBE_BACKUP = /^\/v2\/clusters\/[^/]+\/backups\/([^/]+)$/;

/** The create-backup requests, in the order they arrived. */
export function createRequests(emulator: Emulator): RecordedRequest[] {
  return emulator.requests.filter((r) => r.method === 'POST' && CREATE.test(r.path));
}

/** Describe-job requests, optionally for one job only. */
export function describeJobRequests(emulator: Emulator, jobId?: string): RecordedRequest[] {
  return emulator.requests.filter((r) => {
    if (r.method !== 'GET') return false;
    const id = DESCRIBE_JOB.exec(r.path)?.[1];
    return id !== undefined && (jobId === undefined || id === jobId);
  });
}

/** Describe-backup requests, optionally for one backup only. */
export function describeBackupRequests(emulator: Emulator, backupId?: string): RecordedRequest[] {
  return emulator.requests.filter((r) => {
    if (r.method !== 'GET') return false;
    const id = DESCRIBE_BACKUP.exec(r.path)?.[1];
    return id !== undefined && (backupId === undefined || id === backupId);
  });
}

/** Clock time (emulator ms) at which a backup made by the emulator turns AVAILABLE. */
export function availableAt(emulator: Emulator, backupId: string): number {
  const backup = emulator.state.backups.get(backupId);
  const job = backup?.jobId ? emulator.state.jobs.get(backup.jobId) : undefined;
  if (!backup || !job) throw new Error(`the emulator made no backup ${backupId}`);
  return job.createdAt + job.durationMs + backup.availableDelayMs;
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

/** The key was masked before anything else was printed and shows nowhere in what the run left. */
export function expectKeyHidden(run: ActionRun, apiKey: string): void {
  expect(run.maskedCount(apiKey)).toBeGreaterThanOrEqual(1);
  expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${apiKey}`);
  expect(run.everything).not.toContain(apiKey);
}

/** Every request carried the emulator's key (so it went nowhere it should not have). */
export function expectAllAuthorized(emulator: Emulator): void {
  expect(emulator.requests.length).toBeGreaterThan(0);
  for (const request of emulator.requests) expect(request.authorization, `${request.method} ${request.path}`).toBe('valid');
}
