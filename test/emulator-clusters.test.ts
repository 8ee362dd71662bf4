// Contract tests of the emulator's restoreCluster, list clusters, drop cluster and list projects,
// over real HTTP on 127.0.0.1, against the published shapes. Time is an injected clock moved by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEDICATED_CLUSTER, DEFAULT_READONLY_API_KEY, PROJECT_ID, SEED_AUTO_BACKUP, SEED_MANUAL_BACKUP, seedRowCount } from './emulator/index.ts';
import { send, useClockedEmulator, type Answer } from './support/contract-emulator.ts';

/** ../shared/ relative to the project root: the published and recorded bodies. */
const SAMPLES = join(import.meta.dirname, '..', '..', 'shared', 'api-samples');
const T0 = Date.parse('2026-03-01T12:00:00Z');
const fx = useClockedEmulator(T0);

/** A control-plane request to the emulator (path relative to its URL). */
const request = (path: string, method: string, body?: unknown, key: string | null = fx.emu.apiKey, base = fx.emu.url): Promise<Answer> =>
  send(`${base}${path}`, method, body, key);

/** The keys of a published sample's `data` (or of its first item). */
function sampleKeys(name: string, pick: (data: unknown) => unknown = (d) => d): string[] {
  const sample = JSON.parse(readFileSync(join(SAMPLES, name), 'utf8')) as { data: unknown };
  return Object.keys(pick(sample.data) as object).sort();
}

const RESTORE = `/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_AUTO_BACKUP}/restoreCluster`;
const BODY = { projectId: PROJECT_ID, clusterName: 'ci-clone-x', cuSize: 2, collectionStatus: 'KEEP' };

describe('restoreCluster', () => {
  it('answers in the published shape, and the new cluster goes CREATING, RESTORE_BACKUP, RUNNING with the backup collections and row counts', async () => {
    const answer = await request(RESTORE, 'POST', BODY);
    expect(answer.code).toBe(0);
    expect(Object.keys(answer.data as object).sort()).toEqual(sampleKeys('backups-restoreCluster-success-zdoc-reference.json'));
    const { clusterId } = answer.data as { clusterId: string };
    const status = async (): Promise<string> => ((await request(`/v2/clusters/${clusterId}`, 'GET')).data as { status: string }).status;
    expect(await status()).toBe('CREATING');
    fx.now += 500;
    expect(await status()).toBe('RESTORE_BACKUP');
    fx.now += 600;
    expect(await status()).toBe('RUNNING');
    const clone = fx.emu.state.clusters.get(clusterId);
    expect(clone?.cuSize).toBe(2);
    await fx.emu.openDataPlane(clusterId);
    const rows = await request(
      '/v2/vectordb/collections/get_stats',
      'POST',
      { dbName: 'analytics', collectionName: 'events' },
      fx.emu.apiKey,
      clone?.connectAddress,
    );
    expect(rows.data).toEqual({ rowCount: seedRowCount('analytics', 'events') });
  });

  it('takes the guide’s targetProjectId too', async () => {
    const { projectId, ...rest } = BODY;
    expect((await request(RESTORE, 'POST', { ...rest, targetProjectId: projectId })).code).toBe(0);
  });

  it('refuses a COLLECTION backup (96040), a bad collectionStatus (96031), a taken name (40013), the read-only key (96027)', async () => {
    expect((await request(`/v2/clusters/${DEDICATED_CLUSTER}/backups/${SEED_MANUAL_BACKUP}/restoreCluster`, 'POST', BODY)).code).toBe(96040);
    expect((await request(RESTORE, 'POST', { ...BODY, collectionStatus: 'LOADED' })).code).toBe(96031);
    expect((await request(RESTORE, 'POST', { ...BODY, clusterName: 'Dedicated-01' })).code).toBe(40013);
    expect((await request(RESTORE, 'POST', BODY, DEFAULT_READONLY_API_KEY)).code).toBe(96027);
  });
});

describe('list clusters, drop, projects', () => {
  it('lists every cluster in the published item shape', async () => {
    const answer = await request('/v2/clusters?pageSize=100&currentPage=1', 'GET');
    const data = answer.data as { count: number; clusters: Record<string, unknown>[] };
    expect(data.count).toBe(fx.emu.state.clusters.size);
    const described = sampleKeys('cluster-describe-dedicated-tfprovider-recorded.json');
    for (const item of data.clusters) for (const key of Object.keys(item)) expect([...described, 'deploymentOption', 'description']).toContain(key);
  });

  it('drops a cluster with the recorded answer; describe then says 96018', async () => {
    const { clusterId } = (await request(RESTORE, 'POST', BODY)).data as { clusterId: string };
    const answer = await request(`/v2/clusters/${clusterId}/drop`, 'DELETE');
    expect(Object.keys(answer.data as object).sort()).toEqual(sampleKeys('cluster-drop-tfprovider-recorded.json'));
    expect((await request(`/v2/clusters/${clusterId}`, 'GET')).code).toBe(96018);
    expect((await request(`/v2/clusters/${clusterId}/drop`, 'DELETE')).code).toBe(96018);
  });

  it('lists projects as a bare array in the recorded shape', async () => {
    const answer = await request('/v2/projects', 'GET');
    expect(Array.isArray(answer.data)).toBe(true);
    const [project] = answer.data as Record<string, unknown>[];
    expect(Object.keys(project ?? {}).sort()).toEqual(sampleKeys('projects-list-tfprovider-recorded.json', (d) => (d as unknown[])[0]));
    expect(project?.['projectId']).toBe(PROJECT_ID);
  });
});
