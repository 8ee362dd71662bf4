// The third-party licence file must name every production package of package-lock.json, with the
// licence text it ships, whatever ncc traced.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatThirdPartyLicenses, writeThirdPartyLicenses } from '../scripts/licenses.ts';

const ROOT = join(import.meta.dirname, '..');
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; license?: string }>;
};
const production = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && entry.dev !== true);

const dir = mkdtempSync(join(tmpdir(), 'licenses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const outFile = join(dir, 'licenses.txt');
writeThirdPartyLicenses(outFile);
const written = readFileSync(outFile, 'utf8');
// One block per package, each starting at its `name@version` line.
const sections = written.split(/\n={80}\n(?=[^\n]+@[^\n]+\nLicense:)/);

describe('writeThirdPartyLicenses', () => {
  it('package-lock.json has production packages to list (the check below is not vacuous)', () => {
    expect(production.length).toBeGreaterThanOrEqual(3);
  });

  for (const [path, entry] of production) {
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    it(`lists ${name}@${entry.version ?? '?'} with its licence id and the text of its licence file`, () => {
      const header = `${name}@${entry.version ?? ''}\nLicense: ${entry.license ?? ''}\n`;
      expect(written).toContain(header);
      const licenceFile = readdirSync(join(ROOT, path)).find((file) => /^licen[cs]e/i.test(file));
      if (licenceFile === undefined) throw new Error(`${path} ships no LICENSE file: the test expects one for every production package`);
      const text = readFileSync(join(ROOT, path, licenceFile), 'utf8')
        .replace(/\r\n?/g, '\n')
        .trim();
      const section = sections.find((block) => block.startsWith(header));
      expect(section).toContain(text);
    });
  }

  it('lists each name@version once, sorted by name', () => {
    const names = [...written.matchAll(/^={80}\n(.+)@([^@\n]+)\nLicense:/gm)].map((m) => m[1] ?? '');
    const ids = [...written.matchAll(/^={80}\n(.+@[^@\n]+)\nLicense:/gm)].map((m) => m[1] ?? '');
    expect(new Set(ids).size).toBe(ids.length);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('is deterministic: a second run writes the same bytes', () => {
    const again = join(dir, 'again.txt');
    writeThirdPartyLicenses(again);
    expect(readFileSync(again, 'utf8')).toBe(written);
  });

  it("falls back to package.json's licence id when a package has no licence file", () => {
    const text = formatThirdPartyLicenses([{ name: 'no-file', version: '1.0.0', license: 'ISC', repository: '', files: [] }]);
    expect(text).toContain('no-file@1.0.0\nLicense: ISC\n');
    expect(text).toContain('The package has no licence file; its package.json says: ISC');
  });
});
