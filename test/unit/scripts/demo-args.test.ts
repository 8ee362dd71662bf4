// The demo's command line: a scene, --help, or a mistake answered with the usage.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoUsage, parseDemoArgs } from '../../../scripts/lib/demo-args.ts';
import { DEFAULT_SCENE, SCENES } from '../../../scripts/lib/demo-scenes.ts';

const NAMES = SCENES.map((scene) => scene.name);

describe('parseDemoArgs', () => {
  it('runs the default scene without arguments, and the named one with one', () => {
    expect(parseDemoArgs([], NAMES, DEFAULT_SCENE)).toEqual({ kind: 'run', scene: 'steady' });
    expect(parseDemoArgs(['stall'], NAMES, DEFAULT_SCENE)).toEqual({ kind: 'run', scene: 'stall' });
  });

  it('--help and -h ask for the usage, whatever else is given', () => {
    expect(parseDemoArgs(['--help'], NAMES, DEFAULT_SCENE)).toEqual({ kind: 'help' });
    expect(parseDemoArgs(['stall', '-h'], NAMES, DEFAULT_SCENE)).toEqual({ kind: 'help' });
  });

  it('an unknown scene, an unknown option or two scenes are errors that say what was wrong', () => {
    expect(parseDemoArgs(['nonsense'], NAMES, DEFAULT_SCENE)).toEqual({ kind: 'error', message: 'no scene called "nonsense"' });
    expect(parseDemoArgs(['--bogus'], NAMES, DEFAULT_SCENE)).toMatchObject({ kind: 'error', message: expect.stringContaining('--bogus') });
    expect(parseDemoArgs(['stall', 'steps'], NAMES, DEFAULT_SCENE)).toEqual({ kind: 'error', message: 'one scene at a time, not stall steps' });
  });
});

describe('demoUsage', () => {
  it('lists every scene with what it shows, marks the default, and the options', () => {
    const usage = demoUsage(SCENES, DEFAULT_SCENE);
    expect(usage).toMatch(/^Usage: npm run demo -- \[scene\] \[--help\]/);
    for (const scene of SCENES) expect(usage).toContain(`${scene.name.padEnd(12)}  ${scene.shows}`);
    expect(usage).toMatch(/steady +.*\(default\)/);
    expect(usage).toContain('-h, --help');
  });
});

describe('SCENES', () => {
  it('each scene has a unique name, says what it shows and what to look for, and runs at least one step', () => {
    expect(new Set(NAMES).size).toBe(NAMES.length);
    expect(NAMES).toContain(DEFAULT_SCENE);
    for (const scene of SCENES) {
      expect(scene.shows, scene.name).toMatch(/\w/);
      expect(scene.lookFor, scene.name).toMatch(/\w/);
      expect(scene.steps.length, scene.name).toBeGreaterThan(0);
    }
  });

  it('the rollback and drill scenes are in the table, after the progress scenes', () => {
    expect(NAMES.slice(-2)).toEqual(['rollback', 'drill']);
  });

  it('the stall scene says the end is seen late, and why', () => {
    const stall = SCENES.find((scene) => scene.name === 'stall');
    expect(stall?.lookFor).toMatch(/no prediction/);
    expect(stall?.lookFor).toMatch(/after its real end/);
  });
});

describe('npm run demo with --help or a bad argument (the script itself)', () => {
  const demo = (...args: string[]) =>
    spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', '..', 'scripts', 'demo.ts'), ...args], { encoding: 'utf8', timeout: 20_000 });

  it('--help prints the usage with the scenes on stdout and exits 0', () => {
    const run = demo('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: npm run demo');
    expect(run.stdout).toContain('stall');
    expect(run.stdout).toMatch(/^ {2}rollback +A backup, a migration that breaks, then restore with switch-alias/m);
    expect(run.stdout).toMatch(/^ {2}drill +A restore drill with the clone action/m);
  });

  it('the drill is a scene like the others: a bad argument after it is refused with the usage', () => {
    const run = demo('drill', 'extra');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^demo: one scene at a time, not drill extra\n\nUsage: npm run demo/);
  });

  it('an unknown scene: the mistake and the usage on stderr, exit code 2, no stack trace', () => {
    const run = demo('nonsense');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^demo: no scene called "nonsense"\n\nUsage: npm run demo/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).toBe('');
  });
});
