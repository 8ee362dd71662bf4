import * as core from '@actions/core';
import { messageOf } from '../errors.ts';
import { checkedReader, readApiKey, type ConnectionInputs, type InputReader } from '../inputs/common.ts';
import { OutputWriter, safeToolkit, type Toolkit } from '../report/common.ts';
import { realSleep, type Logger, type Runtime } from '../runtime.ts';
import type { Outcome, Progress } from '../types.ts';
import { USER_AGENT } from '../version.ts';
import { ZillizCloudApi, type ZillizApi } from '../zilliz/api.ts';
import { ApiClient } from '../zilliz/client.ts';
import { ZillizClusterApi, type ClusterApi } from '../zilliz/clusters.ts';
import { MilvusDataPlane, dataPlaneClient, type DataPlaneApi } from '../zilliz/dataplane.ts';
import { Transport } from '../zilliz/transport.ts';

/**
 * The runner cancels a step with SIGINT, then SIGTERM (on Windows a console break, which
 * Node sees as SIGINT or SIGBREAK). Any of them aborts the run's signal, so waiting stops at
 * once and the step can still report what it knows; a backstop timer makes sure the process
 * is gone within 2 seconds even if something hangs.
 */
export function cancellationSignal(logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) logger.warning(`Received ${signal}: stopping (the job in Zilliz Cloud is not cancelled).`);
    controller.abort();
    setTimeout(() => exit(typeof process.exitCode === 'number' ? process.exitCode : 1), 1800).unref();
  };
  // `on`, not `once`: a second signal during the wind-down must not fall back to the default
  // action, which would kill the process before the outputs are written.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGBREAK'] as const) process.on(signal, onSignal);
  return controller.signal;
}

/** What a workflow gets to work with: the API, time and logs, and where progress goes. */
export interface Session<T> {
  api: ZillizApi;
  /** The cluster calls beyond describe (restoreCluster, list, drop), over the same client. */
  clusters: ClusterApi;
  /** A client for a cluster's own data plane at `url` (checked by dataPlaneUrl), on the same transport. */
  dataPlane: (url: URL) => DataPlaneApi;
  runtime: Runtime;
  /** Where the run tells its records, whole, as they change; they become outputs at once. */
  progress: Progress<T>;
  /** The same channel for another kind of record a run makes (keep-last's pruned rows). */
  progressOf<U>(outputs: (records: readonly U[]) => Record<string, string>): Progress<U>;
}

export interface Step<R extends ConnectionInputs, T, More extends object = object> {
  /** Reads the inputs (the key comes validated); a bad one fails the step before any request. */
  read: (read: InputReader, apiKey: string) => R;
  /** The outputs known while the run goes on, from the records so far. */
  progressOutputs: (records: readonly T[]) => Record<string, string>;
  work: (request: R, session: Session<T>) => Promise<Outcome<T, More>>;
  finish: (core: Toolkit, outputs: OutputWriter, request: R, outcome: Outcome<T, More>, startedAt: number) => Promise<void>;
}

/**
 * The shape every entry shares: mask the key, read inputs, do the work within `timeout` and the
 * runner's cancellation, then report success or failure with everything known.
 */
export async function runStep<R extends ConnectionInputs, T, More extends object = object>(step: Step<R, T, More>): Promise<void> {
  const startedAt = Date.now();
  const rawKey = core.getInput('api-key');
  if (rawKey) core.setSecret(rawKey);
  // Every log line, output and summary part goes through the safe toolkit from here on.
  const toolkit = safeToolkit(core);
  const signal = cancellationSignal(toolkit);
  let request: R;
  try {
    // Every input is length- and character-checked as it is read, before any request.
    const read = checkedReader((name) => core.getInput(name));
    request = step.read(read, readApiKey(read));
  } catch (error) {
    toolkit.setFailed(messageOf(error));
    return;
  }
  const runtime: Runtime = { now: Date.now, sleep: realSleep, random: Math.random, logger: toolkit, signal, deadline: startedAt + request.timeoutMs };
  const transport = new Transport();
  const client = new ApiClient({ baseUrl: request.baseUrl, apiKey: request.apiKey, userAgent: USER_AGENT, transport }, runtime);
  const dataPlane = (url: URL): DataPlaneApi =>
    new MilvusDataPlane(dataPlaneClient(url, { apiKey: request.apiKey, userAgent: USER_AGENT, transport }, runtime));
  const outputs = new OutputWriter(core.setOutput, toolkit.warning);
  const progressOf = <U>(outputsOf: (records: readonly U[]) => Record<string, string>): Progress<U> => ({
    update: (records) => outputs.write(outputsOf(records)),
  });
  let outcome: Outcome<T, More>;
  try {
    const session = { api: new ZillizCloudApi(client), clusters: new ZillizClusterApi(client), dataPlane, runtime };
    outcome = await step.work(request, { ...session, progress: progressOf(step.progressOutputs), progressOf });
  } catch (error) {
    // Workflows return their failures as values; only a bug gets here. The ids written so far stay.
    toolkit.setFailed(`Unexpected failure (a bug in this action; please report it): ${messageOf(error)}`);
    return;
  } finally {
    await client.close();
  }
  await step.finish(toolkit, outputs, request, outcome, startedAt);
}
