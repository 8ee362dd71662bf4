import { describe, expect, it } from 'vitest';
import { addBackupSummary, type BackupSummary } from '../../../src/report/backup.ts';
import type { SummaryWriter } from '../../../src/report/common.ts';
import { formatBytes } from '../../../src/format.ts';
import { analyticsBackup, clusterBackup, defaultBackup, reusedBackup } from './records.ts';

type Call = [method: string, ...args: unknown[]];

/** A SummaryWriter that records every call. */
function recordingSummary(): SummaryWriter & { calls: Call[]; text(): string } {
  const calls: Call[] = [];
  const writer: SummaryWriter & { calls: Call[]; text(): string } = {
    calls,
    addHeading: (...args) => (calls.push(['addHeading', ...args]), writer),
    addRaw: (...args) => (calls.push(['addRaw', ...args]), writer),
    addTable: (...args) => (calls.push(['addTable', ...args]), writer),
    addList: (...args) => (calls.push(['addList', ...args]), writer),
    addCodeBlock: (...args) => (calls.push(['addCodeBlock', ...args]), writer),
    write: async () => calls.push(['write']),
    text: () => JSON.stringify(calls),
  };
  return writer;
}

const base: BackupSummary = {
  clusterId: 'in01-0123456789abcde',
  backupType: 'COLLECTION',
  baseUrl: 'https://api.cloud.zilliz.com',
  records: [defaultBackup, analyticsBackup],
  status: 'AVAILABLE',
  durationMs: 95_000,
  run: { url: 'https://github.com/o/r/actions/runs/42', label: 'deploy #7' },
};

const tableOf = (calls: Call[]) => calls.find(([m]) => m === 'addTable')?.[1] as ({ data: string } | string)[][];

