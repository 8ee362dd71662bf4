// The quick start's demo: runs the built action for real, exactly as the GitHub runner does
// (INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), against the local Zilliz
// Cloud emulator, and shows the step's log as it happens, as GitHub shows it (workflow commands
// interpreted, masked values as ***), then its outputs, its job summary as text, and a timeline of
// each job from the emulator's side. An action with a `post:` step (clone) has it run after its
// main step with the state it saved (GITHUB_STATE). `npm run demo -- --help` lists the scenes
// (scripts/lib/demo-scenes.ts); scripts/lib/demo-play.ts plays their steps in order.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startEmulator } from '../test/emulator/index.ts';
import { BUNDLES, ROOT, runAction, type ActionRun } from '../test/e2e/harness.ts';
import { demoUsage, parseDemoArgs } from './lib/demo-args.ts';
import { playSteps, rule, type StepRun } from './lib/demo-play.ts';
import { DEFAULT_SCENE, SCENES, type Scene } from './lib/demo-scenes.ts';
import { describeTimeline, jobTimeline } from './lib/job-timeline.ts';
import { applyMasks, LogRenderer } from './lib/render-log.ts';
import { renderSummary } from './lib/render-summary.ts';

const command = parseDemoArgs(
  process.argv.slice(2),
  SCENES.map((scene) => scene.name),
  DEFAULT_SCENE,
);
if (command.kind === 'help') {
  process.stdout.write(demoUsage(SCENES, DEFAULT_SCENE));
} else if (command.kind === 'error') {
  process.stderr.write(`demo: ${command.message}\n\n${demoUsage(SCENES, DEFAULT_SCENE)}`);
  process.exitCode = 2;
} else {
  const scene = SCENES.find((candidate) => candidate.name === command.scene);
  if (scene) process.exitCode = await play(scene);
}

/** `text` broken into lines of at most `width` characters, each starting with `indent`. */
function wrap(text: string, indent = '  ', width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

/** Plays the scene against a fresh emulator; the exit code is 1 when a step failed, else 0. */
async function play(scene: Scene): Promise<number> {
  if (!existsSync(BUNDLES.backup)) {
    console.log('dist/index.js is missing: building it (npm run build)…');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.ts')], { stdio: 'inherit' });
  }
  console.log(rule(`Scene "${scene.name}"`));
  console.log(wrap(scene.shows));
  console.log(`\n  What to look for:\n${wrap(scene.lookFor, '    ')}`);
  const emulator = await startEmulator(scene.emulator);
  // Masks hold for the whole job, as on GitHub: the key (a secret) from the start, and every
  // value a step masks (the clone's password) from then on, in later steps too.
  const masks = [emulator.apiKey];
  const startedAt = Date.now();
  try {
    const exitCode = await playSteps(
      scene,
      emulator,
      (run) => playStep(run, masks),
      (line) => console.log(applyMasks(line, masks)),
    );
    console.log(rule('Timeline (from the emulator: when each job really ended, and when the action saw it)'));
    for (const line of describeTimeline(jobTimeline([...emulator.state.jobs.values()], emulator.requests), startedAt)) console.log(wrap(line));
    console.log(`  ${emulator.requests.length} API requests in all.`);
    return exitCode;
  } finally {
    await emulator.close();
  }
}

/** One action run: its inputs, its log as it happens, then its outputs and its job summary. `masks` gains what it masks. */
async function playStep({ title, bundle, inputs, env, state }: StepRun, masks: string[]): Promise<ActionRun> {
  console.log(rule(title));
  console.log(`Running ${relative(ROOT, BUNDLES[bundle])} as the runner would, with:`);
  for (const [name, value] of Object.entries(inputs)) console.log(applyMasks(`  ${name}: ${JSON.stringify(value)}`, masks));
  console.log(rule('Step log (as it happens)'));
  const renderer = new LogRenderer(masks);
  const run = await runAction(inputs, {
    bundle,
    ...(env ? { env } : {}),
    ...(state ? { state } : {}),
    onSpawn: (child) => {
      child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(renderer.write(chunk.toString(), 'stdout')));
      child.stderr?.on('data', (chunk: Buffer) => process.stdout.write(renderer.write(chunk.toString(), 'stderr')));
    },
  });
  process.stdout.write(renderer.end());
  masks.splice(0, masks.length, ...renderer.maskedValues);
  console.log(rule('Step outputs (GITHUB_OUTPUT)'));
  if (Object.keys(run.outputs).length === 0) console.log('(none)');
  for (const [name, value] of Object.entries(run.outputs)) console.log(applyMasks(`${name}=${value}`, masks));
  console.log(rule('Job summary (GITHUB_STEP_SUMMARY, as text)'));
  process.stdout.write(run.summary.trim() === '' ? '(none)\n' : applyMasks(renderSummary(run.summary), masks));
  return run;
}
