// In-memory model of the emulated organization: clusters, backups and jobs.
// Statuses are never stored: they are computed from the clock on every read, so a
// test can move an injected clock and see jobs advance without timers.
import { randomBytes } from 'node:crypto';

export type Plan = 'Dedicated' | 'Free' | 'Serverless';
/** A collection's load state, as describe backup and restore name it. */
export type LoadState = 'LOADED' | 'UNLOADED';
export type BackupType = 'CLUSTER' | 'COLLECTION';
export type CreationMethod = 'MANUAL' | 'AUTO';
export type BackupStatus = 'CREATING' | 'AVAILABLE';
export type JobType = 'BACKUP' | 'RESTORE';
/** Which collection fields describe backup sends: both (as published), the flat list only, or dbCollections only. */
export type DescribeBackupShape = 'both' | 'flat' | 'dbCollections';
export const DESCRIBE_BACKUP_SHAPES: readonly DescribeBackupShape[] = ['both', 'flat', 'dbCollections'];
/** How a running job's progress reading moves; see progressPercent. */
export type ProgressProfile = 'steady' | 'slow-start' | 'steps' | 'uneven-steps' | 'stall' | 'always-zero' | 'non-monotone';
export const PROGRESS_PROFILES: readonly ProgressProfile[] = ['steady', 'slow-start', 'steps', 'uneven-steps', 'stall', 'always-zero', 'non-monotone'];

export type JobOutcome =
  { status: 'SUCCESSFUL' } | { status: 'FAILED'; reason: string } | { status: 'CANCELED'; reason?: string } | { status: 'RAW'; rawStatus: string };

export interface Cluster {
  clusterId: string;
  clusterName: string;
  projectId: string;
  regionId: string;
  plan: Plan;
  /** As describe cluster says it; the seed makes every cluster RUNNING. */
  status: string;
  /** The data plane's address (`http://127.0.0.1:<port>`), set once its server listens; '' before. */
  connectAddress: string;
  cuSize: number;
  createdAt: number;
  /** database name → collection name → load state (LOADED: loaded or loading, see loadingUntil) */
  databases: Map<string, Map<string, LoadState>>;
  /** `db.collection` → row count (absent: 0) */
  rowCounts: Map<string, number>;
  /** `db.collection` → clock ms at which a load in progress completes (Infinity: never) */
  loadingUntil: Map<string, number>;
  /** database name → alias → collection name */
  aliases: Map<string, Map<string, string>>;
  /** A cluster restoreCluster is making: its status follows this job (clusters.ts); absent once it ended. */
  restoreJobId?: string;
}

export interface CollectionRef {
  dbName: string;
  collectionName: string;
  /** Rows the backup holds of it (what a restore of it brings back). */
  rowCount?: number;
}

/** The data plane's load states (collections/get_load_state). */
export type DataLoadState = 'LoadStateLoaded' | 'LoadStateLoading' | 'LoadStateNotLoad';

export const collectionKey = (dbName: string, collectionName: string): string => `${dbName}.${collectionName}`;

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
  /** Clock ms from which describe and list show it (visibilityDelayMs); absent = at once. */
  visibleAt?: number;
  /** Size in bytes once AVAILABLE (seeded backups); absent = 64 MiB per collection. */
  fixedSize?: number;
}

export interface RestoreTarget {
  clusterId: string;
  dbName: string;
  collectionName: string;
  loadState: LoadState;
  /** Rows the restored collection holds (the backup's count). */
  rowCount?: number;
}

