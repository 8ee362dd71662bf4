import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { countOf, formatDuration } from '../../../src/format.ts';
import { inputErrorOf } from '../fakes.ts';
import {
  DEFAULT_BASE_URL,
  MAX_JOB_MS,
  checkMilvusName,
  groupByDatabase,
  parseBaseUrl,
  parseBoolean,
  parseChoice,
  parseClusterId,
  parseCollections,
  parseDuration,
  parseList,
  parseRegionIds,
  requireValue,
} from '../../../src/inputs/parse.ts';

describe('parseDuration', () => {
  it.each([
    ['1800', 1_800_000],
    ['90', 90_000],
    ['1.5', 1500],
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['2m30s', 150_000],
    ['500ms', 500],
    ['1d', 86_400_000],
    ['  45s  ', 45_000],
    ['0.5s', 500],
  ])('%s is %d ms', (raw, ms) => {
    expect(parseDuration('timeout', raw)).toBe(ms);
  });

  it('returns undefined for blank so the caller picks the default', () => {
    expect(parseDuration('timeout', '')).toBeUndefined();
    expect(parseDuration('timeout', '   ')).toBeUndefined();
  });

  it.each(['abc', '10x', '5 minutes', '1h30', 'm', '-5', '-5s', '1e3', '30m!', 'h1'])('refuses %j, naming the input', (raw) => {
    const error = inputErrorOf(() => parseDuration('poll-interval', raw));
    expect(error.input).toBe('poll-interval');
    expect(error.message).toContain('Input "poll-interval"');
    expect(error.message).toMatch(/not a duration|longer than zero/);
  });

  it.each(['0', '0s', '0m0s', '0.0'])('refuses zero (%j)', (raw) => {
    const error = inputErrorOf(() => parseDuration('timeout', raw));
    expect(error.input).toBe('timeout');
    expect(error.message).toContain('longer than zero');
  });

  it('refuses a duration that rounds to 0 ms (0.0004 s) as an input error, not a zero deadline later', () => {
    expect(inputErrorOf(() => parseDuration('timeout', '0.0004')).message).toContain('longer than zero');
  });

  it('caps at the given maximum (six hours for a job)', () => {
    expect(MAX_JOB_MS).toBe(6 * 3600 * 1000);
    expect(parseDuration('timeout', '6h', { max: MAX_JOB_MS })).toBe(MAX_JOB_MS);
    const error = inputErrorOf(() => parseDuration('timeout', '6h1s', { max: MAX_JOB_MS }));
    expect(error.input).toBe('timeout');
    expect(error.message).toContain('6h');
    expect(inputErrorOf(() => parseDuration('timeout', '21601', { max: MAX_JOB_MS })).input).toBe('timeout');
    expect(inputErrorOf(() => parseDuration('timeout', '1d', { max: MAX_JOB_MS })).input).toBe('timeout');
  });

  it('can be called repeatedly (the sticky RegExp is reset)', () => {
    expect(parseDuration('timeout', '1h30m')).toBe(5_400_000);
    expect(() => parseDuration('timeout', '10x')).toThrow(InputError);
    expect(parseDuration('timeout', '2m')).toBe(120_000);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [400, '0 s'],
    [45_000, '45 s'],
    [60_000, '1 min'],
    [95_000, '1 min 35 s'],
    [5_400_000, '1 h 30 min'],
    [3_661_000, '1 h 1 min 1 s'],
    [21_600_000, '6 h'],
    [2_592_000_000, '30 d'],
    [90_061_000, '1 d 1 h 1 min 1 s'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('countOf', () => {
  it('puts the word in the singular for one, in the plural otherwise', () => {
    expect(countOf(1, 'collection')).toBe('1 collection');
    expect(countOf(2, 'collection')).toBe('2 collections');
    expect(countOf(0, 'backup')).toBe('0 backups');
  });
});

describe('parseBoolean', () => {
  it.each(['true', 'True', 'TRUE', ' true '])('%j is true', (raw) => expect(parseBoolean('wait', raw, false)).toBe(true));
  it.each(['false', 'False', 'FALSE'])('%j is false', (raw) => expect(parseBoolean('wait', raw, true)).toBe(false));
  it('blank gives the fallback', () => {
    expect(parseBoolean('wait', '', true)).toBe(true);
    expect(parseBoolean('wait', '  ', false)).toBe(false);
  });
  it.each(['yes', 'no', '1', '0', 'tRUE', 'on'])('refuses %j, naming the input', (raw) => {
    const error = inputErrorOf(() => parseBoolean('wait', raw, true));
    expect(error.input).toBe('wait');
    expect(error.message).toContain('true or false');
  });
});

describe('parseList', () => {
  it('splits on newlines and commas, trims, drops blanks and repeats (first wins)', () => {
    expect(parseList('a, b\n c,,\n\n a \nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseList('')).toEqual([]);
    expect(parseList(' \n , ')).toEqual([]);
  });
});

describe('parseChoice', () => {
  const choices = ['CLUSTER', 'COLLECTION'] as const;
  it('matches case-insensitively and returns the canonical spelling', () => {
    expect(parseChoice('backup-type', 'collection', choices, 'CLUSTER')).toBe('COLLECTION');
    expect(parseChoice('backup-type', ' Cluster ', choices, 'COLLECTION')).toBe('CLUSTER');
  });
  it('blank gives the fallback', () => {
    expect(parseChoice('backup-type', '', choices, 'COLLECTION')).toBe('COLLECTION');
  });
  it('refuses an unknown value, naming the input and the choices', () => {
    const error = inputErrorOf(() => parseChoice('backup-type', 'FULL', choices, 'CLUSTER'));
    expect(error.input).toBe('backup-type');
    expect(error.message).toContain('CLUSTER, COLLECTION');
  });
});

describe('requireValue', () => {
  it('returns the trimmed value', () => expect(requireValue('api-key', '  k  ', 'fix')).toBe('k'));
  it.each(['', '   ', '\n'])('refuses blank %j with the fix', (raw) => {
    const error = inputErrorOf(() => requireValue('api-key', raw, 'pass the key.'));
    expect(error.input).toBe('api-key');
    expect(error.message).toContain('is required: pass the key.');
  });
});

describe('parseClusterId', () => {
  it.each(['in01-0123456789abcde', 'in03-abc', ' in05-6183d6bac30f801 '])('accepts %j', (raw) => {
    expect(parseClusterId('cluster-id', raw)).toBe(raw.trim());
  });
  it.each(['', 'in01 0123', 'in01-01/23', 'cluster', 'in1-abc', 'in01-', 'IN01-ABC', 'in01-abc/../x'])('refuses %j', (raw) => {
    expect(inputErrorOf(() => parseClusterId('cluster-id', raw)).input).toBe('cluster-id');
  });
});

describe('checkMilvusName and parseCollections', () => {
  it('accepts Milvus names up to 255 characters', () => {
    expect(checkMilvusName('collections', 'collection name', '_a1')).toBe('_a1');
    expect(checkMilvusName('collections', 'collection name', `a${'b'.repeat(254)}`)).toHaveLength(255);
  });

  it.each(['1abc', 'a-b', 'a b', 'é', `a${'b'.repeat(255)}`])('refuses the collection %j', (name) => {
    const error = inputErrorOf(() => parseCollections('collections', name));
    expect(error.input).toBe('collections');
  });

  it('refuses a.b.c (more than one dot)', () => {
    const error = inputErrorOf(() => parseCollections('collections', 'a.b.c'));
    expect(error.input).toBe('collections');
    expect(error.message).toContain('more than one dot');
  });

  it('refuses an invalid database name', () => {
    const error = inputErrorOf(() => parseCollections('collections', 'my-db.items'));
    expect(error.message).toContain('database name');
    expect(inputErrorOf(() => parseCollections('collections', '.items')).input).toBe('collections');
    expect(inputErrorOf(() => parseCollections('collections', 'db.')).input).toBe('collections');
  });

  it('puts a bare name in the default database', () => {
    expect(parseCollections('collections', 'medium_articles')).toEqual([{ database: 'default', collection: 'medium_articles' }]);
  });

  it('drops repeats, also x vs default.x, keeping the first order', () => {
    expect(parseCollections('collections', 'b\nanalytics.events, b, default.b\na\nanalytics.events')).toEqual([
      { database: 'default', collection: 'b' },
      { database: 'analytics', collection: 'events' },
      { database: 'default', collection: 'a' },
    ]);
  });

  it('is empty for a blank input', () => {
    expect(parseCollections('collections', ' \n ')).toEqual([]);
  });
});

describe('groupByDatabase', () => {
  it('groups collections by database, databases in order of first mention', () => {
    const groups = groupByDatabase(parseCollections('collections', 'analytics.events\nmedium_articles\nanalytics.sessions\nother.x\nproducts'));
    expect([...groups]).toEqual([
      ['analytics', ['events', 'sessions']],
      ['default', ['medium_articles', 'products']],
      ['other', ['x']],
    ]);
  });
});

describe('parseRegionIds', () => {
  it('accepts region ids, newline or comma separated, without repeats', () => {
    expect(parseRegionIds('cross-region-copies', 'aws-us-east-1, gcp-us-west1\naz-eastus\nali-cn-hangzhou, aws-us-east-1')).toEqual([
      'aws-us-east-1',
      'gcp-us-west1',
      'az-eastus',
      'ali-cn-hangzhou',
    ]);
    expect(parseRegionIds('cross-region-copies', '')).toEqual([]);
  });
  it.each(['us-east-1 x', 'AWS-US-EAST-1', 'aws_us_east_1', 'aws', 'aws-us-east-', '1aws-x'])('refuses %j', (raw) => {
    const error = inputErrorOf(() => parseRegionIds('cross-region-copies', raw));
    expect(error.input).toBe('cross-region-copies');
    expect(error.message).toContain('region ID');
  });
});

describe('parseBaseUrl', () => {
  it('defaults to the global endpoint', () => {
    expect(DEFAULT_BASE_URL).toBe('https://api.cloud.zilliz.com');
    expect(parseBaseUrl('base-url', '').href).toBe('https://api.cloud.zilliz.com/');
    expect(parseBaseUrl('base-url', '  ').origin).toBe('https://api.cloud.zilliz.com');
  });

  it('accepts https and removes trailing slashes', () => {
    expect(parseBaseUrl('base-url', 'https://api.cloud.zilliz.com.cn/').href).toBe('https://api.cloud.zilliz.com.cn/');
    expect(parseBaseUrl('base-url', 'https://proxy.example.com/zilliz///').pathname).toBe('/zilliz');
    expect(parseBaseUrl('base-url', 'https://proxy.example.com/zilliz').pathname).toBe('/zilliz');
  });

  it.each(['http://127.0.0.1:8000', 'http://localhost:8000/', 'http://[::1]:9000', 'http://127.1.2.3'])('allows plain http on loopback %s', (raw) => {
    expect(parseBaseUrl('base-url', raw).protocol).toBe('http:');
  });

  it.each(['http://api.cloud.zilliz.com', 'http://10.0.0.1:8000', 'http://localhost.example.com', 'ftp://127.0.0.1', 'http://128.0.0.1'])(
    'refuses %s (not https and not loopback)',
    (raw) => {
      const error = inputErrorOf(() => parseBaseUrl('base-url', raw));
      expect(error.input).toBe('base-url');
      expect(error.message).toContain('https://');
    },
  );

  it.each(['not a url', 'api.cloud.zilliz.com', '://x'])('refuses %j as not a URL', (raw) => {
    const error = inputErrorOf(() => parseBaseUrl('base-url', raw));
    expect(error.input).toBe('base-url');
    expect(error.message).toContain('not a URL');
  });

  it.each(['https://api.cloud.zilliz.com/?a=1', 'https://api.cloud.zilliz.com/#x', 'https://u:p@api.cloud.zilliz.com'])(
    'refuses %s (query, fragment, credentials)',
    (raw) => {
      expect(inputErrorOf(() => parseBaseUrl('base-url', raw)).input).toBe('base-url');
    },
  );
});
