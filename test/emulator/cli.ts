// Runs the emulator in the foreground: `npx node test/emulator/cli.ts --help`.
// The first three lines are a fixed format that scripts parse; then one line per request.
import { parseArgs } from 'node:util';
import { DEDICATED_CLUSTER } from './seed.ts';
import { startEmulator } from './server.ts';

const HELP = `Usage: node test/emulator/cli.ts [options]

Local emulator of the Zilliz Cloud control-plane REST API v2 (backups, jobs, restore).

  --port N                     port on 127.0.0.1 (default 0: a free port)    env EMULATOR_PORT
  --job-seconds S              creation to end of every job (default 3)      env EMULATOR_JOB_SECONDS
  --pending-seconds S          time a job stays PENDING (default 0.2)        env EMULATOR_PENDING_SECONDS
  --available-delay-seconds S  CREATING after the job succeeded (default 0;  env EMULATOR_AVAILABLE_DELAY_SECONDS
                               "inf" = never AVAILABLE)
  --api-key KEY                key to accept (default emulator-api-key)      env EMULATOR_API_KEY
  -h, --help

Admin (no key): GET /__emulator/requests, POST /__emulator/reset,
GET|POST /__emulator/config, GET|POST|DELETE /__emulator/faults`;

function seconds(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (/^inf(inity)?$/i.test(value)) return Infinity;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`${name}: expected a number of seconds >= 0, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n * 1000;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'job-seconds': { type: 'string' },
    'pending-seconds': { type: 'string' },
    'available-delay-seconds': { type: 'string' },
    'api-key': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const env = process.env;
const portText = values.port ?? env['EMULATOR_PORT'] ?? '0';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected 0-65535, got ${JSON.stringify(portText)}`);
  process.exit(2);
}

const emulator = await startEmulator({
  port,
  apiKey: values['api-key'] ?? env['EMULATOR_API_KEY'] ?? undefined,
  jobDurationMs: seconds('--job-seconds', values['job-seconds'] ?? env['EMULATOR_JOB_SECONDS'], 3000),
  jobPendingMs: seconds('--pending-seconds', values['pending-seconds'] ?? env['EMULATOR_PENDING_SECONDS'], 200),
  backupAvailableDelayMs: seconds('--available-delay-seconds', values['available-delay-seconds'] ?? env['EMULATOR_AVAILABLE_DELAY_SECONDS'], 0),
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
});

console.log(`Zilliz Cloud emulator listening on ${emulator.url}`);
console.log(`API key: ${emulator.apiKey}`);
console.log(`Dedicated cluster: ${DEDICATED_CLUSTER} (databases: default [medium_articles, products], analytics [events, sessions])`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
