// Unauthenticated control surface under /__emulator/, so an out-of-process runner
// (shell loop, workflow, benchmark) can inspect and steer the emulator over HTTP.
import { applyCloneConfig, cloneConfigView } from './clusters.ts';
import type { BackupSeed } from './seed.ts';
import { mixedSeed, SEED_AUTO_BACKUP } from './seed.ts';
import type { Faults } from './faults.ts';
import { faultRuleFromJson, faultRuleToJson } from './faults.ts';
import type { Backup, DescribeBackupShape, EmulatorState, JobConfig, JobOutcome, ProgressProfile } from './state.ts';
import { DESCRIBE_BACKUP_SHAPES, isoSeconds, PROGRESS_PROFILES } from './state.ts';

export const ADMIN_PREFIX = '/__emulator';

export interface AdminContext {
  state: EmulatorState;
  requests: readonly unknown[];
  faults: Faults;
  reset(): void;
  /** adds seeded backups (all or none); throws on a bad one */
  addBackups(seeds: BackupSeed[]): Backup[];
}

export interface AdminResponse {
  status: number;
  body: unknown;
}

export function handleAdmin(ctx: AdminContext, method: string, path: string, text: string): AdminResponse {
  const route = `${method} ${path.slice(ADMIN_PREFIX.length)}`;
  try {
    switch (route) {
      case 'GET /requests':
        return { status: 200, body: ctx.requests };
      case 'POST /reset':
        ctx.reset();
        return { status: 200, body: { ok: true } };
      case 'GET /config':
        return { status: 200, body: configView(ctx.state) };
      case 'POST /config':
        applyConfig(ctx.state, parseJson(text));
        return { status: 200, body: configView(ctx.state) };
      case 'GET /faults':
        return { status: 200, body: ctx.faults.pending().map(faultRuleToJson) };
      case 'POST /faults':
        ctx.faults.add(faultRuleFromJson(parseJson(text)));
        return { status: 200, body: ctx.faults.pending().map(faultRuleToJson) };
      case 'DELETE /faults':
        ctx.faults.clear();
        return { status: 200, body: [] };
      case 'POST /clusters':
        return { status: 200, body: setCluster(ctx.state, parseJson(text)) };
      case 'POST /backups': {
        const value = parseJson(text);
        const seeds = value === 'mixed' ? mixedSeed() : Array.isArray(value) ? (value as BackupSeed[]) : [value as BackupSeed];
        const added = ctx.addBackups(seeds);
        return {
          status: 200,
          body: added.map((b) => ({ backupId: b.backupId, backupName: b.backupName, clusterId: b.clusterId, createTime: isoSeconds(b.createdAt) })),
        };
      }
      default:
        return {
          status: 404,
          body: {
            error: `unknown admin route ${route}`,
            routes: ['GET /requests', 'POST /reset', 'GET|POST /config', 'GET|POST|DELETE /faults', 'POST /backups', 'POST /clusters'],
          },
        };
    }
  } catch (e) {
    return { status: 400, body: { error: e instanceof Error ? e.message : String(e) } };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('body must be JSON');
  }
}

function configView(state: EmulatorState) {
  const c = state.config;
  return {
    jobPendingMs: c.jobPendingMs,
    jobDurationMs: c.jobDurationMs,
    // JSON has no Infinity: "Infinity" means the backup never becomes AVAILABLE.
    backupAvailableDelayMs: Number.isFinite(c.backupAvailableDelayMs) ? c.backupAvailableDelayMs : 'Infinity',
    jobOutcome: c.jobOutcome,
    progressProfile: c.progressProfile ?? 'steady',
    visibilityDelayMs: c.visibilityDelayMs ?? 0,
    loadDurationMs: Number.isFinite(c.loadDurationMs ?? 0) ? (c.loadDurationMs ?? 0) : 'Infinity',
    rowCountAsString: c.rowCountAsString ?? false,
    ...cloneConfigView(c),
    describeBackupShape: state.describeBackupShape,
    describeDefaultDbName: state.describeDefaultDbName,
    automaticBackupRunning: state.backups.get(SEED_AUTO_BACKUP)?.fixedStatus === 'CREATING',
  };
}

