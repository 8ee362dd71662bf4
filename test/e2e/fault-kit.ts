// Shared pieces of the fault-injection end-to-end tests (faults, inputs, api-errors, secrets):
// one emulator per test file, the inputs every run starts from, and the checks every scenario
// makes (the API key appears nowhere in what the run left behind). Request filters and the
// error-line reader come from helpers.ts.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import {
  DEDICATED_CLUSTER,
  DEFAULT_API_KEY,
  DEFAULT_READONLY_API_KEY,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type RecordedRequest,
} from '../emulator/index.ts';
import type { ActionRun } from './harness.ts';

/** Short emulated jobs, so a full successful run takes a second or two. */
export const FAST: EmulatorOptions = { jobPendingMs: 100, jobDurationMs: 1000 };

/** Starts one emulator for the test file (files run in parallel), reset before each test. */
export function emulatorPerFile(options: EmulatorOptions = FAST): { readonly current: Emulator } {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(options);
  });
  afterAll(async () => emulator?.close());
  beforeEach(() => emulator?.reset());
  return {
    get current(): Emulator {
      if (!emulator) throw new Error('emulator not started');
      return emulator;
    },
  };
}

/** The inputs of a run that would succeed: a CLUSTER backup of the Dedicated cluster, polled often. */
export function baseInputs(emulator: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  return { 'api-key': emulator.apiKey, 'cluster-id': DEDICATED_CLUSTER, 'base-url': emulator.url, timeout: '1m', 'poll-interval': '300ms', ...extra };
}

/**
 * Every scenario calls this: no output, log line (debug included), summary or error message
 * carries an API key, whichever one the run was given.
 */
export function expectNoKey(run: ActionRun, ...extraKeys: string[]): void {
  // A key the run was given is masked before anything else is printed.
  const given = run.inputs['api-key'] ?? '';
  if (given.trim()) expect(run.stdout.split('\n')[0], 'the key is masked first').toBe(`::add-mask::${given.trim()}`);
  for (const key of [DEFAULT_API_KEY, DEFAULT_READONLY_API_KEY, ...extraKeys]) {
    if (key) expect(run.everything, `the run leaked the key ${key.slice(0, 4)}…`).not.toContain(key);
  }
}

export const CREATE_PATH = /^\/v2\/clusters\/[^/]+\/backups\/create$/;
export const JOB_PATH = /^\/v2\/jobs\//;
export const LIST_PATH = /^\/v2\/backups$/;
export const DESCRIBE_BACKUP_PATH = /^\/v2\/clusters\/[^/]+\/backups\/[^/]+$/;

export function requestsTo(emulator: Emulator, method: string, path: RegExp): RecordedRequest[] {
  return emulator.requests.filter((r) => r.method === method && path.test(r.path));
}

export const lists = (emulator: Emulator): RecordedRequest[] => requestsTo(emulator, 'GET', LIST_PATH);

/** Manual backups the API would show for the Dedicated cluster (seeded ones left out). */
export function manualBackupsMadeByRuns(emulator: Emulator): { backupId: string; jobId: string | null; status: string | null }[] {
  return [...emulator.state.backups.values()]
    .filter((b) => b.creationMethod === 'MANUAL' && b.jobId !== null && b.clusterId === DEDICATED_CLUSTER)
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
