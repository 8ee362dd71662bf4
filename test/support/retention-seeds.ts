// Backups of several scopes, methods, statuses and ages on the emulator's Dedicated cluster, for
// the retention tests. With the emulator's own two seeds (an AUTO CLUSTER backup 3 h old and a
// MANUAL backup of default.medium_articles 30 min old), which rules delete which is spelled out
// below, so each test states what it expects by name.
import type { BackupSeed } from '../emulator/index.ts';

const DAY = 86_400;
const MA = { database: 'default', collection: 'medium_articles' };
const PR = { database: 'default', collection: 'products' };
const EV = { database: 'analytics', collection: 'events' };

export const RETENTION_SEEDS: BackupSeed[] = [
  // CLUSTER scope, MANUAL AVAILABLE.
  { backupId: 'backup901_c1', ageSeconds: 1 * DAY, size: 1000 },
  { backupId: 'backup902_c2', ageSeconds: 2 * DAY, size: 2000 },
  { backupId: 'backup903_c3', ageSeconds: 3 * DAY, size: 3000 },
  { backupId: 'backup904_c4', ageSeconds: 40 * DAY, size: 4000 },
  // default.medium_articles (with the emulator's 30-minute-old backup2 the newest of it).
  { backupId: 'backup911_m1', backupType: 'COLLECTION', collections: [MA], ageSeconds: 1 * DAY, size: 100 },
  { backupId: 'backup912_m2', backupType: 'COLLECTION', collections: [MA], ageSeconds: 5 * DAY, size: 200 },
  { backupId: 'backup913_m3', backupType: 'COLLECTION', collections: [MA], ageSeconds: 45 * DAY, size: 300 },
  // default: products + medium_articles (listed in the other order on one of them: the same scope).
  { backupId: 'backup921_mp1', backupType: 'COLLECTION', collections: [MA, PR], ageSeconds: 2 * DAY, size: 10 },
  { backupId: 'backup922_mp2', backupType: 'COLLECTION', collections: [PR, MA], ageSeconds: 50 * DAY, size: 20 },
  // analytics.events: alone in its scope, old.
  { backupId: 'backup931_e1', backupType: 'COLLECTION', collections: [EV], ageSeconds: 100 * DAY, size: 5 },
  // Never deleted whatever the rules: AUTO, and CREATING.
  { backupId: 'backup941_auto', creationMethod: 'AUTO', ageSeconds: 60 * DAY, size: 7000 },
  { backupId: 'backup951_creating', status: 'CREATING', ageSeconds: 70 * DAY },
  { backupId: 'backup952_creating', backupType: 'COLLECTION', collections: [MA], status: 'CREATING', ageSeconds: 80 * DAY },
];

/** keep-last 1 (every scope keeps its newest), as a set: */
export const KEEP_LAST_1 = ['backup904_c4', 'backup903_c3', 'backup902_c2', 'backup913_m3', 'backup912_m2', 'backup911_m1', 'backup922_mp2'];
/** older-than 30d, as a set: */
export const OLDER_THAN_30D = ['backup931_e1', 'backup922_mp2', 'backup913_m3', 'backup904_c4'];
/** keep-last 1 and older-than 30d (selected by both), as a set: */
export const BOTH = ['backup922_mp2', 'backup913_m3', 'backup904_c4'];
/** Never selected by any rule. */
export const UNTOUCHABLE = ['backup941_auto', 'backup951_creating', 'backup952_creating', 'backup1_a1b2c3d4e5f6'];
