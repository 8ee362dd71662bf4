// The demo's player: a step's `before` change, the action, its post step with the main step's
// saved state, the step's `after`; and the two scenes that use them (rollback and drill).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closingLine, playSteps, type StepRun } from '../../../scripts/lib/demo-play.ts';
import type { Scene } from '../../../scripts/lib/demo-scenes.ts';
import { SCENES } from '../../../scripts/lib/demo-scenes.ts';
import { drillResult, LEFTOVER_CLONE, prepareDrill } from '../../../scripts/lib/drill-scene.ts';
import { aliasLines, breakCollection } from '../../../scripts/lib/rollback-scene.ts';
import { collectionKey, DEDICATED_CLUSTER, SEED_ALIAS, startEmulator, type Emulator } from '../../../test/emulator/index.ts';
import type { ActionRun } from '../../../test/e2e/harness.ts';

function fakeRun(outputs: Record<string, string>, exitCode = 0, state: Record<string, string> = {}): ActionRun {
  return { exitCode, signal: null, stdout: '', stderr: '', outputs, outputHistory: {}, summary: '', durationMs: 1500, everything: '', inputs: {}, state };
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/** Plays `scene` with `answer` standing in for the action runs; returns what was run, what was said, in order, and the exit code. */
async function play(scene: Scene, answer: (run: StepRun) => ActionRun) {
  const events: string[] = [];
  const runs: StepRun[] = [];
  const exitCode = await playSteps(
    scene,
    emulator,
    (run) => {
      runs.push(run);
      events.push(`run ${run.bundle}`);
      return Promise.resolve(answer(run));
    },
    (line) => events.push(line),
  );
  return { events, runs, exitCode };
}

describe('playSteps', () => {
  it('runs `before` first with the earlier outputs, then the step, then `after` with its outputs', async () => {
    const seen: Record<string, string>[][] = [];
    const scene: Scene = {
      name: 'two',
      shows: 's',
      lookFor: 'l',
      emulator: {},
      steps: [
        { title: 'first', inputs: () => ({ a: '1' }) },
        {
          title: 'second',
          bundle: 'restore',
          before: (_emulator, { previous }) => {
            seen.push(previous);
            return { title: 'the migration breaks', lines: ['broken'] };
          },
          inputs: ({ previous }) => ({ 'backup-id': previous[0]?.['backup-id'] ?? '' }),
          after: (_emulator, { previous }) => [`after: ${previous.map((outputs) => outputs.status).join(', ')}`],
        },
      ],
    };
    const { events, runs, exitCode } = await play(scene, (run) =>
      fakeRun(run.bundle === 'backup' ? { 'backup-id': 'backup1_x', status: 'AVAILABLE' } : { status: 'SUCCESSFUL' }),
    );
    expect(exitCode).toBe(0);
    expect(seen).toEqual([[{ 'backup-id': 'backup1_x', status: 'AVAILABLE' }]]);
    expect(runs.map((run) => [run.title, run.bundle, run.inputs])).toEqual([
      ['Step 1 of 2: first', 'backup', { a: '1' }],
      ['Step 2 of 2: second', 'restore', { 'backup-id': 'backup1_x' }],
    ]);
    const at = (text: string) => events.findIndex((event) => event.includes(text));
    expect(at('Before step 2 of 2: the migration breaks')).toBeGreaterThan(at('run backup'));
    expect(at('broken')).toBeLessThan(at('run restore'));
    expect(at('after: AVAILABLE, SUCCESSFUL')).toBeGreaterThan(at('run restore'));
  });

  it("runs the post step after its main step with the main step's state, inputs and environment", async () => {
    const scene: Scene = {
      name: 'post',
      shows: 's',
      lookFor: 'l',
      emulator: {},
      steps: [{ title: 'clone', bundle: 'clone', post: 'clone-post', env: { GITHUB_RUN_ID: '9' }, inputs: () => ({ keep: 'false' }) }],
    };
    const { events, runs, exitCode } = await play(scene, (run) =>
      run.bundle === 'clone' ? fakeRun({ status: 'VERIFIED' }, 0, { 'clone-cluster-id': 'in01-abc' }) : fakeRun({}),
    );
    expect(exitCode).toBe(0);
    expect(runs).toEqual([
      { title: 'Step 1 of 1: clone', bundle: 'clone', inputs: { keep: 'false' }, env: { GITHUB_RUN_ID: '9' } },
      {
        title: 'Step 1 of 1: clone (post step)',
        bundle: 'clone-post',
        inputs: { keep: 'false' },
        env: { GITHUB_RUN_ID: '9' },
        state: { 'clone-cluster-id': 'in01-abc' },
      },
    ]);
    expect(events).toContain('{"clone-cluster-id":"in01-abc"}');
    expect(events).toContain('Post step: exit code 0, in 2 s.');
  });

  it('runs the post step even when the main step failed (post-if: always()), then stops the scene with exit code 1', async () => {
    const scene: Scene = {
      name: 'failing',
      shows: 's',
      lookFor: 'l',
      emulator: {},
      steps: [
        { title: 'clone', bundle: 'clone', post: 'clone-post', inputs: () => ({}) },
        { title: 'never', inputs: () => ({}) },
      ],
    };
    const { runs, exitCode } = await play(scene, (run) => fakeRun({ status: 'ERROR' }, run.bundle === 'clone' ? 1 : 0));
    expect(exitCode).toBe(1);
    expect(runs.map((run) => run.bundle)).toEqual(['clone', 'clone-post']);
  });

  it('a failed post step fails the scene', async () => {
    const scene: Scene = {
      name: 'p',
      shows: 's',
      lookFor: 'l',
      emulator: {},
      steps: [{ title: 'clone', bundle: 'clone', post: 'clone-post', inputs: () => ({}) }],
    };
    const { exitCode } = await play(scene, (run) => fakeRun({}, run.bundle === 'clone-post' ? 1 : 0));
    expect(exitCode).toBe(1);
  });
});

describe('closingLine', () => {
  it('names each backup a backup step made, and the status of any other step', () => {
    const backups = JSON.stringify([{ backupId: 'backup1_x', status: 'AVAILABLE' }]);
    expect(closingLine(fakeRun({ backups, status: 'AVAILABLE' }))).toBe('1 backup: backup1_x AVAILABLE, in 2 s (exit code 0).');
    expect(closingLine(fakeRun({ backups: '[]', status: 'ERROR' }, 1))).toBe('No backup made (status ERROR), in 2 s (exit code 1).');
    expect(closingLine(fakeRun({ status: 'VERIFIED' }))).toBe('Status VERIFIED, in 2 s (exit code 0).');
  });
});

describe('the rollback scene', () => {
  const rollback = SCENES.find((scene) => scene.name === 'rollback');

  it('backs up, then restores the backup the first step made with switch-alias on the alias the application reads', () => {
    const restore = rollback?.steps[1];
    expect(rollback?.steps.map((step) => step.bundle ?? 'backup')).toEqual(['backup', 'restore']);
    expect(restore?.inputs({ url: 'http://127.0.0.1:1', apiKey: 'k', previous: [{ 'backup-id': 'backup3_abc' }] })).toMatchObject({
      'backup-id': 'backup3_abc',
      'switch-alias': SEED_ALIAS,
    });
    expect(restore?.before).toBe(breakCollection);
  });

  it('the migration empties the collection the alias points at, and the lines say so', () => {
    emulator.reset();
    const cluster = emulator.state.clusters.get(DEDICATED_CLUSTER);
    expect(cluster?.rowCounts.get(collectionKey('default', 'medium_articles'))).toBeGreaterThan(0);
    const { lines } = breakCollection(emulator);
    expect(cluster?.rowCounts.get(collectionKey('default', 'medium_articles'))).toBe(0);
    expect(lines[0]).toBe(`After the migration: the application reads alias default.${SEED_ALIAS} → medium_articles`);
    expect(lines).toContain('  default.medium_articles: 0 rows, LoadStateLoaded');
    expect(aliasLines(emulator, 'Now')[0]).toMatch(/^Now: /);
  });
});

describe('the drill scene', () => {
  const drill = SCENES.find((scene) => scene.name === 'drill');

  it('runs the clone action with its post step', () => {
    expect(drill?.steps.map((step) => [step.bundle, step.post])).toEqual([['clone', 'clone-post']]);
  });

  it('leaves a clone from yesterday and makes clones slow to serve; the result says what was dropped', () => {
    emulator.reset();
    prepareDrill(emulator);
    expect(emulator.state.clusters.get(LEFTOVER_CLONE.clusterId)?.clusterName).toBe(LEFTOVER_CLONE.clusterName);
    expect(emulator.state.config.cloneReadyDelayMs).toBe(2000);
    const context = { url: emulator.url, apiKey: emulator.apiKey, previous: [{ 'cluster-id': 'in01-gone' }] };
    expect(drillResult(emulator, context)[0]).toBe(
      `Clone in01-gone: dropped by the post step; source ${DEDICATED_CLUSTER}: untouched; ` +
        `leftover ${LEFTOVER_CLONE.clusterId}: still there (warned about, not dropped).`,
    );
    const kept = { ...context, previous: [{ 'cluster-id': LEFTOVER_CLONE.clusterId }] };
    expect(drillResult(emulator, kept)[0]).toMatch(/^Clone in01-0ddba11c10e0001: still there;/);
  });
});
