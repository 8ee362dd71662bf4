// Clones left behind (a kept clone forgotten, a runner that died before its post step): found by
// their name prefix in the source's project, warned about, and dropped only when asked, bounded.
import { InterruptedError, detailOf } from '../errors.ts';
import { countOf, formatDuration } from '../format.ts';
import { isPlainId } from '../ids.ts';
import { CLONE_PREFIX } from '../inputs/clone.ts';
import type { ClusterListing } from '../zilliz/clusters.ts';
import { dropCluster, type DropDeps, type DropResult } from './drop-cluster.ts';
import { isClusterDropped } from './status.ts';

export interface LeftoverRules {
  /** The source cluster: never a leftover, whatever its name. */
  sourceClusterId: string;
  /** Only clusters of the source's project are looked at. */
  projectId: string;
  staleAfterMs: number;
  now: number;
}

export interface Leftover {
  cluster: ClusterListing;
  ageMs: number;
}

/**
 * The project's clusters named with the clone prefix and older than stale-after, oldest first.
 * Never the source, never a name without the prefix, never one already being dropped, never an
 * id that could not go into a URL, never one whose age cannot be read.
 */
export function findLeftovers(clusters: readonly ClusterListing[], rules: LeftoverRules): Leftover[] {
  const leftovers: Leftover[] = [];
  for (const cluster of clusters) {
    if (cluster.clusterId === rules.sourceClusterId || !cluster.clusterName.startsWith(CLONE_PREFIX)) continue;
    if (cluster.projectId !== rules.projectId || !isPlainId(cluster.clusterId) || isClusterDropped(cluster.status)) continue;
    const created = Date.parse(cluster.createTime);
    if (Number.isNaN(created)) continue;
    const ageMs = rules.now - created;
    if (ageMs > rules.staleAfterMs) leftovers.push({ cluster, ageMs });
  }
  return leftovers.sort((a, b) => b.ageMs - a.ageMs || (a.cluster.clusterId < b.cluster.clusterId ? -1 : 1));
}

/** What became of each leftover: warned only, dropped, found gone, or a drop that failed. */
export interface LeftoverRow extends Leftover {
  result: 'warned' | DropResult | 'drop failed';
}

export interface LeftoverJob extends LeftoverRules {
  dropStale: boolean;
  maxDrops: number;
}

/** A leftover as the log names it; its age to the minute (seconds would only be noise). */
const label = (l: Leftover): string =>
  `${l.cluster.clusterId} (${l.cluster.clusterName}, ${formatDuration(Math.round(l.ageMs / 60_000) * 60_000)} old, ${l.cluster.cuSize ?? '?'} CU, ${l.cluster.status || 'status unknown'})`;

/**
 * Warns about the leftovers among the listed clusters, and with drop-stale drops the oldest of
 * them, at most max-drops, after saying in the log what it is about to drop. A failed drop is
 * reported and does not stop the run: leftovers are a side matter of a clone run.
 */
export async function handleLeftovers(listed: readonly ClusterListing[], job: LeftoverJob, deps: DropDeps): Promise<LeftoverRow[]> {
  const { logger } = deps.runtime;
  const leftovers = findLeftovers(listed, job);
  if (!leftovers.length) {
    logger.info(`No leftover clones (${CLONE_PREFIX}* older than ${formatDuration(job.staleAfterMs)}) in project ${job.projectId}.`);
    return [];
  }
  logger.warning(
    `${countOf(leftovers.length, 'leftover clone')} older than ${formatDuration(job.staleAfterMs)} in project ${job.projectId}, billed while running: ${leftovers.map((l) => label(l)).join('; ')}.` +
      (job.dropStale ? '' : ' Set drop-stale: true to drop them.'),
  );
  const rows: LeftoverRow[] = leftovers.map((l) => ({ ...l, result: 'warned' }));
  if (!job.dropStale) return rows;
  const chosen = leftovers.slice(0, job.maxDrops);
  logger.info(`Dry run: would drop ${chosen.map((l) => label(l)).join('; ')}.`);
  if (leftovers.length > chosen.length) {
    logger.info(
      `max-drops is ${job.maxDrops}: ${leftovers.length - chosen.length === 1 ? '1 more is' : `${leftovers.length - chosen.length} more are`} left for a later run.`,
    );
  }
  for (const [index, leftover] of chosen.entries()) {
    let result: LeftoverRow['result'];
    try {
      result = await dropCluster(leftover.cluster.clusterId, deps);
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      logger.warning(`Leftover ${leftover.cluster.clusterId}: ${detailOf(error)}`);
      result = 'drop failed';
    }
    rows[index] = { ...leftover, result };
  }
  return rows;
}
