// The runner's cancellation reaches the step as SIGINT then SIGTERM on Linux and macOS, and as a
// console break (SIGINT or SIGBREAK) on Windows: each aborts the run's signal, so waiting stops
// and the outputs are still written; a backstop ends the process if something hangs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cancellationSignal } from '../../../src/entries/common.ts';
import { recordedLogger } from '../fakes.ts';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGBREAK'] as const;
type Listeners = NodeJS.SignalsListener[];
let before: Map<string, Listeners>;

function listenersNow(): Map<string, Listeners> {
  return new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
}

afterEach(() => {
  // Remove only what the test added, so the test runner's own handlers stay.
  for (const s of SIGNALS) for (const l of process.listeners(s)) if (!before.get(s)?.includes(l)) process.removeListener(s, l);
  vi.useRealTimers();
});

describe('cancellationSignal', () => {
  it.each(SIGNALS)('%s aborts the signal, logs once that the job is not cancelled, and exits after 1.8 s only as a backstop', (name) => {
    vi.useFakeTimers();
    before = listenersNow();
    const logger = recordedLogger();
    const exit = vi.fn();
    const signal = cancellationSignal(logger, exit);
    expect(signal.aborted).toBe(false);
    process.emit(name, name);
    process.emit(name, name); // a second delivery during the wind-down is taken too, not fatal
    expect(signal.aborted).toBe(true);
    expect(logger.of('warning')).toEqual([`Received ${name}: stopping (the job in Zilliz Cloud is not cancelled).`]);
    vi.advanceTimersByTime(1700);
    expect(exit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(exit).toHaveBeenCalled();
  });
});
