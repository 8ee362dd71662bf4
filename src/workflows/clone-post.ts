// The clone's post step: drop the one cluster the main step saved, and nothing else.
import { ActionError } from '../errors.ts';
import { isPlainId } from '../ids.ts';
import type { Outcome } from '../types.ts';
import { dropCluster, type DropDeps, type DropResult } from './drop-cluster.ts';

/** What the post step did with the saved clone. */
export interface DropRecord {
  clusterId: string;
  result: DropResult | 'not dropped';
}

/**
 * Drops the saved clone: only an id this run's restoreCluster returned (the main step saved it the
 * moment it answered), never the source cluster. Never throws: the failure comes back as a value.
 */
export async function dropSavedClone(saved: string, sourceClusterId: string, deps: DropDeps): Promise<Outcome<DropRecord>> {
  const record: DropRecord = { clusterId: saved, result: 'not dropped' };
  if (!isPlainId(saved)) return { records: [record], failure: new ActionError('The saved clone id is not a plain cluster id; nothing was dropped.') };
  if (saved === sourceClusterId) {
    return { records: [record], failure: new ActionError(`The saved clone id is the source cluster ${sourceClusterId}; the source is never dropped.`) };
  }
  deps.runtime.logger.info(`Dropping the clone ${saved} that this run's restoreCluster made.`);
  try {
    return { records: [{ clusterId: saved, result: await dropCluster(saved, deps) }], failure: undefined };
  } catch (failure) {
    return { records: [record], failure };
  }
}
