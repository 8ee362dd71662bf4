// In-memory model of the emulated organization: clusters, backups and jobs.
// Statuses are never stored: they are computed from the clock on every read, so a
// test can move an injected clock and see jobs advance without timers.
import { randomBytes } from 'node:crypto';

export type Plan = 'Dedicated' | 'Free' | 'Serverless';
export type LoadState = 'LOADED' | 'RELEASED';
export type BackupType = 'CLUSTER' | 'COLLECTION';
export type CreationMethod = 'MANUAL' | 'AUTO';
export type BackupStatus = 'CREATING' | 'AVAILABLE';
export type JobType = 'BACKUP' | 'RESTORE';
export type DescribeBackupShape = 'flat' | 'dbCollections';

export type JobOutcome =
  { status: 'SUCCESSFUL' } | { status: 'FAILED'; reason: string } | { status: 'CANCELED'; reason?: string } | { status: 'RAW'; rawStatus: string };

export interface Cluster {
  clusterId: string;
  clusterName: string;
  projectId: string;
  regionId: string;
  plan: Plan;
  /** database name → collection name → load state */
  databases: Map<string, Map<string, LoadState>>;
}

export interface CollectionRef {
  dbName: string;
  collectionName: string;
}

export interface Backup {
  backupId: string;
  backupName: string;
  clusterId: string;
  backupType: BackupType;
  creationMethod: CreationMethod;
  createdAt: number;
  /** null: kept until deleted (manual backups) */
  expireAt: number | null;
  collections: CollectionRef[];
  crossRegionCopies: { regionId: string }[];
  /** Job that makes this backup; null for seeded/automatic backups, which use fixedStatus. */
  jobId: string | null;
  fixedStatus: BackupStatus;
  /** After the job succeeds, the backup stays CREATING this long (Infinity: forever). */
  availableDelayMs: number;
  deleted: boolean;
}

export interface RestoreTarget {
  clusterId: string;
  dbName: string;
  collectionName: string;
  loadState: LoadState;
}

export interface Job {
  jobId: string;
  type: JobType;
  createdAt: number;
  pendingMs: number;
  durationMs: number;
  outcome: JobOutcome;
  /** For RESTORE jobs: where the collection appears once the job succeeds. */
  restore: RestoreTarget | null;
  restoreApplied: boolean;
}

export interface JobView {
  status: string;
  progress: string;
  endTime: string;
  reason: string;
}

/** Settings applied to jobs and backups created from now on. */
export interface JobConfig {
  jobPendingMs: number;
  jobDurationMs: number;
  backupAvailableDelayMs: number;
  jobOutcome: JobOutcome;
}

const RUNNING_JOB_STATUSES = new Set(['PENDING', 'IN_PROGRESS', 'CANCELING']);
const MIB = 1024 * 1024;

/** ISO-8601 without milliseconds, as the API prints it: 2024-07-30T16:49:50Z */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function randomHex(chars: number): string {
  return randomBytes(Math.ceil(chars / 2))
    .toString('hex')
    .slice(0, chars);
}

export function newJobId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  let id = 'job-';
  for (const byte of randomBytes(22)) id += alphabet.charAt(byte % alphabet.length);
  return id;
}

export class EmulatorState {
  clusters = new Map<string, Cluster>();
  backups = new Map<string, Backup>();
  jobs = new Map<string, Job>();
  describeBackupShape: DescribeBackupShape = 'flat';
  /** N of the next backup id/name (backup<N>_…); the seed sets it past its own backups. */
  nextBackupNumber = 1;
  config: JobConfig;
  readonly clock: () => number;

  constructor(clock: () => number, config: JobConfig) {
    this.clock = clock;
    this.config = { ...config };
  }

  now(): number {
    return this.clock();
  }

  /** Removes every cluster, backup and job (the seed refills them). */
  clear(): void {
    this.clusters.clear();
    this.backups.clear();
    this.jobs.clear();
    this.describeBackupShape = 'flat';
    this.nextBackupNumber = 1;
  }

  jobStatus(job: Job): string {
    const elapsed = this.now() - job.createdAt;
    if (elapsed < Math.min(job.pendingMs, job.durationMs)) return 'PENDING';
    if (elapsed < job.durationMs) return 'IN_PROGRESS';
    const outcome = job.outcome;
    return outcome.status === 'RAW' ? outcome.rawStatus : outcome.status;
  }

  isJobRunning(job: Job): boolean {
    return RUNNING_JOB_STATUSES.has(this.jobStatus(job).toUpperCase());
  }

  jobView(job: Job): JobView {
    const status = this.jobStatus(job);
    const elapsed = this.now() - job.createdAt;
    const ended = elapsed >= job.durationMs;
    let progress: number;
    if (status === 'PENDING') progress = 0;
    else if (status === 'SUCCESSFUL') progress = 100;
    else {
      // Rises linearly through IN_PROGRESS; a failed job keeps the value it stopped at.
      const span = job.durationMs - job.pendingMs;
      const fraction = span > 0 ? (Math.min(elapsed, job.durationMs) - job.pendingMs) / span : 1;
      progress = Math.max(1, Math.min(99, Math.floor(fraction * 100)));
    }
    const outcome = job.outcome;
    const reason = ended && (outcome.status === 'FAILED' || outcome.status === 'CANCELED') ? (outcome.reason ?? '') : '';
    return {
      status,
      progress: String(progress),
      endTime: ended ? isoSeconds(job.createdAt + job.durationMs) : '',
      reason,
    };
  }

