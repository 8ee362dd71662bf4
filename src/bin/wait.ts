import { run } from '../entries/wait.ts';

await run();
