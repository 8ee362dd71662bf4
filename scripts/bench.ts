// `npm run bench`: how much the action adds to a deploy and how hard it leans on the API,
// measured in one run on this machine, side by side with the hand-written curl + `sleep 5` loop.
// Not a test: it prints numbers and asserts nothing. Needs a built dist/ (`npm run build`).
//
//   1. real runs of dist/index.js against the in-process emulator (steady jobs of 3 s, 30 s and
//      2 min, and a 2-minute job whose progress moves in steps);
//   2. the same jobs waited for, at the same time, by a plain shell loop (curl, grep/sed or jq,
//      sleep 5) against an emulator of its own, as ratios;
//   3. the waiting policies on a simulated clock, per progress profile, 1 s to 6 h jobs: the
//      progress-aware waiter (src/workflows/schedule.ts), the 5-second loop and the previous
//      policy (scripts/lib/previous-policy.ts), with issue 23's verdict;
//   4. start-up time and bundle sizes.
//
// Options: --repeats N (real runs per job, default 3), --startup-runs N (default 10),
// --skip-real (sections 3 and 4 only), --dist DIR (bundle directory under test, default dist),
// --progress-profile NAME (the emulator's progress profile for the first three real jobs,
// default steady), --trials N (simulated trials per profile and length, default 25).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DEDICATED_CLUSTER, PROGRESS_PROFILES, startEmulator, type Emulator, type ProgressProfile } from '../test/emulator/index.ts';
import { ROOT, inputEnv, parseOutputFile } from '../test/e2e/harness.ts';
import {
  JOB_LENGTHS,
  PROFILES,
  loopWaiter,
  median,
  previousWaiter,
  progressProfile,
  scheduleWaiter,
  simulateJob,
  targetMisses,
  trialLength,
  type JobRun,
  type Waiter,
} from './lib/simulate-polling.ts';

const { values: args } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    'startup-runs': { type: 'string', default: '10' },
    'skip-real': { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist' },
    'progress-profile': { type: 'string' },
    trials: { type: 'string', default: '25' },
  },
});
/** The bundle under test (copied before use, so a rebuild during the run cannot disturb it). */
const DIST = resolve(ROOT, args.dist);
const REPEATS = Number(args.repeats);
const STARTUP_RUNS = Number(args['startup-runs']);
const TRIALS = Number(args.trials);
const PROGRESS_PROFILE = ((name: string | undefined): ProgressProfile => {
  if (name === undefined) return 'steady';
  const known: readonly string[] = PROGRESS_PROFILES;
  if (!known.includes(name)) throw new Error(`--progress-profile: the emulator knows ${known.join(', ')}, not ${name}.`);
  return name as ProgressProfile;
})(args['progress-profile']);
/** The real jobs: seconds and progress profile (a 2-minute job in steps is where the previous waiter lost to the loop). */
const REAL_JOBS: readonly [number, ProgressProfile][] = [
  [3, PROGRESS_PROFILE],
  [30, PROGRESS_PROFILE],
  [120, PROGRESS_PROFILE],
  [120, 'steps'],
];

const nowMs = (): number => performance.timeOrigin + performance.now();
const ms = (x: number): string => `${Math.round(x)} ms`;
const secs = (x: number): string => (x < 10_000 ? `${(x / 1000).toFixed(2)} s` : `${(x / 1000).toFixed(1)} s`);
const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// 1 + 2. Real runs: the action and the shell loop against the emulator.

interface Sample {
  wallMs: number;
  requests: number;
}

const actionInputs = (emulator: Emulator): Record<string, string> => ({
  'api-key': emulator.apiKey,
  'cluster-id': DEDICATED_CLUSTER,
  'base-url': emulator.url,
  timeout: '5m',
});

async function runActionOnce(emulator: Emulator): Promise<Sample> {
  emulator.reset();
  const run = await runBundle(BUNDLE, inputEnv(actionInputs(emulator)));
  if (run.code !== 0 || run.outputs.status !== 'AVAILABLE') {
    throw new Error(`action run failed (exit ${run.code}, status ${run.outputs.status}):\n${run.output}`);
  }
  return { wallMs: run.endMs - run.startMs, requests: emulator.requests.length };
}

