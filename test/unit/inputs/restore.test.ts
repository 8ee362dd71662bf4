// The restore sub-action's inputs for a rollback: switch-alias, the timestamped suffix,
// backup-id latest with created-before; every refusal before any request.
import { describe, expect, it } from 'vitest';
import { parseCreatedBefore, readRestoreRequest, timestampedSuffix } from '../../../src/inputs/restore.ts';
import { inputErrorOf, inputs } from '../fakes.ts';

const NOW = Date.parse('2026-12-02T18:41:00.250Z');
const BASE = { 'api-key': 'test-key', 'cluster-id': 'in01-0123456789abcde', 'backup-id': 'backup3_abc' };
/** Inputs as the runner gives them: name-suffix is "set" only when given. */
const read = (extra: Record<string, string> = {}) => {
  const values = { ...BASE, ...extra };
  return readRestoreRequest(inputs(values), (name) => name in values, 'test-key', NOW);
};

describe('switch-alias', () => {
  it('ALIAS alone names the one collection restored; ALIAS=COLLECTION names one of them (name or database.name)', () => {
    expect(read({ collections: 'orders', 'switch-alias': 'orders_live' }).switchAliases).toEqual([
      { alias: 'orders_live', collection: { database: 'default', collection: 'orders' } },
    ]);
    expect(read({ collections: 'orders, shop.items', 'switch-alias': 'orders_live=orders\nitems_live = shop.items' }).switchAliases).toEqual([
      { alias: 'orders_live', collection: { database: 'default', collection: 'orders' } },
      { alias: 'items_live', collection: { database: 'shop', collection: 'items' } },
    ]);
  });

  it('ALIAS alone with every collection of the backup is left for the plan (undefined collection)', () => {
    expect(read({ 'switch-alias': 'orders_live' }).switchAliases).toEqual([{ alias: 'orders_live', collection: undefined }]);
  });

  it.each([
    [{ collections: 'a, b', 'switch-alias': 'live' }, /names no collection, but this run restores 2/],
    [{ collections: 'a', 'switch-alias': 'live=b' }, /default\.b is not one of the collections this run restores/],
    [{ collections: 'a', 'switch-alias': 'live=a=b' }, /is not ALIAS=COLLECTION/],
    [{ collections: 'a', 'switch-alias': 'live=' }, /is not ALIAS=COLLECTION/],
    [{ collections: 'a', 'switch-alias': '9live' }, /alias name/],
    [{ collections: 'a', 'switch-alias': 'live, live=a' }, /twice/],
  ])('refuses %j', (extra, message) => {
    const error = inputErrorOf(() => read(extra));
    expect(error.input).toBe('switch-alias');
    expect(error.message).toMatch(message);
  });

  it.each(['load', 'wait'])('%s: false with switch-alias is an input error naming %s', (input) => {
    const error = inputErrorOf(() => read({ collections: 'a', 'switch-alias': 'live', [input]: 'false' }));
    expect(error.input).toBe(input);
    expect(error.message).toContain('switch-alias');
  });
});

describe('name-suffix', () => {
  it('not given: _restored without switch-alias, _restored_<time to the second> with it', () => {
    expect(read().nameSuffix).toBe('_restored');
    expect(read({ collections: 'a', 'switch-alias': 'live' }).nameSuffix).toBe('_restored_20261202T184100');
    expect(timestampedSuffix(NOW)).toMatch(/^_restored_\d{8}T\d{6}$/);
  });

  it('the default as the runner passes it (name-suffix: _restored) is the same as not given: with switch-alias it carries the time', () => {
    expect(read({ 'name-suffix': '_restored' }).nameSuffix).toBe('_restored');
    expect(read({ collections: 'a', 'switch-alias': 'live', 'name-suffix': '_restored' }).nameSuffix).toBe('_restored_20261202T184100');
  });

  it('given, it wins, with or without switch-alias', () => {
    expect(read({ collections: 'a', 'switch-alias': 'live', 'name-suffix': '_v2' }).nameSuffix).toBe('_v2');
  });
});

describe('backup-id latest and created-before', () => {
  it('latest (any case) with a duration or an ISO-8601 time', () => {
    expect(read({ 'backup-id': 'latest' }).latest).toEqual({ createdBefore: undefined });
    expect(read({ 'backup-id': 'LATEST', 'created-before': '2h' }).latest).toEqual({ createdBefore: NOW - 7_200_000 });
    expect(read({ 'backup-id': 'latest', 'created-before': '2026-12-01T00:00:00Z' }).latest).toEqual({ createdBefore: Date.parse('2026-12-01T00:00:00Z') });
    expect(read({ 'backup-id': 'latest' }).backupId).toBe('latest');
    expect(read().latest).toBeUndefined();
  });

  it('created-before without latest, or not a time nor a duration, is an input error', () => {
    expect(inputErrorOf(() => read({ 'created-before': '2h' })).input).toBe('created-before');
    expect(inputErrorOf(() => read({ 'backup-id': 'latest', 'created-before': 'yesterday' })).input).toBe('created-before');
    expect(() => parseCreatedBefore('created-before', '2026-13-45T00:00:00Z', NOW)).toThrow(/not a valid time/);
  });
});
