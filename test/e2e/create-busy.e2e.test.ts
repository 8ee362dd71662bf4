// Issue 3: a create that must never make two backups, busy clusters and cancellation; issue 4:
// the log held at start-up. Each against the built dist/index.js.
import { describe, expect, it } from 'vitest';
import { SEED_AUTO_BACKUP } from '../emulator/index.ts';
import { runAction } from './harness.ts';
import { useEmulator } from './emulator-fixture.ts';
import {
  CREATE_PATH,
  createRequests,
  describeJobRequests,
  errorMessage,
  expectKeyHidden,
  expectOneGoodBackup,
  JOB_PATH,
  listRequests,
  manualBackupsMadeByRuns,
  waitForRequest,
} from './helpers.ts';

const fx = useEmulator();

describe('create is not idempotent: never two backups', () => {
  it('the create is processed and then the connection drops: the action lists, adopts that backup and sends no second create', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'drop-after-handling' } });
    const run = await runAction(fx.inputs());
    expectOneGoodBackup(emulator, run);
    expect(createRequests(emulator)).toHaveLength(1);
    const create = createRequests(emulator)[0]!;
    expect(listRequests(emulator).some((r) => r.at >= create.at && r.query.creationMethod === 'MANUAL')).toBe(true);
    expect(run.stdout).toMatch(new RegExp(`Found backup ${run.outputs['backup-id']} .*adopting it`));
    expectKeyHidden(run);
  });

  it('the connection drops before the create is processed: the action looks first, finds nothing, sends it again, and makes one backup', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'drop' } });
    const run = await runAction(fx.inputs());
    expectOneGoodBackup(emulator, run);
    const [first, second] = createRequests(emulator);
    expect(createRequests(emulator)).toHaveLength(2);
    expect(listRequests(emulator).some((r) => r.at >= first!.at && r.at <= second!.at)).toBe(true);
    expect(run.stdout).toContain('No backup was made by that request; sending it again.');
    expectKeyHidden(run);
  });

  it('a 429 on create (rejected, nothing made) is retried at once without looking, and makes one backup', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'status', status: 429 } });
    const run = await runAction(fx.inputs());
    expectOneGoodBackup(emulator, run);
    expect(createRequests(emulator)).toHaveLength(2);
    expect(listRequests(emulator)).toHaveLength(0);
    expectKeyHidden(run);
  });

  it('a 503 on create with nothing created: the action lists before sending again, and ends with one backup', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'status', status: 503, body: '<html>Service Unavailable</html>' } });
    const run = await runAction(fx.inputs());
    expectOneGoodBackup(emulator, run);
    const [first, second] = createRequests(emulator);
    expect(createRequests(emulator)).toHaveLength(2);
    expect(listRequests(emulator).some((r) => r.at >= first!.at && r.at <= second!.at)).toBe(true);
    expectKeyHidden(run);
  });

  it('an answer that has not come when the timeout nears: time is kept back to look, and the backup the create made is adopted', async () => {
    const emulator = fx.emulator;
    // A long job, so the backup is still CREATING when the action looks; the create is handled
    // at once but its answer would only come after a minute.
    emulator.state.config = { ...emulator.state.config, jobDurationMs: 60_000 };
    emulator.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'delay-after-handling', ms: 60_000 } });
    const run = await runAction(fx.inputs({ timeout: '5s' }));
    const made = manualBackupsMadeByRuns(emulator);
    expect(made).toHaveLength(1);
    expect(createRequests(emulator)).toHaveLength(1);
    // It gave up waiting for the answer with time left (the reserve), looked, and adopted it.
    const create = createRequests(emulator)[0]!;
    expect(listRequests(emulator).some((r) => r.at > create.at && r.query.creationMethod === 'MANUAL')).toBe(true);
    expect(run.stdout).toMatch(new RegExp(`Found backup ${made[0]?.backupId} .*adopting it`));
    // Then the job outlasts the timeout: the step fails, the outputs name the adopted backup.
    expect(run.exitCode).toBe(1);
    expect(run.outputs['backup-id']).toBe(made[0]?.backupId);
    expect(run.durationMs).toBeLessThan(9000);
    expectKeyHidden(run);
  });
});

