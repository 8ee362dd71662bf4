// The demo's rollback scene (`npm run demo:rollback`): a pre-deploy backup, a migration that
// breaks the collection the application reads through an alias, then the restore sub-action with
// switch-alias: restored beside the original, loaded, and the alias moved in one step. Runs the
// built actions as the runner does, against the local emulator and its cluster's data plane.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEDICATED_CLUSTER, SEED_ALIAS, collectionKey, startEmulator, type Emulator } from '../test/emulator/index.ts';
import { BUNDLES, ROOT, runAction, type ActionRun } from '../test/e2e/harness.ts';
import { applyMasks, maskedValues, renderLog } from './lib/render-log.ts';
import { renderSummary } from './lib/render-summary.ts';

if (!existsSync(BUNDLES.restore)) {
  console.log('dist/restore/index.js is missing: building it (npm run build)…');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.ts')], { stdio: 'inherit' });
}

const rule = (title: string): void => console.log(`\n──── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`);

/** Where the alias points and what the collections hold, read from the emulator. */
function show(emulator: Emulator, when: string): void {
  const cluster = emulator.state.clusters.get(DEDICATED_CLUSTER);
  if (!cluster) return;
  const target = cluster.aliases.get('default')?.get(SEED_ALIAS) ?? '(none)';
  const rows = (name: string): string => String(cluster.rowCounts.get(collectionKey('default', name)) ?? 0);
  const names = [...(cluster.databases.get('default')?.keys() ?? [])].filter((name) => name.startsWith('medium_articles'));
  console.log(`${when}: the application reads alias default.${SEED_ALIAS} → ${target}`);
  for (const name of names) console.log(`  default.${name}: ${rows(name)} rows, ${emulator.state.loadStateOf(cluster, 'default', name)}`);
}

async function step(title: string, inputs: Record<string, string>, bundle: keyof typeof BUNDLES): Promise<ActionRun> {
  rule(title);
  for (const [name, value] of Object.entries(inputs)) console.log(`  ${name}: ${name === 'api-key' ? '***' : JSON.stringify(value)}`);
  const run = await runAction(inputs, { bundle });
  const masks = maskedValues(run.stdout + run.stderr);
  rule('Step log');
  process.stdout.write(renderLog(run.stdout + run.stderr, masks));
  rule('Step outputs (GITHUB_OUTPUT)');
  for (const [name, value] of Object.entries(run.outputs)) console.log(applyMasks(`${name}=${value}`, masks));
  rule('Job summary (GITHUB_STEP_SUMMARY, as text)');
  process.stdout.write(applyMasks(renderSummary(run.summary), masks));
  return run;
}

// Jobs of 3 s and a 2-second load: long enough to see each phase in the log.
const emulator = await startEmulator({ jobPendingMs: 300, jobDurationMs: 3000, loadDurationMs: 2000 });
try {
  const common = { 'api-key': emulator.apiKey, 'cluster-id': DEDICATED_CLUSTER, 'base-url': emulator.url, timeout: '2m' };
  rule('Scene "rollback": backup, a migration that breaks, restore with switch-alias');
  show(emulator, 'Before the deploy');
  const backup = await step('Step 1 of 3: back up medium_articles before the migration', { ...common, collections: 'medium_articles' }, 'backup');
  if (backup.exitCode !== 0) throw new Error('the backup step failed');

  rule('Step 2 of 3: the migration runs, and breaks medium_articles');
  emulator.state.clusters.get(DEDICATED_CLUSTER)?.rowCounts.set(collectionKey('default', 'medium_articles'), 0);
  show(emulator, 'After the migration');

  const restore = await step(
    'Step 3 of 3: on failure, restore with switch-alias (the rollback, one step)',
    { ...common, 'backup-id': backup.outputs['backup-id'] ?? '', collections: 'medium_articles', 'switch-alias': SEED_ALIAS },
    'restore',
  );
  rule('Result');
  show(emulator, 'After the rollback');
  console.log(
    restore.exitCode === 0
      ? `The alias moved in one atomic step; the broken collection is kept as it was (for forensics). ${emulator.requests.length} API requests in all.`
      : `The rollback failed (exit code ${restore.exitCode ?? restore.signal}).`,
  );
  process.exitCode = restore.exitCode === 0 ? 0 : 1;
} finally {
  await emulator.close();
}
