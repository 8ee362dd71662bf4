import { InputError } from '../errors.ts';
import { readApiKey, readConnection, type ConnectionInputs, type InputReader } from './common.ts';
import { checkId, parseClusterId, requireValue } from './parse.ts';
import { NO_JOB } from '../types.ts';

export interface WaitRequest extends ConnectionInputs {
  clusterId: string;
  /** Pairs in order: backups[i] was made by jobs[i]. */
  backups: { backupId: string; jobId: string }[];
}

/** Space-, comma- or newline-separated, as the main action writes its outputs; order and repeats kept (ids pair by position). */
function splitIds(raw: string): string[] {
  return raw.split(/[\s,]+/).filter((id) => id !== '');
}

export function readWaitRequest(read: InputReader, apiKey = readApiKey(read)): WaitRequest {
  const clusterId = parseClusterId('cluster-id', read('cluster-id'));
  const backupIds = splitIds(requireValue('backup-id', read('backup-id'), "pass the backup step's output: backup-id: ${{ steps.backup.outputs.backup-id }}."));
  const jobIds = splitIds(read('job-id'));
  if (jobIds.length && jobIds.length !== backupIds.length) {
    throw new InputError(
      'job-id',
      `lists ${jobIds.length} job(s) for ${backupIds.length} backup(s); pass both outputs of the same backup step, or leave job-id empty to wait on the backups' status only.`,
    );
  }
  for (const id of backupIds) checkId('backup-id', id, 'a backup ID');
  for (const id of jobIds) if (id !== NO_JOB) checkId('job-id', id, 'a job ID');
  return {
    ...readConnection(read, apiKey),
    clusterId,
    // '-' marks a backup without a job (reused or adopted), as the main action writes it.
    backups: backupIds.map((backupId, i) => ({ backupId, jobId: jobIds[i] === NO_JOB ? '' : (jobIds[i] ?? '') })),
  };
}
