import * as core from '@actions/core';
import { readCloneRequest } from '../inputs/clone.ts';
import { readConnection } from '../inputs/common.ts';
import { cloneProgressOutputs, finishClonePost, finishCloneRun } from '../report/clone.ts';
import { runClone } from '../workflows/clone.ts';
import { dropSavedClone } from '../workflows/clone-post.ts';
import type { RestoredCluster } from '../zilliz/clusters.ts';
import type { Progress } from '../types.ts';
import { runStep } from './common.ts';

/** The state the main step leaves for its post step: the id of the clone to drop. */
export const CLONE_STATE = 'clone-cluster-id';

/**
 * The moment restoreCluster answers, before anything else: the password is masked, the id saved
 * for the post step (unless the clone is to be kept), then both written to the outputs.
 */
function secureClone(made: RestoredCluster, keep: boolean, outputs: Progress<RestoredCluster>): void {
  if (made.password) core.setSecret(made.password);
  if (!keep) core.saveState(CLONE_STATE, made.clusterId);
  outputs.update([made]);
}

/** The two outputs only restoreCluster's answer gives. */
const answerOutputs = (answers: readonly RestoredCluster[]): Record<string, string> => ({
  'cluster-id': answers[0]?.clusterId ?? '',
  password: answers[0]?.password ?? '',
});

/** The clone sub-action's main step: a new cluster from a backup, waited for and checked. It never drops its clone. */
export async function run(): Promise<void> {
  await runStep({
    read: readCloneRequest,
    progressOutputs: cloneProgressOutputs,
    work: (request, session) =>
      runClone(request, {
        ...session,
        onRestored: (made) => secureClone(made, request.keep, session.progressOf(answerOutputs)),
        runId: [process.env.GITHUB_RUN_ID, Number(process.env.GITHUB_RUN_ATTEMPT) > 1 ? process.env.GITHUB_RUN_ATTEMPT : ''].filter(Boolean).join('-'),
      }),
    finish: finishCloneRun,
  });
}

/**
 * The clone's post step (post-if: always()): drops the clone its main step saved, whatever
 * happened to the main step. With nothing saved it sends nothing, not even to check the inputs.
 */
export async function post(): Promise<void> {
  const saved = core.getState(CLONE_STATE);
  if (!saved) {
    // The key is masked first in every step, even one that uses it for nothing.
    const rawKey = core.getInput('api-key');
    if (rawKey) core.setSecret(rawKey);
    core.info('Nothing to drop: the main step saved no clone (none was made, or keep is true).');
    return;
  }
  await runStep({
    read: (read, apiKey) => ({ ...readConnection(read, apiKey), sourceClusterId: read('cluster-id').trim() }),
    progressOutputs: () => ({}),
    work: (request, { api, clusters, runtime }) =>
      dropSavedClone(saved, request.sourceClusterId, { clusters, describeCluster: (id) => api.describeCluster(id), runtime }),
    finish: finishClonePost,
  });
}
