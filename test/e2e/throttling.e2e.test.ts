// Throttling is waited out within `timeout`, never by an attempt count (issue 13, point 3).
//
// Against the old code (commit 0c0c1e1) this fails:
// - the storm: 429 on create was retried 6 times (about 6 s with retry-after 1), then the step failed;
// Retry-After on status checks is in retry-after.e2e.test.ts.
import { describe, expect, it } from 'vitest';
import { useEmulator } from './emulator-fixture.ts';
import { type ActionRun } from './harness.ts';
import { backupsMadeByRuns, createRequests } from './helpers.ts';

const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: 800 });

const CREATE = /^\/v2\/clusters\/[^/]+\/backups\/create$/;

const backup = (inputs: Record<string, string>): Promise<ActionRun> => fx.run(inputs);

const backupsMade = () => backupsMadeByRuns(fx.emulator);

describe('throttling', () => {
  it(
    'a 30-second 429 storm on create (retry-after 1) on a 30-minute run ends in exactly one AVAILABLE backup, soon after the storm',
    { timeout: 60_000 },
    async () => {
      fx.emulator.faults.add({ method: 'POST', path: CREATE, forMs: 30_000, fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } });
      const run = await backup({ timeout: '30m' });
      expect(run.exitCode, run.stdout).toBe(0);
      // Far more than the 6 attempts a call gets for other failures: each Retry-After is waited exactly.
      expect(createRequests(fx.emulator).length).toBeGreaterThan(20);
      expect(run.stdout).toContain('create backup: throttled by the API (HTTP 429); waiting it out within timeout.');
      const made = backupsMade();
      expect(made).toHaveLength(1);
      expect(fx.emulator.state.backupStatus(made[0]!)).toBe('AVAILABLE');
      expect(run.outputs['backup-id']).toBe(made[0]?.backupId);
      expect(run.outputs.status).toBe('AVAILABLE');
      expect(run.durationMs).toBeGreaterThan(29_000);
    },
  );
});
