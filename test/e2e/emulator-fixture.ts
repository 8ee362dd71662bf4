// The one emulator fixture of the end-to-end tests: an in-process emulator per test file,
// reset before each test, and the inputs every run starts from.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DEDICATED_CLUSTER, startEmulator, type Emulator, type EmulatorOptions, type EmulatorState } from '../emulator/index.ts';
import { runAction, type ActionRun, type RunOptions } from './harness.ts';
import { expectKeyHidden } from './helpers.ts';

/** Short emulated jobs, so a full successful run takes a second or two. */
export const FAST: EmulatorOptions = { jobPendingMs: 100, jobDurationMs: 1000 };

/** The inputs of a run that would succeed: a CLUSTER backup of the Dedicated cluster, polled every 0.2 s, then `extra`. */
export function inputsFor(emulator: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  return { 'api-key': emulator.apiKey, 'cluster-id': DEDICATED_CLUSTER, 'base-url': emulator.url, timeout: '1m', 'poll-interval': '0.2', ...extra };
}

export interface EmulatorFixture {
  /** The running emulator (available inside tests and hooks). */
  readonly emulator: Emulator;
  /** inputsFor(emulator, extra). */
  inputs(extra?: Record<string, string>): Record<string, string>;
  /** Changes how the emulator makes the next jobs and backups (reset() puts the start-up values back). */
  configure(config: Partial<EmulatorState['config']>): void;
  /** Runs a bundle with inputs(extra), and checks that the key shows nowhere in what it left. */
  run(extra?: Record<string, string>, options?: RunOptions): Promise<ActionRun>;
}

/** Starts one emulator for the test file (files run in parallel), reset before each test. */
export function useEmulator(options: EmulatorOptions = FAST): EmulatorFixture {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(options);
  });
  afterAll(async () => emulator?.close());
  beforeEach(() => emulator?.reset());
  const fixture: EmulatorFixture = {
    get emulator(): Emulator {
      if (!emulator) throw new Error('the emulator is started in beforeAll');
      return emulator;
    },
    inputs: (extra) => inputsFor(fixture.emulator, extra),
    configure(config) {
      fixture.emulator.state.config = { ...fixture.emulator.state.config, ...config };
    },
    async run(extra, options) {
      const result = await runAction(fixture.inputs(extra), options);
      expectKeyHidden(result);
      return result;
    },
  };
  return fixture;
}
