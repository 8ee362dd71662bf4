// Contract tests of the emulator's clusters and data planes (describe cluster, Milvus REST v2 on
// each cluster's own port), over real HTTP on 127.0.0.1. Time is an injected clock moved by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEDICATED_CLUSTER,
  DEFAULT_READONLY_API_KEY,
  DP_ALIAS_IS_COLLECTION,
  DP_ALIAS_NOT_FOUND,
  DP_ALIAS_ON_ANOTHER,
  DP_COLLECTION_NOT_FOUND,
  DP_DATABASE_NOT_FOUND,
  DP_MISSING_PARAMETER,
  DP_OTHER,
  DP_UNAUTHENTICATED,
  FREE_CLUSTER,
  SECOND_CLUSTER,
  SEED_ALIAS,
  SEED_MANUAL_BACKUP,
  SERVERLESS_CLUSTER,
  makeCluster,
  seedRowCount,
} from './emulator/index.ts';
import { send, useClockedEmulator, type Answer } from './support/contract-emulator.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const fx = useClockedEmulator(T0);

/** A request to any of the emulator's servers, with the emulator's key unless told. */
const request = (url: string, method: string, body: unknown, key: string | null = fx.emu.apiKey): Promise<Answer> => send(url, method, body, key);

const addressOf = (clusterId: string): string => fx.emu.state.clusters.get(clusterId)?.connectAddress ?? '';
const dp = (route: string, body: unknown, options: { cluster?: string; key?: string | null } = {}): Promise<Answer> =>
  request(`${addressOf(options.cluster ?? DEDICATED_CLUSTER)}/v2/vectordb/${route}`, 'POST', body, options.key);
const describeCluster = (clusterId: string): Promise<Answer> => request(`${fx.emu.url}/v2/clusters/${clusterId}`, 'GET', undefined);

