// HTTP front of the emulator: records every request, applies injected faults, checks the
// key, then hands the request to the API handlers. Listens on 127.0.0.1 only.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_PREFIX, handleAdmin } from './admin.ts';
import type { ApiResponse, AuthKind } from './api.ts';
import { UNAUTHORIZED, handleApi } from './api.ts';
import { DP_UNAUTHORIZED, handleDataPlane } from './dataplane.ts';
import type { Fault, FaultQueue } from './faults.ts';
import { Faults, endlessPage, lateListing, patchAnswer } from './faults.ts';
import type { BackupSeed } from './seed.ts';
import { addSeedBackups, DEFAULT_API_KEY, DEFAULT_READONLY_API_KEY, mixedSeed, seedState } from './seed.ts';
import type { Backup, DescribeBackupShape, JobConfig, JobOutcome, ProgressProfile } from './state.ts';
import { DESCRIBE_BACKUP_SHAPES, EmulatorState, PROGRESS_PROFILES } from './state.ts';

export interface EmulatorOptions {
  /** default 0: a random free port */
  port?: number;
  /** default 'emulator-api-key' */
  apiKey?: string;
  /** default 'emulator-readonly-key': a valid key whose writes get code 96027 */
  readOnlyApiKey?: string;
  /** time a job stays PENDING, default 200 */
  jobPendingMs?: number;
  /** time from creation to the job's end, default 3000 */
  jobDurationMs?: number;
  /** how long a backup stays CREATING after its job succeeded; default 0; Infinity = forever */
  backupAvailableDelayMs?: number;
  /** collection fields of describe backup: 'both' (default, as published), 'flat' or 'dbCollections' */
  describeBackupShape?: DescribeBackupShape;
  /** dbName describe backup gives the `default` database in dbCollections: 'default' (default) or '' (as published) */
  describeDefaultDbName?: 'default' | '';
  /** how running jobs' progress moves, default 'steady' */
  progressProfile?: ProgressProfile;
  /** jobs and backups are invisible to describe and list for this long after creation; default 0 */
  visibilityDelayMs?: number;
  /** how long loading a collection takes on the data plane, default 0; Infinity = never completes */
  loadDurationMs?: number;
  /** backups added to the seed (kept across reset): 'mixed' (MIXED_SEED_COUNT on the Dedicated cluster) or a list */
  seedBackups?: 'mixed' | BackupSeed[];
  /** ms since epoch, default Date.now */
  clock?: () => number;
  /** one line per request; default silent */
  log?: (line: string) => void;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** parsed JSON, the raw text when it is not JSON, or undefined when empty */
  body: unknown;
  authorization: AuthKind;
  /** lower-case names; the authorization value is replaced by '[redacted]' */
  headers: Record<string, string>;
  /** clock ms */
  at: number;
  /** Set for a request to a cluster's data plane: which cluster's. */
  clusterId?: string;
}