function applyConfig(state: EmulatorState, value: unknown): void {
  if (typeof value !== 'object' || value === null) throw new Error('config must be a JSON object');
  const v = value as Record<string, unknown>;
  const next: JobConfig = { ...state.config };
  if (v['jobPendingMs'] !== undefined) next.jobPendingMs = nonNegative('jobPendingMs', v['jobPendingMs']);
  if (v['jobDurationMs'] !== undefined) next.jobDurationMs = nonNegative('jobDurationMs', v['jobDurationMs']);
  if (v['backupAvailableDelayMs'] !== undefined) {
    const d = v['backupAvailableDelayMs'];
    next.backupAvailableDelayMs = d === null || d === 'Infinity' ? Infinity : nonNegative('backupAvailableDelayMs', d);
  }
  if (v['jobOutcome'] !== undefined) next.jobOutcome = parseJobOutcome(v['jobOutcome']);
  if (v['progressProfile'] !== undefined) next.progressProfile = oneOf<ProgressProfile>('progressProfile', v['progressProfile'], PROGRESS_PROFILES);
  if (v['visibilityDelayMs'] !== undefined) next.visibilityDelayMs = nonNegative('visibilityDelayMs', v['visibilityDelayMs']);
  if (v['loadDurationMs'] !== undefined) {
    const d = v['loadDurationMs'];
    next.loadDurationMs = d === null || d === 'Infinity' ? Infinity : nonNegative('loadDurationMs', d);
  }
  if (v['rowCountAsString'] !== undefined) {
    if (typeof v['rowCountAsString'] !== 'boolean') throw new Error('rowCountAsString must be true or false');
    next.rowCountAsString = v['rowCountAsString'];
  }
  applyCloneConfig(v, next);
  const shape =
    v['describeBackupShape'] === undefined ? undefined : oneOf<DescribeBackupShape>('describeBackupShape', v['describeBackupShape'], DESCRIBE_BACKUP_SHAPES);
  const dbName = v['describeDefaultDbName'] === undefined ? undefined : oneOf('describeDefaultDbName', v['describeDefaultDbName'], ['default', ''] as const);
  const running = v['automaticBackupRunning'];
  if (running !== undefined && typeof running !== 'boolean') throw new Error('automaticBackupRunning must be true or false');
  const automatic = state.backups.get(SEED_AUTO_BACKUP);
  if (running !== undefined && !automatic) throw new Error('the seeded automatic backup is gone (deleted); reset first');
  state.config = next;
  if (shape !== undefined) state.describeBackupShape = shape;
  if (dbName !== undefined) state.describeDefaultDbName = dbName;
  // The seeded automatic backup CREATING makes the cluster busy, as a running automatic backup does.
  if (automatic && running !== undefined) automatic.fixedStatus = running ? 'CREATING' : 'AVAILABLE';
}

function oneOf<T extends string>(name: string, v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) throw new Error(`${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  return v as T;
}

function nonNegative(name: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0)) throw new Error(`${name} must be a number >= 0`);
  return v;
}

export function parseJobOutcome(v: unknown): JobOutcome {
  if (typeof v !== 'object' || v === null) throw new Error('jobOutcome must be an object');
  const o = v as Record<string, unknown>;
  switch (o['status']) {
    case 'SUCCESSFUL':
      return { status: 'SUCCESSFUL' };
    case 'FAILED':
      return { status: 'FAILED', reason: typeof o['reason'] === 'string' ? o['reason'] : 'Backup job failed' };
    case 'CANCELED':
      return typeof o['reason'] === 'string' ? { status: 'CANCELED', reason: o['reason'] } : { status: 'CANCELED' };
    case 'RAW':
      if (typeof o['rawStatus'] !== 'string') throw new Error('jobOutcome RAW needs rawStatus');
      return { status: 'RAW', rawStatus: o['rawStatus'] };
    default:
      throw new Error('jobOutcome.status must be SUCCESSFUL, FAILED, CANCELED or RAW');
  }
}

/** `{clusterId, status?, connectAddress?}`: a cluster that does not serve (STOPPED…), or a data-plane address to test the endpoint rule with. */
function setCluster(state: EmulatorState, value: unknown): { clusterId: string; status: string; connectAddress: string } {
  if (typeof value !== 'object' || value === null) throw new Error('body must be {clusterId, status?, connectAddress?}');
  const v = value as Record<string, unknown>;
  const cluster = typeof v['clusterId'] === 'string' ? state.clusters.get(v['clusterId']) : undefined;
  if (!cluster) throw new Error(`unknown clusterId ${JSON.stringify(v['clusterId'])}`);
  for (const key of ['status', 'connectAddress'] as const) {
    if (v[key] !== undefined && typeof v[key] !== 'string') throw new Error(`${key} must be a string`);
  }
  if (typeof v['status'] === 'string') cluster.status = v['status'];
  if (typeof v['connectAddress'] === 'string') cluster.connectAddress = v['connectAddress'];
  return { clusterId: cluster.clusterId, status: cluster.status, connectAddress: cluster.connectAddress };
}
