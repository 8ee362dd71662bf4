// Shared fakes for the unit tests: a Runtime whose clock only moves when the code under test
// sleeps (no real timers), a logger that records every line, and an input reader.
import { expect, vi } from 'vitest';
import type { InputReader } from '../../src/inputs/common.ts';
import type { Logger, Runtime } from '../../src/runtime.ts';
import { CancelledError, InputError } from '../../src/errors.ts';
import { USER_AGENT } from '../../src/version.ts';
import { ZillizCloudApi, type ZillizApi } from '../../src/zilliz/api.ts';
import { ApiClient } from '../../src/zilliz/client.ts';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index.ts';

/** A fixed start, so virtual times are readable in failures. */
export const T0 = Date.parse('2026-03-01T12:00:00Z');

export interface LogLine {
  level: 'info' | 'debug' | 'warning' | 'group' | 'endgroup';
  message: string;
}

export interface RecordedLogger extends Logger {
  lines: LogLine[];
  /** The messages of one level, in order. */
  of(level: LogLine['level']): string[];
  /** Every message of every level, joined: for "never contains" checks. */
  text(): string;
}

export function recordedLogger(): RecordedLogger {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (message) => void lines.push({ level: 'info', message }),
    debug: (message) => void lines.push({ level: 'debug', message }),
    warning: (message) => void lines.push({ level: 'warning', message }),
    startGroup: (message) => void lines.push({ level: 'group', message }),
    endGroup: () => void lines.push({ level: 'endgroup', message: '' }),
    of: (level) => lines.filter((l) => l.level === level).map((l) => l.message),
    text: () => lines.map((l) => l.message).join('\n'),
  };
}

export interface FakeRuntime extends Runtime {
  /** The run's deadline: one hour after the start unless a test sets it. */
  deadline: number;
  logger: RecordedLogger;
  /** Every delay passed to sleep, in order. */
  sleeps: number[];
  /** Moves the virtual clock (as if time passed outside any sleep, e.g. a slow request). */
  advance(ms: number): void;
  controller: AbortController;
}

/**
 * A Runtime on a virtual clock: `sleep(ms)` moves the clock by ms and resolves at once (after
 * a macrotask, so real I/O such as a local server can make progress), recording the delay.
 */
export function fakeRuntime(options: { start?: number; random?: () => number; timeoutMs?: number } = {}): FakeRuntime {
  let now = options.start ?? T0;
  const deadline = now + (options.timeoutMs ?? 3_600_000);
  const sleeps: number[] = [];
  const controller = new AbortController();
  return {
    now: () => now,
    random: options.random ?? (() => 0.5),
    logger: recordedLogger(),
    signal: controller.signal,
    controller,
    deadline,
    sleeps,
    advance(ms) {
      now += ms;
    },
    sleep: vi.fn(async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw new CancelledError('The step was cancelled.');
      sleeps.push(ms);
      now += Math.max(0, ms);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }),
  };
}

/** A core.getInput stand-in over a plain object; unset inputs read as ''. */
export function inputs(values: Record<string, string>): InputReader {
  return (name) => values[name] ?? '';
}

/** nock sees a proxy connection instead of the API host when these are set: clear them. */
export function clearProxyEnv(): void {
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy']) vi.stubEnv(k, undefined);
}

/** Runs fn, expects an InputError, and returns it for further checks. */
export function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

export interface VirtualSetup {
  emu: Emulator;
  rt: FakeRuntime;
  api: ZillizApi;
  close(): Promise<void>;
}

/**
 * The in-process emulator on the runtime's virtual clock: jobs advance only when the code
 * under test sleeps, so a 30-minute job takes a few milliseconds of real time.
 */
export async function virtualEmulator(options: Omit<EmulatorOptions, 'clock'> & { timeoutMs?: number; random?: () => number } = {}): Promise<VirtualSetup> {
  const { timeoutMs = 1_800_000, random, ...emulatorOptions } = options;
  const rt = fakeRuntime({ timeoutMs, ...(random ? { random } : {}) });
  const emu = await startEmulator({ jobPendingMs: 5000, jobDurationMs: 30_000, ...emulatorOptions, clock: rt.now });
  const client = new ApiClient({ baseUrl: new URL(emu.url), apiKey: emu.apiKey, userAgent: USER_AGENT }, rt);
  return {
    emu,
    rt,
    api: new ZillizCloudApi(client),
    close: async () => {
      await client.close();
      await emu.close();
    },
  };
}

/**
 * A ZillizApi whose methods are the given ones; any other method fails the test when called.
 * `calls` lists the methods called, in order.
 */
export function fakeApi(methods: Partial<ZillizApi>): ZillizApi & { calls: (keyof ZillizApi)[] } {
  const calls: (keyof ZillizApi)[] = [];
  const method =
    <K extends keyof ZillizApi>(name: K) =>
    (...args: Parameters<ZillizApi[K]>): ReturnType<ZillizApi[K]> => {
      calls.push(name);
      const impl = methods[name] as ((...a: Parameters<ZillizApi[K]>) => ReturnType<ZillizApi[K]>) | undefined;
      if (!impl) throw new Error(`unexpected API call: ${name}`);
      return impl(...args);
    };
  return {
    calls,
    createBackup: method('createBackup'),
    describeJob: method('describeJob'),
    describeBackup: method('describeBackup'),
    listBackups: method('listBackups'),
    restoreCollection: method('restoreCollection'),
    deleteBackup: method('deleteBackup'),
    describeCluster: method('describeCluster'),
  };
}

/** Collects every update a workflow sends, as copies. */
export function recordedProgress<R>(): { update(records: readonly R[]): void; updates: R[][] } {
  const updates: R[][] = [];
  return { updates, update: (records) => void updates.push(structuredClone([...records])) };
}
