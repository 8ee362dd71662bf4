// Dropping a cluster: the most destructive call this project makes. One DELETE, never sent twice
// blindly; an answer that is lost or unclear is settled by describing the cluster.
import { ApiError, ClusterDropFailedError, InterruptedError, detailOf } from '../errors.ts';
import { throwIfCancelled, type Runtime } from '../runtime.ts';
import type { ClusterApi } from '../zilliz/clusters.ts';
import { isUnclearAnswer } from '../zilliz/retry.ts';
import { isClusterDropped, normalizeStatus } from './status.ts';
import { CLUSTER_NOT_FOUND } from './waiting.ts';

/** What dropping needs: the drop call, and a describe to settle an unclear answer. */
export interface DropDeps {
  clusters: Pick<ClusterApi, 'dropCluster'>;
  describeCluster: (clusterId: string) => Promise<{ status: string }>;
  runtime: Runtime;
}

/** `dropped`: the DELETE answered, or describe shows it going; `already gone`: describe no longer finds it. */
export type DropResult = 'dropped' | 'already gone';

/** Drops one cluster; throws ClusterDropFailedError when it is still there after all. */
export async function dropCluster(clusterId: string, deps: DropDeps): Promise<DropResult> {
  const { runtime } = deps;
  throwIfCancelled(runtime.signal);
  try {
    await deps.clusters.dropCluster(clusterId);
    runtime.logger.info(`Dropped cluster ${clusterId} (it stays 30 days in the console's recycle bin).`);
    return 'dropped';
  } catch (error) {
    if (!isUnclearAnswer(error)) {
      if (error instanceof InterruptedError && error.sentRequest) {
        runtime.logger.warning(`The drop of cluster ${clusterId} was sent but its answer never came; it may be dropped. Check it in the console.`);
      }
      throw error;
    }
    runtime.logger.warning(`The drop of cluster ${clusterId} was not confirmed (${detailOf(error)}); describing the cluster to settle it.`);
    return settleDrop(clusterId, error, deps);
  }
}

async function settleDrop(clusterId: string, dropError: unknown, deps: DropDeps): Promise<DropResult> {
  let status: string;
  try {
    status = (await deps.describeCluster(clusterId)).status;
  } catch (error) {
    if (error instanceof ApiError && error.code === CLUSTER_NOT_FOUND) {
      deps.runtime.logger.info(`Cluster ${clusterId} is no longer found: already dropped.`);
      return 'already gone';
    }
    throw new ClusterDropFailedError(clusterId, `the drop was not confirmed (${detailOf(dropError)}) and describing it failed too (${detailOf(error)})`, error);
  }
  if (isClusterDropped(status)) {
    deps.runtime.logger.info(`Cluster ${clusterId} is ${normalizeStatus(status)}: the drop went through.`);
    return 'dropped';
  }
  throw new ClusterDropFailedError(clusterId, `it is still ${normalizeStatus(status)} after ${detailOf(dropError)}`, dropError);
}
