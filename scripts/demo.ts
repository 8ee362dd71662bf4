// The quick start's demo: runs the built action for real, exactly as the GitHub runner does
// (INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), against the local Zilliz
// Cloud emulator, then prints the step's log, outputs and job summary as GitHub shows them: workflow
// commands interpreted, masked values as ***, the summary's HTML as text.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEDICATED_CLUSTER, PROGRESS_PROFILES, startEmulator, type ProgressProfile } from '../test/emulator/index.ts';
import { BUNDLES, ROOT, runAction, type ActionRun } from '../test/e2e/harness.ts';
import { applyMasks, maskedValues, renderLog } from './lib/render-log.ts';
import { renderSummary } from './lib/render-summary.ts';

if (!existsSync(BUNDLES.backup)) {
  console.log('dist/index.js is missing: building it (npm run build)…');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.ts')], { stdio: 'inherit' });
}

// `npm run demo -- steps` shows another of the emulator's progress profiles (default steady).
const profile = process.argv[2] ?? 'steady';
if (!(PROGRESS_PROFILES as readonly string[]).includes(profile)) throw new Error(`progress profile: one of ${PROGRESS_PROFILES.join(', ')}, not ${profile}`);
// Jobs of 25 s: long enough for the waiter to predict the end from the job's progress (it looks
// every 5 s until four readings past the start agree on a rate).
const emulator = await startEmulator({ jobPendingMs: 500, jobDurationMs: 25_000, progressProfile: profile as ProgressProfile });
const inputs = {
  'api-key': emulator.apiKey,
  'cluster-id': DEDICATED_CLUSTER,
  collections: 'medium_articles\nanalytics.events',
  timeout: '2m',
  'base-url': emulator.url,
};
const rule = (title: string): void => console.log(`\n──── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`);

rule(`Zilliz Cloud emulator on ${emulator.url}`);
console.log('Running dist/index.js as the runner would, with:');
for (const [name, value] of Object.entries(inputs)) console.log(`  ${name}: ${name === 'api-key' ? '***' : JSON.stringify(value)}`);

const run = await runAction(inputs);
await emulator.close();

rule('Step log');
const masks = maskedValues(run.stdout + run.stderr);
process.stdout.write(renderLog(run.stdout, masks));
if (run.stderr) process.stdout.write(renderLog(run.stderr, masks));
rule('Step outputs (GITHUB_OUTPUT)');
for (const [name, value] of Object.entries(run.outputs)) console.log(applyMasks(`${name}=${value}`, masks));
rule('Job summary (GITHUB_STEP_SUMMARY, as text)');
process.stdout.write(applyMasks(renderSummary(run.summary), masks));
rule('Result');
console.log(closingLine(run, emulator.requests.length));
process.exitCode = run.exitCode === 0 ? 0 : 1;

/** What the run made (each backup and its status) and how long it took. */
function closingLine(result: ActionRun, requests: number): string {
  let backups: { backupId?: unknown; status?: unknown }[] = [];
  try {
    const parsed: unknown = JSON.parse(result.outputs.backups ?? '[]');
    if (Array.isArray(parsed)) backups = parsed as typeof backups;
  } catch {
    // no usable backups output: reported as nothing made
  }
  const status = result.outputs.status ?? '';
  const seconds = `${(result.durationMs / 1000).toFixed(1)} s`;
  const made = backups.map((b) => `${String(b.backupId)} ${String(b.status)}`).join(', ');
  const what =
    backups.length === 0 ? `No backup made (status ${status === '' ? 'none' : status})` : `${backups.length} backup${backups.length === 1 ? '' : 's'}: ${made}`;
  return `${what}, in ${seconds} (exit code ${result.exitCode ?? result.signal}, ${requests} API requests).`;
}
