import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { INPUT_LIMITS, checkedReader, readApiKey, type InputReader } from '../../../src/inputs/common.ts';
import { MAX_JOB_MS, parseBaseUrl, parseClusterId, parseDuration } from '../../../src/inputs/parse.ts';
import { readRestoreRequest } from '../../../src/inputs/restore.ts';
import { readWaitRequest } from '../../../src/inputs/wait.ts';
import { inputErrorOf } from '../fakes.ts';

const KEY = 'key-0123456789abcdef';
const reader =
  (inputs: Record<string, string>): InputReader =>
  (name) =>
    inputs[name] ?? '';

describe('every input: a length limit and no control characters', () => {
  it.each([
    ['api-key', 'k'.repeat(100_000)],
    ['cluster-id', `in01-${'a'.repeat(100_000)}`],
    ['backup-id', 'b'.repeat(100_000)],
    ['collections', 'c,'.repeat(20_000)],
  ])('refuses a 100 KB %s, naming it, without printing it', (name, value) => {
    const error = inputErrorOf(() => checkedReader(reader({ [name]: value }))(name));
    expect(error.input).toBe(name);
    expect(error.message).toContain(String(value.length));
    expect(error.message.length).toBeLessThan(300);
  });

  it('gives api-key and base-url their own limits', () => {
    expect(INPUT_LIMITS['api-key']).toBeLessThan(10_000);
    expect(() => readApiKey(reader({ 'api-key': 'k'.repeat(2000) }))).toThrow(InputError);
    expect(readApiKey(reader({ 'api-key': KEY }))).toBe(KEY);
  });

  test.prop([
    fc.string({ maxLength: 20 }),
    fc.integer({ min: 0, max: 0x9f }).filter((c) => (c < 0x20 && ![9, 10, 13].includes(c)) || c >= 0x7f),
    fc.string({ maxLength: 20 }),
  ])('refuses a control character anywhere, saying which and where', (before, code, after) => {
    const value = `${before}${String.fromCharCode(code)}${after}`;
    const error = inputErrorOf(() => checkedReader(reader({ timeout: value }))('timeout'));
    expect(error.input).toBe('timeout');
    expect(error.message).toMatch(/U\+[0-9A-F]{4} at position \d+/);
  });

  it('lets tabs and line breaks through (list inputs span lines)', () => {
    expect(checkedReader(reader({ collections: 'a\n\tb\r\nc' }))('collections')).toBe('a\n\tb\r\nc');
  });

  it('refuses a base-url holding a line break, which the URL parser would silently drop', () => {
    for (const raw of ['https://api.cloud\n.zilliz.com', 'https://api.cloud.zilliz.com/v\t2', 'https://api.cloud.zilliz.com\r\n/x']) {
      expect(inputErrorOf(() => parseBaseUrl('base-url', raw)).input).toBe('base-url');
    }
  });

  it('refuses a cluster-id longer than an id may be', () => {
    expect(inputErrorOf(() => parseClusterId('cluster-id', `in01-${'a'.repeat(200)}`)).input).toBe('cluster-id');
  });
});

describe('ids from inputs are plain path segments', () => {
  const waitInputs = { 'api-key': KEY, 'cluster-id': 'in01-abc' };

  it.each(['.', '..', '%2e%2e', 'a/b', 'backup1?x', 'b'.repeat(129)])('wait refuses backup-id %j', (id) => {
    expect(inputErrorOf(() => readWaitRequest(reader({ ...waitInputs, 'backup-id': id }))).input).toBe('backup-id');
  });

  it.each(['..', 'job-1%2f', 'job#1'])('wait refuses job-id %j', (id) => {
    expect(inputErrorOf(() => readWaitRequest(reader({ ...waitInputs, 'backup-id': 'backup1_a', 'job-id': id }))).input).toBe('job-id');
  });

  it('wait still takes the no-job placeholder and plain ids', () => {
    const request = readWaitRequest(reader({ ...waitInputs, 'backup-id': 'backup1_a backup2_b', 'job-id': '- job-2' }));
    expect(request.backups).toEqual([
      { backupId: 'backup1_a', jobId: '' },
      { backupId: 'backup2_b', jobId: 'job-2' },
    ]);
  });

  it.each(['..', '.', '%2e%2e', 'x'.repeat(129)])('restore refuses backup-id %j', (id) => {
    expect(inputErrorOf(() => readRestoreRequest(reader({ ...waitInputs, 'backup-id': id }), () => false)).input).toBe('backup-id');
  });
});

describe('parseDuration (property)', () => {
  const unit = fc.constantFrom(['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]);

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), unit), { minLength: 1, maxLength: 4 }), fc.boolean()])(
    'reads a sequence of number-unit parts as their sum',
    (parts, spaced) => {
      const raw = parts.map(([n, [u]]) => `${n}${u}`).join(spaced ? ' ' : '');
      const ms = parts.reduce((sum, [n, [, factor]]) => sum + n * factor, 0);
      if (ms <= 0) expect(() => parseDuration('timeout', raw)).toThrow(InputError);
      else expect(parseDuration('timeout', raw)).toBe(ms);
    },
  );

  test.prop([fc.string({ unit: 'binary', maxLength: 40 })])(
    'any text: a positive whole number of ms within the max, blank, or an InputError naming the input',
    (raw) => {
      let result: number | undefined;
      try {
        result = parseDuration('timeout', raw, { max: MAX_JOB_MS });
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).input).toBe('timeout');
        return;
      }
      if (result === undefined) expect(raw.trim()).toBe('');
      else {
        expect(Number.isSafeInteger(result)).toBe(true);
        expect(result).toBeGreaterThan(0);
        expect(result).toBeLessThanOrEqual(MAX_JOB_MS);
      }
    },
  );
});
