import { describe, expect, it } from 'vitest';
import { clusterScope, collectionScope, scopeKey, scopeLabel, type BackupScope } from '../../../src/scope.ts';
import { needsDescribe, planRetention, scopeOf, type DescribedBackup, type RetentionPlan, type RetentionRules } from '../../../src/workflows/retention.ts';

const CLUSTER = 'in01-0123456789abcde';
const NOW = Date.parse('2026-03-01T12:00:00Z');
const DAY = 86_400_000;

/** createTime `days` days before NOW. */
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();

/** A MANUAL AVAILABLE CLUSTER backup unless told otherwise; `on` gives collections as `db.name`. */
function backup(backupId: string, days: number, fields: Partial<DescribedBackup> & { on?: string[] } = {}): DescribedBackup {
  const { on, ...rest } = fields;
  return {
    backupId,
    backupName: `${backupId}_name`,
    backupType: on ? 'COLLECTION' : 'CLUSTER',
    creationMethod: 'MANUAL',
    status: 'AVAILABLE',
    size: 1000,
    clusterId: CLUSTER,
    createTime: daysAgo(days),
    collections: (on ?? []).map((item) => {
      const [database = '', collection = ''] = item.split('.');
      return { database, collection };
    }),
    ...rest,
  };
}

/** id → "delete: reason" / "keep: reason", for whole-plan comparisons. */
function decisions(plan: RetentionPlan): Record<string, string> {
  return Object.fromEntries(plan.entries.map((e) => [e.backup.backupId, `${e.decision}: ${e.reason}`]));
}

const candidateIds = (plan: RetentionPlan) => plan.candidates.map((e) => e.backup.backupId);