describe('addBackupSummary', () => {
  it('heads with the status, lists cluster, type and scope, time taken and the workflow run', () => {
    const summary = recordingSummary();
    expect(addBackupSummary(summary, base)).toBe(summary);
    expect(summary.calls[0]).toEqual(['addHeading', '✅ Zilliz Cloud backup: AVAILABLE', 2]);
    const list = summary.calls.find(([m]) => m === 'addList')?.[1] as string[];
    expect(list).toEqual([
      'Cluster: <code>in01-0123456789abcde</code>',
      'Backup type: COLLECTION (default: medium_articles, products; analytics: events)',
      'Time taken: 1m35s',
      'Workflow run: <a href="https://github.com/o/r/actions/runs/42">deploy #7</a>',
    ]);
  });

  it('has a table row per backup: database, collections, id, name, job, status, size', () => {
    const summary = recordingSummary();
    addBackupSummary(summary, base);
    const [header, ...rows] = tableOf(summary.calls);
    expect(header?.map((c) => (typeof c === 'string' ? c : c.data))).toEqual(['Database', 'Collections', 'Backup ID', 'Name', 'Job', 'Status', 'Size']);
    expect(rows).toEqual([
      ['default', 'medium_articles, products', '<code>backup11_aaa</code>', 'medium_articles_backup11', '<code>job-one</code>', 'AVAILABLE', '128.0 MiB'],
      ['analytics', 'events', '<code>backup12_bbb</code>', 'events_backup12', '<code>job-two</code>', 'CREATING', ''],
    ]);
  });

  it('leads how to restore with the restore step in YAML: this backup id, its collections, switch-alias as an option', () => {
    const summary = recordingSummary();
    addBackupSummary(summary, base);
    const heading = summary.calls.findIndex((c) => c[0] === 'addHeading' && c[1] === 'How to restore');
    const blocks = summary.calls.filter(([m]) => m === 'addCodeBlock');
    const yaml = blocks[0];
    // The YAML comes first, before the console path and the API call.
    expect(summary.calls.findIndex((c) => c === yaml)).toBeGreaterThan(heading);
    expect(yaml?.[2]).toBe('yaml');
    expect(yaml?.[1]).toContain('uses: zilliz-backup-action/zilliz-backup-action/restore@v1');
    expect(yaml?.[1]).toContain('backup-id: backup11_aaa');
    expect(yaml?.[1]).toContain('collections: default.medium_articles, default.products');
    expect(yaml?.[1]).toContain('backup-id: backup12_bbb');
    expect(yaml?.[1]).toContain('# switch-alias:');
    expect(blocks[1]?.[2]).toBe('sh');
    const console = summary.calls.findIndex((c) => c[0] === 'addRaw' && String(c[1]).includes('console'));
    expect(console).toBeGreaterThan(summary.calls.findIndex((c) => c === yaml));
  });

  it('tells how to restore: the console path and a restoreCollection call for every backup of the run', () => {
    const summary = recordingSummary();
    addBackupSummary(summary, base);
    expect(summary.calls).toContainEqual(['addHeading', 'How to restore', 3]);
    const code = summary.calls.find(([m, , lang]) => m === 'addCodeBlock' && lang === 'sh');
    expect(code?.[2]).toBe('sh');
    expect(code?.[1]).toContain('https://api.cloud.zilliz.com/v2/clusters/in01-0123456789abcde/backups/backup11_aaa/restoreCollection');
    expect(code?.[1]).toContain('"dbName":"default"');
    expect(code?.[1]).toContain('https://api.cloud.zilliz.com/v2/clusters/in01-0123456789abcde/backups/backup12_bbb/restoreCollection');
    expect(code?.[1]).toContain('"dbName":"analytics"');
    expect(code?.[1]).toContain('$ZILLIZ_API_KEY');
    expect(summary.text()).toContain('Backups');
  });

  it('a cluster backup restores with restoreCluster and shows (cluster) / all', () => {
    const summary = recordingSummary();
    addBackupSummary(summary, { ...base, backupType: 'CLUSTER', records: [clusterBackup], run: undefined });
    expect(tableOf(summary.calls)[1]?.slice(0, 2)).toEqual(['(cluster)', 'all']);
    expect(String(summary.calls.find(([m, , lang]) => m === 'addCodeBlock' && lang === 'sh')?.[1])).toContain('/backups/backup13_ccc/restoreCluster');
    expect(summary.text()).not.toContain('Workflow run');
  });

  it('a reused backup says so in the job column; an adopted one says unknown', () => {
    const summary = recordingSummary();
    addBackupSummary(summary, { ...base, records: [reusedBackup, { ...analyticsBackup, jobId: '' }] });
    const rows = tableOf(summary.calls).slice(1);
    expect(rows[0]?.[4]).toBe('none: reused, made 30m ago (2026-03-01T11:30:00Z)');
    expect(rows[1]?.[4]).toBe('unknown');
  });

  it('a failure heads with ❌ and shows the error, escaped', () => {
    const summary = recordingSummary();
    addBackupSummary(summary, { ...base, status: 'FAILED', error: 'Job job-one ended FAILED: <disk> & | full' });
    expect(summary.calls[0]?.[1]).toBe('❌ Zilliz Cloud backup: FAILED');
    expect(summary.calls).toContainEqual(['addRaw', '<p><strong>Error:</strong> Job job-one ended FAILED: &lt;disk&gt; &amp; &#124; full</p>', true]);
  });

  it('before any backup: no table and no restore section', () => {
    const summary = recordingSummary();
    addBackupSummary(summary, { ...base, records: [], status: '', error: 'bad key' });
    expect(summary.calls[0]?.[1]).toBe('❌ Zilliz Cloud backup: not started');
    expect(summary.calls.map(([m]) => m)).not.toContain('addTable');
    expect(summary.calls.map(([m]) => m)).not.toContain('addCodeBlock');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [134_217_728, '128.0 MiB'],
    [5 * 1024 ** 4, '5.0 TiB'],
  ])('%d bytes read %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
