// HTTP front of the emulator: records every request, applies injected faults, checks the
// key, then hands the request to the API handlers. Listens on 127.0.0.1 only.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_PREFIX, handleAdmin } from './admin.ts';
import type { ApiResponse, AuthKind } from './api.ts';
import { UNAUTHORIZED, handleApi } from './api.ts';
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
}

export interface Emulator {
  url: string;
  apiKey: string;
  requests: RecordedRequest[];
  state: EmulatorState;
  faults: FaultQueue;
  setJobOutcome(o: JobOutcome): void;
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

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const path = url.pathname;
    const label = `${method} ${path}${url.search}`;

    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
      const out = handleAdmin({ state, requests, faults, reset, addBackups: (seeds) => addSeedBackups(state, seeds) }, method, path, text);
      sendJson(res, out.status, out.body);
      return;
    }

    const auth = classify(req.headers.authorization);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    requests.push({ method, path, query, body: parseBody(text), authorization: auth, headers: recordHeaders(req), at: clock() });

    // Faults come before the key check: they stand for the network and the gateway.
    const handle = (): ApiResponse =>
      auth === 'valid' || auth === 'readonly' ? handleApi(state, { method, path, query, body: parseBody(text), auth }) : UNAUTHORIZED;
    const answer = (suffix = ''): void => {
      const out = handle();
      sendJson(res, out.status, out.body, { requestid: randomUUID() });
      log(`${label} -> ${out.status} code=${out.body.code}${suffix}`);
    };

    const fault = faults.take(method, path);
    if (!fault) {
      answer();
      return;
    }
    applyFault(fault, { req, res, handle, answer, label, log, delayTimers, query, now: clock() });
  };

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      log(`${req.method} ${req.url} -> 500 emulator error: ${message}`);
      if (!res.headersSent) sendJson(res, 500, { code: 500, message: `Emulator error: ${message}` });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

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
    reset,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const t of delayTimers) clearTimeout(t);
        delayTimers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
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
