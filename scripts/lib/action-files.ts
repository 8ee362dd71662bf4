// The actions of the repository: the main action.yml and every sub-action (`<name>/action.yml`),
// found on disk so that a new sub-action is checked (lint, README tables) without a list to update.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function findActionFiles(root: string): string[] {
  const subActions = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules' && existsSync(join(root, entry.name, 'action.yml')))
    .map((entry) => `${entry.name}/action.yml`)
    .sort();
  return ['action.yml', ...subActions];
}
