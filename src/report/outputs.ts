import { NO_JOB, type BackupRecord } from '../workflows/records.ts';

export type SetOutput = (name: string, value: string) => void;

export interface BackupRunState {
  records: readonly BackupRecord[];
  /** Overall status: final, or the last one seen. */
  status: string;
  durationMs: number;
}

/** One value per backup, space-separated in database order: the shape later steps split on. */
export function backupOutputs(state: BackupRunState): Record<string, string> {
  const { records } = state;
  return {
    'backup-id': records.map((r) => r.backupId).join(' '),
    'job-id': records.some((r) => r.jobId) ? records.map((r) => r.jobId || NO_JOB).join(' ') : '',
    'backup-name': records.map((r) => r.backupName).join(' '),
    backups: JSON.stringify(
      records.map((r) => ({
        database: r.database ?? null,
        collections: r.collections,
        backupId: r.backupId,
        backupName: r.backupName,
        jobId: r.jobId,
        status: r.status,
        size: r.size ?? null,
        created: r.created,
      })),
    ),
    status: state.status,
    duration: String(Math.round(state.durationMs / 1000)),
    // Empty when nothing was made or reused, so `created == 'false'` means "reused" only.
    created: records.length ? String(records.every((r) => r.created)) : '',
  };
}

/** Only the ids: written the moment a backup exists, before any waiting. */
export function idOutputs(records: readonly BackupRecord[]): Record<string, string> {
  const all = backupOutputs({ records, status: '', durationMs: 0 });
  return { 'backup-id': all['backup-id'] ?? '', 'job-id': all['job-id'] ?? '', 'backup-name': all['backup-name'] ?? '', backups: all.backups ?? '[]' };
}

export function writeOutputs(setOutput: SetOutput, outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) setOutput(name, value);
}
