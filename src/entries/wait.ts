import { readWaitRequest } from '../inputs/wait.ts';
import { idOutputs } from '../report/backup.ts';
import { finishWaitRun } from '../report/wait.ts';
import { waitForBackups } from '../workflows/wait.ts';
import { runStep } from './common.ts';

/** The wait sub-action: wait on backups started earlier, with the main action's outputs. */
export async function run(): Promise<void> {
  await runStep({ read: readWaitRequest, progressOutputs: idOutputs, work: waitForBackups, finish: finishWaitRun });
}
