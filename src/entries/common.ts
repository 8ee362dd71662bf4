import * as core from '@actions/core';
import { ActionError, CancelledError, DeadlineError, JobFailedError } from '../errors.ts';
import { readApiKey, type ConnectionInputs } from '../inputs/common.ts';
import { realSleep, type Logger, type Runtime } from '../runtime.ts';
import type { RunLink } from '../report/summary.ts';
import { USER_AGENT } from '../version.ts';
import { ZillizApi } from '../zilliz/api.ts';
import { ZillizHttp } from '../zilliz/http.ts';

export const coreLogger: Logger = {
  info: (m) => core.info(m),
  debug: (m) => core.debug(m),
  warning: (m) => core.warning(m),
  startGroup: (n) => core.startGroup(n),
  endGroup: () => core.endGroup(),
};

/** Masks the key before anything else can print it, then validates it. */
export function readMaskedApiKey(): string {
  const raw = core.getInput('api-key');
  if (raw) core.setSecret(raw);
  if (raw.trim() && raw.trim() !== raw) core.setSecret(raw.trim());
  return readApiKey((name) => core.getInput(name));
}

/**
 * The runner cancels a step with SIGINT, then SIGTERM. Either aborts the run's signal, so
 * waiting stops at once and the step can still report what it knows; a backstop timer makes
 * sure the process is gone within 2 seconds even if something hangs.
 */
export function cancellationSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) core.warning(`Received ${signal}: stopping (the job in Zilliz Cloud is not cancelled).`);
    controller.abort();
    setTimeout(() => process.exit(process.exitCode ?? 1), 1800).unref();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return controller.signal;
}

export interface Session {
  runtime: Runtime;
  api: ZillizApi;
  deadline: number;
  close(): Promise<void>;
}

export function openSession(connection: ConnectionInputs, startedAt: number, signal: AbortSignal): Session {
  const runtime: Runtime = { now: Date.now, sleep: realSleep, random: Math.random, logger: coreLogger, signal };
  const deadline = startedAt + connection.timeoutMs;
  const http = new ZillizHttp({ baseUrl: connection.baseUrl, apiKey: connection.apiKey, userAgent: USER_AGENT, deadline }, runtime);
  return { runtime, api: new ZillizApi(http), deadline, close: () => http.close() };
}

/** The workflow run, for the summary; loaded lazily to keep start-up fast. */
export async function workflowRunLink(): Promise<RunLink | undefined> {
  if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_RUN_ID) return undefined;
  const { context } = await import('@actions/github');
  const { owner, repo } = context.repo;
  return { url: `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`, label: `${context.workflow} #${context.runNumber}` };
}

/** Status for the `status` output when the run failed before the records said more. */
export function failureStatus(error: unknown): string {
  if (error === undefined) return '';
  if (error instanceof JobFailedError) return error.status;
  if (error instanceof DeadlineError) return 'TIMEOUT';
  if (error instanceof CancelledError) return 'CANCELLED';
  return 'ERROR';
}

export function messageOf(error: unknown): string {
  if (error instanceof ActionError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export async function writeSummarySafely(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    // A missing GITHUB_STEP_SUMMARY (local runs) must not turn a good backup into a failure.
    core.debug(`Job summary not written: ${messageOf(error)}`);
  }
}
