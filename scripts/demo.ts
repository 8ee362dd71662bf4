// The quick start's demo: runs the built action for real, exactly as the GitHub runner does
// (INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), against the local Zilliz
// Cloud emulator, then prints the step's log, outputs and job summary.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEDICATED_CLUSTER, startEmulator } from '../test/emulator/index.ts';
import { BUNDLES, ROOT, runAction } from '../test/e2e/harness.ts';

if (!existsSync(BUNDLES.backup)) {
  console.log('dist/index.js is missing: building it (npm run build)…');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.ts')], { stdio: 'inherit' });
}

const emulator = await startEmulator({ jobPendingMs: 500, jobDurationMs: 3000 });
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
process.stdout.write(run.stdout);
if (run.stderr) process.stdout.write(run.stderr);
rule('Step outputs (GITHUB_OUTPUT)');
for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}=${value}`);
rule('Job summary (GITHUB_STEP_SUMMARY, HTML/Markdown)');
console.log(run.summary);
rule(`Result: exit code ${run.exitCode}, ${(run.durationMs / 1000).toFixed(1)} s, ${emulator.requests.length} API requests`);
process.exitCode = run.exitCode === 0 ? 0 : 1;
