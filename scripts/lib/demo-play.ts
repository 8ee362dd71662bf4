// Plays a scene's steps in order against a running emulator: what happens before a step (shown
// under its own title), the action, its post step if it has one (with the state the main step
// saved, as the runner passes it), then the step's result and what the emulator says after it.
// Running and showing one action is the caller's (scripts/demo.ts streams its log); this is the
// order and what is said between the runs, kept apart so that tests can check it.
import { formatDuration } from '../../src/format.ts';
import type { Emulator } from '../../test/emulator/index.ts';
import type { ActionRun, BUNDLES } from '../../test/e2e/harness.ts';
import type { DemoStep, Scene, StepContext } from './demo-scenes.ts';

/** One run of an action, as the demo asks for it. */
export interface StepRun {
  /** e.g. "Step 1 of 2: Back up medium_articles" */
  title: string;
  bundle: keyof typeof BUNDLES;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** For a post step: what its main step saved (GITHUB_STATE). */
  state?: Record<string, string>;
}

export type RunStep = (run: StepRun) => Promise<ActionRun>;

/** A section header: "──── title ─────…". */
export function rule(title: string): string {
  return `\n──── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`;
}

/** Runs each step of `scene` in order; stops at the first that fails. Returns 0, or 1 when a step failed. */
export async function playSteps(scene: Scene, emulator: Emulator, runStep: RunStep, show: (line: string) => void): Promise<number> {
  const previous: Record<string, string>[] = [];
  for (const [index, step] of scene.steps.entries()) {
    const number = `${index + 1} of ${scene.steps.length}`;
    const context: StepContext = { url: emulator.url, apiKey: emulator.apiKey, previous: [...previous] };
    if (step.before) {
      const { title, lines } = step.before(emulator, context);
      show(rule(`Before step ${number}: ${title}`));
      lines.forEach((line) => show(line));
    }
    const { outputs, ok } = await playStep(step, `Step ${number}: ${step.title}`, context, runStep, show);
    previous.push(outputs);
    step.after?.(emulator, { ...context, previous: [...previous] }).forEach((line) => show(line));
    if (!ok) return 1;
  }
  return 0;
}

/** The step's main run, then its post step (always, as `post-if: always()`), then what they made. */
async function playStep(
  step: DemoStep,
  title: string,
  context: StepContext,
  runStep: RunStep,
  show: (line: string) => void,
): Promise<{ outputs: Record<string, string>; ok: boolean }> {
  const run: Omit<StepRun, 'title'> = { bundle: step.bundle ?? 'backup', inputs: step.inputs(context), ...(step.env ? { env: step.env } : {}) };
  const main = await runStep({ ...run, title });
  let post: ActionRun | undefined;
  if (step.post) {
    show(rule('Saved for the post step (GITHUB_STATE)'));
    show(JSON.stringify(main.state));
    post = await runStep({ ...run, title: `${title} (post step)`, bundle: step.post, state: main.state });
  }
  show(rule('Result'));
  show(closingLine(main));
  if (post) show(`Post step: exit code ${post.exitCode ?? post.signal}, in ${formatDuration(post.durationMs)}.`);
  return { outputs: main.outputs, ok: main.exitCode === 0 && (post === undefined || post.exitCode === 0) };
}

/** What the run made (each backup and its status, or its status) and how long it took. */
export function closingLine(result: ActionRun): string {
  const status = result.outputs.status ?? '';
  const what = result.outputs.backups === undefined ? `Status ${status === '' ? 'none' : status}` : describeBackups(result.outputs.backups, status);
  return `${what}, in ${formatDuration(result.durationMs)} (exit code ${result.exitCode ?? result.signal}).`;
}

function describeBackups(output: string, status: string): string {
  let backups: { backupId?: unknown; status?: unknown }[] = [];
  try {
    const parsed: unknown = JSON.parse(output);
    if (Array.isArray(parsed)) backups = parsed as typeof backups;
  } catch {
    // no usable backups output: reported as nothing made
  }
  if (backups.length === 0) return `No backup made (status ${status === '' ? 'none' : status})`;
  const made = backups.map((b) => `${String(b.backupId)} ${String(b.status)}`).join(', ');
  return `${backups.length} ${backups.length === 1 ? 'backup' : 'backups'}: ${made}`;
}
