// The demo's scenes: each starts the emulator with its own settings, runs one or more actions in
// order (a later step may use an earlier step's outputs, a step may change the emulator first, as
// a migration that breaks a collection would, and an action with a `post:` step runs it after its
// main step) and says what it shows and what to look for. To add a scene, add an entry to SCENES;
// `npm run demo -- --help` lists them.
import type { Emulator, EmulatorOptions, ProgressProfile } from '../../test/emulator/index.ts';
import { DEDICATED_CLUSTER } from '../../test/emulator/index.ts';
import type { BUNDLES } from '../../test/e2e/harness.ts';
import { DRILL_SCENE } from './drill-scene.ts';
import { ROLLBACK_SCENE } from './rollback-scene.ts';

/** What a step's inputs may be made from: the emulator, and the outputs of the steps before it. */
export interface StepContext {
  url: string;
  apiKey: string;
  /** Outputs of each earlier step, in order. */
  previous: Record<string, string>[];
}

export interface DemoStep {
  /** Shown above the step's log, e.g. "Back up two collections". */
  title: string;
  /** Which action runs (default the main one, dist/index.js). */
  bundle?: keyof typeof BUNDLES;
  /** The step's `with:` inputs. */
  inputs: (context: StepContext) => Record<string, string>;
  /** Extra environment of the runner, e.g. GITHUB_RUN_ID. */
  env?: Record<string, string>;
  /**
   * What happens outside the action before the step (e.g. a migration that breaks a collection):
   * changes the emulator and says what it did, shown under its own title.
   */
  before?: (emulator: Emulator, context: StepContext) => { title: string; lines: string[] };
  /** The action's `post:` step, run after the main step (always, as `post-if: always()`) with the state the main step saved. */
  post?: keyof typeof BUNDLES;
  /** What to say after the step (and its post step) from the emulator's side, e.g. where an alias points now. */
  after?: (emulator: Emulator, context: StepContext) => string[];
}

export interface Scene {
  name: string;
  /** One line: what the scene shows. */
  shows: string;
  /** What to look for in the log, the summary and the timeline, and why it happens. */
  lookFor: string;
  emulator: EmulatorOptions;
  steps: DemoStep[];
}

/**
 * Jobs of 25 s: long enough for the waiter to predict the end from the job's progress (it looks
 * every 5 s until four readings past the start agree on a rate).
 */
const JOB_MS = 25_000;

/** The main action backing up one collection in each of two databases (so two backups, two groups). */
const backupTwoDatabases: DemoStep = {
  title: 'Back up medium_articles and analytics.events before a migration',
  inputs: ({ url, apiKey }) => ({
    'api-key': apiKey,
    'cluster-id': DEDICATED_CLUSTER,
    collections: 'medium_articles\nanalytics.events',
    timeout: '2m',
    'base-url': url,
  }),
};

function progressScene(name: ProgressProfile, shows: string, lookFor: string): Scene {
  return { name, shows, lookFor, emulator: { jobPendingMs: 500, jobDurationMs: JOB_MS, progressProfile: name }, steps: [backupTwoDatabases] };
}

export const SCENES: readonly Scene[] = [
  progressScene(
    'steady',
    'Two backup jobs of 25 s each whose progress rises steadily.',
    'The action looks every 5 s, like a shell loop, until four readings agree on a rate; then the log says how long ' +
      'is left ("about N s left"), the action sleeps toward the predicted end and looks about once a second as it ' +
      'nears, so each job is seen ended within about a second of its real end (the timeline at the end compares the two).',
  ),
  progressScene(
    'slow-start',
    'Jobs whose progress creeps to 10 % in the first half, then rises fast.',
    'The first readings fit no steady rate well enough for a prediction; once progress speeds up the log says how long ' +
      'is left, and the end is still seen within about a second.',
  ),
  progressScene(
    'steps',
    'Jobs whose progress moves in a few large jumps.',
    'Jumps fit no steady rate, so the action looks every 5 s, exactly like a shell loop: never later than the loop, ' +
      'never more requests; the timeline shows how late each end was seen (at most about 5 s).',
  ),
  progressScene(
    'stall',
    'Jobs whose progress rises to 50 %, stands still through the middle third, then rises again.',
    'Once progress stands still there is no prediction any more, and the log says so; the action goes back to looking ' +
      'every 5 s (never more often, never less) until the readings agree on a rate again. A job that ends during a ' +
      'stall is seen at most about 5 s after its real end, as a shell loop would see it.',
  ),
  progressScene(
    'always-zero',
    'Jobs that report 0 % until they end (progress tells nothing).',
    'No prediction is ever made: the log shows no time left, the action looks every 5 s like a shell loop, and the ' +
      'timeline shows each end seen within about 5 s.',
  ),
  progressScene(
    'non-monotone',
    'Jobs whose progress sometimes goes back 25 points.',
    'A reading that goes backwards drops the prediction until the readings fit a steady rate again; the log says how ' + 'long is left only while they do.',
  ),
  ROLLBACK_SCENE,
  DRILL_SCENE,
];

export const DEFAULT_SCENE = 'steady';
