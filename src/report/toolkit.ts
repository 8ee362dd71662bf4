import type * as ActionsCore from '@actions/core';
import type { Logger } from '../runtime.ts';

/** The parts of @actions/core the actions use: workflow commands, outputs, the job summary. */
export type Toolkit = Pick<typeof ActionsCore, 'setSecret' | 'setOutput' | 'setFailed' | 'info' | 'debug' | 'warning' | 'startGroup' | 'endGroup' | 'summary'>;

/**
 * @actions/core, from a chunk of its own. Evaluating it costs tens of milliseconds (it brings
 * an HTTP stack for OIDC that these actions never call), so the entries load it once the first
 * request has had its answer, while the job already runs in Zilliz Cloud.
 */
export async function loadToolkit(): Promise<Toolkit> {
  return import('@actions/core');
}

type Command = (core: Toolkit) => void;

/**
 * The step's log and outputs until @actions/core is loaded: every call waits in order, and
 * goes out on `attach`, right after the API key is masked. From then on calls go straight
 * through.
 */
export class PendingToolkit implements Logger {
  #core: Toolkit | undefined;
  readonly #waiting: Command[] = [];

  /** Masks `secret` (when given) before anything waiting is written, then writes it all. */
  attach(core: Toolkit, secret: string): Toolkit {
    if (this.#core) return this.#core;
    if (secret) core.setSecret(secret);
    this.#core = core;
    for (const command of this.#waiting.splice(0)) command(core);
    return core;
  }

  #send(command: Command): void {
    if (this.#core) command(this.#core);
    else this.#waiting.push(command);
  }

  info(message: string): void {
    this.#send((core) => core.info(message));
  }

  debug(message: string): void {
    this.#send((core) => core.debug(message));
  }

  warning(message: string): void {
    this.#send((core) => core.warning(message));
  }

  startGroup(name: string): void {
    this.#send((core) => core.startGroup(name));
  }

  endGroup(): void {
    this.#send((core) => core.endGroup());
  }

  setOutput(name: string, value: string): void {
    this.#send((core) => core.setOutput(name, value));
  }
}
