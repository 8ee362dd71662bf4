import { ActionError, CancelledError, DeadlineError, InterruptedError, JobFailedError } from '../errors.ts';
import { writeOutputs } from './outputs.ts';
import type { RunLink, SummaryWriter } from './summary.ts';
import type { Toolkit } from './toolkit.ts';

/** The workflow run, for the summary; loaded lazily to keep start-up fast. */
async function workflowRunLink(): Promise<RunLink | undefined> {
  if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_RUN_ID) return undefined;
  const { context } = await import('@actions/github');
  const { owner, repo } = context.repo;
  return { url: `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`, label: `${context.workflow} #${context.runNumber}` };
}

/** Status for the `status` output when the run failed before the records said more. */
function failureStatus(error: unknown): string {
  if (error === undefined) return '';
  if (error instanceof JobFailedError) return error.status;
  if (error instanceof DeadlineError) return 'TIMEOUT';
  if (error instanceof CancelledError) return 'CANCELLED';
  return 'ERROR';
}

/**
 * The `status` output at the end: a timeout or cancellation reports the last status seen (the
 * job still runs); other failures say what went wrong.
 */
function interruptedOrFinalStatus(lastStatus: string | undefined, failure: unknown): { status: string; interrupted: boolean } {
  const interrupted = failure instanceof InterruptedError;
  const status = lastStatus !== undefined && (failure === undefined || interrupted) ? lastStatus : failureStatus(failure);
  return { status, interrupted };
}

export function messageOf(error: unknown): string {
  if (error instanceof ActionError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

async function writeSummarySafely(core: Toolkit, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    // A missing GITHUB_STEP_SUMMARY (local runs) must not turn a good backup into a failure.
    core.debug(`Job summary not written: ${messageOf(error)}`);
  }
}

/** What an action reports at its end, in terms of the final status, time taken and error. */
export interface RunEnd {
  failure: unknown;
  lastStatus: string | undefined;
  startedAt: number;
  outputs: (status: string, durationMs: number) => Record<string, string>;
  summary: (fields: { status: string; durationMs: number; error: string | undefined; run: RunLink | undefined }) => SummaryWriter;
  /** The last log line of a run that succeeded. */
  done: (durationMs: number) => string;
  /** After a timeout or cancellation: how to follow what still runs in Zilliz Cloud. */
  stillRunning: () => string | undefined;
}

/**
 * The end of any run, success or not: every output known, the job summary, and for a timeout
 * or cancellation how to follow the job that is still running; then the step's verdict.
 */
export async function reportRunEnd(core: Toolkit, end: RunEnd): Promise<void> {
  const { status, interrupted } = interruptedOrFinalStatus(end.lastStatus, end.failure);
  const durationMs = Date.now() - end.startedAt;
  writeOutputs(core.setOutput, end.outputs(status, durationMs));
  const error = end.failure === undefined ? undefined : messageOf(end.failure);
  await writeSummarySafely(core, async () => end.summary({ status, durationMs, error, run: await workflowRunLink() }).write());
  if (end.failure === undefined) {
    core.info(end.done(durationMs));
    return;
  }
  const followUp = interrupted ? end.stillRunning() : undefined;
  if (followUp) core.info(followUp);
  core.setFailed(error ?? '');
}
