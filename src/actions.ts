// Every action's run(), bundled once into dist/lib/; dist/<action>/index.js imports one and calls it
// (dist/clone/post.js: the clone's post step).
export { run as backup } from './entries/backup.ts';
export { run as restore } from './entries/restore.ts';
export { run as wait } from './entries/wait.ts';
export { run as prune } from './entries/prune.ts';
export { run as clone, post as clonePost } from './entries/clone.ts';
