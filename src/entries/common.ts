import { environmentInputs, readApiKey, type ConnectionInputs, type InputReader } from '../inputs/common.ts';
import { realSleep, type Logger, type Runtime } from '../runtime.ts';
import { messageOf } from '../report/common.ts';
import { loadToolkit, PendingToolkit, type Toolkit } from '../report/toolkit.ts';
import { USER_AGENT } from '../version.ts';
import { ZillizApi } from '../zilliz/api.ts';
import { ZillizHttp } from '../zilliz/http.ts';

/**
 * The runner cancels a step with SIGINT, then SIGTERM. Either aborts the run's signal, so
 * waiting stops at once and the step can still report what it knows; a backstop timer makes
 * sure the process is gone within 2 seconds even if something hangs.
 */
function cancellationSignal(logger: Logger): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) logger.warning(`Received ${signal}: stopping (the job in Zilliz Cloud is not cancelled).`);
    controller.abort();
    setTimeout(() => process.exit(process.exitCode ?? 1), 1800).unref();
  };
  // `on`, not `once`: a second signal during the wind-down must not fall back to the default
  // action, which would kill the process before the outputs are written.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

/** At most this long after the first request is sent, the log and outputs start to be written. */
const LOG_HOLD_MAX_MS = 300;

export interface Session {
  runtime: Runtime;
  api: ZillizApi;
  deadline: number;
  /** Where outputs written during the run go (they wait with the log until @actions/core is loaded). */
  setOutput: (name: string, value: string) => void;
}

/**
 * The shape every entry shares: read inputs (a bad one fails the step before any request),
 * do the work with a session bounded by `timeout` and the runner's cancellation, close the
 * session, then report success or failure with everything known.
 *
 * @actions/core is loaded once the first request has had its answer (or after 300 ms): the
 * request (a create, usually) goes out sooner, and loading overlaps with the job in Zilliz Cloud.
 * Until then the log and outputs wait in order; the key is masked before any of them is written.
 */
export async function runStep<R extends ConnectionInputs>(
  // The key comes validated, before the other inputs are read.
  readRequest: (read: InputReader, apiKey: string) => R,
  work: (request: R, session: Session) => Promise<void>,
  finish: (core: Toolkit, request: R, failure: unknown, startedAt: number) => Promise<void>,
): Promise<void> {
  const startedAt = Date.now();
  const pending = new PendingToolkit();
  const signal = cancellationSignal(pending);
  const read = environmentInputs();
  const rawKey = read('api-key');
  let request: R;
  try {
    request = readRequest(read, readApiKey(read));
  } catch (error) {
    pending.attach(await loadToolkit(), rawKey).setFailed(messageOf(error));
    return;
  }
  const runtime: Runtime = { now: Date.now, sleep: realSleep, random: Math.random, logger: pending, signal };
  const deadline = startedAt + request.timeoutMs;
  const http = new ZillizHttp({ baseUrl: request.baseUrl, apiKey: request.apiKey, userAgent: USER_AGENT, deadline }, runtime);
  const session: Session = { runtime, api: new ZillizApi(http), deadline, setOutput: (name, value) => pending.setOutput(name, value) };
  let failure: unknown;
  const working = Promise.resolve()
    .then(() => work(request, session))
    .catch((error: unknown) => {
      failure = error;
    });
  // The request has long been sent when its answer is this late: the log need not wait for it.
  await Promise.race([http.firstExchange, working, new Promise((resolve) => setTimeout(resolve, LOG_HOLD_MAX_MS).unref())]);
  // The chunk ships with the bundle (test/bundle.test.ts); a failed load crashes the step.
  const core = pending.attach(await loadToolkit(), rawKey);
  await working;
  await http.close();
  await finish(core, request, failure, startedAt);
}
