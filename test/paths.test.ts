// Nothing in the project may name a path of one particular machine: shared material is read
// through `../shared/` relative to the project root, temporary files through os.tmpdir().
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : /\.(ts|js|mjs|md|json)$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** A quote, backtick, space or bracket, then an absolute path under a machine's home or work folders. */
const MACHINE_PATH = /(?<=^|['"`\s(=:,])(?:\/(?:work|home|root|Users|mnt|opt|srv)\/|[A-Za-z]:\\(?:Users|home)\\)/m;

/** Every line of the text that names such a path. */
function machinePaths(text: string): string[] {
  return text.split('\n').filter((line) => MACHINE_PATH.test(line));
}

describe('no absolute machine paths in src/, test/ or scripts/', () => {
  it('the check finds the paths it is meant to find, and not relative ones', () => {
    // Built from parts, so that this file does not name them itself.
    const [work, home, users] = ['/' + 'work/', '/' + 'home/', 'C:\\' + 'Users\\'];
    expect(machinePaths(`const SHARED = '${work}shared/api-samples';`)).toHaveLength(1);
    expect(machinePaths(`// copied from ${home}me/shared`)).toHaveLength(1);
    expect(machinePaths(`see \`${users}me\\shared\``)).toHaveLength(1);
    expect(machinePaths(`new URL('../../shared/api-samples', import.meta.url); '/v2/clusters/x/work/'`)).toEqual([]);
  });

  const files = ['src', 'test', 'scripts'].flatMap((dir) => filesUnder(join(ROOT, dir)));

  it('finds the files it checks', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))('%s names no absolute machine path', (_name, file) => {
    expect(machinePaths(readFileSync(file, 'utf8'))).toEqual([]);
  });
});
