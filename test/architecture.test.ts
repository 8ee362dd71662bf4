// The layers of src/ point one way: entries → workflows → zilliz → inputs and types → errors,
// with report/ (presentation of what the workflows return) between the entries and the workflows.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

/** A module's layer; a module may import only from lower layers or from its own folder. */
function layerOf(file: string): { rank: number; name: string } {
  const path = relative(SRC, file).split(sep).join('/');
  const folder = path.includes('/') ? path.split('/')[0] : path.replace(/\.ts$/, '');
  const ranks: Record<string, number> = {
    text: -1,
    errors: 0,
    types: 1,
    ids: 1,
    scope: 1,
    runtime: 1,
    format: 1,
    version: 1,
    inputs: 2,
    zilliz: 3,
    workflows: 4,
    report: 5,
    entries: 6,
    actions: 7,
    main: 7,
  };
  const rank = ranks[folder ?? ''];
  if (rank === undefined) throw new Error(`src/${path} is in no known layer: add it to the map in this test`);
  return { rank, name: folder ?? '' };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Relative imports of a file, type-only ones included (they shape the layers as much). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?from '(\.[^']+)'/gms)].map((m) => resolve(dirname(file), m[1] ?? ''));
}

/** The first import cycle among `files` (a chain of files that leads back to its start), if any. */
function findCycle(files: readonly string[], importsOf: (file: string) => string[]): string[] | undefined {
  const done = new Set<string>();
  const visit = (file: string, path: string[]): string[] | undefined => {
    const seenAt = path.indexOf(file);
    if (seenAt >= 0) return [...path.slice(seenAt), file];
    if (done.has(file)) return undefined;
    for (const target of importsOf(file)) {
      const cycle = visit(target, [...path, file]);
      if (cycle) return cycle;
    }
    done.add(file);
    return undefined;
  };
  for (const file of files) {
    const cycle = visit(file, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('src/ layers: entries → report → workflows → zilliz → inputs/types → errors', () => {
  const files = sourceFiles(SRC);

  it('finds the modules it checks', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(importsOf(join(SRC, 'entries', 'common.ts')).length).toBeGreaterThan(3);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))('%s imports only from lower layers or its own folder', (_name, file) => {
    const own = layerOf(file);
    for (const target of importsOf(file)) {
      const other = layerOf(target);
      const sameFolder = other.name === own.name;
      expect(sameFolder || other.rank < own.rank, `${relative(SRC, file)} → ${relative(SRC, target)}`).toBe(true);
    }
  });
});

// Within a layer (a folder) modules may import each other, so a cycle could form there; across
// layers the rule above already forbids one. Type-only imports count: they are how a cycle starts.
describe('src/ has no import cycle', () => {
  it('the check finds a cycle where there is one', () => {
    const graph: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'], d: ['a'] };
    expect(findCycle(['d', 'a', 'b', 'c'], (f) => graph[f] ?? [])).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(['a', 'b'], (f) => ({ a: ['b'], b: [] })[f] ?? [])).toBeUndefined();
  });

  it('no module of src/ reaches itself through its imports', () => {
    const cycle = findCycle(sourceFiles(SRC), importsOf);
    expect(cycle?.map((file) => relative(SRC, file)).join(' → ')).toBeUndefined();
  });
});
