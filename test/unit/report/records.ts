// Backup records as the workflows make them, for the report tests.
import type { BackupRecord } from '../../../src/workflows/records.ts';

export const defaultBackup: BackupRecord = {
  database: 'default',
  collections: ['medium_articles', 'products'],
  backupId: 'backup11_aaa',
  backupName: 'medium_articles_backup11',
  jobId: 'job-one',
  status: 'AVAILABLE',
  size: 134_217_728,
  created: true,
};

export const analyticsBackup: BackupRecord = {
  database: 'analytics',
  collections: ['events'],
  backupId: 'backup12_bbb',
  backupName: 'events_backup12',
  jobId: 'job-two',
  status: 'CREATING',
  size: undefined,
  created: true,
};

export const clusterBackup: BackupRecord = {
  database: undefined,
  collections: [],
  backupId: 'backup13_ccc',
  backupName: 'Dedicated-01_backup13',
  jobId: 'job-three',
  status: 'AVAILABLE',
  size: 1024,
  created: true,
};

export const reusedBackup: BackupRecord = {
  ...defaultBackup,
  backupId: 'backup2_reused',
  jobId: '',
  created: false,
  reused: { createTime: '2026-03-01T11:30:00Z', ageMs: 30 * 60_000 },
};
