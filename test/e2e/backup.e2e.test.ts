import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEDICATED_CLUSTER, startEmulator, type Emulator } from '../emulator/index.ts';
import { runAction } from './harness.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ jobPendingMs: 100, jobDurationMs: 1200 });
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

const base = (): Record<string, string> => ({ 'api-key': emulator.apiKey, 'cluster-id': DEDICATED_CLUSTER, 'base-url': emulator.url, timeout: '1m' });

describe('cluster backup', () => {
  it('creates one CLUSTER backup, waits until AVAILABLE and writes its ids', async () => {
    const run = await runAction(base());
    expect(run.exitCode).toBe(0);
    const creates = emulator.requests.filter((r) => r.path.endsWith('/backups/create'));
    expect(creates).toHaveLength(1);
    expect(creates[0]?.body).toEqual({ backupType: 'CLUSTER' });
    expect(run.outputs['backup-id']).toMatch(/^backup\d+_[0-9a-f]+$/);
    expect(run.outputs['job-id']).toMatch(/^job-[0-9a-z]{22}$/);
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(run.maskedCount(emulator.apiKey)).toBe(1);
    expect(run.everything).not.toContain(emulator.apiKey);
  });
});
