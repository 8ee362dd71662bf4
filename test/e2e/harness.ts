// Runs a built bundle the way the GitHub runner does: `node <bundle>` with INPUT_* variables and
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, and captures everything it wrote. A
// post step gets what its main step saved as STATE_<name> variables, as the runner passes it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLES = {
  backup: join(ROOT, 'dist', 'index.js'),
  wait: join(ROOT, 'dist', 'wait', 'index.js'),
  restore: join(ROOT, 'dist', 'restore', 'index.js'),
  prune: join(ROOT, 'dist', 'prune', 'index.js'),
  clone: join(ROOT, 'dist', 'clone', 'index.js'),
  /** The clone action's `post:` step. */
  'clone-post': join(ROOT, 'dist', 'clone', 'post.js'),
} as const;

export interface ActionRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Last value of each output (the runner keeps the last one written). */
  outputs: Record<string, string>;
  /** Every value each output was given, in order. */
  outputHistory: Record<string, string[]>;
  summary: string;
  durationMs: number;
  /**
   * Everything the run left behind, for checks such as "the key appears nowhere". The
   * `::add-mask::` commands are left out: the runner consumes them (that is how masking works)
   * and never shows them.
   */
  everything: string;
  /** The `with:` inputs the run was given. */
  inputs: Record<string, string>;
  /** What the step saved for its post step (core.saveState), last value of each name. */
  state: Record<string, string>;
}

/** The files a run writes, as the runner sees them (they are removed when the run ends). */
export interface RunFiles {
  outputFile: string;
  summaryFile: string;
  stateFile: string;
}

export interface RunOptions {
  bundle?: keyof typeof BUNDLES;
  /** Extra environment (e.g. HTTPS_PROXY); PATH and HOME are kept, the rest of ours is not. */
  env?: Record<string, string>;
  /**
   * Called once the process has started, e.g. to send it a signal later, or to read the files
   * the runner would read while the step is still running.
   */
  onSpawn?: (child: ChildProcess, files: RunFiles) => void;
  /** Kill the process after this long (a safety net; tests should not rely on it). */
  killAfterMs?: number;
  /** For a post step: the state its main step saved (ActionRun.state), passed as STATE_<name>. */
  state?: Record<string, string>;
}

/** `with:` inputs by their action.yml names; the runner turns `api-key` into INPUT_API-KEY. */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return env;
}

/**
 * `with:` inputs as the runner passes them to a JavaScript action: every input action.yml
 * declares is set, to what `with:` gives, else its `default:`, else '' (actions/runner fills an
 * input without a default with an empty string), so "not given" and "given empty" look alike.
 */
export function runnerInputs(actionFile: string, given: Record<string, string>): Record<string, string> {
  const metadata = parse(readFileSync(join(ROOT, actionFile), 'utf8')) as { inputs?: Record<string, { default?: string | number | boolean } | null> };
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(metadata.inputs ?? {})) inputs[name] = given[name] ?? String(spec?.default ?? '');
  return { ...inputs, ...given };
}

/** Parses the `name<<delimiter` blocks that @actions/core appends to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string[]> {
  const history: Record<string, string[]> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name = '', delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    (history[name] ??= []).push(value.join('\n'));
  }
  return history;
}

export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'zilliz-action-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  const stateFile = join(dir, 'state');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(stateFile, '');
  const stateEnv = Object.fromEntries(Object.entries(options.state ?? {}).map(([name, value]) => [`STATE_${name}`, value]));
  const started = Date.now();
  const child = spawn(process.execPath, [BUNDLES[options.bundle ?? 'backup']], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_STATE: stateFile,
      RUNNER_TEMP: dir,
      ...stateEnv,
      ...inputEnv(inputs),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  options.onSpawn?.(child, { outputFile, summaryFile, stateFile });
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
  clearTimeout(killer);
  const durationMs = Date.now() - started;
  const outputText = readFileSync(outputFile, 'utf8');
  const summary = readFileSync(summaryFile, 'utf8');
  const stateText = readFileSync(stateFile, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const outputHistory = parseOutputFile(outputText);
  const outputs = Object.fromEntries(Object.entries(outputHistory).map(([name, values]) => [name, values.at(-1) ?? '']));
  const visibleStdout = stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs,
    outputHistory,
    summary,
    durationMs,
    everything: [visibleStdout, stderr, outputText, summary, stateText].join('\n'),
    inputs,
    // The state file has the output file's format (name<<delimiter blocks).
    state: Object.fromEntries(Object.entries(parseOutputFile(stateText)).map(([name, values]) => [name, values.at(-1) ?? ''])),
  };
}

/** The `::error::` lines the run printed (what the runner shows as the step's failure). */
export function errorLines(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith('::error::'));
}
