// The demo's drill scene (`npm run demo -- drill`): the clone action as the runner runs it, main
// step then post step with GITHUB_STATE between them, against the local emulator. It restores the
// newest CLUSTER backup into a new cluster, waits until it serves, checks every collection on the
// clone's own data plane, then the post step drops it. A leftover clone from "yesterday" shows
// the warning. Self-contained: it shares only the harness and the renderers with the main demo.
import { DEDICATED_CLUSTER, PROJECT_ID, makeCluster, startEmulator } from '../../test/emulator/index.ts';
import { runAction, type ActionRun } from '../../test/e2e/harness.ts';
import { applyMasks, maskedValues, renderLog } from './render-log.ts';
import { renderSummary } from './render-summary.ts';

const rule = (title: string): void => console.log(`\n──── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`);

function show(title: string, run: ActionRun): void {
  const masks = maskedValues(run.stdout + run.stderr);
  rule(`${title}: log`);
  process.stdout.write(renderLog(run.stdout, masks));
  if (run.stderr) process.stdout.write(renderLog(run.stderr, masks));
  if (Object.keys(run.outputs).length) {
    rule(`${title}: outputs (GITHUB_OUTPUT)`);
    for (const [name, value] of Object.entries(run.outputs)) console.log(applyMasks(`${name}=${value}`, masks));
  }
  if (run.summary.trim()) {
    rule(`${title}: job summary (as text)`);
    process.stdout.write(applyMasks(renderSummary(run.summary), masks));
  }
}

/** Runs the scene; returns the exit code for the demo. */
export async function runDrillScene(): Promise<number> {
  // Jobs of 6 s and a clone that takes 2 s more to serve: long enough to watch it wait.
  const emulator = await startEmulator({ jobPendingMs: 1000, jobDurationMs: 6000 });
  emulator.state.config = { ...emulator.state.config, cloneReadyDelayMs: 2000 };
  const leftover = makeCluster(
    {
      clusterId: 'in01-0ddba11c10e0001',
      clusterName: 'ci-clone-forgotten-1234',
      regionId: 'aws-us-west-2',
      plan: 'Dedicated',
      createdAt: Date.now() - 30 * 3_600_000,
    },
    { default: {} },
  );
  leftover.projectId = PROJECT_ID;
  emulator.state.clusters.set(leftover.clusterId, leftover);
  const inputs = { 'api-key': emulator.apiKey, 'cluster-id': DEDICATED_CLUSTER, 'backup-id': 'latest', timeout: '2m', 'base-url': emulator.url };
  const env = { GITHUB_RUN_ID: '7301' };

  rule(`Restore drill against the Zilliz Cloud emulator on ${emulator.url}`);
  console.log('Running dist/clone/index.js (main), then dist/clone/post.js (post), as the runner would, with:');
  for (const [name, value] of Object.entries(inputs)) console.log(`  ${name}: ${name === 'api-key' ? '***' : JSON.stringify(value)}`);

  const main = await runAction(inputs, { bundle: 'clone', env });
  show('Main step', main);
  rule(`Saved for the post step (GITHUB_STATE): ${JSON.stringify(main.state)}`);
  const post = await runAction(inputs, { bundle: 'clone-post', env, state: main.state });
  show('Post step', post);

  const cloneId = main.outputs['cluster-id'] ?? '';
  const planes = new Set(emulator.requests.flatMap((r) => (r.clusterId ? [r.clusterId] : [])));
  rule('Result');
  console.log(
    `Clone ${cloneId || '(none)'}: ${main.outputs.status ?? 'no status'} in ${main.outputs['restore-seconds'] ?? '?'} s; ` +
      `${emulator.state.clusters.has(cloneId) ? 'still there' : 'dropped by the post step'}; source ${DEDICATED_CLUSTER} ${emulator.state.clusters.has(DEDICATED_CLUSTER) ? 'untouched' : 'GONE'}; ` +
      `data planes read: ${[...planes].join(', ') || 'none'} (${emulator.requests.length} requests in all).`,
  );
  await emulator.close();
  return main.exitCode === 0 && post.exitCode === 0 ? 0 : 1;
}
