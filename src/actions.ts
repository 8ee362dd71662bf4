// Every action's run(), bundled once into dist/lib/; dist/<action>/index.js imports one and calls it.
export { run as backup } from './entries/backup.ts';
export { run as restore } from './entries/restore.ts';
export { run as wait } from './entries/wait.ts';
export { run as prune } from './entries/prune.ts';
