import { CancelledError } from './errors.ts';

/** What the workflows need from the outside world, injected so tests drive time and logs. */
export interface Logger {
  info(message: string): void;
  debug(message: string): void;
  warning(message: string): void;
  /** Folds the lines that follow in the log, until endGroup. */
  startGroup(name: string): void;
  endGroup(): void;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface Runtime {
  now: () => number;
  sleep: Sleep;
  random: () => number;
  logger: Logger;
  /** Aborted when the runner cancels the step. */
  signal: AbortSignal;
  /** Epoch ms at which the run's `timeout` runs out: no request, backoff or wait goes past it. */
  deadline: number;
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError('The step was cancelled.');
}

/** setTimeout as a promise that rejects with CancelledError when the signal aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError('The step was cancelled.'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError('The step was cancelled.'));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
