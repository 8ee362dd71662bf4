// docs/local-runs.md says exactly which engine warnings `npm ci` prints on the oldest Node the
// project promises (package.json `engines.node`): one per package of the lock file whose own
// `engines.node` leaves that version out. A new or upgraded package that changes the list fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const read = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

type Version = [number, number, number];

const version = (text: string): Version => {
  const [major = 0, minor = 0, patch = 0] = text.split('.').map(Number);
  return [major, minor, patch];
};
const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `v` satisfies a range as the lock file's packages write it: `a || b`, `>=x.y.z`, `<x`, `^x.y.z`, `x`. */
function satisfies(v: Version, range: string): boolean {
  return range.split('||').some((part) =>
    part
      .trim()
      .replace(/([<>]=?|\^)\s+/g, '$1')
      .split(/\s+/)
      .every((term) => {
        const [, op = '', at = ''] = /^([<>]=?|\^|)(\d+(?:\.\d+){0,2})$/.exec(term) ?? [];
        if (!at) throw new Error(`a range this test cannot read: ${range}`);
        const order = compare(v, version(at));
        if (op === '>=') return order >= 0;
        if (op === '>') return order > 0;
        if (op === '<') return order < 0;
        if (op === '<=') return order <= 0;
        // ^x.y.z and a bare major: at least it, below the next major.
        return order >= 0 && v[0] === version(at)[0];
      }),
  );
}

describe('engine warnings on the oldest Node promised', () => {
  const pkg = read('package.json') as { engines: { node: string } };
  const oldest = version(pkg.engines.node.replace(/^>=/, ''));
  const lock = read('package-lock.json') as { packages: Record<string, { engines?: { node?: string } | string[] }> };
  const warned = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !Array.isArray(entry.engines) && entry.engines?.node && !satisfies(oldest, entry.engines.node))
    .map(([path]) => path.replace(/^.*node_modules\//, ''))
    .sort();

  it('the README and docs/local-runs.md promise the version package.json does', () => {
    const promised = `Node.js ${pkg.engines.node.replace(/^>=/, '')} or later`;
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(promised);
    expect(readFileSync(join(ROOT, 'docs/local-runs.md'), 'utf8')).toContain(promised);
  });

  it('docs/local-runs.md lists exactly the packages that warn there, and says how many', () => {
    const page = readFileSync(join(ROOT, 'docs/local-runs.md'), 'utf8');
    const section = page.slice(page.indexOf('## Install'), page.indexOf('## The demo'));
    const listed = [...section.matchAll(/^\| (`[^|]+`) \|/gm)].flatMap((m) => [...(m[1] ?? '').matchAll(/`([^`]+)`/g)].map((n) => n[1] ?? '')).sort();
    expect(listed).toEqual(warned);
    const words = ['none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    expect(section).toContain(`prints ${words[warned.length] ?? warned.length} \`npm warn EBADENGINE`);
  });
});
