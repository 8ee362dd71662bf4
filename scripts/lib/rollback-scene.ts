// The demo's rollback scene (`npm run demo -- rollback`): a pre-deploy backup, a migration that
// breaks the collection the application reads through an alias, then the restore sub-action with
// switch-alias: restored beside the original, loaded, and the alias moved in one step.
import { DEDICATED_CLUSTER, SEED_ALIAS, collectionKey, type Emulator } from '../../test/emulator/index.ts';
import type { Scene, StepContext } from './demo-scenes.ts';

/** The collection the application reads through the alias `SEED_ALIAS`. */
const COLLECTION = 'medium_articles';

/** Where the alias points and what each medium_articles* collection holds, read from the emulator. */
export function aliasLines(emulator: Emulator, when: string): string[] {
  const cluster = emulator.state.clusters.get(DEDICATED_CLUSTER);
  if (!cluster) return [`${when}: cluster ${DEDICATED_CLUSTER} is gone`];
  const target = cluster.aliases.get('default')?.get(SEED_ALIAS) ?? '(none)';
  const names = [...(cluster.databases.get('default')?.keys() ?? [])].filter((name) => name.startsWith(COLLECTION));
  return [
    `${when}: the application reads alias default.${SEED_ALIAS} → ${target}`,
    ...names.map(
      (name) =>
        `  default.${name}: ${cluster.rowCounts.get(collectionKey('default', name)) ?? 0} rows, ${emulator.state.loadStateOf(cluster, 'default', name)}`,
    ),
  ];
}

/** The migration that goes wrong: it empties the collection the application reads. */
export function breakCollection(emulator: Emulator): { title: string; lines: string[] } {
  emulator.state.clusters.get(DEDICATED_CLUSTER)?.rowCounts.set(collectionKey('default', COLLECTION), 0);
  return { title: `The migration runs, and breaks ${COLLECTION}`, lines: aliasLines(emulator, 'After the migration') };
}

const common = ({ url, apiKey }: StepContext) => ({ 'api-key': apiKey, 'cluster-id': DEDICATED_CLUSTER, 'base-url': url, timeout: '2m' });

export const ROLLBACK_SCENE: Scene = {
  name: 'rollback',
  shows: 'A backup, a migration that breaks, then restore with switch-alias: the rollback in one step.',
  lookFor:
    `Before the deploy the application reads alias default.${SEED_ALIAS} → ${COLLECTION}. The migration empties ` +
    `${COLLECTION}; restore then restores the backup beside it (a new name with the time in it), waits until the copy ` +
    'is loaded and counted, and only then moves the alias in one atomic step. The broken collection is kept as it was ' +
    '(for forensics), and the summary gives the call that points the alias back.',
  // Jobs of 3 s and a 2-second load: long enough to see each phase in the log.
  emulator: { jobPendingMs: 300, jobDurationMs: 3000, loadDurationMs: 2000 },
  steps: [
    {
      title: `Back up ${COLLECTION} before the migration`,
      before: (emulator) => ({ title: 'What the application reads', lines: aliasLines(emulator, 'Before the deploy') }),
      inputs: (context) => ({ ...common(context), collections: COLLECTION }),
    },
    {
      title: 'On failure, restore with switch-alias (the rollback, one step)',
      bundle: 'restore',
      before: breakCollection,
      inputs: (context) => ({
        ...common(context),
        'backup-id': context.previous[0]?.['backup-id'] ?? '',
        collections: COLLECTION,
        'switch-alias': SEED_ALIAS,
      }),
      after: (emulator) => aliasLines(emulator, 'After the rollback'),
    },
  ],
};
