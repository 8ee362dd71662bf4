// Backup records as the workflows make them, for the report tests.
import type { BackupRecord } from '../../../src/types.ts';

export const defaultBackup: BackupRecord = {
  database: 'default',
  collections: ['medium_articles', 'products'],
  backupId: 'backup11_aaa',
  backupName: 'medium_articles_backup11',
  jobId: 'job-one',
  status: 'AVAILABLE',
  size: 134_217_728,
};

export const analyticsBackup: BackupRecord = {
  database: 'analytics',
  collections: ['events'],
  backupId: 'backup12_bbb',
  backupName: 'events_backup12',
  jobId: 'job-two',
  status: 'CREATING',
  size: undefined,
};

export const clusterBackup: BackupRecord = {
  database: undefined,
  collections: [],
  backupId: 'backup13_ccc',
  backupName: 'Dedicated-01_backup13',
  jobId: 'job-three',
  status: 'AVAILABLE',
  size: 1024,
};

export const reusedBackup: BackupRecord = {
  ...defaultBackup,
  backupId: 'backup2_reused',
  jobId: '',
  reused: { createTime: '2026-03-01T11:30:00Z', ageMs: 30 * 60_000 },
};