export interface Job {
  jobId: string;
  type: JobType;
  createdAt: number;
  pendingMs: number;
  durationMs: number;
  outcome: JobOutcome;
  /** For RESTORE jobs: where the collection appears once the job succeeds (the first target, kept for older callers). */
  restore: RestoreTarget | null;
  /** For RESTORE jobs: every collection the job restores (restore-everything jobs have several, or none). */
  restoreTargets?: RestoreTarget[];
  restoreApplied: boolean;
  /** Fixed when the job is created. Absent = steady. */
  progressProfile?: ProgressProfile;
  /** Clock ms from which describe job finds it (visibilityDelayMs); absent = at once. */
  visibleAt?: number;
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
  /** How progress readings move while a job runs; absent = steady. */
  progressProfile?: ProgressProfile;
  /** A job or backup created less than this long ago is not visible yet (eventual consistency); absent = 0. */
  visibilityDelayMs?: number;
  /** How long loading a collection takes on the data plane (Infinity: never completes); absent = 0. */
  loadDurationMs?: number;
  /** get_stats gives rowCount as a string (as some servers do); absent = a number. */
  rowCountAsString?: boolean;
  /** A cluster made by restoreCluster stays RESTORE_BACKUP this long after its job succeeded; absent = 0. */
  cloneReadyDelayMs?: number;
  /** The status a cluster made by restoreCluster takes when it is ready; absent = RUNNING. */
  cloneEndStatus?: string;
  /** `db.collection` names a restoreCluster leaves out of the new cluster (a restore that lost them); absent = none. */
  cloneMissing?: string[];
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
  describeBackupShape: DescribeBackupShape = 'both';
  /** dbName shown for the `default` database in describe backup's dbCollections: 'default', or '' as in a published answer. */
  describeDefaultDbName: 'default' | '' = 'default';
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
      // Moves through IN_PROGRESS as the profile says; a failed job keeps the value it stopped at.
      const span = job.durationMs - job.pendingMs;
      const fraction = span > 0 ? (Math.min(elapsed, job.durationMs) - job.pendingMs) / span : 1;
      progress = progressPercent(job.progressProfile ?? 'steady', Math.min(fraction, 0.9999), job.jobId);
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
    if (this.backupStatus(backup) !== 'AVAILABLE') return 0;
    return backup.fixedSize ?? backup.collections.length * 64 * MIB;
  }

  /** Created long enough ago for describe and list to show it (visibilityDelayMs). */
  isVisible(item: { visibleAt?: number }): boolean {
    return item.visibleAt === undefined || this.now() >= item.visibleAt;
  }

  /** Backups the API shows (CREATING or AVAILABLE, and visible), newest first. */
  visibleBackups(): Backup[] {
    return [...this.backups.values()]
      .filter((b) => this.backupStatus(b) !== null && this.isVisible(b))
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
      const taken = restoreTargetsOf(job).some((t) => t.clusterId === clusterId && t.dbName === dbName && t.collectionName === collectionName);
      if (taken && this.isJobRunning(job)) return true;
    }
    return false;
  }

  createJob(type: JobType, restoreTargets: RestoreTarget[] = []): Job {
    const createdAt = this.now();
    const job: Job = {
      jobId: newJobId(),
      type,
      createdAt,
      pendingMs: this.config.jobPendingMs,
      durationMs: this.config.jobDurationMs,
      outcome: this.config.jobOutcome,
      restore: restoreTargets[0] ?? null,
      restoreTargets,
      restoreApplied: false,
      progressProfile: this.config.progressProfile ?? 'steady',
      visibleAt: createdAt + (this.config.visibilityDelayMs ?? 0),
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
    const counted = collections.map((c) => ({ ...c, rowCount: cluster.rowCounts.get(collectionKey(c.dbName, c.collectionName)) ?? 0 }));
    const backup: Backup = {
      backupId: `backup${n}_${randomHex(12)}`,
      backupName: `${prefix}_backup${n}`,
      clusterId: cluster.clusterId,
      backupType,
      creationMethod: 'MANUAL',
      createdAt: job.createdAt,
      expireAt: null,
      collections: counted,
      crossRegionCopies,
      jobId: job.jobId,
      fixedStatus: 'CREATING',
      availableDelayMs: this.config.backupAvailableDelayMs,
      deleted: false,
      visibleAt: job.visibleAt ?? job.createdAt,
    };
    this.backups.set(backup.backupId, backup);
    return { backup, job };
  }

  /** Makes finished restore jobs take effect: the restored collection appears. */
  settle(): void {
    for (const job of this.jobs.values()) {
      if (job.type !== 'RESTORE' || job.restoreApplied || this.jobStatus(job) !== 'SUCCESSFUL') continue;
      job.restoreApplied = true;
      for (const t of restoreTargetsOf(job)) {
        const cluster = this.clusters.get(t.clusterId);
        if (!cluster) continue;
        // A restore-everything job brings the backup's databases along when the destination lacks them.
        let db = cluster.databases.get(t.dbName);
        if (!db) cluster.databases.set(t.dbName, (db = new Map<string, LoadState>()));
        db.set(t.collectionName, t.loadState);
        const key = collectionKey(t.dbName, t.collectionName);
        cluster.rowCounts.set(key, t.rowCount ?? 0);
        // Restored LOADED: the load starts as the job ends and takes loadDurationMs.
        if (t.loadState === 'LOADED') cluster.loadingUntil.set(key, job.createdAt + job.durationMs + (this.config.loadDurationMs ?? 0));
      }
    }
  }

  /** The data plane's view of a collection's load state. */
  loadStateOf(cluster: Cluster, dbName: string, collectionName: string): DataLoadState {
    if (cluster.databases.get(dbName)?.get(collectionName) !== 'LOADED') return 'LoadStateNotLoad';
    const until = cluster.loadingUntil.get(collectionKey(dbName, collectionName));
    return until !== undefined && this.now() < until ? 'LoadStateLoading' : 'LoadStateLoaded';
  }

  /** collections/load: a collection not loaded starts loading; one loaded or loading is left as it is. */
  startLoad(cluster: Cluster, dbName: string, collectionName: string): void {
    const db = cluster.databases.get(dbName);
    if (!db || db.get(collectionName) === 'LOADED') return;
    db.set(collectionName, 'LOADED');
    cluster.loadingUntil.set(collectionKey(dbName, collectionName), this.now() + (this.config.loadDurationMs ?? 0));
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

/** Jobs made by older code (or by hand) may carry only `restore`. */
function restoreTargetsOf(job: Job): RestoreTarget[] {
  return job.restoreTargets ?? (job.restore ? [job.restore] : []);
}

/** FNV-1a: a stable number from a job id, so profiles that vary do so the same way on every reading. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Progress (1–99, or 0) of a running job, `fraction` (0 ≤ f < 1) of the way through IN_PROGRESS.
 * Deterministic: the same job id and fraction always give the same reading.
 */
export function progressPercent(profile: ProgressProfile, fraction: number, jobId: string): number {
  const clamp = (p: number): number => Math.max(1, Math.min(99, Math.floor(p)));
  switch (profile) {
    case 'steady':
      return clamp(fraction * 100);
    case 'slow-start': // 10 % in the first half, then steady
      return clamp(fraction < 0.5 ? fraction * 20 : 10 + (fraction - 0.5) * 180);
    case 'stall': // rises to 50 %, holds it through the middle third, then rises again
      return clamp(fraction < 1 / 3 ? fraction * 150 : fraction < 2 / 3 ? 50 : 50 + (fraction - 2 / 3) * 150);
    case 'always-zero':
      return 0;
    case 'steps': {
      const levels = stepLevels(jobId);
      return levels[Math.min(levels.length - 1, Math.floor(fraction * levels.length))] ?? 0;
    }
    case 'uneven-steps': {
      // The levels of 'steps', each held for its own share of the time (1 to 8 parts, from the job id).
      const levels = stepLevels(jobId);
      const parts = levels.map((_, i) => 1 + (stableHash(`${jobId}/${i}`) % 8));
      let left = fraction * parts.reduce((a, b) => a + b, 0);
      for (const [i, level] of levels.entries()) {
        left -= parts[i] ?? 0;
        if (left < 0) return level;
      }
      return levels.at(-1) ?? 0;
    }
    case 'non-monotone': {
      // Ten equal slices; in some of them (at least three, chosen by the job id) the reading dips 25 points.
      const slice = Math.floor(fraction * 10);
      const dips = slice > 0 && (stableHash(jobId) + slice) % 3 === 0;
      return clamp(fraction * 100 - (dips ? 25 : 0));
    }
  }
}

/** Levels a 'steps' job shows in turn: 0, then jumps of 20–50 points, the last jump (to 100 at the end) too. */
export function stepLevels(jobId: string): number[] {
  const levels = [0];
  let level = 0;
  let h = stableHash(jobId);
  while (100 - level > 50) {
    const maxJump = Math.min(50, 100 - level - 20);
    level += 20 + (h % (maxJump - 19));
    h = stableHash(`${h}`);
    levels.push(level);
  }
  return levels;
}

function backupNumber(backup: Backup): number {
  const m = /^backup(\d+)_/.exec(backup.backupId);
  return m ? Number(m[1]) : 0;
}
