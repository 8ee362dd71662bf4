import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DELETIONS, parseKeepLast, readKeepLast, readPruneRequest } from '../../../src/inputs/prune.ts';
import { inputErrorOf, inputs } from '../fakes.ts';

const CLUSTER = 'in01-0123456789abcde';
const BASE = { 'api-key': 'test-key', 'cluster-id': CLUSTER };
const read = (extra: Record<string, string> = {}) => readPruneRequest(inputs({ ...BASE, ...extra }));
const DAY = 86_400_000;

describe('parseKeepLast', () => {
  it('blank is undefined, whatever the minimum', () => {
    expect(parseKeepLast('keep-last', '', 1)).toBeUndefined();
    expect(parseKeepLast('keep-last', '  ', 0)).toBeUndefined();
  });

  it('reads whole numbers at or above the minimum', () => {
    expect(parseKeepLast('keep-last', '0', 0)).toBe(0);
    expect(parseKeepLast('keep-last', ' 5 ', 1)).toBe(5);
    expect(parseKeepLast('keep-last', '007', 1)).toBe(7);
  });

  it('refuses a value below the minimum, naming the input and the fix', () => {
    const error = inputErrorOf(() => parseKeepLast('keep-last', '0', 1));
    expect(error.input).toBe('keep-last');
    expect(error.message).toContain('"0" is less than 1');
    expect(error.message).toContain('leave it empty to delete nothing');
  });

  it.each(['-1', '1.5', '2.0', 'three', '5 backups', '+3', '1e3', '99999999999999999999'])('refuses %j', (raw) => {
    const error = inputErrorOf(() => parseKeepLast('some-input', raw, 0));
    expect(error.input).toBe('some-input');
    expect(error.message).toContain('is not a whole number');
  });
});

describe('readKeepLast (main action)', () => {
  it('empty prunes nothing, with or without wait', () => {
    expect(readKeepLast(inputs({}), true)).toBeUndefined();
    expect(readKeepLast(inputs({}), false)).toBeUndefined();
  });

  it('reads an integer of at least 1 when wait is true', () => {
    expect(readKeepLast(inputs({ 'keep-last': '3' }), true)).toBe(3);
    expect(inputErrorOf(() => readKeepLast(inputs({ 'keep-last': '0' }), true)).input).toBe('keep-last');
  });

  it('keep-last with wait false is an input error that says why', () => {
    const error = inputErrorOf(() => readKeepLast(inputs({ 'keep-last': '3' }), false));
    expect(error.input).toBe('keep-last');
    expect(error.message).toContain('nothing can be pruned before the new backup is known to be usable');
  });
});

