// Retry-After on status checks (issue 13, point 3); apart from throttling.e2e.test.ts so the
// slow tests of both run in parallel.
//
// Against the old code (commit 0c0c1e1) these fail:
// - Retry-After on status checks: 429 got the client's 6 attempts, then the poll loop looked
//   again after its own interval (0.2 s here), not after the Retry-After (429 is now retried
//   until the deadline, each time after at least the Retry-After);
// - a Retry-After past the deadline: the poll loop ignored it and kept asking every 0.2 s until
//   the deadline (many job requests), instead of one request and a wait to the deadline.
import { describe, expect, it } from 'vitest';
import { useEmulator } from './emulator-fixture.ts';
import { type ActionRun } from './harness.ts';
import { backupsMadeByRuns, describeJobRequests, errorMessage } from './helpers.ts';

const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: 800 });

const JOB = /^\/v2\/jobs\//;

const backup = (inputs: Record<string, string>): Promise<ActionRun> => fx.run(inputs);

const backupsMade = () => backupsMadeByRuns(fx.emulator);

describe('Retry-After on status checks', () => {
  it(
    'Retry-After on status checks is honoured before every look, more times than the client has attempts for other failures',
    { timeout: 50_000 },
    async () => {
      // 7 answers of 429 with retry-after 2: one more than the 6 attempts other failures get.
      fx.emulator.faults.add({ method: 'GET', path: JOB, times: 7, fault: { kind: 'status', status: 429, headers: { 'retry-after': '2' } } });
      const run = await backup({});
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs.status).toBe('AVAILABLE');
      const looks = describeJobRequests(fx.emulator).map((r) => r.at);
      expect(looks.length).toBeGreaterThanOrEqual(8);
      const gaps = looks.slice(1, 8).map((at, i) => at - (looks[i] ?? 0));
      expect(gaps).toHaveLength(7);
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1950);
    },
  );

  it('a Retry-After that passes the deadline: the run ends at the deadline naming the job, outputs written', async () => {
    fx.emulator.faults.add({ method: 'GET', path: JOB, times: 1000, fault: { kind: 'status', status: 429, headers: { 'retry-after': '120' } } });
    const run = await backup({ timeout: '6s' });
    expect(run.exitCode).toBe(1);
    const jobId = run.outputs['job-id'] ?? '';
    expect(jobId).toMatch(/^job-/);
    expect(run.outputs['backup-id']).toBe(backupsMade()[0]?.backupId);
    expect(errorMessage(run)).toContain(`Job ${jobId}`);
    expect(errorMessage(run)).toContain('Timed out');
    // One look, then the wait the API asked for, cut at the deadline: no look every 0.2 s.
    expect(describeJobRequests(fx.emulator)).toHaveLength(1);
    expect(run.durationMs).toBeGreaterThan(5500);
    expect(run.durationMs).toBeLessThan(9000);
  });
});
