// Public entry point of the Zilliz Cloud control-plane emulator (REST API v2).
export { startEmulator } from './server.ts';
export type { Emulator, EmulatorOptions, RecordedRequest } from './server.ts';
export type { Fault, FaultQueue, FaultRule } from './faults.ts';
export type { BackupSeed } from './seed.ts';
export { addSeedBackups, MIXED_SEED_COUNT, mixedSeed } from './seed.ts';
export { collectionKey, DESCRIBE_BACKUP_SHAPES, PROGRESS_PROFILES, progressPercent, stepLevels } from './state.ts';
export type {
  Backup,
  BackupStatus,
  BackupType,
  Cluster,
  CollectionRef,
  CreationMethod,
  DataLoadState,
  DescribeBackupShape,
  EmulatorState,
  Job,
  JobOutcome,
  LoadState,
  ProgressProfile,
  RestoreTarget,
} from './state.ts';
export {
  BACKUP_NOT_DELETABLE_CODE,
  BACKUP_NOT_FOUND_CODE,
  BUSY_MESSAGE,
  CLUSTER_NOT_FOUND_CODE,
  CREATE_FAILED_CODE,
  INVALID_CURRENT_PAGE_CODE,
  INVALID_DEST_STATUS_CODE,
  INVALID_DEST_STATUS_MESSAGE,
  INVALID_PAGE_SIZE_CODE,
  JOB_NOT_FOUND_CODE,
  ONE_AT_A_TIME_MESSAGE,
  PERMISSION_DENIED_CODE,
  RESTORE_FAILED_CODE,
  SAME_DATABASE_MESSAGE,
} from './api.ts';
export {
  DEDICATED_CLUSTER,
  DEDICATED_CLUSTER_NAME,
  DEFAULT_API_KEY,
  DEFAULT_READONLY_API_KEY,
  FREE_CLUSTER,
  PROJECT_ID,
  SECOND_CLUSTER,
  SECOND_CLUSTER_NAME,
  SEED_ALIAS,
  SEED_AUTO_BACKUP,
  SEED_MANUAL_BACKUP,
  SERVERLESS_CLUSTER,
  makeCluster,
  seedRowCount,
} from './seed.ts';
export {
  DATA_PLANE_PREFIX,
  DP_ALIAS_IS_COLLECTION,
  DP_ALIAS_NOT_FOUND,
  DP_ALIAS_ON_ANOTHER,
  DP_BAD_JSON,
  DP_BAD_PARAMETER,
  DP_COLLECTION_NOT_FOUND,
  DP_DATABASE_NOT_FOUND,
  DP_MISSING_PARAMETER,
  DP_OTHER,
  DP_UNAUTHENTICATED,
  resolve as resolveName,
} from './dataplane.ts';
