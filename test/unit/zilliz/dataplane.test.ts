// The data-plane client (src/zilliz/dataplane.ts) against the emulator's data plane on
// 127.0.0.1: the same ApiClient machinery, the data plane's own codes and hints, lenient parsing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, TransportError } from '../../../src/errors.ts';
import { USER_AGENT } from '../../../src/version.ts';
import { DATA_PLANE_CODES, LOADED, MilvusDataPlane, dataPlaneClient, dataPlaneUrl } from '../../../src/zilliz/dataplane.ts';
import type { ApiClient } from '../../../src/zilliz/client.ts';
import { DEDICATED_CLUSTER, SEED_ALIAS, seedRowCount, startEmulator, type Emulator } from '../../emulator/index.ts';
import { clearProxyEnv, fakeRuntime, type FakeRuntime } from '../fakes.ts';

let emu: Emulator;
let rt: FakeRuntime;
let client: ApiClient;
let dp: MilvusDataPlane;

function clientFor(key: string): ApiClient {
  const where = dataPlaneUrl(emu.state.clusters.get(DEDICATED_CLUSTER)?.connectAddress ?? '');
  if (!('url' in where)) throw new Error(where.problem);
  return dataPlaneClient(where.url, { apiKey: key, userAgent: USER_AGENT, backoffBaseMs: 1 }, rt);
}

beforeEach(async () => {
  clearProxyEnv();
  rt = fakeRuntime();
  emu = await startEmulator({ clock: rt.now });
  client = clientFor(emu.apiKey);
  dp = new MilvusDataPlane(client);
});

afterEach(async () => {
  await client.close();
  await emu.close();
});

describe('dataPlaneUrl: the base-url rule for connectAddress', () => {
  it.each([
    ['https://in01-x.aws-us-west-2.vectordb.zillizcloud.com:443', 'https://in01-x.aws-us-west-2.vectordb.zillizcloud.com'],
    ['http://127.0.0.1:19530', 'http://127.0.0.1:19530'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
  ])('accepts %s', (address, origin) => {
    const where = dataPlaneUrl(address);
    expect('url' in where && where.url.origin).toBe(origin);
  });

  it.each(['', 'http://in01-x.vectordb.zillizcloud.com:19530', 'not a url', 'https://user:pw@host.example', 'ftp://127.0.0.1'])('refuses %j', (address) => {
    expect('problem' in dataPlaneUrl(address)).toBe(true);
  });
});

describe('MilvusDataPlane', () => {
  it('reads collections, load state, row counts (a number or a string) and databases', async () => {
    expect(await dp.listDatabases()).toEqual(['default', 'analytics']);
    expect(await dp.listCollections('default')).toEqual(['medium_articles', 'products']);
    expect(await dp.hasCollection('default', 'products')).toBe(true);
    expect(await dp.getLoadState('default', 'products')).toEqual({ loadState: LOADED, loadProgress: 100 });
    expect(await dp.getRowCount('default', 'products')).toBe(seedRowCount('default', 'products'));
    emu.state.config.rowCountAsString = true;
    expect(await dp.getRowCount('default', 'products')).toBe(seedRowCount('default', 'products'));
    expect(await dp.describeCollection('default', SEED_ALIAS)).toEqual({ collectionName: 'medium_articles', aliases: [SEED_ALIAS], load: LOADED });
  });

  it('loads, describes and moves aliases; every body names its database', async () => {
    await dp.loadCollection('analytics', 'sessions');
    expect((await dp.getLoadState('analytics', 'sessions')).loadState).toBe(LOADED);
    expect(await dp.describeAlias('default', SEED_ALIAS)).toEqual({ aliasName: SEED_ALIAS, collectionName: 'medium_articles', dbName: 'default' });
    await dp.alterAlias('default', SEED_ALIAS, 'products');
    expect(await dp.listAliases('default', 'products')).toEqual([SEED_ALIAS]);
    await dp.createAlias('default', 'shop', 'medium_articles');
    expect(await dp.listAliases('default')).toEqual([SEED_ALIAS, 'shop']);
    const bodies = emu.requests.filter((r) => r.clusterId === DEDICATED_CLUSTER && r.path !== '/v2/vectordb/databases/list').map((r) => r.body);
    expect(bodies.every((b) => typeof b === 'object' && b !== null && 'dbName' in b)).toBe(true);
  });

  it('turns error codes into ApiError with the data-plane hint (1600, 1601, 100, 800)', async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => (e instanceof ApiError ? e.code : e),
      );
    expect(await codeOf(dp.describeAlias('default', 'nope'))).toBe(DATA_PLANE_CODES.aliasNotFound);
    expect(await codeOf(dp.createAlias('default', 'products', 'medium_articles'))).toBe(DATA_PLANE_CODES.aliasIsCollection);
    expect(await codeOf(dp.getLoadState('default', 'nope'))).toBe(DATA_PLANE_CODES.collectionNotFound);
    expect(await codeOf(dp.listCollections('nope'))).toBe(DATA_PLANE_CODES.databaseNotFound);
    const error = await dp.describeAlias('default', 'nope').catch((e: unknown) => e);
    expect(error instanceof ApiError && error.hint).toMatch(/alias/);
  });

  it('accepts code 200 as success', async () => {
    emu.faults.add({ method: 'POST', path: '/v2/vectordb/collections/has', times: 1, fault: { kind: 'raw', body: '{"code":200,"data":{"has":true}}' } });
    expect(await dp.hasCollection('default', 'anything')).toBe(true);
  });

  it('a wrong key: HTTP 401 code 1800 with the role hint, and the key is in no message', async () => {
    const wrong = clientFor('wrong-key-12345');
    const error = await new MilvusDataPlane(wrong).listDatabases().catch((e: unknown) => e);
    await wrong.close();
    expect(error instanceof ApiError && [error.code, error.httpStatus]).toEqual([DATA_PLANE_CODES.unauthenticated, 401]);
    expect(error instanceof ApiError && error.hint).toMatch(/Project Admin/);
    expect(String(error)).not.toContain('wrong-key-12345');
  });

  it('never resends an alter whose answer was lost (it is settled by describing the alias), but retries a lost read', async () => {
    emu.faults.add({ method: 'POST', path: '/v2/vectordb/aliases/alter', times: 1, fault: { kind: 'drop-after-handling' } });
    await expect(dp.alterAlias('default', SEED_ALIAS, 'products')).rejects.toBeInstanceOf(TransportError);
    expect(emu.requests.filter((r) => r.path === '/v2/vectordb/aliases/alter')).toHaveLength(1);
    emu.faults.add({ method: 'POST', path: '/v2/vectordb/aliases/describe', times: 1, fault: { kind: 'drop' } });
    expect((await dp.describeAlias('default', SEED_ALIAS)).collectionName).toBe('products');
    expect(emu.requests.filter((r) => r.path === '/v2/vectordb/aliases/describe')).toHaveLength(2);
  });

  it('refuses an answer that is not the documented shape instead of guessing', async () => {
    emu.faults.add({
      method: 'POST',
      path: '/v2/vectordb/collections/get_stats',
      times: 1,
      fault: { kind: 'raw', body: '{"code":0,"data":{"rowCount":"many"}}' },
    });
    await expect(dp.getRowCount('default', 'products')).rejects.toThrow(/rowCount/);
    emu.faults.add({ method: 'POST', path: '/v2/vectordb/collections/list', times: 1, fault: { kind: 'raw', body: '{"code":0,"data":[1,2]}' } });
    await expect(dp.listCollections('default')).rejects.toThrow(/list of names/);
  });
});
