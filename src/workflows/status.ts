/** What a status string means to us. Anything else is unknown, and unknown fails closed. */
export type Phase = 'running' | 'succeeded' | 'failed' | 'unknown';

/** "In Progress", "in_progress" and "IN-PROGRESS" all read IN_PROGRESS. */
export function normalizeStatus(status: string): string {
  return status
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}

const JOB_PHASES: Record<string, Phase> = {
  PENDING: 'running',
  IN_PROGRESS: 'running',
  CANCELING: 'running',
  CANCELLING: 'running',
  SUCCESSFUL: 'succeeded',
  FAILED: 'failed',
  CANCELED: 'failed',
  CANCELLED: 'failed',
};

const BACKUP_PHASES: Record<string, Phase> = {
  CREATING: 'running',
  AVAILABLE: 'succeeded',
  DELETED: 'failed',
};

export function jobPhase(status: string): Phase {
  return JOB_PHASES[normalizeStatus(status)] ?? 'unknown';
}

export function backupPhase(status: string): Phase {
  return BACKUP_PHASES[normalizeStatus(status)] ?? 'unknown';
}

/**
 * A cluster serves when RUNNING. A status ending in ING (CREATING, RESUMING, MODIFYING…) or
 * RESTORE_BACKUP is on its way and waited through; any other (ABNORMAL, STOPPED, DELETED…) fails closed.
 */
export function clusterPhase(status: string): Phase {
  const normal = normalizeStatus(status);
  if (normal === 'RUNNING') return 'succeeded';
  if (normal.endsWith('ING') || normal === 'RESTORE_BACKUP') return 'running';
  return 'failed';
}

/** A dropped cluster shows as going or gone (it waits 30 days in the recycle bin). */
export function isClusterDropped(status: string): boolean {
  return ['DELETING', 'DELETED'].includes(normalizeStatus(status));
}
