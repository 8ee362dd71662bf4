// README's inputs/outputs tables must say what each action.yml says: the same inputs and outputs,
// in the same order, with the same `required` and default. Each table follows a marker comment:
//   <!-- inputs: action.yml -->   | input | required | default | description |
//   <!-- outputs: action.yml -->  | output | description |
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
// Every action of the repository: a missing one fails the reads below instead of being skipped.
const ACTION_FILES = ['action.yml', 'wait/action.yml', 'restore/action.yml'];
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface InputRow {
  name: string;
  required: boolean;
  default: string;
}

interface ActionMetadata {
  inputs?: Record<string, { required?: boolean; default?: string | boolean | number } | null>;
  outputs?: Record<string, unknown>;
}

function readAction(file: string): ActionMetadata {
  return parse(readFileSync(join(ROOT, file), 'utf8')) as ActionMetadata;
}

/** The table rows right after `<!-- kind: file -->`, each split into trimmed cells. */
function tableAfter(kind: 'inputs' | 'outputs', file: string): string[][] {
  const marker = `<!-- ${kind}: ${file} -->`;
  const at = README.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no "${marker}" marker before the ${kind} table of ${file}`);
  const lines = README.slice(at + marker.length).split('\n');
  const rows: string[][] = [];
  let started = false;
  for (const line of lines) {
    if (!line.trim().startsWith('|')) {
      if (started) break;
      if (line.trim() === '') continue;
      break;
    }
    started = true;
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    rows.push(cells);
  }
  // Drop the header and the |---| separator.
  return rows.filter((cells) => !cells.every((c) => /^:?-+:?$/.test(c))).slice(1);
}

/** `` `name` `` → name; an em dash or an empty cell means no default. */
function cellValue(cell: string | undefined): string {
  const text = (cell ?? '').trim();
  if (text === '' || text === '—' || text === '-') return '';
  const code = /^`(.*)`$/.exec(text);
  return code ? (code[1] ?? '') : text;
}

function readmeInputs(file: string): InputRow[] {
  return tableAfter('inputs', file).map((cells) => ({
    name: cellValue(cells[0]),
    required: /^yes$/i.test(cells[1] ?? ''),
    default: cellValue(cells[2]),
  }));
}

function actionInputs(file: string): InputRow[] {
  return Object.entries(readAction(file).inputs ?? {}).map(([name, spec]) => ({
    name,
    required: spec?.required === true,
    default: spec?.default === undefined ? '' : String(spec.default),
  }));
}

describe('README inputs and outputs tables match action.yml', () => {
  it('finds the main action and documents every action.yml present', () => {
    expect(ACTION_FILES).toContain('action.yml');
    for (const file of ACTION_FILES) {
      expect(README, `README.md should have an inputs table for ${file}`).toContain(`<!-- inputs: ${file} -->`);
      expect(README, `README.md should have an outputs table for ${file}`).toContain(`<!-- outputs: ${file} -->`);
    }
  });

  for (const file of ACTION_FILES) {
    it(`${file}: every input, in order, with the same required flag and default`, () => {
      expect(readmeInputs(file)).toEqual(actionInputs(file));
    });

    it(`${file}: every output, in order`, () => {
      const documented = tableAfter('outputs', file).map((cells) => cellValue(cells[0]));
      expect(documented).toEqual(Object.keys(readAction(file).outputs ?? {}));
    });

    it(`${file}: each row has a description`, () => {
      for (const cells of [...tableAfter('inputs', file), ...tableAfter('outputs', file)]) {
        expect(cells.at(-1), `row ${cells[0] ?? ''} of ${file}`).toMatch(/\w/);
      }
    });
  }
});

describe('the table reader', () => {
  it('reads a default written in backticks, and an em dash as no default', () => {
    expect(cellValue('`30m`')).toBe('30m');
    expect(cellValue('—')).toBe('');
    expect(cellValue('')).toBe('');
  });
});
