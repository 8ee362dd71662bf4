// `npm run bench`: how much the action adds to a deploy and how hard it leans on the API,
// measured in one run on this machine, side by side with the hand-written curl + `sleep 5` loop.
// Not a test: it prints numbers and asserts nothing. Needs a built dist/ (`npm run build`).
//
//   1. real runs of dist/index.js against the in-process emulator (jobs of 0, 2 and 10 s);
//   2. the same jobs waited for by a plain shell loop (curl, grep/sed or jq, sleep 5), as ratios;
//   3. the real polling policy (src/workflows/polling.ts) on a simulated clock, 1 s to 2 h jobs;
//   4. start-up time and bundle sizes.
//
// Options: --repeats N (real runs per job, default 3), --startup-runs N (default 10),
// --skip-real (sections 3 and 4 only), --dist DIR (bundle directory under test, default dist).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DEDICATED_CLUSTER, startEmulator, type Emulator } from '../test/emulator/index.ts';
import { ROOT, inputEnv, parseOutputFile } from '../test/e2e/harness.ts';
import { actionPolicy, fixedPolicy, seededRandom, simulatePolling } from './lib/simulate-polling.ts';

const { values: args } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    'startup-runs': { type: 'string', default: '10' },
    'skip-real': { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist' },
  },
});
/** The bundle under test (copied before use, so a rebuild during the run cannot disturb it). */
const DIST = resolve(ROOT, args.dist);
const REPEATS = Number(args.repeats);
const STARTUP_RUNS = Number(args['startup-runs']);
const JOB_SECONDS = [0, 2, 10] as const;

