// The demo's drill scene (`npm run demo -- drill`): the clone action as the runner runs it, main
// step then post step with GITHUB_STATE between them. It restores the newest CLUSTER backup into a
// new cluster, waits until it serves, checks every collection on the clone's own data plane, then
// the post step drops it. A leftover clone from "yesterday" shows the warning.
import { DEDICATED_CLUSTER, PROJECT_ID, makeCluster, type Emulator } from '../../test/emulator/index.ts';
import type { Scene, StepContext } from './demo-scenes.ts';

/** The leftover clone: named as the action names its clones, 30 hours old. */
export const LEFTOVER_CLONE = { clusterId: 'in01-0ddba11c10e0001', clusterName: 'ci-clone-forgotten-1234' };

/** A clone that takes 2 s more to serve after its job, and a leftover clone from a run 30 hours ago. */
export function prepareDrill(emulator: Emulator): { title: string; lines: string[] } {
  emulator.state.config = { ...emulator.state.config, cloneReadyDelayMs: 2000 };
  const leftover = makeCluster({ ...LEFTOVER_CLONE, regionId: 'aws-us-west-2', plan: 'Dedicated', createdAt: Date.now() - 30 * 3_600_000 }, { default: {} });
  leftover.projectId = PROJECT_ID;
  emulator.state.clusters.set(leftover.clusterId, leftover);
  return {
    title: 'Yesterday, a drill that never dropped its clone',
    lines: [`${LEFTOVER_CLONE.clusterName} (${LEFTOVER_CLONE.clusterId}) has been running for 30 h.`],
  };
}

/** What became of the clone and the source, and which data planes the action read. */
export function drillResult(emulator: Emulator, { previous }: StepContext): string[] {
  const cloneId = previous.at(-1)?.['cluster-id'] ?? '';
  const planes = new Set(emulator.requests.flatMap((request) => (request.clusterId ? [request.clusterId] : [])));
  return [
    `Clone ${cloneId || '(none)'}: ${emulator.state.clusters.has(cloneId) ? 'still there' : 'dropped by the post step'}; ` +
      `source ${DEDICATED_CLUSTER}: ${emulator.state.clusters.has(DEDICATED_CLUSTER) ? 'untouched' : 'GONE'}; ` +
      `leftover ${LEFTOVER_CLONE.clusterId}: ${emulator.state.clusters.has(LEFTOVER_CLONE.clusterId) ? 'still there (warned about, not dropped)' : 'dropped'}.`,
    `Data planes read: ${[...planes].join(', ') || 'none'}.`,
  ];
}

export const DRILL_SCENE: Scene = {
  name: 'drill',
  shows: 'A restore drill with the clone action: main step, then post step with the state it saved.',
  lookFor:
    'The main step restores the newest CLUSTER backup into a new cluster, waits through CREATING and RESTORE_BACKUP ' +
    "until it serves, and checks every collection and its row count on the clone's own data plane; the password it " +
    'gets is masked at once (*** in the log and the outputs). It warns about the leftover clone from yesterday but ' +
    "drops nothing then: the post step, which reads the clone id from GITHUB_STATE, drops only this run's clone.",
  // Jobs of 6 s: long enough to watch it wait.
  emulator: { jobPendingMs: 1000, jobDurationMs: 6000 },
  steps: [
    {
      title: 'Clone the newest cluster backup and check it',
      bundle: 'clone',
      post: 'clone-post',
      env: { GITHUB_RUN_ID: '7301' },
      before: prepareDrill,
      inputs: ({ url, apiKey }) => ({ 'api-key': apiKey, 'cluster-id': DEDICATED_CLUSTER, 'backup-id': 'latest', timeout: '2m', 'base-url': url }),
      after: drillResult,
    },
  ],
};
