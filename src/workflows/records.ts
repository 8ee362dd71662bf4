/**
 * A job id that is not known (a reused backup, or one adopted after a lost answer) stands as
 * this placeholder when other backups of the run have one, so `job-id` and `backup-id` stay
 * aligned by position; the wait sub-action reads it as "no job".
 */
export const NO_JOB = '-';

/** What the action knows about one backup; the outputs and the summary are made from these. */
export interface BackupRecord {
  /** Database of a COLLECTION backup; undefined for a CLUSTER backup. */
  database: string | undefined;
  collections: string[];
  backupId: string;
  backupName: string;
  /** '' when unknown: a reused backup, or one adopted after a lost answer. */
  jobId: string;
  /** Last status seen: the job's while it runs, then the backup's. */
  status: string;
  size: number | undefined;
  /** CLUSTER or COLLECTION as the API described it; undefined until described. */
  backupType?: string;
  /** false when an existing backup was reused. */
  created: boolean;
  /** For a reused backup: when it was made, and how old it was when reused. */
  reused?: { createTime: string; ageMs: number };
}
