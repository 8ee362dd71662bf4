// Exactly one backup after a lost create answer (issue 13, point 2): whatever became of the
// answer, the action looks for the backup its request made, adopts it whatever its status, and
// sends again only when the look finds nothing.
//
// Against the old code (commit 0c0c1e1) these fail:
// - every "already done" case: only a CREATING backup was adopted, so an AVAILABLE one was passed
//   over and the create sent again (two backups; with hang-after-handling, no time was left to
//   send, and the run failed without adopting);
// - every COLLECTION case, running or done: describe backup's `collections` and `dbCollections`
//   (the emulator sends both, as published) were concatenated, so the backup never matched the
//   scope exactly and was not adopted (a second backup);
// - the "look finds nothing" case: the log did not say how many looks found nothing.
// The CLUSTER "still running" cases passed on the old code too; they guard that case.
import { describe, expect, it } from 'vitest';
import { type Fault } from '../emulator/index.ts';
import { useEmulator } from './emulator-fixture.ts';
import { type ActionRun } from './harness.ts';
import { backupsMadeByRuns, backupsOutput, createRequests } from './helpers.ts';

const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: 1500 });

const CREATE = /^\/v2\/clusters\/[^/]+\/backups\/create$/;

/** The backups the runs made (seeded ones have no job), with their status now. */
function backupsMade(): { backupId: string; status: string | null; backupType: string; collections: string[] }[] {
  const { state } = fx.emulator;
  return backupsMadeByRuns(fx.emulator).map((b) => ({
    backupId: b.backupId,
    status: state.backupStatus(b),
    backupType: b.backupType,
    collections: b.collections.map((c) => `${c.dbName}.${c.collectionName}`),
  }));
}

const backup = (inputs: Record<string, string>): Promise<ActionRun> => fx.run({ timeout: '12s', ...inputs });

/** The job is still running when the action looks, or already done (its backup AVAILABLE). */
const TIMINGS = {
  running: { jobPendingMs: 100, jobDurationMs: 1500 },
  done: { jobPendingMs: 0, jobDurationMs: 0 },
} as const;

const LOST_ANSWERS: [string, Fault][] = [
  ['a truncated 200', { kind: 'truncate-after-handling' }],
  ['a 502 after the backup was made', { kind: 'status-after-handling', status: 502, body: '<html><body>502 Bad Gateway</body></html>' }],
  ['a 504 after the backup was made', { kind: 'status-after-handling', status: 504, body: '<html><body>504 Gateway Time-out</body></html>' }],
  ['a reset after the request was sent', { kind: 'drop-after-handling' }],
];

function expectAdoptedOne(run: ActionRun): void {
  expect(run.exitCode, run.stdout).toBe(0);
  expect(createRequests(fx.emulator)).toHaveLength(1);
  const made = backupsMade();
  expect(made).toHaveLength(1);
  expect(made[0]?.status).toBe('AVAILABLE');
  expect(run.outputs['backup-id']).toBe(made[0]?.backupId);
  expect(run.outputs.status).toBe('AVAILABLE');
  expect(run.stdout).toContain(`Found backup ${made[0]?.backupId} (`);
  expect(run.stdout).toContain('adopting it');
}

describe('a lost create answer, CLUSTER backup: the backup it made is adopted, none sent again', () => {
  for (const [label, fault] of LOST_ANSWERS) {
    for (const [timing, config] of Object.entries(TIMINGS)) {
      it(`${label}, job ${timing} when looked at`, async () => {
        fx.configure(config);
        fx.emulator.faults.add({ method: 'POST', path: CREATE, fault });
        expectAdoptedOne(await backup({}));
      });
    }
  }

  it('no answer at all: the create gives up a fifth of timeout before the deadline, looks, adopts the finished backup', async () => {
    // timeout 8 s: the create waits about 6.4 s, leaving 1.6 s to look and wait.
    fx.configure(TIMINGS.done);
    fx.emulator.faults.add({ method: 'POST', path: CREATE, fault: { kind: 'hang-after-handling' } });
    const run = await backup({ timeout: '8s' });
    expectAdoptedOne(run);
    expect(run.durationMs).toBeGreaterThan(6000);
    expect(run.durationMs).toBeLessThan(8500);
  });

  it('a create that was never handled (dropped): the looks find nothing, it is sent again and the log says why', async () => {
    fx.emulator.faults.add({ method: 'POST', path: CREATE, fault: { kind: 'drop' } });
    const run = await backup({ timeout: '30s' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(createRequests(fx.emulator)).toHaveLength(2);
    const made = backupsMade();
    expect(made).toHaveLength(1);
    expect(run.outputs['backup-id']).toBe(made[0]?.backupId);
    expect(run.stdout).toMatch(/No backup of this scope made since the request was sent: \d+ looks? over \d+ s found none\./);
    expect(run.stdout).toContain('No backup was made by that request; sending it again.');
  });
});

describe('a lost create answer, COLLECTION backups: matched by scope whatever shape describe uses', () => {
  for (const [timing, config] of Object.entries(TIMINGS)) {
    it(`one database (medium_articles), a truncated 200, job ${timing} when looked at`, async () => {
      fx.configure(config);
      fx.emulator.faults.add({ method: 'POST', path: CREATE, fault: { kind: 'truncate-after-handling' } });
      const run = await backup({ collections: 'medium_articles' });
      expectAdoptedOne(run);
      expect(backupsMade()[0]).toMatchObject({ backupType: 'COLLECTION', collections: ['default.medium_articles'] });
    });

    it(`two databases (medium_articles, analytics.events), both answers lost (a 502), jobs ${timing} when looked at`, async () => {
      fx.configure(config);
      fx.emulator.faults.add({ method: 'POST', path: CREATE, times: 2, fault: { kind: 'status-after-handling', status: 502 } });
      const run = await backup({ collections: 'medium_articles, analytics.events', timeout: '20s' });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(createRequests(fx.emulator)).toHaveLength(2);
      const made = backupsMade();
      expect(made.map((b) => b.collections)).toEqual([['default.medium_articles'], ['analytics.events']]);
      expect(made.every((b) => b.status === 'AVAILABLE')).toBe(true);
      expect(backupsOutput(run).map((b) => [b.database, b.backupId, b.status])).toEqual([
        ['default', made[0]?.backupId, 'AVAILABLE'],
        ['analytics', made[1]?.backupId, 'AVAILABLE'],
      ]);
      for (const b of made) expect(run.stdout).toContain(`Found backup ${b.backupId} (`);
    });
  }
});
