// Fault injection: rules that make the next matching requests misbehave the way
// networks, gateways and rate limiters do, so the client's failure handling can be tested.

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'envelope'; code: number; message: string; httpStatus?: number }
  | { kind: 'raw'; body: string; status?: number; contentType?: string }
  /** destroy the socket without answering and without processing the request */
  | { kind: 'drop' }
  /** process the request normally (e.g. really create the backup), then destroy the socket */
  | { kind: 'drop-after-handling' }
  /** wait, then process and answer normally */
  | { kind: 'delay'; ms: number }
  /** process at once (e.g. really create the backup), but answer only after ms: an answer lost to a client timeout */
  | { kind: 'delay-after-handling'; ms: number }
  | { kind: 'redirect'; status: 301 | 302 | 307 | 308; location: string }
  /** process the request, then start the answer (full content-length) and cut the body short: a lost answer */
  | { kind: 'truncate-after-handling' }
  /** process the request for real, then answer with this status instead (e.g. a gateway's 502/504 HTML page) */
  | { kind: 'status-after-handling'; status: number; body?: string; headers?: Record<string, string> }
  /** process the request, never answer; the socket stays open until the client gives up or the emulator closes */
  | { kind: 'hang-after-handling' }
  /**
   * process the request for real, then answer with `data` merged over the answer's data and
   * `headers` added: hostile text (a name holding "\n::error::", a reason echoing the key, a
   * progress of "NaN", a requestid header) in an otherwise true answer
   */
  | { kind: 'patch-after-handling'; data?: Record<string, unknown>; message?: string; headers?: Record<string, string> }
  /** list backups answers every page full of new backups that exist nowhere else: a list that never ends */
  | { kind: 'endless-list' }
  /** list backups leaves out the backups made less than `ms` ago (describe still finds them): a listing that shows new backups late */
  | { kind: 'late-listing'; ms: number };

export interface FaultRule {
  /** e.g. 'GET'; omitted = any method */
  method?: string;
  /** matched against the request path without query (a string must match exactly) */
  path: RegExp | string;
  /** how many matching requests it applies to, default 1; not with forMs */
  times?: number;
  /**
   * Time-bounded instead of counted: the rule applies to every matching request from its FIRST
   * MATCH until forMs later (emulator clock), then is removed. E.g. a 30-second 429 storm.
   */
  forMs?: number;
  /** let this many matching requests through untouched first (e.g. fail the second alter, not the first); default 0 */
  skip?: number;
  fault: Fault;
}

export interface FaultQueue {
  add(rule: FaultRule): void;
  clear(): void;
  pending(): FaultRule[];
}

const KINDS = new Set([
  'status',
  'envelope',
  'raw',
  'drop',
  'drop-after-handling',
  'delay',
  'delay-after-handling',
  'redirect',
  'truncate-after-handling',
  'status-after-handling',
  'hang-after-handling',
  'patch-after-handling',
  'endless-list',
  'late-listing',
]);

interface Entry {
  rule: FaultRule;
  /** uses left (counted rules) */
  left: number;
  /** matching requests still to let through */
  skip: number;
  /** clock ms at which a forMs rule stops applying; set on its first match */
  until?: number;
}

export class Faults implements FaultQueue {
  private rules: Entry[] = [];
  private readonly clock: () => number;

  constructor(clock: () => number = Date.now) {
    this.clock = clock;
  }

  add(rule: FaultRule): void {
    if (rule.forMs !== undefined) {
      if (rule.times !== undefined) throw new Error('fault rule: give times or forMs, not both');
      if (typeof rule.forMs !== 'number' || !(rule.forMs > 0) || !Number.isFinite(rule.forMs)) {
        throw new Error(`fault rule: forMs must be a number of ms > 0, got ${JSON.stringify(rule.forMs)}`);
      }
    }
    const times = rule.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`fault rule: times must be a positive integer, got ${times}`);
    // `kind` is only as good as the caller's types: admin JSON reaches here unchecked, so show it as JSON.
    if (!KINDS.has(rule.fault.kind)) throw new Error(`fault rule: unknown fault kind ${JSON.stringify(rule.fault.kind)}`);
    const f = rule.fault as { kind: string; status?: unknown };
    if (
      (f.kind === 'status' || f.kind === 'status-after-handling') &&
      (typeof f.status !== 'number' || !Number.isInteger(f.status) || f.status < 100 || f.status > 599)
    ) {
      throw new Error(`fault rule: ${f.kind} needs "status", an HTTP status 100-599`);
    }
    const skip = rule.skip ?? 0;
    if (!Number.isInteger(skip) || skip < 0) throw new Error(`fault rule: skip must be an integer >= 0, got ${skip}`);
    this.rules.push({ rule, left: times, skip });
  }

  clear(): void {
    this.rules = [];
  }

  /** Rules not used up (or timed out) yet: counted ones with `times` set to the uses left, timed ones as given. */
  pending(): FaultRule[] {
    this.dropExpired();
    return this.rules.map(({ rule, left }) => (rule.forMs === undefined ? { ...rule, times: left } : { ...rule }));
  }

  /** The fault for this request, if a rule matches; uses up one of a counted rule's times, starts a timed rule's clock. */
  take(method: string, path: string): Fault | undefined {
    this.dropExpired();
    const index = this.rules.findIndex(({ rule }) => matches(rule, method, path));
    if (index < 0) return undefined;
    const entry = this.rules[index]!;
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    if (entry.rule.forMs !== undefined) {
      entry.until ??= this.clock() + entry.rule.forMs;
      return entry.rule.fault;
    }
    entry.left -= 1;
    if (entry.left <= 0) this.rules.splice(index, 1);
    return entry.rule.fault;
  }

  private dropExpired(): void {
    const now = this.clock();
    this.rules = this.rules.filter((e) => e.until === undefined || now < e.until);
  }
}

