import { describe, expect, it } from 'vitest';
import { CLONE_PREFIX, LATEST, MAX_CLUSTER_NAME, defaultCloneName, readCloneRequest } from '../../../src/inputs/clone.ts';
import { inputErrorOf, inputs } from '../fakes.ts';

const CLUSTER = 'in01-0123456789abcde';
const BASE = { 'api-key': 'test-key', 'cluster-id': CLUSTER };
const read = (extra: Record<string, string> = {}) => readCloneRequest(inputs({ ...BASE, ...extra }));
const refusal = (extra: Record<string, string>) => inputErrorOf(() => read(extra));

describe('readCloneRequest', () => {
  it('defaults: latest backup, the source name and size, load kept, clone dropped, 24h, no drops, at most 3, 1h', () => {
    const request = read();
    expect(request).toMatchObject({
      clusterId: CLUSTER,
      backupId: LATEST,
      cloneName: undefined,
      cuSize: undefined,
      load: true,
      keep: false,
      staleAfterMs: 24 * 3_600_000,
      dropStale: false,
      maxDrops: 3,
      timeoutMs: 3_600_000,
    });
  });

  it('reads every input', () => {
    const request = read({
      'backup-id': 'backup3_0a1b',
      'cluster-name': 'pr-42_migration',
      'cu-size': '8',
      load: 'false',
      keep: 'true',
      'stale-after': '2d',
      'drop-stale': 'true',
      'max-drops': '5',
      timeout: '2h',
    });
    expect(request).toMatchObject({
      backupId: 'backup3_0a1b',
      cloneName: 'pr-42_migration',
      cuSize: 8,
      load: false,
      keep: true,
      staleAfterMs: 2 * 86_400_000,
      dropStale: true,
      maxDrops: 5,
      timeoutMs: 7_200_000,
    });
  });

  it('reads latest in any case', () => {
    expect(read({ 'backup-id': 'LATEST' }).backupId).toBe(LATEST);
  });

  it.each(['0', '1025', '1.5', 'two', '-1', '1e3'])('refuses cu-size %j, naming the input and the range', (raw) => {
    const error = refusal({ 'cu-size': raw });
    expect(error.input).toBe('cu-size');
    expect(error.message).toContain('1 to 1024');
  });

  it('accepts cu-size 1 and 1024', () => {
    expect(read({ 'cu-size': '1' }).cuSize).toBe(1);
    expect(read({ 'cu-size': '1024' }).cuSize).toBe(1024);
  });

  it.each(['has space', 'dot.ted', 'slash/x', 'ünïcode', 'semi;colon', 'new\nline'])('refuses cluster-name %j', (raw) => {
    const error = refusal({ 'cluster-name': raw });
    expect(error.input).toBe('cluster-name');
    expect(error.message).toContain('letters, digits, - and _');
  });

  it('takes a name that fits 64 characters with the prefix, and refuses one more', () => {
    const room = MAX_CLUSTER_NAME - CLONE_PREFIX.length;
    expect(read({ 'cluster-name': 'a'.repeat(room) }).cloneName).toHaveLength(room);
    const error = refusal({ 'cluster-name': 'a'.repeat(room + 1) });
    expect(error.input).toBe('cluster-name');
    expect(error.message).toContain(`at most ${room}`);
  });

  it.each(['keep', 'load', 'drop-stale'])('refuses %s that is not a boolean', (name) => {
    const error = refusal({ [name]: 'yes' });
    expect(error.input).toBe(name);
    expect(error.message).toContain('use true or false');
  });

  it.each(['..', 'a/b', 'x y', 'b%2e'])('refuses backup-id %j (not one plain id)', (raw) => {
    expect(refusal({ 'backup-id': raw }).input).toBe('backup-id');
  });

  it('refuses max-drops 0 and a stale-after that is not a duration', () => {
    expect(refusal({ 'max-drops': '0' }).input).toBe('max-drops');
    expect(refusal({ 'stale-after': 'soon' }).input).toBe('stale-after');
  });
});

describe('defaultCloneName', () => {
  it('is the source name and the run', () => {
    expect(defaultCloneName('Dedicated-01', '1234567')).toBe('Dedicated-01-1234567');
  });

  it('replaces characters a name may not hold and keeps the whole name within 64 with the prefix', () => {
    const name = defaultCloneName(`my cluster (prod) ${'x'.repeat(100)}`, '9876543210');
    expect(name).toMatch(/^my-cluster-prod-x+-9876543210$/);
    expect(CLONE_PREFIX.length + name.length).toBe(MAX_CLUSTER_NAME);
  });

  it('is the run alone when the source name has nothing usable', () => {
    expect(defaultCloneName('*** ', '42')).toBe('42');
  });
});
