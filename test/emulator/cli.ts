// Runs the emulator in the foreground: `npx node test/emulator/cli.ts --help`.
// The first three lines are a fixed format that scripts parse; then one line per request.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BackupSeed } from './seed.ts';
import { DEDICATED_CLUSTER, SEED_ALIAS } from './seed.ts';
import { startEmulator } from './server.ts';
import type { DescribeBackupShape, ProgressProfile } from './state.ts';
import { DESCRIBE_BACKUP_SHAPES, PROGRESS_PROFILES } from './state.ts';

const HELP = `Usage: node test/emulator/cli.ts [options]

Local emulator of the Zilliz Cloud control-plane REST API v2 (backups, jobs, restore).

  --port N                     port on 127.0.0.1 (default 0: a free port)    env EMULATOR_PORT
  --job-seconds S              creation to end of every job (default 3)      env EMULATOR_JOB_SECONDS
  --pending-seconds S          time a job stays PENDING (default 0.2)        env EMULATOR_PENDING_SECONDS
  --available-delay-seconds S  CREATING after the job succeeded (default 0;  env EMULATOR_AVAILABLE_DELAY_SECONDS
                               "inf" = never AVAILABLE)
  --api-key KEY                key to accept (default emulator-api-key)      env EMULATOR_API_KEY
  --describe-shape SHAPE       describe backup's collection fields: both     env EMULATOR_DESCRIBE_SHAPE
                               (default, as published), flat, dbCollections
  --describe-empty-db-name     dbCollections names the default database ""  env EMULATOR_DESCRIBE_EMPTY_DB_NAME=1
                               (as published) instead of "default"
  --progress-profile P         how job progress moves: steady (default),     env EMULATOR_PROGRESS_PROFILE
                               slow-start, steps, uneven-steps, stall,
                               always-zero, non-monotone
  --visibility-delay-seconds S new jobs and backups stay invisible to        env EMULATOR_VISIBILITY_DELAY_SECONDS
                               describe and list this long (default 0)
  --load-seconds S             how long loading a collection takes on a      env EMULATOR_LOAD_SECONDS
                               cluster's data plane (default 0; "inf" = never)
  --seed-backups mixed|FILE    more seeded backups: "mixed" (150 on the      env EMULATOR_SEED_BACKUPS
                               Dedicated cluster) or a JSON file (one backup or an array)
  -h, --help

Admin (no key): GET /__emulator/requests, POST /__emulator/reset,
GET|POST /__emulator/config, GET|POST|DELETE /__emulator/faults, POST /__emulator/backups,
POST /__emulator/clusters. Each cluster's data plane listens on its own port (connectAddress).`;

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
    'describe-shape': { type: 'string' },
    'describe-empty-db-name': { type: 'boolean' },
    'progress-profile': { type: 'string' },
    'visibility-delay-seconds': { type: 'string' },
    'seed-backups': { type: 'string' },
    'load-seconds': { type: 'string' },
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

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!allowed.includes(value as T)) {
    console.error(`${name}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return value as T;
}

function seedBackups(value: string | undefined): 'mixed' | BackupSeed[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'mixed') return 'mixed';
  try {
    const parsed: unknown = JSON.parse(readFileSync(value, 'utf8'));
    return (Array.isArray(parsed) ? parsed : [parsed]) as BackupSeed[];
  } catch (e) {
    console.error(`--seed-backups: expected "mixed" or a JSON file: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
}

const emptyDbName = values['describe-empty-db-name'] ?? /^(1|true|yes)$/i.test(env['EMULATOR_DESCRIBE_EMPTY_DB_NAME'] ?? '');
const emulatorOptions = {
  describeBackupShape: choice<DescribeBackupShape>('--describe-shape', values['describe-shape'] ?? env['EMULATOR_DESCRIBE_SHAPE'], DESCRIBE_BACKUP_SHAPES),
  describeDefaultDbName: emptyDbName ? ('' as const) : ('default' as const),
  progressProfile: choice<ProgressProfile>('--progress-profile', values['progress-profile'] ?? env['EMULATOR_PROGRESS_PROFILE'], PROGRESS_PROFILES),
  visibilityDelayMs: seconds('--visibility-delay-seconds', values['visibility-delay-seconds'] ?? env['EMULATOR_VISIBILITY_DELAY_SECONDS'], 0),
  seedBackups: seedBackups(values['seed-backups'] ?? env['EMULATOR_SEED_BACKUPS']),
  loadDurationMs: seconds('--load-seconds', values['load-seconds'] ?? env['EMULATOR_LOAD_SECONDS'], 0),
};

const emulator = await startEmulator({
  ...emulatorOptions,
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
console.log(
  `Data plane of ${DEDICATED_CLUSTER}: ${emulator.state.clusters.get(DEDICATED_CLUSTER)?.connectAddress ?? ''} (alias default.${SEED_ALIAS} -> medium_articles)`,
);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

// Under `npm run emulator` (or `npx node …`) the parent is the shell npm runs the command in: npm
// passes SIGINT/SIGTERM to that shell, which dies without passing them on. So, started by npm, the
// emulator closes once the process that started it is gone (POSIX re-parents an orphan; on Windows
// the parent's pid stops answering).
if (env['npm_command']) {
  const parent = process.ppid;
  const parentGone = (): boolean => {
    if (process.ppid !== parent) return true;
    try {
      process.kill(parent, 0);
      return false;
    } catch (error) {
      return error instanceof Error && 'code' in error && error.code === 'ESRCH';
    }
  };
  setInterval(() => {
    if (parentGone()) stop(`the process that started the emulator (${parent}) is gone`);
  }, 250).unref();
}
