import { inputVariable } from '../inputs/common.ts';
import { readRestoreRequest } from '../inputs/restore.ts';
import { writeOutputs } from '../report/outputs.ts';
import { finishRestoreRun, restoreOutputs } from '../report/restore.ts';
import { runRestores, type RestoreRecord } from '../workflows/restore.ts';
import { runStep } from './common.ts';

/** The restore sub-action: restore collections from a backup into an existing cluster. */
export async function run(): Promise<void> {
  const records: RestoreRecord[] = [];
  // An empty name-suffix means "no suffix"; an absent one means the default.
  const isSet = (name: string): boolean => inputVariable(name) in process.env;
  await runStep(
    (read, apiKey) => readRestoreRequest(read, isSet, apiKey),
    (request, session) => {
      const onRecords = (current: readonly RestoreRecord[]): void => writeOutputs(session.setOutput, restoreOutputs(current, current.at(-1)?.status ?? '', 0));
      return runRestores(request, { ...session, onRecords }, records).then(() => undefined);
    },
    (core, request, failure, startedAt) => finishRestoreRun(core, request, records, failure, startedAt),
  );
}
