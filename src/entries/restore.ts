import * as core from '@actions/core';
import { readRestoreRequest } from '../inputs/restore.ts';
import { writeOutputs } from '../report/outputs.ts';
import { finishRestoreRun, restoreOutputs } from '../report/restore.ts';
import { runRestores, type RestoreRecord } from '../workflows/restore.ts';
import { runStep } from './common.ts';

/** The restore sub-action: restore collections from a backup into an existing cluster. */
export async function run(): Promise<void> {
  const records: RestoreRecord[] = [];
  // An empty name-suffix means "no suffix"; an absent one means the default.
  const isSet = (name: string): boolean => `INPUT_${name.replace(/ /g, '_').toUpperCase()}` in process.env;
  const onRecords = (current: readonly RestoreRecord[]): void => writeOutputs(core.setOutput, restoreOutputs(current, current.at(-1)?.status ?? '', 0));
  await runStep(
    (apiKey) => readRestoreRequest((name) => core.getInput(name), isSet, apiKey),
    (request, session) => runRestores(request, { ...session, onRecords }, records).then(() => undefined),
    (request, failure, startedAt) => finishRestoreRun(request, records, failure, startedAt),
  );
}