export interface Emulator {
  url: string;
  apiKey: string;
  requests: RecordedRequest[];
  state: EmulatorState;
  faults: FaultQueue;
  setJobOutcome(o: JobOutcome): void;
  /** The data-plane address of a cluster (`http://127.0.0.1:<port>`); opens its server if it has none yet (a cluster added at run time). */
  openDataPlane(clusterId: string): Promise<string>;
  /** Adds seeded backups at run time (as POST /__emulator/backups; gone after reset). All or none: throws on a bad one. */
  addBackups(seeds: BackupSeed[] | 'mixed'): Backup[];
  close(): Promise<void>;
  reset(): void;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const clock = opts.clock ?? Date.now;
  const apiKey = opts.apiKey ?? DEFAULT_API_KEY;
  const readOnlyApiKey = opts.readOnlyApiKey ?? DEFAULT_READONLY_API_KEY;
  const log = opts.log ?? (() => {});
  const initialConfig: JobConfig = {
    jobPendingMs: checkMs('jobPendingMs', opts.jobPendingMs ?? 200),
    jobDurationMs: checkMs('jobDurationMs', opts.jobDurationMs ?? 3000),
    backupAvailableDelayMs: checkMs('backupAvailableDelayMs', opts.backupAvailableDelayMs ?? 0),
    jobOutcome: { status: 'SUCCESSFUL' },
    progressProfile: oneOf('progressProfile', opts.progressProfile ?? 'steady', PROGRESS_PROFILES),
    visibilityDelayMs: checkMs('visibilityDelayMs', opts.visibilityDelayMs ?? 0),
    loadDurationMs: checkMs('loadDurationMs', opts.loadDurationMs ?? 0),
  };
  const initialShape = oneOf('describeBackupShape', opts.describeBackupShape ?? 'both', DESCRIBE_BACKUP_SHAPES);
  const initialDefaultDbName = oneOf('describeDefaultDbName', opts.describeDefaultDbName ?? 'default', ['default', ''] as const);
  const extraSeeds = opts.seedBackups === 'mixed' ? mixedSeed() : (opts.seedBackups ?? []);
  if (!Array.isArray(extraSeeds)) throw new Error(`startEmulator: seedBackups must be 'mixed' or an array, got ${JSON.stringify(opts.seedBackups)}`);

  const state = new EmulatorState(clock, initialConfig);
  const seed = (): void => {
    seedState(state, clock());
    state.config = { ...initialConfig };
    state.describeBackupShape = initialShape;
    state.describeDefaultDbName = initialDefaultDbName;
    addSeedBackups(state, extraSeeds);
  };
  seed();
  const requests: RecordedRequest[] = [];
  const faults = new Faults(clock);
  const delayTimers = new Set<NodeJS.Timeout>();

  // Mutates in place so references held by tests (emulator.requests, .state) stay valid.
  const reset = (): void => {
    seed();
    applyAddresses();
    requests.length = 0;
    faults.clear();
  };

  const classify = (header: string | undefined): AuthKind => {
    if (header === undefined || header.trim() === '') return 'missing';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (m?.[1] === apiKey) return 'valid';
    if (m?.[1] === readOnlyApiKey) return 'readonly';
    return 'invalid';
  };

  /**
   * One request to the control plane (clusterId undefined) or to a cluster's data plane: admin
   * routes (control plane only), then record, faults (the network and the gateway, before the
   * key check), then the key, then the handler.
   */
  const onRequest = async (req: IncomingMessage, res: ServerResponse, clusterId?: string): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const path = url.pathname;
    const label = `${clusterId ? `[${clusterId} data plane] ` : ''}${method} ${path}${url.search}`;

