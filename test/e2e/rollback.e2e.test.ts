// Rollback in one step: restore, load, and switch the alias the application reads (issue 21),
// through the built restore bundle against the emulator and the Dedicated cluster's data plane.
import { describe, expect, it } from 'vitest';
import {
  DEDICATED_CLUSTER,
  SEED_ALIAS,
  SEED_AUTO_BACKUP,
  SEED_MANUAL_BACKUP,
  SECOND_CLUSTER,
  collectionKey,
  seedRowCount,
  type RecordedRequest,
} from '../emulator/index.ts';
import { useEmulator } from './emulator-fixture.ts';
import { runnerInputs, type ActionRun } from './harness.ts';
import { errorMessage } from './helpers.ts';

const fx = useEmulator({ jobPendingMs: 100, jobDurationMs: 800, loadDurationMs: 600 });

const RESTORE = /^\/v2\/clusters\/[^/]+\/backups\/([^/]+)\/restoreCollection$/;
const restoreRequests = (): RecordedRequest[] => fx.emulator.requests.filter((r) => r.method === 'POST' && RESTORE.test(r.path));
const dataPlaneRequests = (route: string): RecordedRequest[] =>
  fx.emulator.requests.filter((r) => r.clusterId === DEDICATED_CLUSTER && r.path === `/v2/vectordb/${route}`);

const cluster = () => {
  const c = fx.emulator.state.clusters.get(DEDICATED_CLUSTER);
  if (!c) throw new Error('no Dedicated cluster');
  return c;
};
const aliasTarget = (alias: string, db = 'default'): string | undefined => cluster().aliases.get(db)?.get(alias);

/** A rollback of medium_articles from the manual backup, moving the seeded alias `articles`; inputs as the runner passes them. */
const rollback = (extra: Record<string, string> = {}): Promise<ActionRun> =>
  fx.run(
    runnerInputs('restore/action.yml', fx.inputs({ 'backup-id': SEED_MANUAL_BACKUP, collections: 'medium_articles', 'switch-alias': SEED_ALIAS, ...extra })),
    {
      bundle: 'restore',
    },
  );

interface Switched {
  alias: string;
  database: string;
  from: string;
  to: string;
  rowCount: number;
}

function switchedOutput(run: ActionRun): Switched[] {
  const value: unknown = JSON.parse(run.outputs.switched ?? 'null');
  expect(Array.isArray(value), `switched output is a JSON array: ${run.outputs.switched}`).toBe(true);
  return value as Switched[];
}

