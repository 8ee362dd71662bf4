// Retention planning: which listed backups a rule set deletes, and why every other one is kept.
// Pure: the caller lists (and describes) the backups and sends the DELETEs.
import { formatDuration } from '../format.ts';
import { clusterScope, collectionScope, scopeKey, scopeLabel, type BackupScope } from '../scope.ts';
import { DEFAULT_DATABASE, type BackupType } from '../types.ts';
import type { BackupInfo } from '../zilliz/api.ts';
import { normalizeStatus } from './status.ts';

/**
 * A listed backup, with its collections filled in by describe backup when it is a COLLECTION
 * backup (the list does not give them; without them its scope is unknown and it is kept).
 */
export type DescribedBackup = BackupInfo;

/**
 * undefined when the scope cannot be told: a COLLECTION backup without collections (not
 * described, or an empty answer) or with collections of several databases, or an unknown type.
 */
export function scopeOf(backup: BackupInfo): BackupScope | undefined {
  const type = normalizeStatus(backup.backupType);
  if (type === 'CLUSTER') return clusterScope(backup.clusterId);
  if (type !== 'COLLECTION' || backup.collections.length === 0) return undefined;
  const databases = new Set(backup.collections.map((c) => c.database || DEFAULT_DATABASE));
  const [database, ...others] = [...databases];
  if (database === undefined || others.length) return undefined;
  return collectionScope(
    backup.clusterId,
    database,
    backup.collections.map((c) => c.collection),
  );
}

export interface RetentionRules {
  /** Each scope keeps its newest N MANUAL AVAILABLE backups (protected MANUAL ones count as part of the N). */
  keepLast?: number | undefined;
  /** Only backups older than this (by createTime) are deleted. */
  olderThanMs?: number | undefined;
  /** Only backups of this type are considered. */
  backupType?: BackupType | undefined;
  /** Only backups of exactly this scope are considered. */
  scope?: BackupScope | undefined;
  /** Backup ids never deleted (e.g. the run's own); each MANUAL one counts as one of its scope's keepLast. */
  protect?: readonly string[] | undefined;
}

export type KeepReason =
  | 'protected'
  | 'AUTO'
  | 'not MANUAL'
  | 'CREATING'
  | 'not AVAILABLE'
  | 'other type'
  | 'unknown scope'
  | 'other scope'
  | 'unreadable createTime'
  | 'newest N'
  | 'too recent'
  | 'no rule';

export type DeleteReason = 'beyond newest N' | 'too old' | 'beyond newest N and too old';

export type PlanEntry =
  | { backup: DescribedBackup; scope: BackupScope | undefined; decision: 'keep'; reason: KeepReason; /** For people. */ detail: string }
  | { backup: DescribedBackup; scope: BackupScope; decision: 'delete'; reason: DeleteReason; /** For people. */ detail: string };

export interface RetentionPlan {
  /** Every backup once (repeated ids once), newest first; ties by backupId, so the list's order does not matter. */
  entries: PlanEntry[];
  /** The deletes, oldest first: the order to delete them in. */
  candidates: (PlanEntry & { decision: 'delete' })[];
  /** Sum of the candidates' sizes (an unknown size counts 0). */
  freedBytes: number;
}

interface Dated {
  backup: DescribedBackup;
  /** NaN when createTime is not a readable date. */
  createdAt: number;
}