    if (clusterId === undefined && (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`))) {
      const out = handleAdmin({ state, requests, faults, reset, addBackups: (seeds) => addSeedBackups(state, seeds) }, method, path, text);
      sendJson(res, out.status, out.body);
      return;
    }

    const auth = classify(req.headers.authorization);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const body = parseBody(text);
    requests.push({ method, path, query, body, authorization: auth, headers: recordHeaders(req), at: clock(), ...(clusterId ? { clusterId } : {}) });

    const authorized = auth === 'valid' || auth === 'readonly';
    const handle = (): ApiResponse => {
      if (clusterId === undefined) return authorized ? handleApi(state, { method, path, query, body, auth }) : UNAUTHORIZED;
      const cluster = state.clusters.get(clusterId);
      if (!cluster) return { status: 503, body: { code: 65535, message: 'the cluster is gone' } };
      return authorized ? handleDataPlane(state, cluster, { method, path, body, auth }) : DP_UNAUTHORIZED;
    };
    const answer = (suffix = ''): void => {
      const out = handle();
      sendJson(res, out.status, out.body, { requestid: randomUUID() });
      log(`${label} -> ${out.status} code=${out.body.code}${suffix}`);
    };

    const fault = faults.take(method, path);
    if (!fault) answer();
    else applyFault(fault, { req, res, handle, answer, label, log, delayTimers, query, now: clock() });
    if (clusterId === undefined) openMissingDataPlanes();
  };

  const listen = async (port: number, clusterId?: string): Promise<{ server: http.Server; port: number }> => {
    const server = http.createServer((req, res) => {
      onRequest(req, res, clusterId).catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        log(`${req.method} ${req.url} -> 500 emulator error: ${message}`);
        if (!res.headersSent) sendJson(res, 500, { code: 500, message: `Emulator error: ${message}` });
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    return { server, port: typeof address === 'object' && address ? address.port : 0 };
  };

  const { server, port } = await listen(opts.port ?? 0);

  // One data plane per cluster, each on its own port; kept across reset (the seed gets its addresses back).
  const dataPlanes = new Map<string, { server: http.Server; address: string }>();
  const opening = new Map<string, Promise<string>>();
  const applyAddresses = (): void => {
    for (const [clusterId, plane] of dataPlanes) {
      const cluster = state.clusters.get(clusterId);
      if (cluster?.connectAddress === '') cluster.connectAddress = plane.address;
    }
  };
  const openDataPlane = (clusterId: string): Promise<string> => {
    const open = dataPlanes.get(clusterId);
    if (open) return Promise.resolve(open.address);
    let pending = opening.get(clusterId);
    if (!pending) {
      pending = listen(0, clusterId).then(({ server: planeServer, port: planePort }) => {
        const address = `http://127.0.0.1:${planePort}`;
        dataPlanes.set(clusterId, { server: planeServer, address });
        opening.delete(clusterId);
        applyAddresses();
        return address;
      });
      opening.set(clusterId, pending);
    }
    return pending;
  };
  // A cluster added at run time (by a test or a restore into a new cluster) gets its data plane soon after.
  const openMissingDataPlanes = (): void => {
    for (const cluster of state.clusters.values()) {
      if (!dataPlanes.has(cluster.clusterId) && !opening.has(cluster.clusterId))
        openDataPlane(cluster.clusterId).catch((e: unknown) => log(`data plane of ${cluster.clusterId}: ${String(e)}`));
    }
  };
  await Promise.all([...state.clusters.keys()].map(openDataPlane));

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    state,
    faults,
    setJobOutcome(o: JobOutcome) {
      state.config = { ...state.config, jobOutcome: o };
    },
    addBackups: (seeds) => addSeedBackups(state, seeds === 'mixed' ? mixedSeed() : seeds),
    openDataPlane,
    reset,
    close() {
      closing ??= (async () => {
        await Promise.allSettled(opening.values());
        for (const t of delayTimers) clearTimeout(t);
        delayTimers.clear();
        const servers = [server, ...[...dataPlanes.values()].map((p) => p.server)];
        await Promise.all(
          servers.map(
            (s) =>
              new Promise<void>((resolve) => {
                s.close(() => resolve());
                s.closeAllConnections();
              }),
          ),
        );
      })();
      return closing;
    },
  };
}

interface FaultContext {
  req: IncomingMessage;
  res: ServerResponse;
  handle: () => ApiResponse;
  answer: (suffix?: string) => void;
  label: string;
  log: (line: string) => void;
  delayTimers: Set<NodeJS.Timeout>;
  query: Record<string, string>;
  now: number;
}

/** A bare HTTP answer (a gateway's or rate limiter's): an HTML type when there is a body and no type given. */
function sendStatus(res: ServerResponse, fault: { status: number; body?: string; headers?: Record<string, string> }): void {
  if (res.destroyed) return;
  const body = fault.body ?? '';
  const headers: Record<string, string> = { ...fault.headers };
  if (body !== '' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'text/html; charset=utf-8';
  }
  res.writeHead(fault.status, headers).end(body);
}

