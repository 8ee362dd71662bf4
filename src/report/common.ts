import type * as ActionsCore from '@actions/core';
import { CancelledError, DeadlineError, InterruptedError, JobFailedError, messageOf } from '../errors.ts';

/** The parts of @actions/core the actions use: workflow commands, outputs, the job summary. */
export type Toolkit = Pick<typeof ActionsCore, 'setSecret' | 'setOutput' | 'setFailed' | 'info' | 'debug' | 'warning' | 'startGroup' | 'endGroup' | 'summary'>;

/** The parts of core.summary we use, so tests can pass a recorder. */
export interface SummaryWriter {
  addHeading(text: string, level?: number): SummaryWriter;
  addRaw(text: string, addEOL?: boolean): SummaryWriter;
  addTable(rows: ({ data: string; header?: boolean } | string)[][]): SummaryWriter;
  addList(items: string[]): SummaryWriter;
  addCodeBlock(code: string, lang?: string): SummaryWriter;
  write(): Promise<unknown>;
}

export interface RunLink {
  url: string;
  label: string;
}

/** Text for a summary cell or line: HTML and table pipes escaped. */
export function cell(text: string): string {
  return text.replace(/[<>&|]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '|': '&#124;' })[c] ?? c);
}

/**
 * Writes outputs as they change during the run (a value is written again only when it differs
 * from the last one written), and every one of them once at the end.
 */
export class OutputWriter {
  readonly #setOutput: (name: string, value: string) => void;
  readonly #written = new Map<string, string>();

  constructor(setOutput: (name: string, value: string) => void) {
    this.#setOutput = setOutput;
  }

  write(outputs: Record<string, string>, { final = false } = {}): void {
    for (const [name, value] of Object.entries(outputs)) {
      if (!final && this.#written.get(name) === value) continue;
      this.#written.set(name, value);
      this.#setOutput(name, value);
    }
  }
}

/** The workflow run, for the summary; only when the runner's context is there. */
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

/** What an action reports at its end, in terms of the final status, time taken and error. */
export interface RunEnd {
  failure: unknown;
  /** The last record's status, if any record exists. */
  lastStatus: string | undefined;
  startedAt: number;
  /** This action's own words for a failure (a refusal, advice on its inputs); messageOf otherwise. */
  failureText?: (failure: unknown) => string | undefined;
  /** What to do when the timeout ran out while waiting, in terms of this action's inputs. */
  timeoutAdvice?: string;
  outputs: (status: string, durationMs: number) => Record<string, string>;
  summary: (fields: { status: string; durationMs: number; error: string | undefined; run: RunLink | undefined }) => SummaryWriter;
  /** The last log line of a run that succeeded. */
  done: (durationMs: number) => string;
  /** After a timeout or cancellation: how to follow what still runs in Zilliz Cloud. */
  stillRunning: () => string | undefined;
}

function failureText(end: RunEnd): string {
  const own = end.failureText?.(end.failure);
  if (own !== undefined) return own;
  const advice = end.failure instanceof DeadlineError && end.failure.waitingFor !== undefined && end.timeoutAdvice ? ` ${end.timeoutAdvice}` : '';
  return messageOf(end.failure) + advice;
}

/**
 * The end of any run, success or not: every output known, the job summary, and for a timeout
 * or cancellation how to follow the job that is still running; then the step's verdict.
 * A timeout or cancellation reports the last status seen (the job still runs); other failures
 * say what went wrong.
 */
export async function reportRunEnd(core: Toolkit, outputs: OutputWriter, end: RunEnd): Promise<void> {
  const interrupted = end.failure instanceof InterruptedError;
  const status = end.lastStatus !== undefined && (end.failure === undefined || interrupted) ? end.lastStatus : failureStatus(end.failure);
  const durationMs = Date.now() - end.startedAt;
  outputs.write(end.outputs(status, durationMs), { final: true });
  const error = end.failure === undefined ? undefined : failureText(end);
  try {
    await end.summary({ status, durationMs, error, run: await workflowRunLink() }).write();
  } catch (summaryError) {
    // A missing GITHUB_STEP_SUMMARY (local runs) must not turn a good backup into a failure.
    core.debug(`Job summary not written: ${messageOf(summaryError)}`);
  }
  if (end.failure === undefined) {
    core.info(end.done(durationMs));
    return;
  }
  const followUp = interrupted ? end.stillRunning() : undefined;
  if (followUp) core.info(followUp);
  core.setFailed(error ?? '');
}
