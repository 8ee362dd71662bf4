import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { readRestoreRequest } from '../../../src/inputs/restore.ts';
import { runRestores } from '../../../src/workflows/restore.ts';
import { ZillizApi } from '../../../src/zilliz/api.ts';
import type { ApiCall, ZillizHttp } from '../../../src/zilliz/http.ts';
import { fakeRuntime, inputs } from '../fakes.ts';

/** An API whose every call answers with the same backup, recording the calls. */
function backupHolding(collections: { dbName: string; collectionName: string }[]): { api: ZillizApi; calls: ApiCall[] } {
  const calls: ApiCall[] = [];
  const http = {
    call: (call: ApiCall): Promise<unknown> => {
      calls.push(call);
      return Promise.resolve({ backupId: 'backup9_abc', status: 'AVAILABLE', collections });
    },
  } as unknown as ZillizHttp;
  return { api: new ZillizApi(http), calls };
}

describe('runRestores', () => {
  it('refuses, before any restore request, two collections that would land on the same destination', async () => {
    const { api, calls } = backupHolding([
      { dbName: 'default', collectionName: 'orders' },
      { dbName: 'analytics', collectionName: 'orders' },
    ]);
    const request = readRestoreRequest(
      inputs({ 'api-key': 'k', 'cluster-id': 'in01-0123456789abcde', 'backup-id': 'backup9_abc', 'target-database': 'default' }),
      () => false,
    );
    const rt = fakeRuntime();
    const run = runRestores(request, { api, runtime: rt, deadline: rt.now() + 60_000, onRecords: () => {} });
    await expect(run).rejects.toBeInstanceOf(InputError);
    await expect(run).rejects.toThrow('default.orders and analytics.orders would both be restored as default.orders_restored');
    expect(calls.map((c) => c.name)).toEqual(['describe backup']);
  });
});
