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
  /** false when an existing backup was reused. */
  created: boolean;
  /** For a reused backup: when it was made, and how old it was when reused. */
  reused?: { createTime: string; ageMs: number };
}
