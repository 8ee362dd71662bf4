import { describe, expect, it } from 'vitest';
import { backupOutputs, idOutputs } from '../../../src/report/backup.ts';
import { OutputWriter } from '../../../src/report/common.ts';
import { analyticsBackup, clusterBackup, defaultBackup, reusedBackup } from './records.ts';

describe('backupOutputs', () => {
  it('one backup: one value each, the JSON list, status, duration in seconds, created', () => {
    const outputs = backupOutputs([clusterBackup], 'AVAILABLE', 61_600);
    expect(outputs).toEqual({
      'backup-id': 'backup13_ccc',
      'job-id': 'job-three',
      'backup-name': 'Dedicated-01_backup13',
      backups: JSON.stringify([
        {
          database: null,
          collections: [],
          backupId: 'backup13_ccc',
          backupName: 'Dedicated-01_backup13',
          jobId: 'job-three',
          status: 'AVAILABLE',
          size: 1024,
          created: true,
        },
      ]),
      status: 'AVAILABLE',
      duration: '62',
      created: 'true',
    });
  });

  it('several backups: space-separated in database order; JSON in the same order', () => {
    const outputs = backupOutputs([defaultBackup, analyticsBackup], 'CREATING', 1000);
    expect(outputs['backup-id']).toBe('backup11_aaa backup12_bbb');
    expect(outputs['job-id']).toBe('job-one job-two');
    expect(outputs['backup-name']).toBe('medium_articles_backup11 events_backup12');
    const list = JSON.parse(outputs.backups ?? '') as Record<string, unknown>[];
    expect(list.map((b) => [b.database, b.backupId, b.status, b.size])).toEqual([
      ['default', 'backup11_aaa', 'AVAILABLE', 134_217_728],
      ['analytics', 'backup12_bbb', 'CREATING', null],
    ]);
  });

  it('created is false when any backup was reused, and an unknown job id stands as "-" so job-id stays aligned with backup-id', () => {
    const outputs = backupOutputs([reusedBackup, analyticsBackup], 'AVAILABLE', 0);
    expect(outputs.created).toBe('false');
    expect(outputs['job-id']).toBe('- job-two');
    expect(outputs['job-id']?.split(' ')).toHaveLength(outputs['backup-id']?.split(' ').length ?? 0);
    expect(JSON.parse(outputs.backups ?? '')[0]).toMatchObject({ jobId: '', created: false });
  });

  it('job-id is empty when no backup of the run has a job (a single reused backup)', () => {
    expect(backupOutputs([reusedBackup], 'AVAILABLE', 0)['job-id']).toBe('');
  });

  it('no backups: empty values, an empty list, created empty (false would claim a reuse)', () => {
    expect(backupOutputs([], 'ERROR', 400)).toEqual({
      'backup-id': '',
      'job-id': '',
      'backup-name': '',
      backups: '[]',
      status: 'ERROR',
      duration: '0',
      created: '',
    });
  });
});

describe('idOutputs and OutputWriter', () => {
  it('a stray backup (found after a create was sent twice) is in `backups` only, marked gate: false', () => {
    const stray = { ...defaultBackup, backupId: 'backup12_bbb', jobId: '' };
    const outputs = idOutputs([defaultBackup], [stray]);
    expect(outputs['backup-id']).toBe(defaultBackup.backupId);
    expect(outputs['job-id']).toBe(defaultBackup.jobId);
    const list = JSON.parse(outputs.backups ?? '[]') as { backupId: string; gate?: boolean }[];
    expect(list.map((b) => [b.backupId, b.gate])).toEqual([
      [defaultBackup.backupId, undefined],
      ['backup12_bbb', false],
    ]);
  });

  it('idOutputs carries only the ids and the list', () => {
    expect(idOutputs([defaultBackup])).toEqual({
      'backup-id': 'backup11_aaa',
      'job-id': 'job-one',
      'backup-name': 'medium_articles_backup11',
      backups: backupOutputs([defaultBackup], '', 0).backups,
    });
  });

  it('OutputWriter writes a value again only when it changed, and every value at the end', () => {
    const written: [string, string][] = [];
    const writer = new OutputWriter((name, value) => written.push([name, value]));
    writer.write({ a: '1', 'b-c': 'x y' });
    writer.write({ a: '1', 'b-c': 'x z' });
    writer.write({ a: '1', 'b-c': 'x z' }, { final: true });
    expect(written).toEqual([
      ['a', '1'],
      ['b-c', 'x y'],
      ['b-c', 'x z'],
      ['a', '1'],
      ['b-c', 'x z'],
    ]);
  });
});