  /** null means the backup does not exist as far as the API is concerned. */
  backupStatus(backup: Backup): BackupStatus | null {
    if (backup.deleted) return null;
    if (backup.jobId === null) return backup.fixedStatus;
    const job = this.jobs.get(backup.jobId);
    if (!job) return backup.fixedStatus;
    const status = this.jobStatus(job);
    // A failed or cancelled job leaves no backup behind (what the real API shows is UNCONFIRMED).
    if (status === 'FAILED' || status === 'CANCELED') return null;
    if (status !== 'SUCCESSFUL') return 'CREATING'; // running, or an unknown RAW status
    const availableAt = job.createdAt + job.durationMs + backup.availableDelayMs;
    return this.now() >= availableAt ? 'AVAILABLE' : 'CREATING';
  }

  backupSize(backup: Backup): number {
    // Deterministic, plausible byte count; 0 until the data is there.
    return this.backupStatus(backup) === 'AVAILABLE' ? backup.collections.length * 64 * MIB : 0;
  }

  /** Backups the API shows (CREATING or AVAILABLE), newest first. */
  visibleBackups(): Backup[] {
    return [...this.backups.values()]
      .filter((b) => this.backupStatus(b) !== null)
      .sort((a, b) => b.createdAt - a.createdAt || backupNumber(b) - backupNumber(a));
  }

  /** The one-manual-backup-job-per-cluster rule, plus "not while an automatic backup runs". */
  isClusterBusy(clusterId: string): boolean {
    for (const backup of this.backups.values()) {
      if (backup.clusterId !== clusterId || backup.deleted) continue;
      if (backup.creationMethod === 'AUTO') {
        if (this.backupStatus(backup) === 'CREATING') return true;
      } else if (backup.jobId !== null) {
        const job = this.jobs.get(backup.jobId);
        if (job && this.isJobRunning(job)) return true;
      }
    }
    return false;
  }

  /** A restore into this collection is still running (its name is taken). */
  isRestoreTargetPending(clusterId: string, dbName: string, collectionName: string): boolean {
    for (const job of this.jobs.values()) {
      const t = job.restore;
      if (t?.clusterId === clusterId && t.dbName === dbName && t.collectionName === collectionName && this.isJobRunning(job)) {
        return true;
      }
    }
    return false;
  }

  createJob(type: JobType, restore: RestoreTarget | null = null): Job {
    const job: Job = {
      jobId: newJobId(),
      type,
      createdAt: this.now(),
      pendingMs: this.config.jobPendingMs,
      durationMs: this.config.jobDurationMs,
      outcome: this.config.jobOutcome,
      restore,
      restoreApplied: false,
    };
    this.jobs.set(job.jobId, job);
    return job;
  }

  /** Creates a manual backup and its job; the caller has already checked every rule. */
  createManualBackup(
    cluster: Cluster,
    backupType: BackupType,
    collections: CollectionRef[],
    crossRegionCopies: { regionId: string }[],
  ): { backup: Backup; job: Job } {
    const n = this.nextBackupNumber++;
    const job = this.createJob('BACKUP');
    const first = collections[0];
    const prefix = backupType === 'COLLECTION' && first ? first.collectionName : cluster.clusterName;
    const backup: Backup = {
      backupId: `backup${n}_${randomHex(12)}`,
      backupName: `${prefix}_backup${n}`,
      clusterId: cluster.clusterId,
      backupType,
      creationMethod: 'MANUAL',
      createdAt: job.createdAt,
      expireAt: null,
      collections,
      crossRegionCopies,
      jobId: job.jobId,
      fixedStatus: 'CREATING',
      availableDelayMs: this.config.backupAvailableDelayMs,
      deleted: false,
    };
    this.backups.set(backup.backupId, backup);
    return { backup, job };
  }

  /** Makes finished restore jobs take effect: the restored collection appears. */
  settle(): void {
    for (const job of this.jobs.values()) {
      if (!job.restore || job.restoreApplied || this.jobStatus(job) !== 'SUCCESSFUL') continue;
      job.restoreApplied = true;
      const t = job.restore;
      const db = this.clusters.get(t.clusterId)?.databases.get(t.dbName);
      db?.set(t.collectionName, t.loadState);
    }
  }

  /** All collections of a cluster, database by database. */
  allCollections(cluster: Cluster): CollectionRef[] {
    const refs: CollectionRef[] = [];
    for (const [dbName, collections] of cluster.databases) {
      for (const collectionName of collections.keys()) refs.push({ dbName, collectionName });
    }
    return refs;
  }
}

function backupNumber(backup: Backup): number {
  const m = /^backup(\d+)_/.exec(backup.backupId);
  return m ? Number(m[1]) : 0;
}
