// One in-process emulator per test file, reset before each test, with the inputs every run
// passes (a short fixed poll interval keeps the runs quick).
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DEDICATED_CLUSTER, startEmulator, type Emulator, type EmulatorOptions, type EmulatorState } from '../emulator/index.ts';

export interface EmulatorFixture {
  /** The running emulator (available inside tests and hooks). */
  readonly emulator: Emulator;
  /** api-key, cluster-id, base-url, timeout 1m, poll-interval 0.2 s, then `extra`. */
  inputs(extra?: Record<string, string>): Record<string, string>;
  /** Changes how the emulator makes the next jobs and backups (reset() puts the start-up values back). */
  configure(config: Partial<EmulatorState['config']>): void;
}

export function useEmulator(options: EmulatorOptions): EmulatorFixture {
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
    inputs: (extra = {}) => ({
      'api-key': fixture.emulator.apiKey,
      'cluster-id': DEDICATED_CLUSTER,
      'base-url': fixture.emulator.url,
      timeout: '1m',
      'poll-interval': '0.2',
      ...extra,
    }),
    configure(config) {
      fixture.emulator.state.config = { ...fixture.emulator.state.config, ...config };
    },
  };
  return fixture;
}
