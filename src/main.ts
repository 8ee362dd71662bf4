// Entry for `npx @github/local-action run . src/main.ts .env`: the main action's run().
export { run } from './entries/backup.ts';
