import { inputVariable } from '../inputs/common.ts';
import { readRestoreRequest } from '../inputs/restore.ts';
import { finishRestoreRun, restoreProgressOutputs } from '../report/restore.ts';
import { runRestores } from '../workflows/restore.ts';
import { runStep } from './common.ts';

/** The restore sub-action: restore collections from a backup into an existing cluster. */
export async function run(): Promise<void> {
  // An empty name-suffix means "no suffix"; an absent one means the default.
  const isSet = (name: string): boolean => inputVariable(name) in process.env;
  await runStep({
    read: (read, apiKey) => readRestoreRequest(read, isSet, apiKey),
    progressOutputs: restoreProgressOutputs,
    work: runRestores,
    finish: finishRestoreRun,
  });
}
