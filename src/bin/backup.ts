import { run } from '../entries/backup.ts';

await run();