/** The answer of a patch-after-handling fault: the real one, `data` fields (and `message`) replaced. */
export function patchAnswer(body: { code: number; data?: unknown; message?: string }, fault: Extract<Fault, { kind: 'patch-after-handling' }>): unknown {
  const data = typeof body.data === 'object' && body.data !== null ? { ...body.data, ...fault.data } : body.data;
  return { ...body, ...(fault.message === undefined ? {} : { message: fault.message }), ...(data === undefined ? {} : { data }) };
}

/** A list answer without the backups made less than `ms` before `now` (by their createTime). */
export function lateListing(body: { code: number; data?: unknown }, ms: number, now: number): unknown {
  const data = body.data;
  if (typeof data !== 'object' || data === null || !('backups' in data) || !Array.isArray(data.backups)) return body;
  const listed = (data.backups as { createTime?: unknown }[]).filter((b) => typeof b.createTime !== 'string' || Date.parse(b.createTime) <= now - ms);
  return { ...body, data: { ...data, backups: listed } };
}

/** One full page of an endless list: 100 backups no other page has, made up from the page number. */
export function endlessPage(query: Record<string, string>, clusterId: string): unknown {
  const page = Number(query['currentPage'] ?? '1');
  const pageSize = Number(query['pageSize'] ?? '10');
  const backups = Array.from({ length: pageSize }, (_, i) => ({
    backupId: `backup${page}x${i}_endless`,
    backupName: `endless_${page}_${i}`,
    backupType: 'CLUSTER',
    creationMethod: 'MANUAL',
    status: 'AVAILABLE',
    size: 1024,
    clusterId,
    createTime: '2020-01-01T00:00:00Z',
  }));
  return { code: 0, data: { count: 1_000_000, currentPage: page, pageSize, backups } };
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}

/**
 * Reads a rule sent as JSON to the admin endpoint. A path starting with `^` is a RegExp
 * source; any other string is an exact path.
 */
export function faultRuleFromJson(value: unknown): FaultRule {
  if (typeof value !== 'object' || value === null) throw new Error('fault rule must be a JSON object');
  const v = value as Record<string, unknown>;
  if (typeof v['path'] !== 'string') throw new Error('fault rule needs "path" (a string; start it with ^ for a RegExp)');
  if (v['method'] !== undefined && typeof v['method'] !== 'string') throw new Error('fault rule "method" must be a string');
  if (v['times'] !== undefined && typeof v['times'] !== 'number') throw new Error('fault rule "times" must be a number');
  if (v['forMs'] !== undefined && typeof v['forMs'] !== 'number') throw new Error('fault rule "forMs" must be a number');
  if (typeof v['fault'] !== 'object' || v['fault'] === null) throw new Error('fault rule needs "fault": {"kind": ...}');
  const path = v['path'].startsWith('^') ? new RegExp(v['path']) : v['path'];
  const rule: FaultRule = { path, fault: v['fault'] as Fault };
  if (typeof v['method'] === 'string') rule.method = v['method'];
  if (typeof v['times'] === 'number') rule.times = v['times'];
  if (typeof v['forMs'] === 'number') rule.forMs = v['forMs'];
  if (v['skip'] !== undefined) {
    if (typeof v['skip'] !== 'number') throw new Error('fault rule "skip" must be a number');
    rule.skip = v['skip'];
  }
  return rule;
}

/** JSON-friendly form of a rule; a RegExp path becomes a source starting with ^, as the admin endpoint reads it. */
export function faultRuleToJson(rule: FaultRule): Record<string, unknown> {
  if (typeof rule.path === 'string') return { ...rule };
  const source = rule.path.source;
  return { ...rule, path: source.startsWith('^') ? source : `^.*(?:${source})` };
}
