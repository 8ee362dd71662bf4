// Public entry point of the Zilliz Cloud control-plane emulator (REST API v2).
export { startEmulator } from './server.ts';
export type { Emulator, EmulatorOptions, RecordedRequest } from './server.ts';
export type { Fault, FaultQueue, FaultRule } from './faults.ts';
export type {
  Backup,
  BackupStatus,
  BackupType,
  Cluster,
  CollectionRef,
  CreationMethod,
  DescribeBackupShape,
  EmulatorState,
  Job,
  JobOutcome,
  LoadState,
} from './state.ts';
export { BUSY_MESSAGE, ONE_AT_A_TIME_MESSAGE, SAME_DATABASE_MESSAGE } from './api.ts';
export {
  DEDICATED_CLUSTER,
  DEDICATED_CLUSTER_NAME,
  DEFAULT_API_KEY,
  DEFAULT_READONLY_API_KEY,
  FREE_CLUSTER,
  PROJECT_ID,
  SECOND_CLUSTER,
  SECOND_CLUSTER_NAME,
  SEED_AUTO_BACKUP,
  SEED_MANUAL_BACKUP,
  SERVERLESS_CLUSTER,
} from './seed.ts';
