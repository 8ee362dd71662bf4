import { run } from '../entries/restore.ts';

await run();
