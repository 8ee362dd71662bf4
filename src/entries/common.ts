import * as core from '@actions/core';
import { readApiKey, type ConnectionInputs } from '../inputs/common.ts';
import { realSleep, type Logger, type Runtime } from '../runtime.ts';
import { messageOf } from '../report/common.ts';
import { USER_AGENT } from '../version.ts';
import { ZillizApi } from '../zilliz/api.ts';
import { ZillizHttp } from '../zilliz/http.ts';

const coreLogger: Logger = {
  info: (m) => core.info(m),
  debug: (m) => core.debug(m),
  warning: (m) => core.warning(m),
  startGroup: (n) => core.startGroup(n),
  endGroup: () => core.endGroup(),
};

/** Masks the key before anything else can print it, then validates it. */
function readMaskedApiKey(): string {
  const raw = core.getInput('api-key');
  if (raw) core.setSecret(raw);
  return readApiKey((name) => core.getInput(name));
}

/**
 * The runner cancels a step with SIGINT, then SIGTERM. Either aborts the run's signal, so
 * waiting stops at once and the step can still report what it knows; a backstop timer makes
 * sure the process is gone within 2 seconds even if something hangs.
 */
function cancellationSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) core.warning(`Received ${signal}: stopping (the job in Zilliz Cloud is not cancelled).`);
    controller.abort();
    setTimeout(() => process.exit(process.exitCode ?? 1), 1800).unref();
  };
  // `on`, not `once`: a second signal during the wind-down must not fall back to the default
  // action, which would kill the process before the outputs are written.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

export interface Session {
  runtime: Runtime;
  api: ZillizApi;
  deadline: number;
  close(): Promise<void>;
}

function openSession(connection: ConnectionInputs, startedAt: number, signal: AbortSignal): Session {
  const runtime: Runtime = { now: Date.now, sleep: realSleep, random: Math.random, logger: coreLogger, signal };
  const deadline = startedAt + connection.timeoutMs;
  const http = new ZillizHttp({ baseUrl: connection.baseUrl, apiKey: connection.apiKey, userAgent: USER_AGENT, deadline }, runtime);
  return { runtime, api: new ZillizApi(http), deadline, close: () => http.close() };
}

/**
 * The shape every entry shares: read inputs (a bad one fails the step before any request),
 * do the work with a session bounded by `timeout` and the runner's cancellation, close the
 * session, then report success or failure with everything known.
 */
export async function runStep<R extends ConnectionInputs>(
  readRequest: (apiKey: string) => R,
  work: (request: R, session: Session) => Promise<void>,
  finish: (request: R, failure: unknown, startedAt: number) => Promise<void>,
): Promise<void> {
  const startedAt = Date.now();
  const signal = cancellationSignal();
  let request: R;
  try {
    request = readRequest(readMaskedApiKey());
  } catch (error) {
    core.setFailed(messageOf(error));
    return;
  }
  const session = openSession(request, startedAt, signal);
  let failure: unknown;
  try {
    await work(request, session);
  } catch (error) {
    failure = error;
  } finally {
    await session.close();
  }
  await finish(request, failure, startedAt);
}
