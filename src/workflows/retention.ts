// Retention planning: which listed backups a rule set deletes, and why every other one is kept.
// Pure: the caller lists (and describes) the backups and sends the DELETEs.
import { formatAge } from '../format.ts';
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

/** The one order of backups: newest first; unreadable times last; ties by backupId (descending), so the order is total. */
function newestFirst(a: Dated, b: Dated): number {
  const aKnown = !Number.isNaN(a.createdAt);
  const bKnown = !Number.isNaN(b.createdAt);
  if (aKnown !== bKnown) return aKnown ? -1 : 1;
  if (aKnown && a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  const [aId, bId] = [a.backup.backupId, b.backup.backupId];
  return aId < bId ? 1 : aId > bId ? -1 : 0;
}

/** Items listed newest first (as plans and rows are), in the order to delete them: oldest first. */
export function deletionOrder<T>(newestFirstItems: readonly T[]): T[] {
  return [...newestFirstItems].reverse();
}

/** The one size sum: bytes of these backups, an unknown size counting 0. */
export function totalBytes(backups: readonly Pick<BackupInfo, 'size'>[]): number {
  return backups.reduce((sum, backup) => sum + (backup.size ?? 0), 0);
}

/** Each backup once, newest first. */
function datedNewestFirst(backups: readonly DescribedBackup[]): Dated[] {
  const byId = new Map<string, Dated>();
  for (const backup of backups) if (!byId.has(backup.backupId)) byId.set(backup.backupId, { backup, createdAt: Date.parse(backup.createTime) });
  return [...byId.values()].sort(newestFirst);
}

/** Why a backup is kept whatever its rank, or undefined when it is ranked in its scope. */
function classify(item: Dated, scope: BackupScope | undefined, rules: RetentionRules): { reason: KeepReason; detail: string } | undefined {
  const { backup } = item;
  const method = normalizeStatus(backup.creationMethod);
  const status = normalizeStatus(backup.status);
  const wantedType = rules.scope?.backupType ?? rules.backupType;
  if (rules.protect?.includes(backup.backupId)) return { reason: 'protected', detail: 'protected: never deleted' };
  if (method === 'AUTO') return { reason: 'AUTO', detail: 'automatic backup: never deleted' };
  if (method !== 'MANUAL') return { reason: 'not MANUAL', detail: `creation method "${backup.creationMethod}" is not MANUAL: never deleted` };
  if (status === 'CREATING') return { reason: 'CREATING', detail: 'still CREATING: never deleted' };
  if (status !== 'AVAILABLE') return { reason: 'not AVAILABLE', detail: `status "${backup.status}" is not AVAILABLE: never deleted` };
  if (wantedType !== undefined && normalizeStatus(backup.backupType) !== wantedType) {
    return { reason: 'other type', detail: `${backup.backupType || 'unknown type'} backup; only ${wantedType} backups are pruned` };
  }
  if (!scope) return { reason: 'unknown scope', detail: 'scope unknown (collections not known, or of several databases): kept' };
  if (rules.scope && scopeKey(scope) !== scopeKey(rules.scope)) {
    return { reason: 'other scope', detail: `scope ${scopeLabel(scope)}; only ${scopeLabel(rules.scope)} is pruned` };
  }
  if (Number.isNaN(item.createdAt)) {
    return { reason: 'unreadable createTime', detail: `createTime "${backup.createTime}" is not a date, so its age is unknown: kept` };
  }
  return undefined;
}

/** One scope's protected count, and its deletable backups newest first. */
interface ScopeGroup {
  scope: BackupScope;
  protectedCount: number;
  ranked: Dated[];
}

/** The decision for each ranked backup of one scope: the newest N stay, and only what is old enough goes. */
function rankScope({ scope, protectedCount, ranked }: ScopeGroup, rules: RetentionRules, now: number): PlanEntry[] {
  const label = scopeLabel(scope);
  const slots = rules.keepLast === undefined ? 0 : Math.max(0, rules.keepLast - protectedCount);
  const olderThan = rules.olderThanMs === undefined ? '' : formatAge(rules.olderThanMs);
  return ranked.map(({ backup, createdAt }, index): PlanEntry => {
    const keep = (reason: KeepReason, detail: string): PlanEntry => ({ backup, scope, decision: 'keep', reason, detail });
    const beyond = rules.keepLast !== undefined && index >= slots;
    const old = rules.olderThanMs !== undefined && now - createdAt > rules.olderThanMs;
    if (rules.keepLast === undefined && rules.olderThanMs === undefined) return keep('no rule', 'no retention rule given');
    if (rules.keepLast !== undefined && !beyond) return keep('newest N', `one of the newest ${rules.keepLast} of ${label}`);
    if (rules.olderThanMs !== undefined && !old) return keep('too recent', `created ${backup.createTime}: not older than ${olderThan}`);
    const reason: DeleteReason = beyond && old ? 'beyond newest N and too old' : beyond ? 'beyond newest N' : 'too old';
    const parts = [beyond ? `beyond the newest ${rules.keepLast ?? 0} of ${label}` : '', old ? `older than ${olderThan}` : ''];
    return { backup, scope, decision: 'delete', reason, detail: parts.filter(Boolean).join(' and ') };
  });
}

/** One rule set's decision for each backup, by id. */
function decide(dated: readonly Dated[], rules: RetentionRules, now: number): Map<string, PlanEntry> {
  const decided = new Map<string, PlanEntry>();
  const groups = new Map<string, ScopeGroup>();
  const groupOf = (scope: BackupScope): ScopeGroup => {
    const group = groups.get(scopeKey(scope)) ?? { scope, protectedCount: 0, ranked: [] };
    groups.set(scopeKey(scope), group);
    return group;
  };
  for (const item of dated) {
    const { backup } = item;
    const scope = scopeOf(backup);
    const kept = classify(item, scope, rules);
    // The caller vouches for a protected backup (the run's own backup is AVAILABLE even if a stale
    // list says otherwise). Only a MANUAL one takes one of the N: an automatic backup reused by the
    // run expires with the cluster's policy, so it must not cost the team its newest manual one.
    if (kept?.reason === 'protected' && scope && normalizeStatus(backup.creationMethod) !== 'AUTO') groupOf(scope).protectedCount++;
    if (kept) decided.set(backup.backupId, { backup, scope, decision: 'keep', ...kept });
    else if (scope) groupOf(scope).ranked.push(item);
  }
  for (const group of groups.values()) for (const entry of rankScope(group, rules, now)) decided.set(entry.backup.backupId, entry);
  return decided;
}

const SPECIFIC: ReadonlySet<string> = new Set(['other scope', 'other type', 'no rule']);

/**
 * One decision per backup from several rule sets: deleted when any set deletes it, else the
 * most telling keep (a set whose scope it is in says more than "other scope").
 */
function merge(options: readonly PlanEntry[]): PlanEntry | undefined {
  return options.find((e) => e.decision === 'delete') ?? options.find((e) => !SPECIFIC.has(e.reason)) ?? options[0];
}

/**
 * Decides for each backup whether the rules delete it (several rule sets: whether any does).
 * Only MANUAL backups whose status is AVAILABLE are ever deleted. With keepLast and olderThanMs
 * both set, a backup is deleted only when both select it. With neither, nothing is deleted.
 */
export function planRetention(backups: readonly DescribedBackup[], rules: RetentionRules | readonly RetentionRules[], now: number): RetentionPlan {
  const ruleSets: readonly RetentionRules[] = Array.isArray(rules) ? rules : [rules];
  const dated = datedNewestFirst(backups);
  const decisions = ruleSets.map((set) => decide(dated, set, now));
  const entries = decisions.length
    ? dated.map(({ backup }) => {
        const entry = merge(decisions.flatMap((decided) => decided.get(backup.backupId) ?? []));
        if (!entry) throw new Error(`Retention plan: no decision for backup ${backup.backupId}`);
        return entry;
      })
    : [];
  const candidates = deletionOrder(entries.filter((entry): entry is PlanEntry & { decision: 'delete' } => entry.decision === 'delete'));
  return { entries, candidates, freedBytes: totalBytes(candidates.map((entry) => entry.backup)) };
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
