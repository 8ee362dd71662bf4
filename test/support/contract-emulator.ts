// What the emulator's contract test files share: a fresh emulator per test on an injected clock
// moved by hand (no proxy in the way), and one plain JSON request that reads the envelope.
import { afterEach, beforeEach, vi } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index.ts';

export interface Answer {
  status: number;
  code: number | undefined;
  data: unknown;
}

/** Sends `body` as JSON with the key as a Bearer token (none when `key` is null); reads the envelope without trusting it. */
export async function send(url: string, method: string, body: unknown, key: string | null): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
  if (key !== null) headers['authorization'] = `Bearer ${key}`;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json: unknown = JSON.parse(await res.text());
  const envelope = typeof json === 'object' && json !== null ? (json as { code?: unknown; data?: unknown }) : {};
  return { status: res.status, code: typeof envelope.code === 'number' ? envelope.code : undefined, data: envelope.data };
}

export interface ClockedEmulator {
  /** The emulator of the running test. */
  readonly emu: Emulator;
  /** The emulator's clock (ms); tests move it by hand. */
  now: number;
  /** After a test closed the emulator: starts another on the same clock (afterEach closes it). */
  restart(options?: EmulatorOptions): Promise<void>;
}

/** Starts an emulator on a clock at `t0` before each test, and closes it after. */
export function useClockedEmulator(t0: number, options: EmulatorOptions = { jobPendingMs: 100, jobDurationMs: 1000 }): ClockedEmulator {
  let current: Emulator | undefined;
  const fixture: ClockedEmulator = {
    get emu(): Emulator {
      if (!current) throw new Error('the emulator is started in beforeEach');
      return current;
    },
    now: t0,
    async restart(next = {}) {
      current = await startEmulator({ ...next, clock: () => fixture.now });
    },
  };
  beforeEach(async () => {
    for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) vi.stubEnv(k, undefined);
    fixture.now = t0;
    current = await startEmulator({ ...options, clock: () => fixture.now });
  });
  afterEach(async () => {
    await current?.close();
    vi.unstubAllEnvs();
  });
  return fixture;
}
