// The emulator as users start it: `npm run emulator` stops when npm is signalled, and
// test/emulator/background.ts leaves it running after the starter has exited (the e2e workflow's
// way on every OS) and fails with the log when it cannot start.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/__emulator/config`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Waits until `url` answers as `wanted` (true: up, false: gone), up to `ms`; returns whether it did. */
async function until(url: string, wanted: boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if ((await answers(url)) === wanted) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function killQuietly(pid: number | undefined): void {
  try {
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

describe.runIf(process.platform !== 'win32')('npm run emulator (POSIX)', () => {
  it('stops when npm gets SIGTERM, although npm passes it only to the shell that runs the script', async () => {
    const npm = spawn('npm', ['run', '--silent', 'emulator', '--', '--port', '0'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => killQuietly(npm.pid === undefined ? undefined : -npm.pid));
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      npm.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = / listening on (http:\/\/\S+)/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      npm.on('exit', () => reject(new Error(`npm exited before the emulator listened: ${seen}`)));
    });
    expect(await answers(url)).toBe(true);

    npm.kill('SIGTERM');
    expect(await until(url, false, 5000), 'the emulator should be gone within 5 s of SIGTERM to npm').toBe(true);
  }, 30_000);
});

describe('test/emulator/background.ts', () => {
  const run = (args: string[]): { status: number; output: string } => {
    try {
      return {
        status: 0,
        output: execFileSync(process.execPath, [join(ROOT, 'test', 'emulator', 'background.ts'), ...args], { encoding: 'utf8', timeout: 20_000 }),
      };
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      return { status: failed.status, output: failed.stdout + failed.stderr };
    }
  };
  const dir = (): string => {
    const path = mkdtempSync(join(tmpdir(), 'emulator-bg-'));
    cleanups.push(() => rmSync(path, { recursive: true, force: true }));
    return path;
  };

  it('leaves the emulator running after it has exited, printing its URL and pid', async () => {
    const log = join(dir(), 'emulator.log');
    const { status, output } = run(['--log', log, '--port', '0']);
    const pid = Number(/^pid (\d+)/m.exec(output)?.[1]);
    cleanups.push(() => killQuietly(pid));
    expect(status, output).toBe(0);
    const url = / listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
    expect(await answers(url), `${url} should answer after the starter exited`).toBe(true);
    process.kill(pid, 'SIGTERM');
    expect(await until(url, false, 5000)).toBe(true);
  }, 30_000);

  it('fails with exit code 1 and the emulator log when the emulator cannot start', () => {
    const { status, output } = run(['--log', join(dir(), 'emulator.log'), '--port', 'not-a-port']);
    expect(status).toBe(1);
    expect(output).toContain('The emulator did not start');
    expect(output).toContain('--port: expected 0-65535');
  });

  it('without --log: usage, exit code 2', () => {
    const { status, output } = run(['--port', '0']);
    expect(status).toBe(2);
    expect(output).toContain('Usage: node test/emulator/background.ts --log FILE');
  });
});
