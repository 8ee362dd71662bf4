import { describe, expect, it } from 'vitest';
import { readBackupRequest } from '../../../src/inputs/backup.ts';
import { DEFAULT_TIMEOUT, readApiKey } from '../../../src/inputs/common.ts';
import { inputErrorOf, inputs } from '../fakes.ts';

const BASE = { 'api-key': 'test-key', 'cluster-id': 'in01-0123456789abcde' };
const read = (extra: Record<string, string> = {}) => readBackupRequest(inputs({ ...BASE, ...extra }));

describe('readBackupRequest', () => {
  it('a cluster backup with every default', () => {
    const request = read();
    expect(request).toEqual({
      apiKey: 'test-key',
      baseUrl: new URL('https://api.cloud.zilliz.com'),
      timeoutMs: 30 * 60_000,
      pollIntervalMs: undefined,
      clusterId: 'in01-0123456789abcde',
      backupType: 'CLUSTER',
      targets: [{ database: undefined, collections: [] }],
      crossRegionCopies: [],
      wait: true,
      ifBusy: 'wait',
      reuseIfNewerThanMs: undefined,
    });
    expect(DEFAULT_TIMEOUT).toBe('30m');
  });

  it('backup-type defaults to COLLECTION when collections are given', () => {
    expect(read({ collections: 'medium_articles' }).backupType).toBe('COLLECTION');
  });

  it('backup-type is case-insensitive', () => {
    expect(read({ 'backup-type': 'cluster' }).backupType).toBe('CLUSTER');
    expect(read({ 'backup-type': 'Collection', collections: 'a' }).backupType).toBe('COLLECTION');
  });

  it('groups collections into one target per database, in order, without repeats', () => {
    const request = read({ collections: 'medium_articles\nanalytics.events, products\nanalytics.sessions\ndefault.medium_articles\nanalytics.events' });
    expect(request.targets).toEqual([
      { database: 'default', collections: ['medium_articles', 'products'] },
      { database: 'analytics', collections: ['events', 'sessions'] },
    ]);
  });

  it('reads cross-region copies, wait, if-busy, reuse-if-newer-than, timeout, poll-interval and base-url', () => {
    const request = read({
      'cross-region-copies': 'aws-us-east-1\ngcp-us-west1',
      wait: 'false',
      'if-busy': 'FAIL',
      'reuse-if-newer-than': '2h',
      timeout: '1h30m',
      'poll-interval': '10s',
      'base-url': 'http://127.0.0.1:8000/',
    });
    expect(request.crossRegionCopies).toEqual(['aws-us-east-1', 'gcp-us-west1']);
    expect(request.wait).toBe(false);
    expect(request.ifBusy).toBe('fail');
    expect(request.reuseIfNewerThanMs).toBe(7_200_000);
    expect(request.timeoutMs).toBe(5_400_000);
    expect(request.pollIntervalMs).toBe(10_000);
    expect(request.baseUrl.href).toBe('http://127.0.0.1:8000/');
  });

  it.each<[string, Record<string, string>, string]>([
    ['blank api-key', { 'api-key': '  ' }, 'api-key'],
    ['api-key with white space', { 'api-key': 'abc def' }, 'api-key'],
    ['api-key with a non-ASCII letter', { 'api-key': 'abcé' }, 'api-key'],
    ['api-key with a control character', { 'api-key': 'abc\u0000def' }, 'api-key'],
    ['missing cluster-id', { 'cluster-id': '' }, 'cluster-id'],
    ['cluster-id with a space', { 'cluster-id': 'in01-abc def' }, 'cluster-id'],
    ['cluster-id with a slash', { 'cluster-id': 'in01-abc/def' }, 'cluster-id'],
    ['unknown backup-type', { 'backup-type': 'FULL' }, 'backup-type'],
    ['CLUSTER with collections', { 'backup-type': 'CLUSTER', collections: 'a' }, 'backup-type'],
    ['COLLECTION without collections', { 'backup-type': 'COLLECTION' }, 'collections'],
    ['collection 1abc', { collections: '1abc' }, 'collections'],
    ['collection a-b', { collections: 'a-b' }, 'collections'],
    ['collection a.b.c', { collections: 'a.b.c' }, 'collections'],
    ['collection of 256 characters', { collections: 'a'.repeat(256) }, 'collections'],
    ['bad region', { 'cross-region-copies': 'us east' }, 'cross-region-copies'],
    ['wait not boolean', { wait: 'yes' }, 'wait'],
    ['unknown if-busy', { 'if-busy': 'queue' }, 'if-busy'],
    ['timeout zero', { timeout: '0' }, 'timeout'],
    ['timeout negative', { timeout: '-5m' }, 'timeout'],
    ['timeout not a duration', { timeout: 'soon' }, 'timeout'],
    ['timeout over 6 h', { timeout: '7h' }, 'timeout'],
    ['poll-interval zero', { 'poll-interval': '0s' }, 'poll-interval'],
    ['poll-interval negative', { 'poll-interval': '-1' }, 'poll-interval'],
    ['poll-interval not a duration', { 'poll-interval': 'often' }, 'poll-interval'],
    ['poll-interval over 6 h', { 'poll-interval': '6h1m', timeout: '6h' }, 'poll-interval'],
    ['poll-interval not shorter than timeout', { 'poll-interval': '30m' }, 'poll-interval'],
    ['reuse-if-newer-than not a duration', { 'reuse-if-newer-than': 'yesterday' }, 'reuse-if-newer-than'],
    ['base-url plain http', { 'base-url': 'http://api.cloud.zilliz.com' }, 'base-url'],
    ['base-url not a URL', { 'base-url': 'zilliz' }, 'base-url'],
  ])('%s fails naming %s', (_name, extra, input) => {
    const error = inputErrorOf(() => read(extra));
    expect(error.input).toBe(input);
    expect(error.message).toContain(`Input "${input}"`);
  });

  it('an empty timeout (as core.getInput gives a blank one) means the 30 m default; poll-interval must be below it', () => {
    expect(read({ timeout: '' }).timeoutMs).toBe(1_800_000);
    expect(read({ 'poll-interval': '29m' }).pollIntervalMs).toBe(1_740_000);
    expect(inputErrorOf(() => read({ 'poll-interval': '30m' })).message).toContain('30m');
  });

  it('accepts a timeout of exactly 6 h', () => {
    expect(read({ timeout: '6h' }).timeoutMs).toBe(21_600_000);
  });

  it('uses an api key passed in instead of reading it', () => {
    const request = readBackupRequest(inputs({ 'cluster-id': BASE['cluster-id'] }), 'given-key');
    expect(request.apiKey).toBe('given-key');
  });
});

describe('readApiKey', () => {
  it('trims the key', () => {
    expect(readApiKey(inputs({ 'api-key': '  k1 \n' }))).toBe('k1');
  });
  it('names the secret in the fix when missing', () => {
    const error = inputErrorOf(() => readApiKey(inputs({})));
    expect(error.input).toBe('api-key');
    expect(error.message).toContain('secrets.ZILLIZ_API_KEY');
  });
});