describe('describe cluster', () => {
  it('answers in the recorded shape: the same keys as samples/cluster-describe-dedicated, status RUNNING, a loopback connectAddress', async () => {
    const sample = JSON.parse(readFileSync(new URL('./emulator/samples/cluster-describe-dedicated-tfprovider-recorded.json', import.meta.url), 'utf8')) as {
      data: Record<string, unknown>;
    };
    const answer = await describeCluster(DEDICATED_CLUSTER);
    expect(answer.code).toBe(0);
    const data = answer.data as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(Object.keys(sample.data).sort());
    expect(data).toMatchObject({ clusterId: DEDICATED_CLUSTER, status: 'RUNNING', cuSize: 1, privateLinkAddress: '' });
    expect(data['connectAddress']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('gives every cluster its own data-plane port', async () => {
    const addresses = await Promise.all(
      [DEDICATED_CLUSTER, SECOND_CLUSTER, FREE_CLUSTER, SERVERLESS_CLUSTER].map(async (id) => (await describeCluster(id)).data),
    );
    const ports = addresses.map((d) => (d as { connectAddress: string }).connectAddress);
    expect(new Set(ports).size).toBe(4);
    expect(ports).not.toContain(fx.emu.url);
  });

  it('answers 96018 for an unknown cluster and 96036 for a malformed id', async () => {
    expect((await describeCluster('in01-ffffffffffffff0')).code).toBe(96018);
    expect((await describeCluster('nope')).code).toBe(96036);
  });

  it('shows the status and address the admin route sets, and reset brings the seed back with the same address', async () => {
    const address = addressOf(DEDICATED_CLUSTER);
    const res = await fetch(`${fx.emu.url}/__emulator/clusters`, { method: 'POST', body: JSON.stringify({ clusterId: DEDICATED_CLUSTER, status: 'STOPPED' }) });
    expect(res.status).toBe(200);
    expect((await describeCluster(DEDICATED_CLUSTER)).data).toMatchObject({ status: 'STOPPED', connectAddress: address });
    fx.emu.reset();
    expect((await describeCluster(DEDICATED_CLUSTER)).data).toMatchObject({ status: 'RUNNING', connectAddress: address });
  });

  it('opens a data plane for a cluster added at run time', async () => {
    const id = 'in01-0000000000000aa';
    fx.emu.state.clusters.set(
      id,
      makeCluster({ clusterId: id, clusterName: 'New', regionId: 'aws-us-west-2', plan: 'Dedicated', createdAt: fx.now }, { default: { c: 'LOADED' } }),
    );
    const address = await fx.emu.openDataPlane(id);
    expect((await describeCluster(id)).data).toMatchObject({ connectAddress: address });
    expect((await dp('collections/list', { dbName: 'default' }, { cluster: id })).data).toEqual(['c']);
  });
});

describe('data plane: envelope and key', () => {
  it('answers a wrong or missing key with HTTP 401 code 1800', async () => {
    for (const key of ['wrong', null]) {
      const answer = await dp('collections/list', { dbName: 'default' }, { key });
      expect([answer.status, answer.code]).toEqual([401, DP_UNAUTHENTICATED]);
    }
  });

  it('answers errors with HTTP 200 and a code: 800 missing database, 100 missing collection, 1802 missing parameter', async () => {
    expect(await dp('collections/list', { dbName: 'nope' })).toMatchObject({ status: 200, code: DP_DATABASE_NOT_FOUND });
    expect(await dp('collections/describe', { dbName: 'default', collectionName: 'nope' })).toMatchObject({ status: 200, code: DP_COLLECTION_NOT_FOUND });
    expect(await dp('collections/describe', { dbName: 'default' })).toMatchObject({ status: 200, code: DP_MISSING_PARAMETER });
  });

  it('records data-plane requests with their cluster, key redacted', async () => {
    await dp('databases/list', {});
    const last = fx.emu.requests.at(-1);
    expect(last).toMatchObject({ method: 'POST', path: '/v2/vectordb/databases/list', clusterId: DEDICATED_CLUSTER, authorization: 'valid' });
    expect(JSON.stringify(last)).not.toContain(fx.emu.apiKey);
  });

  it('lets the read-only key read but not load or switch (65535)', async () => {
    expect((await dp('collections/list', { dbName: 'default' }, { key: DEFAULT_READONLY_API_KEY })).code).toBe(0);
    expect((await dp('aliases/alter', { dbName: 'default', aliasName: SEED_ALIAS, collectionName: 'products' }, { key: DEFAULT_READONLY_API_KEY })).code).toBe(
      DP_OTHER,
    );
  });
});

describe('data plane: collections', () => {
  it('lists databases and collections as bare arrays (aliases are not collections)', async () => {
    expect((await dp('databases/list', {})).data).toEqual(['default', 'analytics']);
    expect((await dp('collections/list', { dbName: 'default' })).data).toEqual(['medium_articles', 'products']);
  });

  it('resolves an alias first: has, describe, get_stats and get_load_state accept the alias and answer for its collection', async () => {
    expect((await dp('collections/has', { dbName: 'default', collectionName: SEED_ALIAS })).data).toEqual({ has: true });
    expect((await dp('collections/has', { dbName: 'default', collectionName: 'nope' })).data).toEqual({ has: false });
    expect((await dp('collections/describe', { dbName: 'default', collectionName: SEED_ALIAS })).data).toMatchObject({
      collectionName: 'medium_articles',
      aliases: [SEED_ALIAS],
      load: 'LoadStateLoaded',
    });
    expect((await dp('collections/get_stats', { dbName: 'default', collectionName: SEED_ALIAS })).data).toEqual({
      rowCount: seedRowCount('default', 'medium_articles'),
    });
  });

  it('gives the row count as a string when configured so', async () => {
    fx.emu.state.config.rowCountAsString = true;
    expect((await dp('collections/get_stats', { dbName: 'default', collectionName: 'products' })).data).toEqual({
      rowCount: String(seedRowCount('default', 'products')),
    });
  });

  it('loads asynchronously: NotLoad, then Loading for loadDurationMs, then Loaded; Infinity never completes', async () => {
    const state = (name: string) => dp('collections/get_load_state', { dbName: 'analytics', collectionName: name }).then((a) => a.data);
    fx.emu.state.config.loadDurationMs = 2000;
    expect(await state('sessions')).toEqual({ loadState: 'LoadStateNotLoad' });
    expect((await dp('collections/load', { dbName: 'analytics', collectionName: 'sessions' })).data).toEqual({});
    expect(await state('sessions')).toMatchObject({ loadState: 'LoadStateLoading' });
    fx.now += 2000;
    expect(await state('sessions')).toEqual({ loadState: 'LoadStateLoaded', loadProgress: 100 });
    fx.emu.state.clusters.get(DEDICATED_CLUSTER)!.databases.get('analytics')!.set('events', 'UNLOADED');
    fx.emu.state.config.loadDurationMs = Infinity;
    await dp('collections/load', { dbName: 'analytics', collectionName: 'events' });
    fx.now += 10 * 3600_000;
    expect(await state('events')).toMatchObject({ loadState: 'LoadStateLoading' });
  });
});

describe('data plane: aliases', () => {
  const alias = (route: string, aliasName: string, collectionName?: string) =>
    dp(`aliases/${route}`, collectionName === undefined ? { dbName: 'default', aliasName } : { dbName: 'default', aliasName, collectionName });

  it('describes an alias, and answers 1600 for one that does not exist (also for a collection name)', async () => {
    expect((await alias('describe', SEED_ALIAS)).data).toEqual({ aliasName: SEED_ALIAS, collectionName: 'medium_articles', dbName: 'default' });
    expect((await alias('describe', 'nope')).code).toBe(DP_ALIAS_NOT_FOUND);
    expect((await alias('describe', 'products')).code).toBe(DP_ALIAS_NOT_FOUND);
  });

  it('alter moves the alias; to where it already points is a no-op; a missing alias is 1600 and is never created', async () => {
    expect((await alias('alter', SEED_ALIAS, 'products')).code).toBe(0);
    expect((await alias('describe', SEED_ALIAS)).data).toMatchObject({ collectionName: 'products' });
    expect((await alias('alter', SEED_ALIAS, 'products')).code).toBe(0);
    expect((await alias('alter', 'nope', 'products')).code).toBe(DP_ALIAS_NOT_FOUND);
    expect((await alias('describe', 'nope')).code).toBe(DP_ALIAS_NOT_FOUND);
    expect((await alias('alter', SEED_ALIAS, 'missing')).code).toBe(DP_COLLECTION_NOT_FOUND);
  });

  it('create: 1601 for a collection name, 1602 when on another collection, a no-op on the same one', async () => {
    expect((await alias('create', 'products', 'medium_articles')).code).toBe(DP_ALIAS_IS_COLLECTION);
    expect((await alias('create', SEED_ALIAS, 'products')).code).toBe(DP_ALIAS_ON_ANOTHER);
    expect((await alias('create', SEED_ALIAS, 'medium_articles')).code).toBe(0);
    expect((await alias('create', 'shop', 'products')).code).toBe(0);
    expect((await dp('aliases/list', { dbName: 'default' })).data).toEqual([SEED_ALIAS, 'shop']);
    expect((await dp('aliases/list', { dbName: 'default', collectionName: 'products' })).data).toEqual(['shop']);
  });

  it('a lost alter answer (drop-after-handling fault) is applied all the same', async () => {
    fx.emu.faults.add({ method: 'POST', path: '/v2/vectordb/aliases/alter', times: 1, fault: { kind: 'drop-after-handling' } });
    await expect(alias('alter', SEED_ALIAS, 'products')).rejects.toThrow();
    expect((await alias('describe', SEED_ALIAS)).data).toMatchObject({ collectionName: 'products' });
  });
});

describe('restored collections appear on the data plane', () => {
  const restore = (destCollectionStatus: 'LOADED' | 'UNLOADED') =>
    request(`${fx.emu.url}/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_MANUAL_BACKUP}/restoreCollection`, 'POST', {
      destClusterId: DEDICATED_CLUSTER,
      dbCollections: [
        {
          dbName: 'default',
          destDbName: 'default',
          collections: [{ collectionName: 'medium_articles', destCollectionName: 'medium_articles_r', destCollectionStatus }],
        },
      ],
    });

  it('after the job succeeds, with the backup row count; LOADED restores load (taking loadDurationMs)', async () => {
    const rows = seedRowCount('default', 'medium_articles');
    fx.emu.state.clusters.get(DEDICATED_CLUSTER)!.rowCounts.set('default.medium_articles', 5); // the original changed since the backup
    fx.emu.state.config.loadDurationMs = 500;
    expect((await restore('LOADED')).code).toBe(0);
    expect((await dp('collections/has', { dbName: 'default', collectionName: 'medium_articles_r' })).data).toEqual({ has: false });
    fx.now += 1000;
    expect((await dp('collections/get_stats', { dbName: 'default', collectionName: 'medium_articles_r' })).data).toEqual({ rowCount: rows });
    expect((await dp('collections/get_load_state', { dbName: 'default', collectionName: 'medium_articles_r' })).data).toMatchObject({
      loadState: 'LoadStateLoading',
    });
    fx.now += 500;
    expect((await dp('collections/get_load_state', { dbName: 'default', collectionName: 'medium_articles_r' })).data).toMatchObject({
      loadState: 'LoadStateLoaded',
    });
  });

  it('UNLOADED restores stay NotLoad; a failed job makes nothing appear', async () => {
    expect((await restore('UNLOADED')).code).toBe(0);
    fx.now += 1000;
    expect((await dp('collections/get_load_state', { dbName: 'default', collectionName: 'medium_articles_r' })).data).toEqual({
      loadState: 'LoadStateNotLoad',
    });
    fx.emu.reset();
    fx.emu.setJobOutcome({ status: 'FAILED', reason: 'boom' });
    expect((await restore('LOADED')).code).toBe(0);
    fx.now += 1000;
    expect((await dp('collections/has', { dbName: 'default', collectionName: 'medium_articles_r' })).data).toEqual({ has: false });
  });

  it('refuses to restore under a name that is an alias', async () => {
    const answer = await request(`${fx.emu.url}/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_MANUAL_BACKUP}/restoreCollection`, 'POST', {
      destClusterId: DEDICATED_CLUSTER,
      dbCollections: [{ dbName: 'default', destDbName: 'default', collections: [{ collectionName: 'medium_articles', destCollectionName: SEED_ALIAS }] }],
    });
    expect(answer.code).toBe(96039);
  });
});

describe('closing', () => {
  it('closes every data-plane server', async () => {
    const address = addressOf(SECOND_CLUSTER);
    await fx.emu.close();
    await expect(fetch(`${address}/v2/vectordb/databases/list`, { method: 'POST', body: '{}' })).rejects.toThrow();
    await fx.restart();
  });
});
