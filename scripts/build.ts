// Bundles each action's entry with ncc: the main action into dist/, the sub-actions into
// <name>/dist/ (the actions/cache layout), all from the one src/.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLES = [
  { entry: 'src/bin/backup.ts', out: 'dist' },
  { entry: 'src/bin/wait.ts', out: 'wait/dist' },
  { entry: 'src/bin/restore.ts', out: 'restore/dist' },
] as const;

const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
for (const { entry, out } of BUNDLES) {
  // Build beside the old bundle and swap, so a failed build leaves the last good one in place.
  const staging = `${out}.new`;
  rmSync(join(root, staging), { recursive: true, force: true });
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', staging, '--license', 'licenses.txt', '--quiet'], { cwd: root, stdio: 'inherit' });
  rmSync(join(root, out), { recursive: true, force: true });
  renameSync(join(root, staging), join(root, out));
  console.log(`built ${out}/index.js from ${entry}`);
}