/** Newest first; unreadable times last; ties by backupId (descending), so the order is total. */
function newestFirst(a: Dated, b: Dated): number {
  const aKnown = !Number.isNaN(a.createdAt);
  const bKnown = !Number.isNaN(b.createdAt);
  if (aKnown !== bKnown) return aKnown ? -1 : 1;
  if (aKnown && a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  const [aId, bId] = [a.backup.backupId, b.backup.backupId];
  return aId < bId ? 1 : aId > bId ? -1 : 0;
}

/** `30d`, `12h`, else as durations are printed elsewhere. */
function formatAge(ms: number): string {
  const day = 86_400_000;
  return ms >= day && ms % day === 0 ? `${ms / day}d` : formatDuration(ms);
}

/**
 * Decides for each backup whether the rules delete it. Only MANUAL backups whose status is
 * AVAILABLE are ever deleted. With keepLast and olderThanMs both set, a backup is deleted only
 * when both select it. With neither, nothing is deleted.
 */
export function planRetention(backups: readonly DescribedBackup[], rules: RetentionRules, now: number): RetentionPlan {
  const protect = new Set(rules.protect ?? []);
  const wantedType = rules.scope?.backupType ?? rules.backupType;
  const seen = new Set<string>();
  const dated: Dated[] = [];
  for (const backup of backups) {
    if (seen.has(backup.backupId)) continue;
    seen.add(backup.backupId);
    dated.push({ backup, createdAt: Date.parse(backup.createTime) });
  }
  dated.sort(newestFirst);

  const decided = new Map<string, PlanEntry>();
  const keep = (backup: DescribedBackup, scope: BackupScope | undefined, reason: KeepReason, detail: string): void =>
    void decided.set(backup.backupId, { backup, scope, decision: 'keep', reason, detail });
  /** Per scope key: protected backups in it, and the deletable ones newest first. */
  const groups = new Map<string, { scope: BackupScope; protectedCount: number; ranked: Dated[] }>();
  const groupOf = (scope: BackupScope) => {
    const key = scopeKey(scope);
    const group = groups.get(key) ?? { scope, protectedCount: 0, ranked: [] };
    groups.set(key, group);
    return group;
  };

  for (const item of dated) {
    const { backup } = item;
    const scope = scopeOf(backup);
    const method = normalizeStatus(backup.creationMethod);
    const status = normalizeStatus(backup.status);
    const type = normalizeStatus(backup.backupType);
    if (protect.has(backup.backupId)) {
      // The caller vouches for it (the run's own backup is AVAILABLE even if a stale list says
      // otherwise). Only a MANUAL one takes one of the N: an automatic backup reused by the run
      // expires with the cluster's policy, so it must not cost the team its newest manual one.
      if (scope && method !== 'AUTO') groupOf(scope).protectedCount++;
      keep(backup, scope, 'protected', 'protected: never deleted');
    } else if (method === 'AUTO') {
      keep(backup, scope, 'AUTO', 'automatic backup: never deleted');
    } else if (method !== 'MANUAL') {
      keep(backup, scope, 'not MANUAL', `creation method "${backup.creationMethod}" is not MANUAL: never deleted`);
    } else if (status === 'CREATING') {
      keep(backup, scope, 'CREATING', 'still CREATING: never deleted');
    } else if (status !== 'AVAILABLE') {
      keep(backup, scope, 'not AVAILABLE', `status "${backup.status}" is not AVAILABLE: never deleted`);
    } else if (wantedType !== undefined && type !== wantedType) {
      keep(backup, scope, 'other type', `${backup.backupType || 'unknown type'} backup; only ${wantedType} backups are pruned`);
    } else if (!scope) {
      keep(backup, scope, 'unknown scope', 'scope unknown (collections not known, or of several databases): kept');
    } else if (rules.scope && scopeKey(scope) !== scopeKey(rules.scope)) {
      keep(backup, scope, 'other scope', `scope ${scopeLabel(scope)}; only ${scopeLabel(rules.scope)} is pruned`);
    } else if (Number.isNaN(item.createdAt)) {
      keep(backup, scope, 'unreadable createTime', `createTime "${backup.createTime}" is not a date, so its age is unknown: kept`);
    } else {
      groupOf(scope).ranked.push(item);
    }
  }

  for (const { scope, protectedCount, ranked } of groups.values()) {
    const label = scopeLabel(scope);
    const slots = rules.keepLast === undefined ? 0 : Math.max(0, rules.keepLast - protectedCount);
    ranked.forEach(({ backup, createdAt }, index) => {
      const ageMs = now - createdAt;
      const beyond = rules.keepLast !== undefined && index >= slots;
      const old = rules.olderThanMs !== undefined && ageMs > rules.olderThanMs;
      const olderThan = rules.olderThanMs === undefined ? '' : formatAge(rules.olderThanMs);
      if (rules.keepLast === undefined && rules.olderThanMs === undefined) {
        keep(backup, scope, 'no rule', 'no retention rule given');
      } else if (rules.keepLast !== undefined && !beyond) {
        keep(backup, scope, 'newest N', `one of the newest ${rules.keepLast} of ${label}`);
      } else if (rules.olderThanMs !== undefined && !old) {
        keep(backup, scope, 'too recent', `created ${backup.createTime}: not older than ${olderThan}`);
      } else {
        const reason: DeleteReason = beyond && old ? 'beyond newest N and too old' : beyond ? 'beyond newest N' : 'too old';
        const parts = [beyond ? `beyond the newest ${rules.keepLast ?? 0} of ${label}` : '', old ? `older than ${olderThan}` : ''];
        decided.set(backup.backupId, { backup, scope, decision: 'delete', reason, detail: parts.filter(Boolean).join(' and ') });
      }
    });
  }

  const entries = dated.map(({ backup }) => {
    const entry = decided.get(backup.backupId);
    if (!entry) throw new Error(`Retention plan: no decision for backup ${backup.backupId}`);
    return entry;
  });
  const candidates = entries.filter((entry): entry is PlanEntry & { decision: 'delete' } => entry.decision === 'delete').reverse();
  const freedBytes = candidates.reduce((sum, entry) => sum + (entry.backup.size ?? 0), 0);
  return { entries, candidates, freedBytes };
}

/**
 * Whether planRetention needs this listed backup's collections (from describe backup) to decide:
 * a COLLECTION backup that could be deleted or that is protected. AUTO and CREATING ones are
 * kept whatever they hold, so describing them would only cost requests.
 */
export function needsDescribe(backup: BackupInfo, rules: RetentionRules): boolean {
  if (normalizeStatus(backup.backupType) !== 'COLLECTION' || backup.collections.length) return false;
  if (rules.protect?.includes(backup.backupId)) return true;
  const wantedType = rules.scope?.backupType ?? rules.backupType;
  if (wantedType === 'CLUSTER') return false;
  return normalizeStatus(backup.creationMethod) === 'MANUAL' && normalizeStatus(backup.status) === 'AVAILABLE';
}
