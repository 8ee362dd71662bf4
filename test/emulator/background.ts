// Starts the emulator in the background so that it outlives the step (or shell) that started it:
//   node test/emulator/background.ts --log FILE [emulator options, e.g. --port 8000]
// The emulator is detached and inherits no handle of ours (stdin ignored, stdout and stderr into
// FILE). That matters on a GitHub runner: it kills the processes still holding a step's output
// pipes a few seconds after the step ends (on Windows, Start-Process -NoNewWindow with redirects
// makes node inherit them). Waits until the emulator says it listens, prints its first lines and
// its pid, and exits 0; exits 1 with the log if it does not start within 15 s.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const at = args.indexOf('--log');
const logFile = at >= 0 ? args[at + 1] : undefined;
if (logFile === undefined || logFile.startsWith('--')) {
  console.error('Usage: node test/emulator/background.ts --log FILE [emulator options]');
  process.exit(2);
}
const emulatorArgs = [...args.slice(0, at), ...args.slice(at + 2)];

// Not started by npm as far as the emulator should know: it would close once we exit (cli.ts).
const env = { ...process.env };
delete env['npm_command'];
const log = openSync(logFile, 'w');
const child = spawn(process.execPath, [join(import.meta.dirname, 'cli.ts'), ...emulatorArgs], {
  detached: true,
  env,
  stdio: ['ignore', log, log],
  windowsHide: true,
});
closeSync(log);
let exited: number | null | undefined;
child.on('exit', (code) => (exited = code));
child.unref();

const readLog = (): string => readFileSync(logFile, 'utf8');
const deadline = Date.now() + 15_000;
while (Date.now() < deadline && exited === undefined && !readLog().includes(' listening on ')) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const text = readLog();
if (!text.includes(' listening on ')) {
  console.error(`The emulator did not start${exited === undefined ? ' within 15 s' : ` (exit code ${String(exited)})`}. Its log (${logFile}):`);
  console.error(text);
  if (exited === undefined) child.kill();
  process.exit(1);
}
console.log(text.split('\n').slice(0, 3).join('\n'));
console.log(`pid ${String(child.pid)}, log ${logFile}`);
// Whatever the emulator does next is no longer ours to wait for.
process.exit(0);
