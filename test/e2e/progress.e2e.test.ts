// Issue 15 end to end: the built action against the emulator's progress profiles. The log
// predicts the end from steady progress, once per change worth telling; when progress gives no
// prediction (always 0 until the end) it says only the status. A prediction rests on four
// readings past the start, which the action's own schedule (every 5 s until then) takes 20 s to
// gather: these runs look every second instead, to keep the jobs short. The schedule itself is
// tested on a simulated clock (test/unit/workflows/schedule.test.ts).
import { describe, expect, it } from 'vitest';
import { useEmulator } from './emulator-fixture.ts';
import { runAction } from './harness.ts';
import { describeJobRequests, expectKeyHidden, expectOneGoodBackup } from './helpers.ts';

const fx = useEmulator({ jobPendingMs: 200, jobDurationMs: 8000 });

/** The job's status lines of the log, without their elapsed-time suffix. */
const jobLines = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter((line) => /^Job job-\S+: /.test(line))
    .map((line) => line.replace(/ \(waited [^)]+\)$/, '').replace(/^Job \S+: /, ''));

describe('progress-aware waiting', () => {
  it('steady progress: the log predicts the end, each line says something new, and the run ends with one AVAILABLE backup', async () => {
    fx.configure({ progressProfile: 'steady' });
    const run = await runAction(fx.inputs({ 'poll-interval': '1s' }));
    expectOneGoodBackup(fx.emulator, run);
    const lines = jobLines(run.stdout);
    // The time left is a number, told when it is first known (and again only if the end moves).
    expect(lines.filter((line) => /^IN_PROGRESS \d+ %, about \d+ s left$/.test(line)).length).toBeGreaterThanOrEqual(1);
    expect(lines.at(-1)).toBe('SUCCESSFUL');
    // At most once per change: no line repeats the one before it.
    for (let i = 1; i < lines.length; i++) expect(lines[i]).not.toBe(lines[i - 1]);
    expectKeyHidden(run);
  });

  it('progress that stays at 0 until the end: no prediction is claimed, and the end is still noticed', async () => {
    fx.configure({ progressProfile: 'always-zero' });
    const run = await runAction(fx.inputs({ 'poll-interval': '1s' }));
    expectOneGoodBackup(fx.emulator, run);
    const lines = jobLines(run.stdout);
    expect(lines.some((line) => line.includes(' left'))).toBe(false);
    expect(lines.at(-1)).toBe('SUCCESSFUL');
    // Many looks, few lines: a line is written only when what it says changes.
    expect(lines.length).toBeLessThan(describeJobRequests(fx.emulator).length);
  });
});