describe('a busy cluster', () => {
  /**
   * The seeded automatic backup is being made (the cluster is busy); it finishes after `ms`
   * (never when undefined). Returns when it finished (0 while it has not).
   */
  function autoBackupRunning(ms?: number): () => number {
    const auto = fx.emulator.state.backups.get(SEED_AUTO_BACKUP)!;
    auto.fixedStatus = 'CREATING';
    let finishedAt = 0;
    if (ms !== undefined) {
      setTimeout(() => {
        auto.fixedStatus = 'AVAILABLE';
        finishedAt = Date.now();
      }, ms);
    }
    return () => finishedAt;
  }

  it('if-busy: wait (the default) waits for the running backup, then creates ours within timeout', async () => {
    const emulator = fx.emulator;
    const autoFinishedAt = autoBackupRunning(1500);
    const run = await runAction(fx.inputs());
    expectOneGoodBackup(emulator, run);
    const created = emulator.state.backups.get(run.outputs['backup-id'] ?? '')!;
    expect(autoFinishedAt()).toBeGreaterThan(0);
    expect(created.createdAt).toBeGreaterThanOrEqual(autoFinishedAt());
    expect(createRequests(emulator).length).toBeGreaterThanOrEqual(2);
    expect(run.stdout).toContain(`busy with ${SEED_AUTO_BACKUP}`);
    expectKeyHidden(run);
  });

  it('if-busy: fail fails at once, naming the running backup, after exactly one create', async () => {
    const emulator = fx.emulator;
    autoBackupRunning();
    const run = await runAction(fx.inputs({ 'if-busy': 'fail' }));
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain(`already running a backup: ${SEED_AUTO_BACKUP}`);
    expect(errorMessage(run)).toContain('96038');
    expect(createRequests(emulator)).toHaveLength(1);
    expect(describeJobRequests(emulator)).toHaveLength(0);
    expect(manualBackupsMadeByRuns(emulator)).toHaveLength(0);
    expectKeyHidden(run);
  });

  it('two runs started at the same moment on one cluster both end with their own backup, one after the other', async () => {
    const emulator = fx.emulator;
    const runs = await Promise.all([runAction(fx.inputs()), runAction(fx.inputs())]);
    for (const run of runs) {
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs.status).toBe('AVAILABLE');
      expectKeyHidden(run);
    }
    const made = manualBackupsMadeByRuns(emulator);
    expect(made).toHaveLength(2);
    expect(new Set(runs.map((r) => r.outputs['backup-id']))).toEqual(new Set(made.map((b) => b.backupId)));
    const [first, second] = made.map((b) => emulator.state.jobs.get(b.jobId!)!).sort((a, b) => a.createdAt - b.createdAt);
    expect(second!.createdAt).toBeGreaterThanOrEqual(first!.createdAt + first!.durationMs);
  });
});

describe('the log while the first answer is awaited', () => {
  it('a slow answer to the create does not hold the log: the first lines are written long before the answer', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'delay-after-handling', ms: 5000 } });
    let firstStdoutAt = 0;
    const run = await runAction(fx.inputs(), {
      onSpawn: (child) => child.stdout?.once('data', () => (firstStdoutAt = Date.now())),
    });
    expect(run.exitCode).toBe(0);
    const create = createRequests(emulator)[0]!;
    // A log that waited for the answer would start 5 s after the request.
    expect(firstStdoutAt - create.at).toBeLessThan(2500);
    expect(run.stdout.split('\n')[1]).toMatch(/^::group::Backup 1 of 1/);
    expectKeyHidden(run);
  });
});

// A runner on Windows stops a step with a console break, which a test cannot send to a child
// process there (child.kill ends it outright); src/entries/common.ts handles SIGINT, SIGTERM and
// SIGBREAK alike, and test/unit/entries/cancellation.test.ts checks each of them in-process.
describe.runIf(process.platform !== 'win32')('cancellation (POSIX signals)', () => {
  it('SIGINT then SIGTERM during the wait: exits within 2 s, outputs written, the log says how to check on the job', async () => {
    const emulator = fx.emulator;
    emulator.state.config = { ...emulator.state.config, jobDurationMs: 60_000 };
    let sigintAt = 0;
    const run = await runAction(fx.inputs({ 'poll-interval': '1s' }), {
      onSpawn: (child) => {
        void waitForRequest(emulator, (r) => JOB_PATH.test(r.path)).then(() => {
          sigintAt = Date.now();
          child.kill('SIGINT');
          setTimeout(() => child.kill('SIGTERM'), 200);
        });
      },
    });
    const exitedAfterMs = Date.now() - sigintAt;
    expect(sigintAt).toBeGreaterThan(0);
    expect(exitedAfterMs).toBeLessThan(2000);
    // Not a success (exit 1; if SIGTERM lands while Node is already tearing down, it ends by that signal).
    expect(run.exitCode).not.toBe(0);
    const [made] = manualBackupsMadeByRuns(emulator);
    expect(run.outputs['backup-id']).toBe(made?.backupId);
    expect(run.outputs['job-id']).toBe(made?.jobId);
    expect(run.stdout).toContain(`Backup ${made?.backupId} (job ${made?.jobId}) is still being made`);
    expect(run.stdout).toContain(`/v2/jobs/${made?.jobId}`);
    expect(run.stdout).toContain('wait sub-action');
    expectKeyHidden(run);
  });

  it('SIGINT while the create waits for its answer: masked first, then the group line, the warning and the error', async () => {
    const emulator = fx.emulator;
    emulator.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'delay-after-handling', ms: 60_000 } });
    const run = await runAction(fx.inputs(), {
      onSpawn: (child) => {
        void waitForRequest(emulator, (r) => CREATE_PATH.test(r.path)).then(() => child.kill('SIGINT'));
      },
    });
    expect(run.exitCode).not.toBe(0);
    expect(createRequests(emulator)).toHaveLength(1);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toMatch(/^::group::Backup 1 of 1/);
    const received = lines.findIndex((line) => line.includes('Received SIGINT'));
    const mayExist = lines.findIndex((line) => line.includes('so a backup may have been made'));
    expect(received).toBeGreaterThan(0);
    expect(mayExist).toBeGreaterThan(received);
    expect(errorMessage(run)).toMatch(/cancelled/i);
    expectKeyHidden(run);
  });
});