// The loop people write by hand (and what the official CLI does): create, then describe the job
// every 5 seconds until it ends. Uses jq when it is installed, grep/sed otherwise.
const SHELL_LOOP = String.raw`#!/usr/bin/env bash
set -euo pipefail
field() { # field NAME < json
  if command -v jq >/dev/null; then jq -r ".data.$1"; else grep -o "\"$1\":\"[^\"]*\"" | head -n1 | sed 's/.*:"\(.*\)"/\1/'; fi
}
auth="Authorization: Bearer $ZILLIZ_API_KEY"
job=$(curl -sS -X POST "$ZILLIZ_URL/v2/clusters/$CLUSTER_ID/backups/create" -H "$auth" \
  -H 'Content-Type: application/json' -d '{"backupType":"CLUSTER"}' | field jobId)
while true; do
  status=$(curl -sS "$ZILLIZ_URL/v2/jobs/$job" -H "$auth" | field status)
  case "$status" in
    SUCCESSFUL) echo "backup done"; exit 0 ;;
    FAILED|CANCELED) echo "backup $status"; exit 1 ;;
  esac
  sleep 5
done
`;

async function runShellLoopOnce(emulator: Emulator, script: string): Promise<Sample> {
  emulator.reset();
  const started = nowMs();
  const child = spawn('bash', [script], {
    env: { PATH: process.env.PATH ?? '', ZILLIZ_URL: emulator.url, ZILLIZ_API_KEY: emulator.apiKey, CLUSTER_ID: DEDICATED_CLUSTER },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = nowMs() - started;
  if (code !== 0) throw new Error(`shell loop failed (exit ${code}):\n${output}`);
  return { wallMs, requests: emulator.requests.length };
}

async function realRuns(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'zilliz-bench-'));
  const script = join(dir, 'loop.sh');
  writeFileSync(script, SHELL_LOOP);
  const rows: string[][] = [];
  try {
    for (const [seconds, progressProfile] of REAL_JOBS) {
      const jobMs = seconds * 1000;
      // One emulator each, so the action and the loop wait for the same kind of job at the same time.
      const options = { jobPendingMs: 0, jobDurationMs: jobMs, progressProfile };
      const [forAction, forLoop] = await Promise.all([startEmulator(options), startEmulator(options)]);
      try {
        const action: Sample[] = [];
        const loop: Sample[] = [];
        for (let i = 0; i < REPEATS; i++) {
          const [a, l] = await Promise.all([runActionOnce(forAction), runShellLoopOnce(forLoop, script)]);
          action.push(a);
          loop.push(l);
        }
        const a = { beyond: median(action.map((s) => s.wallMs - jobMs)), requests: median(action.map((s) => s.requests)) };
        const l = { beyond: median(loop.map((s) => s.wallMs - jobMs)), requests: median(loop.map((s) => s.requests)) };
        process.stderr.write(`  ${seconds} s ${progressProfile} job: action ${ms(a.beyond)} / ${a.requests} req, loop ${ms(l.beyond)} / ${l.requests} req\n`);
        rows.push([
          `${seconds < 60 ? `${seconds} s` : `${seconds / 60} min`}, ${progressProfile}`,
          ms(a.beyond),
          String(a.requests),
          ms(l.beyond),
          String(l.requests),
          ratio(a.beyond, l.beyond),
          ratio(a.requests, l.requests),
        ]);
      } finally {
        await Promise.all([forAction.close(), forLoop.close()]);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    `### 1–2. Real runs against the emulator (median of ${REPEATS}; wall time beyond the job's own duration)`,
    '',
    table(
      [
        'job, progress',
        'action: beyond job',
        'action: requests',
        'curl loop: beyond job',
        'curl loop: requests',
        'time ratio (action / loop)',
        'request ratio',
      ],
      rows,
    ),
    '',
    "The action's requests are every API call it made (create, job status, backup status); the loop",
    "makes only create + job status and never checks that the backup is AVAILABLE. The action's",
    "time includes its own Node start-up; the loop's includes bash and curl start-ups. Each run of",
    'the action and of the loop wait side by side, each against an emulator of its own.',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// 3. Simulated clock: the real policies, no real waiting (the harness the unit tests use).

function simulatedPolicies(): string {
  const loop = loopWaiter(5000);
  const late = (runs: readonly JobRun[]): string => {
    const delays = runs.map((r) => r.detectionDelayMs);
    return `${secs(median(delays))} / ${secs(Math.max(...delays))}`;
  };
  const requests = (runs: readonly JobRun[]): string => String(median(runs.map((r) => r.requests)));
  const sections = PROFILES.map((profile) => {
    const rows = JOB_LENGTHS.map(([label, nominal]) => {
      const runs = Array.from({ length: TRIALS }, (_, i) => {
        const jobMs = trialLength(nominal, i + 1);
        return { jobMs, progress: progressProfile(profile, jobMs, i + 1), seed: i + 1 };
      });
      const run = (waiter: Waiter): JobRun[] => runs.map((r) => simulateJob(r.jobMs, r.progress, waiter, r.seed));
      const [waiter, fixed, previous] = [run(scheduleWaiter), run(loop), run(previousWaiter)];
      const misses = targetMisses(profile, nominal, waiter, fixed);
      const verdict = misses.length === 0 ? 'yes' : `NO: ${misses.slice(0, 2).join('; ')}${misses.length > 2 ? ` (+${misses.length - 2})` : ''}`;
      return [label, requests(waiter), late(waiter), requests(fixed), late(fixed), requests(previous), late(previous), verdict];
    });
    const allMet = rows.every((row) => row.at(-1) === 'yes');
    return [
      allMet ? `#### ${profile}` : `#### ${profile} (targets MISSED)`,
      '',
      table(
        [
          'job',
          'waiter: requests',
          'waiter: late by (median / worst)',
          '5 s loop: requests',
          '5 s loop: late by (median / worst)',
          'previous: requests',
          'previous: late by (median / worst)',
          'never later than the loop',
        ],
        rows,
      ),
    ].join('\n');
  });
  return [
    `### 3. Waiting policies on a simulated clock (${TRIALS} seeded trials per profile and length; requests: median)`,
    '',
    ...sections.flatMap((section) => [section, '']),
    'Runs `nextLookDelay` (src/workflows/schedule.ts, "waiter"), a sleep of 5 s after each answer',
    '("5 s loop", the shell loop and the official CLI) and `nextPollDelay` (scripts/lib/previous-policy.ts,',
    '"previous", the growing interval used before issue 15) against the simulated jobs of',
    'scripts/lib/simulate-polling.ts, the harness the unit tests use: each request takes 50–150 ms and',
    "sees the emulator's progress reading halfway through; a trial lasts its nominal length plus up to",
    'a tenth (at most 5 s). Job status requests only. "Never later than the loop" is issue 23\'s',
    "verdict (`targetMisses`): the waiter's median lateness ≤ the loop's, its worst ≤ the loop's worst",
    '+ one round trip (150 ms), no more requests than the loop in any trial; for steady jobs of 2 min',
    "and more also a median under 1 s and at most half the loop's requests in every trial.",
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// 4. Start-up and size.

interface BundleRun {
  code: number | null;
  /** just before spawn / when the process had exited and closed its pipes */
  startMs: number;
  endMs: number;
  outputs: Record<string, string>;
  output: string;
}

/** What the runner always sets; with it the summary links the run (which loads @actions/github). */
const RUNNER_CONTEXT = {
  GITHUB_REPOSITORY: 'octo-org/deploy',
  GITHUB_RUN_ID: '1',
  GITHUB_RUN_NUMBER: '1',
  GITHUB_WORKFLOW: 'deploy',
  GITHUB_SERVER_URL: 'https://github.com',
};

/** Spawns `node <file>` as the runner does: INPUT_* env, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, run context. */
async function runBundle(file: string, env: Record<string, string>): Promise<BundleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'zilliz-bench-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const startMs = nowMs();
  const child = spawn(process.execPath, [file], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      ...RUNNER_CONTEXT,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: dir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const endMs = nowMs();
  const outputs = Object.fromEntries(Object.entries(parseOutputFile(readFileSync(outputFile, 'utf8'))).map(([k, v]) => [k, v.at(-1) ?? '']));
  rmSync(dir, { recursive: true, force: true });
  return { code, startMs, endMs, outputs, output };
}

async function startup(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'zilliz-bench-'));
  const empty = join(dir, 'empty.mjs');
  writeFileSync(empty, '');
  const firstRequest: number[] = [];
  const badInput: number[] = [];
  const emptyStart: number[] = [];
  const emulator = await startEmulator({ jobPendingMs: 0, jobDurationMs: 0, clock: nowMs });
  try {
    const inputs = inputEnv(actionInputs(emulator));
    const { 'INPUT_API-KEY': _key, ...noKey } = inputs;
    for (let i = 0; i < STARTUP_RUNS; i++) {
      emulator.reset();
      const run = await runBundle(BUNDLE, inputs);
      const first = emulator.requests[0];
      if (run.code !== 0 || !first) throw new Error(`start-up run failed (exit ${run.code}, ${emulator.requests.length} requests):\n${run.output}`);
      firstRequest.push(first.at - run.startMs);

      const bad = await runBundle(BUNDLE, noKey);
      if (bad.code === 0) throw new Error('the run without api-key did not fail');
      badInput.push(bad.endMs - bad.startMs);

      const blank = await runBundle(empty, {});
      emptyStart.push(blank.endMs - blank.startMs);
    }
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const emptyMedian = median(emptyStart);
  const startRows = [
    [
      `process start → first request (\`node ${relative(ROOT, DIST)}/index.js\`)`,
      ms(median(firstRequest)),
      `${ms(Math.min(...firstRequest))}–${ms(Math.max(...firstRequest))}`,
      '150–250 ms expected (the toolkit loads plainly before the first request)',
    ],
    ['bad input (no api-key) → exit', ms(median(badInput)), `${ms(Math.min(...badInput))}–${ms(Math.max(...badInput))}`, '< 300 ms'],
    ['empty ESM file → exit (reference)', ms(emptyMedian), `${ms(Math.min(...emptyStart))}–${ms(Math.max(...emptyStart))}`, ''],
  ];

  const sizeRows: string[][] = [];
  // Every .js file of the one dist/ (the shared bundle in lib/ and the per-action entries).
  const files = existsSync(DIST)
    ? readdirSync(DIST, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.js'))
        .sort()
    : [];
  let total = 0;
  for (const name of files) {
    const file = join(DIST, name);
    const bytes = statSync(file).size;
    total += bytes;
    sizeRows.push([relative(ROOT, file), `${(bytes / 1024).toFixed(0)} KiB`, `${(gzipSync(readFileSync(file)).length / 1024).toFixed(0)} KiB`]);
  }
  sizeRows.push(['all of dist/ (.js)', `${(total / 1024).toFixed(0)} KiB`, '']);
  return [
    `### 4. Start-up (median of ${STARTUP_RUNS}, Node ${process.versions.node}) and bundle size`,
    '',
    table(['measure', 'median', 'range', 'target'], startRows),
    '',
    table(['bundle file', 'size', 'gzip'], sizeRows),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

if (Number(process.versions.node.split('.')[0]) < 24) throw new Error(`Node 24 needed (this is ${process.version}); run \`npm run bench\`.`);
if (!existsSync(join(DIST, 'index.js'))) throw new Error(`${relative(ROOT, DIST)}/index.js is missing: run \`npm run build\` first.`);
const snapshot = mkdtempSync(join(tmpdir(), 'zilliz-bench-dist-'));
cpSync(DIST, snapshot, { recursive: true });
const BUNDLE = join(snapshot, 'index.js');
const sections: string[] = [];
if (!args['skip-real']) {
  process.stderr.write(`real runs (${REPEATS} per job; the 2-minute jobs take a while)...\n`);
  sections.push(await realRuns());
}
process.stderr.write('simulated policies...\n');
sections.push(simulatedPolicies());
process.stderr.write('start-up...\n');
sections.push(await startup());
rmSync(snapshot, { recursive: true, force: true });
console.log(
  `## Benchmark (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch}, ${cpus().length} CPUs, load average at the end ${loadavg()[0]?.toFixed(1)}, Node ${process.versions.node})\n\n${sections.join('\n\n')}`,
);