describe('readPruneRequest', () => {
  it('keep-last alone, every other input at its default', () => {
    expect(read({ 'keep-last': '5' })).toEqual({
      apiKey: 'test-key',
      baseUrl: new URL('https://api.cloud.zilliz.com'),
      timeoutMs: 30 * 60_000,
      pollIntervalMs: undefined,
      clusterId: CLUSTER,
      keepLast: 5,
      olderThanMs: undefined,
      backupType: undefined,
      scope: undefined,
      dryRun: false,
      maxDeletions: 10,
    });
    expect(DEFAULT_MAX_DELETIONS).toBe(10);
  });

  it('older-than takes the timeout syntax and long ages: 30d, 1d12h, seconds, 3650d', () => {
    expect(read({ 'older-than': '30d' }).olderThanMs).toBe(30 * DAY);
    expect(read({ 'older-than': '1d12h' }).olderThanMs).toBe(1.5 * DAY);
    expect(read({ 'older-than': '86400' }).olderThanMs).toBe(DAY);
    expect(read({ 'older-than': '3650d' }).olderThanMs).toBe(3650 * DAY);
  });

  it('older-than beyond 3650 days, or not a duration, is an input error', () => {
    const long = inputErrorOf(() => read({ 'older-than': '3651d' }));
    expect(long.input).toBe('older-than');
    expect(long.message).toContain('3650 days');
    expect(long.message).not.toContain('GitHub job');
    expect(inputErrorOf(() => read({ 'older-than': 'a month' })).input).toBe('older-than');
    expect(inputErrorOf(() => read({ 'older-than': '-30d' })).input).toBe('older-than');
  });

  it('keep-last 0 is allowed with older-than (age alone decides)', () => {
    const request = read({ 'keep-last': '0', 'older-than': '7d' });
    expect(request.keepLast).toBe(0);
    expect(request.olderThanMs).toBe(7 * DAY);
  });

  it('needs keep-last or older-than', () => {
    const error = inputErrorOf(() => read({}));
    expect(error.input).toBe('keep-last');
    expect(error.message).toContain('older-than');
  });

  it('refuses a bad keep-last, naming it', () => {
    expect(inputErrorOf(() => read({ 'keep-last': '-2' })).input).toBe('keep-last');
    expect(inputErrorOf(() => read({ 'keep-last': 'all' })).input).toBe('keep-last');
  });

  it('backup-type: empty is both, CLUSTER or COLLECTION in any case, anything else an error', () => {
    expect(read({ 'keep-last': '1' }).backupType).toBeUndefined();
    expect(read({ 'keep-last': '1', 'backup-type': 'cluster' }).backupType).toBe('CLUSTER');
    expect(read({ 'keep-last': '1', 'backup-type': 'COLLECTION' }).backupType).toBe('COLLECTION');
    expect(read({ 'keep-last': '1', 'backup-type': 'COLLECTION' }).scope).toBeUndefined();
    expect(inputErrorOf(() => read({ 'keep-last': '1', 'backup-type': 'DATABASE' })).input).toBe('backup-type');
  });

  it('collections narrow to one exact scope, sorted, and imply COLLECTION', () => {
    const request = read({ 'keep-last': '1', collections: 'zeta\nalpha, default.zeta' });
    expect(request.backupType).toBe('COLLECTION');
    expect(request.scope).toEqual({ clusterId: CLUSTER, backupType: 'COLLECTION', database: 'default', collections: ['alpha', 'zeta'] });
    const other = read({ 'keep-last': '1', 'backup-type': 'collection', collections: 'analytics.events, analytics.sessions' });
    expect(other.scope).toEqual({ clusterId: CLUSTER, backupType: 'COLLECTION', database: 'analytics', collections: ['events', 'sessions'] });
  });

  it('collections of several databases are an error explaining a scope is one database', () => {
    const error = inputErrorOf(() => read({ 'keep-last': '1', collections: 'a, analytics.events' }));
    expect(error.input).toBe('collections');
    expect(error.message).toContain('2 databases (default, analytics)');
    expect(error.message).toContain('one database');
  });

  it('collections with backup-type CLUSTER is an error', () => {
    const error = inputErrorOf(() => read({ 'keep-last': '1', 'backup-type': 'CLUSTER', collections: 'a' }));
    expect(error.input).toBe('backup-type');
  });

  it('bad collection names are reported against collections', () => {
    expect(inputErrorOf(() => read({ 'keep-last': '1', collections: '1abc' })).input).toBe('collections');
  });

  it('dry-run and max-deletions', () => {
    const request = read({ 'keep-last': '1', 'dry-run': 'true', 'max-deletions': '250' });
    expect(request.dryRun).toBe(true);
    expect(request.maxDeletions).toBe(250);
    expect(inputErrorOf(() => read({ 'keep-last': '1', 'dry-run': 'yes' })).input).toBe('dry-run');
    for (const raw of ['0', '-1', 'ten', '2.5']) {
      const error = inputErrorOf(() => read({ 'keep-last': '1', 'max-deletions': raw }));
      expect(error.input).toBe('max-deletions');
    }
  });

  it('reads the connection inputs', () => {
    const request = read({ 'keep-last': '1', timeout: '5m', 'poll-interval': '2s', 'base-url': 'http://127.0.0.1:9000/' });
    expect(request.timeoutMs).toBe(300_000);
    expect(request.pollIntervalMs).toBe(2000);
    expect(request.baseUrl.href).toBe('http://127.0.0.1:9000/');
    expect(inputErrorOf(() => read({ 'keep-last': '1', timeout: '7h' })).input).toBe('timeout');
  });

  it('cluster-id and api-key are required', () => {
    expect(inputErrorOf(() => readPruneRequest(inputs({ 'api-key': 'k', 'keep-last': '1' }))).input).toBe('cluster-id');
    expect(inputErrorOf(() => readPruneRequest(inputs({ 'cluster-id': CLUSTER, 'keep-last': '1' }))).input).toBe('api-key');
  });

  it('takes an API key read earlier', () => {
    expect(readPruneRequest(inputs({ 'cluster-id': CLUSTER, 'keep-last': '1' }), 'early-key').apiKey).toBe('early-key');
  });
});