describe('restore with switch-alias', () => {
  it('restores, loads, then moves the alias to the copy; the old collection is kept as it was', async () => {
    const run = await rollback();
    expect(run.exitCode, run.stdout).toBe(0);
    const [switched] = switchedOutput(run);
    const to = switched?.to ?? '';
    // A timestamped suffix when name-suffix is not given (a valid Milvus name, to the second).
    expect(to).toMatch(/^medium_articles_restored_\d{8}T\d{6}$/);
    expect(switchedOutput(run)).toEqual([
      { alias: SEED_ALIAS, database: 'default', from: 'medium_articles', to, rowCount: seedRowCount('default', 'medium_articles') },
    ]);
    expect(aliasTarget(SEED_ALIAS)).toBe(to);
    // Nothing dropped or renamed: the original is there, loaded, with its rows.
    expect(cluster().databases.get('default')?.get('medium_articles')).toBe('LOADED');
    expect(cluster().rowCounts.get(collectionKey('default', 'medium_articles'))).toBe(seedRowCount('default', 'medium_articles'));
    expect(fx.emulator.requests.some((r) => /\/(drop|rename)$/.test(r.path))).toBe(false);
    // The alter came after a load-state answer that said Loaded (the load takes 600 ms after the job).
    const [alter] = dataPlaneRequests('aliases/alter');
    const loadLooks = dataPlaneRequests('collections/get_load_state');
    expect(alter?.at).toBeGreaterThanOrEqual(fx.emulator.state.jobs.values().next().value!.createdAt + 800 + 600);
    expect(loadLooks.length).toBeGreaterThan(0);
    expect(alter?.body).toEqual({ dbName: 'default', aliasName: SEED_ALIAS, collectionName: to });
    expect(run.outputs['backup-id']).toBe(SEED_MANUAL_BACKUP);
    expect(run.outputs.status).toBe('SUCCESSFUL');
    // The summary: before and after, and the exact call that points it back.
    expect(run.summary).toContain('Aliases');
    expect(run.summary).toContain(`aliases/alter`);
    expect(run.summary).toContain(`&quot;collectionName&quot;:&quot;medium_articles&quot;`.replace(/&quot;/g, '"'));
    expect(run.stdout).toContain(`Alias default.${SEED_ALIAS} now points at ${to}`);
  });

  it('ALIAS=COLLECTION with two collections: every copy loaded before the first alter; both aliases moved', async () => {
    cluster().aliases.get('default')?.set('shop', 'products');
    fx.emulator.state.clusters.get(DEDICATED_CLUSTER)!.databases.get('default')!.set('products', 'LOADED');
    const run = await fx.run(
      {
        'backup-id': SEED_AUTO_BACKUP,
        collections: 'medium_articles, products',
        'switch-alias': `${SEED_ALIAS}=medium_articles\nshop=default.products`,
        'name-suffix': '_v1',
      },
      { bundle: 'restore' },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(aliasTarget(SEED_ALIAS)).toBe('medium_articles_v1');
    expect(aliasTarget('shop')).toBe('products_v1');
    const stats = dataPlaneRequests('collections/get_stats');
    const [firstAlter] = dataPlaneRequests('aliases/alter');
    expect(stats.map((r) => (r.body as { collectionName: string }).collectionName)).toEqual(['medium_articles_v1', 'products_v1']);
    expect(stats.every((r) => r.at <= (firstAlter?.at ?? 0))).toBe(true);
    expect(switchedOutput(run).map((s) => [s.alias, s.from, s.to])).toEqual([
      [SEED_ALIAS, 'medium_articles', 'medium_articles_v1'],
      ['shop', 'products', 'products_v1'],
    ]);
  });

  it('a lost alter answer is settled by describing the alias: one alter, then a describe that shows it moved', async () => {
    fx.emulator.faults.add({ method: 'POST', path: '/v2/vectordb/aliases/alter', times: 1, fault: { kind: 'drop-after-handling' } });
    const run = await rollback();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(dataPlaneRequests('aliases/alter')).toHaveLength(1);
    const alterAt = dataPlaneRequests('aliases/alter')[0]?.at ?? 0;
    expect(dataPlaneRequests('aliases/describe').some((r) => r.at >= alterAt)).toBe(true);
    expect(run.stdout).toContain('was lost or unclear; describing the alias');
    expect(switchedOutput(run)).toHaveLength(1);
    expect(aliasTarget(SEED_ALIAS)).toBe(switchedOutput(run)[0]?.to);
  });

  it('a lost alter that was not applied: describe shows the alias where it was, and the step fails saying so', async () => {
    fx.emulator.faults.add({ method: 'POST', path: '/v2/vectordb/aliases/alter', times: 1, fault: { kind: 'drop' } });
    const run = await rollback();
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toMatch(/still points where it did/);
    expect(aliasTarget(SEED_ALIAS)).toBe('medium_articles');
    expect(dataPlaneRequests('aliases/alter')).toHaveLength(1);
    expect(switchedOutput(run)).toEqual([]);
  });

  it('a lost alter answer that describing cannot settle: the step fails saying it is unknown, and the summary never says not moved', async () => {
    fx.emulator.faults.add({ method: 'POST', path: '/v2/vectordb/aliases/alter', times: 1, fault: { kind: 'drop-after-handling' } });
    // The describe before the restore answers; the one after the lost alter does not.
    fx.emulator.faults.add({
      method: 'POST',
      path: '/v2/vectordb/aliases/describe',
      skip: 1,
      times: 1,
      fault: { kind: 'envelope', code: 65535, message: 'busy' },
    });
    const run = await rollback();
    expect(run.exitCode).toBe(1);
    expect(dataPlaneRequests('aliases/alter')).toHaveLength(1);
    expect(errorMessage(run)).toContain(`Whether alias default.${SEED_ALIAS} moved is unknown`);
    // It did move (the alter was handled): the summary must not tell a person otherwise.
    expect(aliasTarget(SEED_ALIAS)).toMatch(/^medium_articles_restored_/);
    expect(run.summary).not.toContain('not moved');
    expect(run.summary).toContain('unknown: check it with aliases/describe');
  });

  it('a lost alter answer, and describing shows the alias moved elsewhere: the step fails saying so, and the summary row shows where it points now', async () => {
    fx.emulator.faults.add({ method: 'POST', path: '/v2/vectordb/aliases/alter', times: 1, fault: { kind: 'drop' } });
    const elsewhere = JSON.stringify({ code: 0, data: { aliasName: SEED_ALIAS, collectionName: 'products', dbName: 'default' } });
    fx.emulator.faults.add({ method: 'POST', path: '/v2/vectordb/aliases/describe', skip: 1, times: 1, fault: { kind: 'raw', body: elsewhere } });
    const run = await rollback();
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('now points at products; someone else moved it');
    const row = run.summary.split('<tr>').find((r) => r.includes(`<td>${SEED_ALIAS}</td>`)) ?? '';
    expect(row).toContain('<td>products (moved by someone else, not by this run)</td>');
  });

  it('a failed switch leaves every alias it did not move untouched and says which moved', async () => {
    cluster().aliases.get('default')?.set('shop', 'products');
    fx.emulator.faults.add({
      method: 'POST',
      path: '/v2/vectordb/aliases/alter',
      skip: 1,
      times: 1,
      fault: { kind: 'envelope', code: 65535, message: 'server busy' },
    });
    const run = await fx.run(
      {
        'backup-id': SEED_AUTO_BACKUP,
        collections: 'medium_articles, products',
        'switch-alias': `${SEED_ALIAS}=medium_articles, shop=products`,
        'name-suffix': '_v2',
      },
      { bundle: 'restore' },
    );
    expect(run.exitCode).toBe(1);
    expect(aliasTarget(SEED_ALIAS)).toBe('medium_articles_v2');
    expect(aliasTarget('shop')).toBe('products');
    const message = errorMessage(run);
    expect(message).toContain('Alias default.shop was not moved');
    expect(message).toContain('65535');
    expect(message).toContain(`Moved: default.${SEED_ALIAS} → medium_articles_v2`);
    expect(switchedOutput(run).map((s) => s.alias)).toEqual([SEED_ALIAS]);
    // The summary says what each alias pointed at before and after: the one not moved still at products.
    const shopRow = run.summary.split('<tr>').find((row) => row.includes('<td>shop</td>')) ?? '';
    expect(shopRow).toContain('<td>default</td><td>products</td><td>not moved: products</td>');
  });
});

describe('aliases live in a database', () => {
  it("the alias is looked up and moved in the restored copy's database (analytics here, not default)", async () => {
    cluster().aliases.set('analytics', new Map([['events_live', 'events']]));
    const run = await fx.run(
      { 'backup-id': SEED_AUTO_BACKUP, collections: 'analytics.events', 'switch-alias': 'events_live', 'name-suffix': '_v3' },
      { bundle: 'restore' },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(aliasTarget('events_live', 'analytics')).toBe('events_v3');
    expect(dataPlaneRequests('aliases/describe')[0]?.body).toEqual({ dbName: 'analytics', aliasName: 'events_live' });
    expect(switchedOutput(run)).toEqual([
      { alias: 'events_live', database: 'analytics', from: 'events', to: 'events_v3', rowCount: seedRowCount('analytics', 'events') },
    ]);
  });

  it('with target-database, the alias must exist in that database: one in default only is refused there', async () => {
    const run = await rollback({ 'target-database': 'analytics' });
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain(`analytics.${SEED_ALIAS} is not an alias`);
    expect(restoreRequests()).toEqual([]);
  });
});

describe('checked before any restore request', () => {
  const expectNothingRestored = (run: ActionRun): void => {
    expect(run.exitCode).toBe(1);
    expect(restoreRequests()).toEqual([]);
    expect(dataPlaneRequests('aliases/alter')).toEqual([]);
    expect(aliasTarget(SEED_ALIAS)).toBe('medium_articles');
  };

  it('an alias that does not exist: refused naming it, with the one-time move to an alias', async () => {
    const run = await rollback({ 'switch-alias': 'orders_live=medium_articles' });
    expectNothingRestored(run);
    const message = errorMessage(run);
    expect(message).toContain('Input "switch-alias"');
    expect(message).toContain('default.orders_live is not an alias');
    expect(message).toContain('aliases/create');
    expect(message).toContain('point the application at the alias');
  });

  it('a name that is a collection, not an alias: refused saying so', async () => {
    const run = await rollback({ 'switch-alias': 'products=medium_articles' });
    expectNothingRestored(run);
    expect(errorMessage(run)).toContain('default.products is a collection, not an alias');
  });

  it('a cluster that is not RUNNING: refused naming its status', async () => {
    cluster().status = 'STOPPED';
    const run = await rollback();
    expectNothingRestored(run);
    expect(errorMessage(run)).toContain(`cluster ${DEDICATED_CLUSTER} is STOPPED`);
  });

  it('a data-plane endpoint over plain http to another host: refused (the base-url rule), the key never sent there', async () => {
    cluster().connectAddress = 'http://in01-0123456789abcde.example.com:19530';
    const run = await rollback();
    expectNothingRestored(run);
    expect(errorMessage(run)).toMatch(/must use https/);
    expect(fx.emulator.requests.filter((r) => r.clusterId !== undefined)).toEqual([]);
  });

  it('a restored name already taken: refused naming it', async () => {
    cluster().databases.get('default')?.set('medium_articles_v1', 'UNLOADED');
    const run = await rollback({ 'name-suffix': '_v1' });
    expectNothingRestored(run);
    expect(errorMessage(run)).toContain('default.medium_articles_v1 already exists');
  });

  it('a describe-alias answer naming no Milvus collection (a workflow command, markup) is refused as data, before any restore', async () => {
    const hostile = 'x\n::error::pwned <b>bold</b>';
    fx.emulator.faults.add({
      method: 'POST',
      path: '/v2/vectordb/aliases/describe',
      times: 1,
      fault: { kind: 'raw', body: JSON.stringify({ code: 0, data: { aliasName: SEED_ALIAS, collectionName: hostile, dbName: 'default' } }) },
    });
    const run = await rollback();
    expectNothingRestored(run);
    expect(errorMessage(run)).toMatch(/Unexpected response/);
    expect(run.stdout).not.toMatch(/^::error::pwned/m);
    expect(run.summary).not.toContain('<b>bold</b>');
  });

  it.each([
    ['load', { load: 'false' }],
    ['wait', { wait: 'false' }],
  ])('%s: false with switch-alias is an input error; no request at all', async (input, extra) => {
    const run = await rollback(extra);
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain(`Input "${input}"`);
    expect(fx.emulator.requests).toEqual([]);
  });
});

describe('failures before the switch leave the alias where it was', () => {
  it('a restore job that fails: the alias is not touched', async () => {
    fx.emulator.setJobOutcome({ status: 'FAILED', reason: 'disk full' });
    const run = await rollback();
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('FAILED');
    expect(errorMessage(run)).toContain('disk full');
    expect(dataPlaneRequests('aliases/alter')).toEqual([]);
    expect(aliasTarget(SEED_ALIAS)).toBe('medium_articles');
    expect(switchedOutput(run)).toEqual([]);
  });

  it('a load that never completes times out within timeout, the alias untouched', async () => {
    fx.configure({ loadDurationMs: Infinity });
    const run = await rollback({ timeout: '4s' });
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toMatch(/Timed out.*Load of default\.medium_articles_restored_/);
    expect(dataPlaneRequests('aliases/alter')).toEqual([]);
    expect(aliasTarget(SEED_ALIAS)).toBe('medium_articles');
    expect(run.durationMs).toBeLessThan(15_000);
  });
});

describe('backup-id: latest', () => {
  const HOUR = 3600;
  it('picks the newest AVAILABLE backup created before created-before that holds the collection, manual or automatic', async () => {
    const [older, auto, notCovering, tooNew, emptyAuto] = fx.emulator.addBackups([
      { backupType: 'COLLECTION', creationMethod: 'MANUAL', ageSeconds: 10 * HOUR, collections: [{ database: 'default', collection: 'medium_articles' }] },
      { backupType: 'CLUSTER', creationMethod: 'AUTO', ageSeconds: 2.5 * HOUR },
      { backupType: 'COLLECTION', creationMethod: 'MANUAL', ageSeconds: 2.2 * HOUR, collections: [{ database: 'default', collection: 'products' }] },
      { backupType: 'COLLECTION', creationMethod: 'MANUAL', ageSeconds: 1 * HOUR, collections: [{ database: 'default', collection: 'medium_articles' }] },
      { backupType: 'CLUSTER', creationMethod: 'AUTO', ageSeconds: 2.1 * HOUR, collections: [] },
    ]);
    // Also seeded: an AUTO CLUSTER backup 3 h old (older than the chosen one) and a manual one 30 min old (too new); and one still CREATING:
    fx.emulator.addBackups([
      { backupType: 'COLLECTION', status: 'CREATING', ageSeconds: 2.05 * HOUR, collections: [{ database: 'default', collection: 'medium_articles' }] },
    ]);
    const run = await fx.run({ 'backup-id': 'latest', 'created-before': '2h', collections: 'medium_articles' }, { bundle: 'restore' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['backup-id']).toBe(auto?.backupId);
    expect(restoreRequests().map((r) => RESTORE.exec(r.path)?.[1])).toEqual([auto?.backupId]);
    expect(run.stdout).toContain(`backup-id latest: ${auto?.backupId}`);
    expect([older, notCovering, tooNew, emptyAuto].map((b) => b?.backupId)).not.toContain(run.outputs['backup-id']);
    expect(run.outputs['backup-id']).not.toBe(SEED_AUTO_BACKUP);
  });

  it('without created-before, the newest covering one (here the newer manual one)', async () => {
    const [, newest] = fx.emulator.addBackups([
      { backupType: 'CLUSTER', creationMethod: 'AUTO', ageSeconds: 600 },
      { backupType: 'COLLECTION', creationMethod: 'MANUAL', ageSeconds: 60, collections: [{ database: 'default', collection: 'medium_articles' }] },
    ]);
    const run = await fx.run({ 'backup-id': 'latest', collections: 'medium_articles', 'switch-alias': SEED_ALIAS }, { bundle: 'restore' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['backup-id']).toBe(newest?.backupId);
    expect(switchedOutput(run)).toHaveLength(1);
  });

  it('a time given as ISO-8601 works the same; none old enough that holds it: refused, nothing restored', async () => {
    const run = await fx.run({ 'backup-id': 'latest', 'created-before': '2020-01-01T00:00:00Z', collections: 'medium_articles' }, { bundle: 'restore' });
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('no AVAILABLE backup of cluster');
    expect(run.outputs['backup-id']).toBe('');
    expect(restoreRequests()).toEqual([]);
  });

  it('restoring everything into another cluster: an automatic backup that lists no collections may be the newest', async () => {
    const [emptyAuto] = fx.emulator.addBackups([{ backupType: 'CLUSTER', creationMethod: 'AUTO', ageSeconds: 60, collections: [] }]);
    const run = await fx.run({ 'backup-id': 'latest', 'target-cluster-id': SECOND_CLUSTER }, { bundle: 'restore' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['backup-id']).toBe(emptyAuto?.backupId);
    // Into its own cluster it cannot be used (nothing to rename): the newest backup that lists collections is taken.
    const own = await fx.run({ 'backup-id': 'latest' }, { bundle: 'restore' });
    expect(own.outputs['backup-id']).toBe(SEED_MANUAL_BACKUP);
  });

  it('created-before without latest is an input error', async () => {
    const run = await fx.run({ 'backup-id': SEED_MANUAL_BACKUP, 'created-before': '2h' }, { bundle: 'restore' });
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('Input "created-before"');
    expect(fx.emulator.requests).toEqual([]);
  });
});

describe('the recipe end to end: backup, a migration that breaks, restore with switch-alias', () => {
  it("the main action's summary leads how to restore with the restore step; that step, with switch-alias, rolls back", async () => {
    const backup = await fx.run({ collections: 'medium_articles' });
    expect(backup.exitCode, backup.stdout).toBe(0);
    const backupId = backup.outputs['backup-id'] ?? '';
    const how = backup.summary.slice(backup.summary.indexOf('How to restore'));
    // The YAML step comes first (before the console path and the API call), with this backup's id.
    expect(how.indexOf(`backup-id: ${backupId}`)).toBeGreaterThan(0);
    expect(how.indexOf('restore@v1')).toBeLessThan(how.indexOf('console'));
    expect(how.indexOf('console')).toBeLessThan(how.indexOf('restoreCollection'));
    expect(how).toContain('# switch-alias:');
    expect(how).toContain('collections: default.medium_articles');

    // The migration breaks the collection the alias points at (its rows are gone).
    cluster().rowCounts.set(collectionKey('default', 'medium_articles'), 0);

    const run = await fx.run({ 'backup-id': backupId, collections: 'default.medium_articles', 'switch-alias': SEED_ALIAS }, { bundle: 'restore' });
    expect(run.exitCode, run.stdout).toBe(0);
    const [moved] = switchedOutput(run);
    expect(moved).toMatchObject({ alias: SEED_ALIAS, from: 'medium_articles', rowCount: seedRowCount('default', 'medium_articles') });
    expect(aliasTarget(SEED_ALIAS)).toBe(moved?.to);
    // The broken collection is kept as it was, for forensics.
    expect(cluster().rowCounts.get(collectionKey('default', 'medium_articles'))).toBe(0);
  });
});