describe('scopes', () => {
  it('scopeKey ignores the order and repeats of collections', () => {
    const ab: BackupScope = { clusterId: CLUSTER, backupType: 'COLLECTION', database: 'default', collections: ['a', 'b'] };
    const ba: BackupScope = { ...ab, collections: ['b', 'a', 'b'] };
    expect(scopeKey(ab)).toBe(scopeKey(ba));
    expect(scopeKey(collectionScope(CLUSTER, 'default', ['b', 'a']))).toBe(scopeKey(ab));
  });

  it('scopeKey tells apart cluster, type, database and the exact set of collections', () => {
    const keys = [
      scopeKey(clusterScope(CLUSTER)),
      scopeKey(clusterScope('in01-ffffffffffffff0')),
      scopeKey(collectionScope(CLUSTER, 'default', ['a'])),
      scopeKey(collectionScope(CLUSTER, 'default', ['a', 'b'])),
      scopeKey(collectionScope(CLUSTER, 'analytics', ['a'])),
      scopeKey(collectionScope('in01-ffffffffffffff0', 'default', ['a'])),
      // A collection name with a comma-like join must not collide with two collections.
      scopeKey(collectionScope(CLUSTER, 'default', ['a_b'])),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('scopeLabel reads CLUSTER or "database: collections", sorted', () => {
    expect(scopeLabel(clusterScope(CLUSTER))).toBe('CLUSTER');
    expect(scopeLabel({ clusterId: CLUSTER, backupType: 'COLLECTION', database: 'default', collections: ['b', 'a'] })).toBe('default: a, b');
  });

  it('collectionScope sorts and drops repeats', () => {
    expect(collectionScope(CLUSTER, 'db1', ['z', 'a', 'z'])).toEqual({
      clusterId: CLUSTER,
      backupType: 'COLLECTION',
      database: 'db1',
      collections: ['a', 'z'],
    });
  });

  it('scopeOf: a CLUSTER backup, whatever the case of its type', () => {
    expect(scopeOf(backup('b1', 1))).toEqual(clusterScope(CLUSTER));
    expect(scopeOf(backup('b1', 1, { backupType: 'cluster' }))).toEqual(clusterScope(CLUSTER));
  });

  it('scopeOf: a described COLLECTION backup, collections sorted and counted once', () => {
    expect(scopeOf(backup('b1', 1, { on: ['default.b', 'default.a', 'default.b'] }))).toEqual(collectionScope(CLUSTER, 'default', ['a', 'b']));
    // dbName "" means default.
    expect(scopeOf(backup('b1', 1, { on: ['.a'] }))).toEqual(collectionScope(CLUSTER, 'default', ['a']));
  });

  it('scopeOf: undefined without collections, across databases, or for an unknown type', () => {
    expect(scopeOf(backup('b1', 1, { backupType: 'COLLECTION' }))).toBeUndefined();
    expect(scopeOf(backup('b1', 1, { on: ['default.a', 'analytics.a'] }))).toBeUndefined();
    expect(scopeOf(backup('b1', 1, { backupType: 'DATABASE', on: ['default.a'] }))).toBeUndefined();
    expect(scopeOf(backup('b1', 1, { backupType: '' }))).toBeUndefined();
  });
});

describe('planRetention: keep-last', () => {
  const five = [backup('b3', 3), backup('b1', 1), backup('b5', 5), backup('b2', 2), backup('b4', 4, { size: 500 })];

  it('keeps the newest N by createTime and deletes the rest, oldest first', () => {
    const plan = planRetention(five, { keepLast: 2 }, NOW);
    expect(decisions(plan)).toEqual({
      b1: 'keep: newest N',
      b2: 'keep: newest N',
      b3: 'delete: beyond newest N',
      b4: 'delete: beyond newest N',
      b5: 'delete: beyond newest N',
    });
    expect(candidateIds(plan)).toEqual(['b5', 'b4', 'b3']);
    expect(plan.freedBytes).toBe(2500);
  });

  it('lists entries newest first, and the list order does not change the plan', () => {
    const plan = planRetention(five, { keepLast: 2 }, NOW);
    expect(plan.entries.map((e) => e.backup.backupId)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
    const reversed = planRetention([...five].reverse(), { keepLast: 2 }, NOW);
    expect(reversed).toEqual(plan);
  });

  it('keep-last larger than the count deletes nothing; keep-last 0 deletes every deletable one', () => {
    const all = planRetention(five, { keepLast: 10 }, NOW);
    expect(all.candidates).toEqual([]);
    expect(all.freedBytes).toBe(0);
    expect(planRetention(five, { keepLast: 0 }, NOW).candidates).toHaveLength(5);
  });

  it('each scope keeps its own newest N; the order of collections does not make a new scope', () => {
    const backups = [
      backup('c1', 1),
      backup('c2', 2),
      backup('ab1', 1.5, { on: ['default.a', 'default.b'] }),
      backup('ab2', 2.5, { on: ['default.b', 'default.a'] }),
      backup('ab3', 3.5, { on: ['default.a', 'default.b'] }),
      backup('a1', 10, { on: ['default.a'] }),
      backup('a2', 11, { on: ['default.a'] }),
      backup('x1', 20, { on: ['analytics.a'] }),
      backup('other1', 30, { clusterId: 'in01-ffffffffffffff0' }),
    ];
    const plan = planRetention(backups, { keepLast: 1 }, NOW);
    expect(decisions(plan)).toEqual({
      c1: 'keep: newest N',
      c2: 'delete: beyond newest N',
      ab1: 'keep: newest N',
      ab2: 'delete: beyond newest N',
      ab3: 'delete: beyond newest N',
      a1: 'keep: newest N',
      a2: 'delete: beyond newest N',
      x1: 'keep: newest N',
      other1: 'keep: newest N',
    });
    expect(plan.entries.find((e) => e.backup.backupId === 'ab2')?.scope).toEqual(collectionScope(CLUSTER, 'default', ['a', 'b']));
  });

  it('ties in createTime are broken the same way whatever the list order', () => {
    const same = daysAgo(1);
    const tied = [backup('tie-a', 0, { createTime: same }), backup('tie-b', 0, { createTime: same }), backup('old', 5)];
    const plan = planRetention(tied, { keepLast: 1 }, NOW);
    const kept = plan.entries.filter((e) => e.decision === 'keep').map((e) => e.backup.backupId);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^tie-/);
    expect(planRetention([...tied].reverse(), { keepLast: 1 }, NOW)).toEqual(plan);
    expect(planRetention([tied[1]!, tied[2]!, tied[0]!], { keepLast: 1 }, NOW)).toEqual(plan);
  });

  it('an unreadable createTime is kept, says so, and does not take one of the N', () => {
    const plan = planRetention([backup('bad', 0, { createTime: 'yesterday' }), backup('b1', 1), backup('b2', 2)], { keepLast: 1 }, NOW);
    expect(decisions(plan)).toEqual({ b1: 'keep: newest N', b2: 'delete: beyond newest N', bad: 'keep: unreadable createTime' });
    expect(plan.entries.at(-1)?.backup.backupId).toBe('bad');
    expect(plan.entries.at(-1)?.detail).toContain('"yesterday"');
  });
});

describe('planRetention: what is never deleted', () => {
  it('AUTO and CREATING backups are kept and do not count toward the N', () => {
    const backups = [
      backup('auto', 0.1, { creationMethod: 'AUTO' }),
      backup('creating', 0.2, { status: 'CREATING' }),
      backup('m1', 1),
      backup('m2', 2),
      backup('auto-old', 90, { creationMethod: 'AUTO' }),
      backup('creating-old', 90, { status: 'CREATING' }),
    ];
    const plan = planRetention(backups, { keepLast: 1 }, NOW);
    expect(decisions(plan)).toEqual({
      auto: 'keep: AUTO',
      creating: 'keep: CREATING',
      m1: 'keep: newest N',
      m2: 'delete: beyond newest N',
      'auto-old': 'keep: AUTO',
      'creating-old': 'keep: CREATING',
    });
    // Even rules that select everything leave them alone.
    const all = planRetention(backups, { keepLast: 0, olderThanMs: 1 }, NOW);
    expect(candidateIds(all)).toEqual(['m2', 'm1']);
  });

  it('statuses and methods are read in any case; unknown ones are kept', () => {
    const backups = [
      backup('lower', 1, { creationMethod: 'manual', status: 'available' }),
      backup('nomethod', 2, { creationMethod: '' }),
      backup('deleted', 3, { status: 'DELETED' }),
      backup('weird', 4, { status: 'ARCHIVED' }),
    ];
    expect(decisions(planRetention(backups, { keepLast: 0 }, NOW))).toEqual({
      lower: 'delete: beyond newest N',
      nomethod: 'keep: not MANUAL',
      deleted: 'keep: not AVAILABLE',
      weird: 'keep: not AVAILABLE',
    });
  });

  it('a COLLECTION backup of unknown scope is kept (not described, or several databases)', () => {
    const backups = [backup('undescribed', 5, { backupType: 'COLLECTION' }), backup('mixed', 6, { on: ['default.a', 'analytics.b'] }), backup('c1', 7)];
    const plan = planRetention(backups, { keepLast: 0 }, NOW);
    expect(decisions(plan)).toEqual({ undescribed: 'keep: unknown scope', mixed: 'keep: unknown scope', c1: 'delete: beyond newest N' });
    expect(plan.entries[0]?.scope).toBeUndefined();
  });

  it('no rule at all deletes nothing', () => {
    const plan = planRetention([backup('b1', 1), backup('b2', 200)], {}, NOW);
    expect(plan.candidates).toEqual([]);
    expect(decisions(plan)).toEqual({ b1: 'keep: no rule', b2: 'keep: no rule' });
  });
});

describe('planRetention: older-than and both rules', () => {
  it('older-than alone deletes what is older, keeps what is not (the boundary is kept)', () => {
    const backups = [backup('d1', 1), backup('d30', 30), backup('d40', 40), backup('d100', 100, { size: undefined })];
    const plan = planRetention(backups, { olderThanMs: 30 * DAY }, NOW);
    expect(decisions(plan)).toEqual({ d1: 'keep: too recent', d30: 'keep: too recent', d40: 'delete: too old', d100: 'delete: too old' });
    expect(candidateIds(plan)).toEqual(['d100', 'd40']);
    expect(plan.freedBytes).toBe(1000);
    expect(plan.candidates[0]?.detail).toBe('older than 30 d');
  });

  it('a createTime in the future (clock skew) is too recent', () => {
    expect(decisions(planRetention([backup('future', -1)], { olderThanMs: DAY }, NOW))).toEqual({ future: 'keep: too recent' });
  });

  it('with both, deletes only what is beyond the newest N and older than older-than', () => {
    const backups = [backup('d1', 1), backup('d2', 2), backup('d3', 3), backup('d40', 40), backup('d50', 50)];
    const plan = planRetention(backups, { keepLast: 2, olderThanMs: 30 * DAY }, NOW);
    expect(decisions(plan)).toEqual({
      d1: 'keep: newest N',
      d2: 'keep: newest N',
      d3: 'keep: too recent',
      d40: 'delete: beyond newest N and too old',
      d50: 'delete: beyond newest N and too old',
    });
    expect(plan.candidates[0]?.detail).toBe('beyond the newest 2 of CLUSTER and older than 30 d');
  });

  it('with both, the newest N stay even when all of them are old', () => {
    const backups = [backup('d40', 40), backup('d50', 50), backup('d60', 60)];
    expect(decisions(planRetention(backups, { keepLast: 2, olderThanMs: 30 * DAY }, NOW))).toEqual({
      d40: 'keep: newest N',
      d50: 'keep: newest N',
      d60: 'delete: beyond newest N and too old',
    });
  });
});

describe('planRetention: narrowing', () => {
  const mixed = [
    backup('c1', 1),
    backup('c2', 2),
    backup('ab1', 1, { on: ['default.a', 'default.b'] }),
    backup('ab2', 2, { on: ['default.b', 'default.a'] }),
    backup('a1', 1, { on: ['default.a'] }),
    backup('a2', 2.2, { on: ['default.a'] }),
    backup('undescribed', 3, { backupType: 'COLLECTION' }),
  ];

  it('backup-type keeps backups of the other type, and says so', () => {
    expect(decisions(planRetention(mixed, { keepLast: 1, backupType: 'CLUSTER' }, NOW))).toEqual({
      c1: 'keep: newest N',
      c2: 'delete: beyond newest N',
      ab1: 'keep: other type',
      ab2: 'keep: other type',
      a1: 'keep: other type',
      a2: 'keep: other type',
      undescribed: 'keep: other type',
    });
    const collection = planRetention(mixed, { keepLast: 1, backupType: 'COLLECTION' }, NOW);
    expect(candidateIds(collection)).toEqual(['a2', 'ab2']);
  });

  it('a scope keeps every backup of another scope, matching the scope whatever the order of its collections', () => {
    const scope = collectionScope(CLUSTER, 'default', ['b', 'a']);
    const plan = planRetention(mixed, { keepLast: 0, scope }, NOW);
    expect(decisions(plan)).toEqual({
      c1: 'keep: other type',
      c2: 'keep: other type',
      ab1: 'delete: beyond newest N',
      ab2: 'delete: beyond newest N',
      a1: 'keep: other scope',
      a2: 'keep: other scope',
      undescribed: 'keep: unknown scope',
    });
    expect(plan.entries.find((e) => e.backup.backupId === 'a1')?.detail).toContain('default: a, b');
  });

  it('a CLUSTER scope keeps COLLECTION backups and CLUSTER backups of another cluster', () => {
    const backups = [...mixed, backup('elsewhere', 5, { clusterId: 'in01-ffffffffffffff0' })];
    const plan = planRetention(backups, { keepLast: 0, scope: clusterScope(CLUSTER) }, NOW);
    expect(candidateIds(plan)).toEqual(['c2', 'c1']);
    expect(decisions(plan).elsewhere).toBe('keep: other scope');
  });

  it('every backup appears exactly once, a repeated id once', () => {
    const backups = [
      ...mixed,
      backup('c1', 1),
      backup('auto', 1, { creationMethod: 'AUTO' }),
      backup('creating', 1, { status: 'CREATING' }),
      backup('bad', 1, { createTime: '' }),
    ];
    for (const rules of [{ keepLast: 1 }, { olderThanMs: DAY }, { keepLast: 0, scope: clusterScope(CLUSTER) }, { keepLast: 1, protect: ['a1'] }]) {
      const plan = planRetention(backups, rules, NOW);
      const ids = plan.entries.map((e) => e.backup.backupId);
      expect(ids).toHaveLength(new Set(backups.map((b) => b.backupId)).size);
      expect(new Set(ids)).toEqual(new Set(backups.map((b) => b.backupId)));
      expect(plan.candidates).toEqual(plan.entries.filter((e) => e.decision === 'delete').reverse());
    }
  });
});

describe("planRetention: the main action's keep-last", () => {
  // What the main action passes: the run's backup's scope, keep-last, and its id protected.
  const runRules = (runBackupId: string, keepLast: number): RetentionRules => ({
    scope: collectionScope(CLUSTER, 'default', ['a', 'b']),
    keepLast,
    protect: [runBackupId],
  });
  const earlier = [
    backup('e1', 1, { on: ['default.a', 'default.b'] }),
    backup('e2', 2, { on: ['default.b', 'default.a'] }),
    backup('e3', 3, { on: ['default.a', 'default.b'] }),
    backup('other', 4, { on: ['default.a'] }),
    backup('cluster', 5),
  ];

  it("the run's backup is one of the N and is never deleted", () => {
    const run = backup('run', 0, { on: ['default.b', 'default.a'] });
    const plan = planRetention([...earlier, run], runRules('run', 2), NOW);
    expect(decisions(plan)).toEqual({
      run: 'keep: protected',
      e1: 'keep: newest N',
      e2: 'delete: beyond newest N',
      e3: 'delete: beyond newest N',
      other: 'keep: other scope',
      cluster: 'keep: other type',
    });
    expect(planRetention([...earlier, run], runRules('run', 1), NOW).candidates.map((e) => e.backup.backupId)).toEqual(['e3', 'e2', 'e1']);
  });

  it("a run's backup with an older createTime than others (clock skew) is still protected and counted", () => {
    const run = backup('run', 2.5, { on: ['default.a', 'default.b'] });
    const plan = planRetention([run, ...earlier], runRules('run', 2), NOW);
    expect(decisions(plan)).toMatchObject({ run: 'keep: protected', e1: 'keep: newest N', e2: 'delete: beyond newest N', e3: 'delete: beyond newest N' });
    const oldest = backup('run', 99, { on: ['default.a', 'default.b'] });
    const one = planRetention([oldest, ...earlier], { ...runRules('run', 1), olderThanMs: DAY / 2 }, NOW);
    expect(candidateIds(one)).toEqual(['e3', 'e2', 'e1']);
    expect(decisions(one).run).toBe('keep: protected');
  });

  it('a reused AUTOMATIC backup is protected but takes none of the N: the newest manual ones stay', () => {
    const auto = backup('auto', 0, { creationMethod: 'AUTO' });
    const manual = [backup('m1', 1), backup('m2', 2), backup('m3', 3)];
    const plan = planRetention([auto, ...manual], { scope: clusterScope(CLUSTER), keepLast: 1, protect: ['auto'] }, NOW);
    expect(decisions(plan)).toEqual({ auto: 'keep: protected', m1: 'keep: newest N', m2: 'delete: beyond newest N', m3: 'delete: beyond newest N' });
  });

  it('the protected backup is counted even when a stale list still shows it CREATING', () => {
    const run = backup('run', 0, { on: ['default.a', 'default.b'], status: 'CREATING' });
    expect(candidateIds(planRetention([run, ...earlier], runRules('run', 2), NOW))).toEqual(['e3', 'e2']);
  });
});

describe('needsDescribe', () => {
  const undescribed = (fields: Partial<DescribedBackup> = {}) => backup('u', 1, { backupType: 'COLLECTION', ...fields });

  it('asks for the collections of a deletable or protected COLLECTION backup only', () => {
    expect(needsDescribe(undescribed(), { keepLast: 1 })).toBe(true);
    expect(needsDescribe(undescribed(), { keepLast: 1, backupType: 'COLLECTION' })).toBe(true);
    expect(needsDescribe(undescribed({ creationMethod: 'AUTO' }), { keepLast: 1 })).toBe(false);
    expect(needsDescribe(undescribed({ status: 'CREATING' }), { keepLast: 1 })).toBe(false);
    expect(needsDescribe(undescribed({ status: 'CREATING' }), { keepLast: 1, protect: ['u'] })).toBe(true);
    expect(needsDescribe(undescribed(), { keepLast: 1, backupType: 'CLUSTER' })).toBe(false);
    expect(needsDescribe(undescribed(), { keepLast: 1, scope: clusterScope(CLUSTER) })).toBe(false);
    expect(needsDescribe(backup('c', 1), { keepLast: 1 })).toBe(false);
    expect(needsDescribe(backup('d', 1, { on: ['default.a'] }), { keepLast: 1 })).toBe(false);
  });
});
