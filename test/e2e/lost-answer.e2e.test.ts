// Issue 20, point 4: a lost create answer is looked for long enough. The listing may show the new
// backup only after a while; the action looks for 1–2 minutes (at most half of what the timeout
// leaves) before it sends again, says why it sends again, and after sending again names any other
// backup of the same scope made since the first send (a warning, the summary, the `backups` output).
import { describe, expect, it } from 'vitest';
import { useEmulator } from './emulator-fixture.ts';
import { CREATE_PATH, LIST_PATH, backupsMadeByRuns, backupsOutput, createRequests } from './helpers.ts';

const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: 1000 });

describe('a lost create answer and a listing that shows new backups late', () => {
  it('the backup is listed 8 s after the create: the action is still looking, adopts it, and sends nothing again', async () => {
    // On the code before this issue: three looks 2 s apart, then a second create and two backups.
    fx.emulator.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'drop-after-handling' } });
    fx.emulator.faults.add({ method: 'GET', path: LIST_PATH, times: 1000, fault: { kind: 'late-listing', ms: 8000 } });
    const run = await fx.run({ timeout: '1m' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(createRequests(fx.emulator)).toHaveLength(1);
    const made = backupsMadeByRuns(fx.emulator);
    expect(made).toHaveLength(1);
    expect(run.outputs['backup-id']).toBe(made[0]?.backupId);
    expect(run.stdout).toContain('Looking for it for up to 30 s');
  });

  it('listed only after the looks: sent again with the reason logged, and the first backup named in a warning, the summary and `backups` (gate: false)', async () => {
    // timeout 40 s: the looks may take 20 s (at 0, 1, 3, 6, 11 and 16 s), a new backup is listed
    // only 18.5 s after it was made, so every look misses the first backup. Jobs of 5 s: the first is done before the create is
    // sent again (the cluster is free), and the wait for the second outlasts the lag, so the last
    // look, at about 21 s, sees both.
    fx.configure({ jobPendingMs: 0, jobDurationMs: 5000 });
    fx.emulator.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'drop-after-handling' } });
    fx.emulator.faults.add({ method: 'GET', path: LIST_PATH, times: 1000, fault: { kind: 'late-listing', ms: 18_500 } });
    const run = await fx.run({ timeout: '40s' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(createRequests(fx.emulator)).toHaveLength(2);
    expect(run.stdout).toMatch(/No backup of this scope made since the request was sent: \d+ looks? over \d+ s found none\./);
    expect(run.stdout).toContain('No backup was made by that request; sending it again.');
    const made = backupsMadeByRuns(fx.emulator);
    expect(made).toHaveLength(2);
    const gate = run.outputs['backup-id'];
    const other = made.find((b) => b.backupId !== gate)?.backupId ?? '';
    expect(gate).toBe(made.find((b) => b.backupId !== other)?.backupId);
    expect(run.stdout).toMatch(new RegExp(`::warning::Backup ${other} .*not this run's gate`));
    expect(run.summary).toContain('Another backup of the same scope');
    expect(run.summary).toContain(`<code>${other}</code>`);
    expect(backupsOutput(run).map((b) => [b.backupId, (b as { gate?: boolean }).gate ?? true])).toEqual([
      [gate, true],
      [other, false],
    ]);
  });
});
