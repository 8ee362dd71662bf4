// The prune outputs and the retention table, from rows planned by planRetention.
import { describe, expect, it } from 'vitest';
import { clusterScope } from '../../../src/scope.ts';
import { TooManyDeletionsError } from '../../../src/errors.ts';
import { pruneOutputs, prunedOutput, retentionLogLines, tooManyDeletionsText } from '../../../src/report/prune.ts';
import type { PruneResult, PruneRow } from '../../../src/workflows/prune.ts';
import { planRetention, type DescribedBackup } from '../../../src/workflows/retention.ts';
import { T0 } from '../fakes.ts';

const CLUSTER = 'in01-0123456789abcde';
const DAY = 86_400_000;

function backup(backupId: string, days: number, fields: Partial<DescribedBackup> = {}): DescribedBackup {
  return {
    backupId,
    backupName: `${backupId}_name`,
    backupType: 'CLUSTER',
    creationMethod: 'MANUAL',
    status: 'AVAILABLE',
    size: days * 100,
    clusterId: CLUSTER,
    createTime: new Date(T0 - days * DAY).toISOString(),
    collections: [],
    ...fields,
  };
}

/** keep-last 1 over b1 (newest) … b4, plus an AUTO one; `results` overrides what became of a row. */
function rows(results: Record<string, PruneResult> = {}): PruneRow[] {
  const plan = planRetention(
    [backup('b1', 1), backup('b2', 2), backup('b3', 3), backup('b4', 4), backup('auto', 5, { creationMethod: 'AUTO' })],
    { keepLast: 1 },
    T0,
  );
  return plan.entries.map((entry) => ({ entry, result: results[entry.backup.backupId] ?? (entry.decision === 'delete' ? 'candidate' : 'kept') }));
}

describe('prune outputs', () => {
  it('candidates and deleted oldest first with their fields; count and bytes count only what is gone', () => {
    const outputs = pruneOutputs(rows({ b4: 'deleted', b3: 'already gone', b2: 'failed' }));
    const candidates = JSON.parse(outputs.candidates ?? '') as { backupId: string }[];
    expect(candidates.map((c) => c.backupId)).toEqual(['b4', 'b3', 'b2']);
    expect(candidates[0]).toEqual({
      backupId: 'b4',
      backupName: 'b4_name',
      backupType: 'CLUSTER',
      createTime: new Date(T0 - 4 * DAY).toISOString(),
      size: 400,
      scope: clusterScope(CLUSTER),
    });
    expect((JSON.parse(outputs.deleted ?? '') as { backupId: string }[]).map((c) => c.backupId)).toEqual(['b4', 'b3']);
    expect(outputs['deleted-count']).toBe('2');
    expect(outputs['freed-bytes']).toBe('700');
  });

  it('a dry run (nothing gone): deleted [] and 0, candidates all', () => {
    const outputs = pruneOutputs(rows());
    expect(JSON.parse(outputs.candidates ?? '')).toHaveLength(3);
    expect(outputs).toMatchObject({ deleted: '[]', 'deleted-count': '0', 'freed-bytes': '0' });
  });

  it('pruned: backupId, backupName, createTime, size of what is gone; [] for none', () => {
    expect(JSON.parse(prunedOutput(rows({ b4: 'deleted' })))).toEqual([
      { backupId: 'b4', backupName: 'b4_name', createTime: new Date(T0 - 4 * DAY).toISOString(), size: 400 },
    ]);
    expect(prunedOutput([])).toBe('[]');
  });
});

describe('retention table in the log', () => {
  it('a header, one line per backup newest first with its decision and why, then the totals', () => {
    const lines = retentionLogLines(rows({ b4: 'deleted', b3: 'deleted', b2: 'deleted' }), false);
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(lines[0]).toMatch(/^Backup ID +Name +Type +Method +Status +Created +Size +Scope +Decision +Why$/);
    expect(lines.slice(1, 6).map((l) => l.split(' ')[0])).toEqual(['b1', 'b2', 'b3', 'b4', 'auto']);
    expect(lines[1]).toMatch(/ kept +one of the newest 1 of CLUSTER$/);
    expect(lines[4]).toMatch(/ deleted +beyond the newest 1 of CLUSTER$/);
    expect(lines[5]).toMatch(/ kept +automatic backup: never deleted$/);
    expect(lines[6]).toBe('5 backups listed; 3 selected, 3 deleted, 900 B freed.');
  });

  it('a dry run says what would be deleted', () => {
    const lines = retentionLogLines(rows(), true);
    expect(lines[4]).toMatch(/ would delete +beyond/);
    expect(lines.at(-1)).toBe('5 backups listed; 3 would be deleted (dry run), freeing 900 B.');
  });
});

describe('too many deletions: each action advises with its own inputs', () => {
  const failure = new TooManyDeletionsError(4, 3);

  it('prune names dry-run, older-than and the count to set', () => {
    const text = tooManyDeletionsText(failure, 'prune');
    expect(text).toContain('more than max-deletions (3)');
    expect(text).toContain('max-deletions: 4');
    expect(text).toContain('dry-run');
    expect(text).toContain('older-than');
  });

  it('keep-last (the main action) names neither dry-run nor older-than, which it does not have', () => {
    const text = tooManyDeletionsText(failure, 'keep-last');
    expect(text).toContain('max-deletions: 4');
    expect(text).toContain('keep-last');
    expect(text).not.toContain('dry-run');
    expect(text).not.toContain('older-than');
  });
});
