/** Domain types shared by inputs, the API client, the workflows and the reports. */

export type BackupType = 'CLUSTER' | 'COLLECTION';

export const DEFAULT_DATABASE = 'default';

export interface CollectionRef {
  database: string;
  collection: string;
}

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
  /** Set when an existing backup was reused instead of created: when it was made, and its age then. */
  reused?: { createTime: string; ageMs: number };
}

export interface RestoreRecord {
  source: CollectionRef;
  destination: CollectionRef & { clusterId: string };
  jobId: string;
  /** Last job status seen; SUBMITTED for a job not waited for. */
  status: string;
}

/**
 * How a workflow tells the outputs that its records changed (a backup now exists, a status
 * moved on), so the ids are written the moment they are known.
 */
export interface Progress<R> {
  update(records: readonly R[]): void;
}

/**
 * What a workflow made, and the failure that ended it early (undefined when it finished);
 * `More` is what a particular run adds (e.g. what keep-last deleted), absent when it did not get there.
 */
export type Outcome<R, More extends object = object> = { records: R[]; failure: unknown } & Partial<More>;
