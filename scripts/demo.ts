// The quick start's demo: runs the built action for real, exactly as the GitHub runner does
// (INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), against the local Zilliz
// Cloud emulator, and shows the step's log as it happens, as GitHub shows it (workflow commands
// interpreted, masked values as ***), then its outputs, its job summary as text, and a timeline of
// each job from the emulator's side. `npm run demo -- --help` lists the scenes (scripts/lib/demo-scenes.ts).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatDuration } from '../src/format.ts';
import { startEmulator } from '../test/emulator/index.ts';
import { BUNDLES, ROOT, runAction, type ActionRun } from '../test/e2e/harness.ts';
import { demoUsage, parseDemoArgs } from './lib/demo-args.ts';
import { DEFAULT_SCENE, SCENES, type Scene } from './lib/demo-scenes.ts';
import { describeTimeline, jobTimeline } from './lib/job-timeline.ts';
import { applyMasks, LogRenderer } from './lib/render-log.ts';
import { renderSummary } from './lib/render-summary.ts';
import { runDrillScene } from './lib/drill-scene.ts';

// `npm run demo -- drill`: the clone action's restore drill, main step then post step (scripts/lib/drill-scene.ts).
if (process.argv[2] === 'drill') process.exit(await runDrillScene());

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

function rule(title: string): void {
  console.log(`\n──── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`);
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

/** Runs every step of the scene against a fresh emulator; the exit code is the first failed step's (1) or 0. */
async function play(scene: Scene): Promise<number> {
  if (!existsSync(BUNDLES.backup)) {
    console.log('dist/index.js is missing: building it (npm run build)…');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.ts')], { stdio: 'inherit' });
  }
  rule(`Scene "${scene.name}"`);
  console.log(wrap(scene.shows));
  console.log(`\n  What to look for:\n${wrap(scene.lookFor, '    ')}`);
  const emulator = await startEmulator(scene.emulator);
  const startedAt = Date.now();
  const previous: Record<string, string>[] = [];
  let failed = false;
  try {
    for (const [index, step] of scene.steps.entries()) {
      const run = await playStep(
        `${index + 1} of ${scene.steps.length}: ${step.title}`,
        step.bundle ?? 'backup',
        step.inputs({ url: emulator.url, apiKey: emulator.apiKey, previous }),
      );
      previous.push(run.outputs);
      rule('Result');
      console.log(closingLine(run));
      if (run.exitCode !== 0) {
        failed = true;
        break;
      }
    }
    rule('Timeline (from the emulator: when each job really ended, and when the action saw it)');
    for (const line of describeTimeline(jobTimeline([...emulator.state.jobs.values()], emulator.requests), startedAt)) console.log(wrap(line));
    console.log(`  ${emulator.requests.length} API requests in all.`);
  } finally {
    await emulator.close();
  }
  return failed ? 1 : 0;
}

/** One action run: its inputs, its log as it happens, then its outputs and its job summary. */
async function playStep(title: string, bundle: keyof typeof BUNDLES, inputs: Record<string, string>): Promise<ActionRun> {
  rule(`Step ${title}`);
  console.log(`Running ${join('dist', bundle === 'backup' ? '' : bundle, 'index.js')} as the runner would, with:`);
  for (const [name, value] of Object.entries(inputs)) console.log(`  ${name}: ${name === 'api-key' ? '***' : JSON.stringify(value)}`);
  rule('Step log (as it happens)');
  const renderer = new LogRenderer();
  const run = await runAction(inputs, {
    bundle,
    onSpawn: (child) => {
      child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(renderer.write(chunk.toString(), 'stdout')));
      child.stderr?.on('data', (chunk: Buffer) => process.stdout.write(renderer.write(chunk.toString(), 'stderr')));
    },
  });
  process.stdout.write(renderer.end());
  const masks = renderer.maskedValues;
  rule('Step outputs (GITHUB_OUTPUT)');
  for (const [name, value] of Object.entries(run.outputs)) console.log(applyMasks(`${name}=${value}`, masks));
  rule('Job summary (GITHUB_STEP_SUMMARY, as text)');
  process.stdout.write(applyMasks(renderSummary(run.summary), masks));
  return run;
}

/** What the run made (each backup and its status) and how long it took. */
function closingLine(result: ActionRun): string {
  let backups: { backupId?: unknown; status?: unknown }[] = [];
  try {
    const parsed: unknown = JSON.parse(result.outputs.backups ?? '[]');
    if (Array.isArray(parsed)) backups = parsed as typeof backups;
  } catch {
    // no usable backups output: reported as nothing made
  }
  const status = result.outputs.status ?? '';
  const made = backups.map((b) => `${String(b.backupId)} ${String(b.status)}`).join(', ');
  const what =
    backups.length === 0
      ? `No backup made (status ${status === '' ? 'none' : status})`
      : `${backups.length} ${backups.length === 1 ? 'backup' : 'backups'}: ${made}`;
  return `${what}, in ${formatDuration(result.durationMs)} (exit code ${result.exitCode ?? result.signal}).`;
}
