// Each action's documented inputs/outputs tables must say what its action.yml says: the same
// inputs and outputs, in the same order, with the same `required` and default. The main action is
// documented in README.md, each sub-action `<name>/action.yml` on its page `<name>/README.md`.
// Each table follows a marker comment:
//   <!-- inputs: wait/action.yml -->   | input | required | default | description |
//   <!-- outputs: wait/action.yml -->  | output | description |
// Further down: claims that can drift (examples, links, the failure table's tests, .env.example).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findActionFiles } from '../scripts/lib/action-files.ts';

const ROOT = join(import.meta.dirname, '..');
// Every action of the repository, found on disk: a new sub-action is checked without editing this.
const ACTION_FILES = findActionFiles(ROOT);
const SUB_ACTION_FILES = ACTION_FILES.filter((file) => file !== 'action.yml');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
// The README is a landing page; the long sections live here, each linked from it.
const DOCS = readdirSync(join(ROOT, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);
const FAILURE_PAGE = 'docs/failure-behaviour.md';

/** The page that documents an action: README.md for the main one, `<name>/README.md` for a sub-action. */
function pageOf(file: string): string {
  return file === 'action.yml' ? 'README.md' : `${dirname(file)}/README.md`;
}

function readPage(file: string): string {
  return readFileSync(join(ROOT, pageOf(file)), 'utf8');
}

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

/** The table rows right after `<!-- kind: file -->` on the action's page, each split into trimmed cells. */
function tableAfter(kind: 'inputs' | 'outputs', file: string): string[][] {
  const page = readPage(file);
  const marker = `<!-- ${kind}: ${file} -->`;
  const at = page.indexOf(marker);
  if (at < 0) throw new Error(`${pageOf(file)} has no "${marker}" marker before the ${kind} table of ${file}`);
  const lines = page.slice(at + marker.length).split('\n');
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

describe('inputs and outputs tables match action.yml', () => {
  it('finds the main action and every sub-action on disk', () => {
    expect(ACTION_FILES[0]).toBe('action.yml');
    expect(ACTION_FILES).toEqual(expect.arrayContaining(['wait/action.yml', 'restore/action.yml']));
  });

  for (const file of ACTION_FILES) {
    it(`${file}: ${pageOf(file)} exists with an inputs and an outputs table for it`, () => {
      expect(existsSync(join(ROOT, pageOf(file))), `${pageOf(file)} should document ${file}`).toBe(true);
      expect(readPage(file)).toContain(`<!-- inputs: ${file} -->`);
      expect(readPage(file)).toContain(`<!-- outputs: ${file} -->`);
    });

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

/** The YAML code blocks of a Markdown text. */
function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');
}

/** Each `run:` of a YAML snippet (one line, or a `|`/`>` block) that holds a `${{ … }}` expression. */
function runsWithExpressions(yaml: string): string[] {
  const lines = yaml.split('\n');
  const found: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^(\s*)(?:- )?run:\s*(.*)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const indent = (match[1] ?? '').length;
    const script = [match[2] ?? ''];
    if (/^[|>][-+]?\s*$/.test(match[2] ?? '')) {
      for (let j = i + 1; j < lines.length; j++) {
        const line = lines[j] ?? '';
        if (line.trim() !== '' && line.length - line.trimStart().length <= indent) break;
        script.push(line);
      }
    }
    if (script.join('\n').includes('${{')) found.push(script.join('\n').trim());
  }
  return found;
}

describe('README claims that can drift', () => {
  const pages = ['README.md', ...SUB_ACTION_FILES.map(pageOf)].filter((page) => existsSync(join(ROOT, page)));

  for (const page of [...pages, ...DOCS]) {
    const text = readFileSync(join(ROOT, page), 'utf8');
    if (yamlBlocks(text).length === 0) continue;
    it(`${page}: no example puts \${{ … }} inside run: (pass values through env:)`, () => {
      expect(yamlBlocks(text).flatMap(runsWithExpressions)).toEqual([]);
    });
  }

  it('README.md and every sub-action page have YAML examples', () => {
    for (const page of pages) expect(yamlBlocks(readFileSync(join(ROOT, page), 'utf8')).length, page).toBeGreaterThan(0);
  });

  it('README.md links the page of every sub-action', () => {
    for (const file of SUB_ACTION_FILES) expect(README, `README.md should link ${pageOf(file)}`).toContain(`](${pageOf(file)}`);
  });

  it('README.md names no bundle directory of the old layout (one dist/ serves every action)', () => {
    for (const file of SUB_ACTION_FILES) expect(README).not.toContain(`${dirname(file)}/dist`);
  });

  it('README.md is a landing page: under 25 KB', () => {
    expect(Buffer.byteLength(README)).toBeLessThan(25 * 1024);
  });

  it('README.md keeps the quick start: `npm ci && npm run demo`, then `npm test`', () => {
    expect(README).toContain('npm ci && npm run demo');
    expect(README).toMatch(/```sh\nnpm test\n```/);
  });

  it('every page under docs/ can be reached from README.md by following links', () => {
    expect(DOCS.length).toBeGreaterThan(5);
    const reached = reachableFrom('README.md');
    expect(DOCS.filter((page) => !reached.has(page))).toEqual([]);
  });

  const linking = [...new Set([...pages, ...DOCS, 'CONTRIBUTING.md', 'SECURITY.md', 'test/emulator/README.md'])];
  for (const page of linking) {
    it(`${page}: every relative link points at a file that exists (and at a heading that exists)`, () => {
      expect(brokenLinks(page)).toEqual([]);
    });
  }

  it('every test the failure-behaviour table names exists in the file it names', () => {
    const section = readFileSync(join(ROOT, FAILURE_PAGE), 'utf8');
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && line.includes('›'));
    expect(rows.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const row of rows) {
      const cellText = row.split(' | ').at(-1) ?? '';
      for (const reference of cellText.split('; ')) {
        const match = /`(test\/[^`]+)` › (.+?)\s*\|?\s*$/.exec(reference);
        if (!match) continue;
        const [, file = '', names = ''] = match;
        const text = existsSync(join(ROOT, file)) ? readFileSync(join(ROOT, file), 'utf8') : '';
        for (const name of names.split(' / ')) {
          // A name may be cut short with … and may end in the shared part of an it.each title.
          const cut = (name.split('…')[0] ?? '').trim().replace(/:$/, '');
          const label = cut.includes(': ') ? cut.slice(0, cut.lastIndexOf(': ')) : cut;
          if (!text.includes(cut) && !text.includes(label)) missing.push(`${file} › ${cut}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  // Removed with the one straight path (issue 12): a page that still describes them is wrong.
  const GONE = ['node:http', 'PendingToolkit', 'firstExchange', 'nodeRequest', '60–80 ms', 'held in order', 'after 300 ms', 'src/bin/'];
  // docs/benchmarks.md tells the history of start-up times, so it may name what was removed.
  for (const page of [...pages, ...DOCS.filter((page) => page !== 'docs/benchmarks.md'), 'CONTRIBUTING.md']) {
    it(`${page} describes no start-up machinery or transport that was removed`, () => {
      const text = readFileSync(join(ROOT, page), 'utf8');
      expect(GONE.filter((term) => text.includes(term))).toEqual([]);
    });
  }
});

describe('.env.example (for @github/local-action) covers the main action', () => {
  const lines = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n');
  /** Each INPUT_ line: the input's name as the runner writes it, its value, and the comment line above. */
  const settings = lines.flatMap((line, i) => {
    const match = /^INPUT_([A-Z0-9_-]+)=(.*)$/.exec(line);
    return match ? [{ name: (match[1] ?? '').toLowerCase(), value: match[2] ?? '', above: lines[i - 1] ?? '' }] : [];
  });

  it('sets every input of action.yml, once each, in its order', () => {
    expect(settings.map((s) => s.name)).toEqual(actionInputs('action.yml').map((input) => input.name));
  });

  it('sets each input with a default to that default, or says the default on the line above', () => {
    const defaults = new Map(actionInputs('action.yml').map((input) => [input.name, input.default]));
    const wrong = settings.filter(({ name, value, above }) => {
      const fallback = defaults.get(name) ?? '';
      return value !== fallback && !(fallback !== '' && above.startsWith('#') && above.includes(`default: ${fallback}`));
    });
    expect(wrong.map((s) => `${s.name}=${s.value}`)).toEqual(['api-key=emulator-api-key', 'cluster-id=in01-0123456789abcde']);
  });

  it('sets GITHUB_STEP_SUMMARY, so a local run writes its job summary', () => {
    expect(lines).toContainEqual(expect.stringMatching(/^GITHUB_STEP_SUMMARY=\S+$/));
  });
});

/** The heading anchors of a Markdown text, as GitHub makes them (lower case, punctuation dropped, -1 for a repeat). */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const match of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = (match[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** The relative links of a Markdown page (no scheme, not in code): [text](target) and [text]: target. */
function relativeLinks(markdown: string): string[] {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  const targets = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g), ...text.matchAll(/^\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] ?? '');
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** `target` of a link on `page`, as a path from the project root and an anchor. */
function resolveLink(page: string, target: string): { path: string; anchor: string } {
  const [file = '', anchor = ''] = target.split('#');
  return { path: file === '' ? page : normalize(join(dirname(page), decodeURIComponent(file))).replace(/\\/g, '/'), anchor };
}

/** Each relative link of `page` whose file does not exist, or whose #anchor is no heading of that page. */
function brokenLinks(page: string): string[] {
  const broken: string[] = [];
  for (const target of relativeLinks(readFileSync(join(ROOT, page), 'utf8'))) {
    const { path, anchor } = resolveLink(page, target);
    if (path.startsWith('..') || !existsSync(join(ROOT, path))) broken.push(`${target} (no ${path})`);
    else if (anchor !== '' && path.endsWith('.md') && !anchorsOf(readFileSync(join(ROOT, path), 'utf8')).has(anchor))
      broken.push(`${target} (no heading #${anchor} in ${path})`);
  }
  return broken;
}

/** Every Markdown page reached from `start` by following relative links. */
function reachableFrom(start: string): Set<string> {
  const reached = new Set([start]);
  const queue = [start];
  for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
    for (const target of relativeLinks(readFileSync(join(ROOT, page), 'utf8'))) {
      const { path } = resolveLink(page, target);
      if (path.endsWith('.md') && !reached.has(path) && existsSync(join(ROOT, path))) {
        reached.add(path);
        queue.push(path);
      }
    }
  }
  return reached;
}

describe('the link reader', () => {
  it('makes anchors as GitHub does, and finds relative links outside code only', () => {
    expect(anchorsOf('## `wait`: start early, gate later\n## Several clusters (matrix)\n## Cost\n## Cost\n')).toEqual(
      new Set(['wait-start-early-gate-later', 'several-clusters-matrix', 'cost', 'cost-1']),
    );
    expect(relativeLinks('[a](docs/a.md#x) [b](https://x.y) `[c](no.md)`\n```\n[d](no.md)\n```\n[e]: ../e.md\n')).toEqual(['docs/a.md#x', '../e.md']);
    expect(resolveLink('docs/a.md', '../README.md#roll-back')).toEqual({ path: 'README.md', anchor: 'roll-back' });
    expect(resolveLink('docs/a.md', '#here')).toEqual({ path: 'docs/a.md', anchor: 'here' });
  });
});

describe('the run: reader', () => {
  it('finds an expression in a one-line run and in a block, and none when the value comes through env', () => {
    const yaml = [
      '      - run: echo "${{ steps.a.outputs.x }}"',
      '      - run: |',
      '          echo one',
      '          echo "${{ github.ref }}"',
      '      - env:',
      '          X: ${{ steps.a.outputs.x }}',
      '        run: echo "$X"',
    ].join('\n');
    expect(runsWithExpressions(yaml)).toEqual(['echo "${{ steps.a.outputs.x }}"', '|\n          echo one\n          echo "${{ github.ref }}"']);
  });
});

describe('the table reader', () => {
  it('reads a default written in backticks, and an em dash as no default', () => {
    expect(cellValue('`30m`')).toBe('30m');
    expect(cellValue('—')).toBe('');
    expect(cellValue('')).toBe('');
  });
});

describe('docs/local-runs.md shows how to run every action', () => {
  const page = readFileSync(join(ROOT, 'docs/local-runs.md'), 'utf8');
  const names = SUB_ACTION_FILES.map((file) => dirname(file));
  it.each(names)('%s: its bundle', (name) => {
    expect(page).toContain(`dist/${name}/index.js`);
  });
  // An action with a post: step has its post bundle run too (with the state its main step saved).
  const withPost = SUB_ACTION_FILES.filter((file) => /^\s+post:/m.test(readFileSync(join(ROOT, file), 'utf8'))).map((file) => dirname(file));
  it.each(withPost)('%s: its post step too', (name) => {
    expect(page).toContain(`dist/${name}/post.js`);
  });
});