function applyFault(fault: Fault, c: FaultContext): void {
  const { res, label, log } = c;
  switch (fault.kind) {
    case 'status':
      sendStatus(res, fault);
      log(`${label} -> ${fault.status} (fault: status)`);
      return;
    case 'status-after-handling': {
      const out = c.handle();
      sendStatus(res, fault);
      log(`${label} -> processed (code=${out.body.code}), answered ${fault.status} (fault: status-after-handling)`);
      return;
    }
    case 'truncate-after-handling': {
      const out = c.handle();
      const text = JSON.stringify(out.body);
      const part = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      // The full length is announced, half is sent, then the connection is cut: the client sees a short body.
      res.writeHead(out.status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(text)),
        requestid: randomUUID(),
      });
      res.write(part, () => c.req.socket.destroy());
      log(`${label} -> processed (code=${out.body.code}), answer cut after ${part.length} of ${text.length} bytes (fault: truncate-after-handling)`);
      return;
    }
    case 'hang-after-handling': {
      const out = c.handle();
      // Nothing is ever sent; close() ends the connection (closeAllConnections).
      log(`${label} -> processed (code=${out.body.code}), never answered (fault: hang-after-handling)`);
      return;
    }
    case 'envelope': {
      const status = fault.httpStatus ?? 200;
      sendJson(res, status, { code: fault.code, message: fault.message });
      log(`${label} -> ${status} code=${fault.code} (fault: envelope)`);
      return;
    }
    case 'raw': {
      const status = fault.status ?? 200;
      res.writeHead(status, { 'content-type': fault.contentType ?? 'application/json' }).end(fault.body);
      log(`${label} -> ${status} (fault: raw)`);
      return;
    }
    case 'drop':
      c.req.socket.destroy();
      log(`${label} -> dropped, not processed (fault: drop)`);
      return;
    case 'drop-after-handling': {
      const out = c.handle();
      c.req.socket.destroy();
      log(`${label} -> processed (code=${out.body.code}), then dropped (fault: drop-after-handling)`);
      return;
    }
    case 'delay': {
      const timer = setTimeout(() => {
        c.delayTimers.delete(timer);
        c.answer(` (fault: delayed ${fault.ms} ms)`);
      }, fault.ms);
      c.delayTimers.add(timer);
      return;
    }
    case 'delay-after-handling': {
      const out = c.handle();
      log(`${label} -> processed (code=${out.body.code}); answering in ${fault.ms} ms (fault: delay-after-handling)`);
      const timer = setTimeout(() => {
        c.delayTimers.delete(timer);
        sendJson(res, out.status, out.body, { requestid: randomUUID() });
      }, fault.ms);
      c.delayTimers.add(timer);
      return;
    }
    case 'patch-after-handling': {
      const out = c.handle();
      sendJson(res, out.status, patchAnswer(out.body, fault), { requestid: randomUUID(), ...fault.headers });
      log(`${label} -> processed (code=${out.body.code}), answer patched (fault: patch-after-handling)`);
      return;
    }
    case 'late-listing': {
      const out = c.handle();
      sendJson(res, out.status, lateListing(out.body, fault.ms, c.now), { requestid: randomUUID() });
      log(`${label} -> processed (code=${out.body.code}), backups made in the last ${fault.ms} ms left out (fault: late-listing)`);
      return;
    }
    case 'endless-list':
      sendJson(res, 200, endlessPage(c.query, c.query['clusterId'] ?? ''), { requestid: randomUUID() });
      log(`${label} -> a full page of new backups (fault: endless-list)`);
      return;
    case 'redirect':
      res.writeHead(fault.status, { location: fault.location, 'content-length': '0' }).end();
      log(`${label} -> ${fault.status} to ${fault.location} (fault: redirect)`);
      return;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return; // the client went away (e.g. during a delay fault)
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    })
    .end(text);
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function recordHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = name === 'authorization' ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function oneOf<T extends string>(name: string, v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T))
    throw new Error(`startEmulator: ${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

function checkMs(name: string, v: number): number {
  if (typeof v !== 'number' || !(v >= 0)) throw new Error(`startEmulator: ${name} must be a number >= 0, got ${v}`);
  return v;
}