const nowMs = (): number => performance.timeOrigin + performance.now();
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};
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
    for (const seconds of JOB_SECONDS) {
      const jobMs = seconds * 1000;
      const emulator = await startEmulator({ jobPendingMs: 0, jobDurationMs: jobMs });
      try {
        const action: Sample[] = [];
        const loop: Sample[] = [];
        for (let i = 0; i < REPEATS; i++) {
          action.push(await runActionOnce(emulator));
          loop.push(await runShellLoopOnce(emulator, script));
        }
        const a = { beyond: median(action.map((s) => s.wallMs - jobMs)), requests: median(action.map((s) => s.requests)) };
        const l = { beyond: median(loop.map((s) => s.wallMs - jobMs)), requests: median(loop.map((s) => s.requests)) };
        process.stderr.write(`  ${seconds} s job: action ${ms(a.beyond)} / ${a.requests} req, loop ${ms(l.beyond)} / ${l.requests} req\n`);
        rows.push([
          seconds === 0 ? '0 s (done at once)' : `${seconds} s`,
          ms(a.beyond),
          String(a.requests),
          ms(l.beyond),
          String(l.requests),
          ratio(a.beyond, l.beyond),
          ratio(a.requests, l.requests),
        ]);
      } finally {
        await emulator.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    `### 1–2. Real runs against the emulator (median of ${REPEATS}; wall time beyond the job's own duration)`,
    '',
    table(
      ['job', 'action: beyond job', 'action: requests', 'curl loop: beyond job', 'curl loop: requests', 'time ratio (action / loop)', 'request ratio'],
      rows,
    ),
    '',
    "The action's requests are every API call it made (create, job status, backup status); the loop",
    "makes only create + job status and never checks that the backup is AVAILABLE. The action's",
    "time includes its own Node start-up; the loop's includes bash and curl start-ups.",
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// 3. Simulated clock: the real policy, no real waiting.

function simulatedPolicy(): string {
  const jobs: [string, number][] = [
    ['1 s', 1000],
    ['1 min', 60_000],
    ['5 min', 300_000],
    ['30 min', 1_800_000],
    ['1 h', 3_600_000],
    ['2 h', 7_200_000],
  ];
  const TRIALS = 200;
  const targetMs = (jobMs: number): number => Math.min(60_000, Math.max(5000, jobMs / 10));
  const rows = jobs.map(([label, jobMs]) => {
    // Each trial's job lasts T plus a random 0 to min(5 s, T), so the 5 s loop is not flattered by
    // jobs that end exactly on its 5-second grid; the action's jitter is drawn from its own seed.
    const spread = seededRandom(jobMs);
    const trials = Array.from({ length: TRIALS }, (_, i) => {
      const length = jobMs + Math.min(5000, jobMs) * spread();
      const action = simulatePolling(length, actionPolicy(seededRandom(i + 1)));
      const loop = simulatePolling(length, fixedPolicy(5000));
      const met =
        action.detectionDelayMs <= targetMs(length) &&
        (length < 120_000 || action.requests <= loop.requests) &&
        (jobMs !== 3_600_000 || action.requests <= 100);
      return { action, loop, met };
    });
    const stat = (pick: (t: (typeof trials)[number]) => number, fmt: (x: number) => string): string =>
      `${fmt(median(trials.map(pick)))} / ${fmt(Math.max(...trials.map(pick)))}`;
    const count = (x: number): string => String(x);
    return [
      label,
      stat((t) => t.action.requests, count),
      stat((t) => t.action.detectionDelayMs, secs),
      stat((t) => t.loop.requests, count),
      stat((t) => t.loop.detectionDelayMs, secs),
      secs(targetMs(jobMs)),
      trials.every((t) => t.met) ? 'yes' : `NO (${trials.filter((t) => !t.met).length} of ${TRIALS})`,
    ];
  });
  return [
    `### 3. Polling policy on a simulated clock (median / worst of ${TRIALS} seeded trials)`,
    '',
    table(
      [
        'job',
        'action: status requests',
        'action: detection delay',
        '5 s loop: status requests',
        '5 s loop: detection delay',
        'target: detection ≤',
        'targets met in every trial',
      ],
      rows,
    ),
    '',
    'Runs `nextPollDelay` from src/workflows/polling.ts as imported, through the simulator the unit',
    "tests use (scripts/lib/simulate-polling.ts: look at once, then sleep the policy's delay;",
    'requests take no time). Job status requests only: the action adds one create and one backup',
    "status request, the loop one create. A trial's job lasts T plus a random 0 to min(5 s, T), so",
    'the loop is not flattered by jobs ending on its 5-second grid. "Targets met": detection ≤',
    'max(5 s, 10% of the job), capped at 60 s; for jobs ≥ 2 min no more requests than the loop;',
    'for 1 h at most 100.',
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
      '< 150 ms',
    ],
    ['bad input (no api-key) → exit', ms(median(badInput)), `${ms(Math.min(...badInput))}–${ms(Math.max(...badInput))}`, '< 300 ms'],
    ['empty ESM file → exit (reference)', ms(emptyMedian), `${ms(Math.min(...emptyStart))}–${ms(Math.max(...emptyStart))}`, ''],
  ];

  const sizeRows: string[][] = [];
  for (const abs of [...new Set([DIST, join(ROOT, 'dist'), join(ROOT, 'wait/dist'), join(ROOT, 'restore/dist')])]) {
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs)
      .filter((f) => f.endsWith('.js'))
      .sort()) {
      const file = join(abs, name);
      const bytes = statSync(file).size;
      sizeRows.push([relative(ROOT, file), `${(bytes / 1024).toFixed(0)} KiB`, `${(gzipSync(readFileSync(file)).length / 1024).toFixed(0)} KiB`]);
    }
  }
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
  process.stderr.write(`real runs (${REPEATS} per job; the 10 s job takes a while)...\n`);
  sections.push(await realRuns());
}
sections.push(simulatedPolicy());
process.stderr.write('start-up...\n');
sections.push(await startup());
rmSync(snapshot, { recursive: true, force: true });
console.log(
  `## Benchmark (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch}, ${cpus().length} CPUs, load average at the end ${loadavg()[0]?.toFixed(1)}, Node ${process.versions.node})\n\n${sections.join('\n\n')}`,
);
