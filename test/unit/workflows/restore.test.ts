import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { readRestoreRequest } from '../../../src/inputs/restore.ts';
import type { CollectionRef, RestoreRecord } from '../../../src/types.ts';
import { runRestores } from '../../../src/workflows/restore.ts';
import { fakeApi, fakeRuntime, inputs, recordedProgress } from '../fakes.ts';

/** An API whose backup holds these collections and is AVAILABLE. */
function backupHolding(collections: CollectionRef[]) {
  return fakeApi({
    describeBackup: (clusterId, backupId) =>
      Promise.resolve({
        backupId,
        backupName: 'b',
        backupType: 'COLLECTION',
        creationMethod: 'MANUAL',
        status: 'AVAILABLE',
        size: 1,
        clusterId,
        createTime: '',
        collections,
      }),
  });
}

describe('runRestores', () => {
  it('refuses, before any restore request, two collections that would land on the same destination', async () => {
    const api = backupHolding([
      { database: 'default', collection: 'orders' },
      { database: 'analytics', collection: 'orders' },
    ]);
    const request = readRestoreRequest(
      inputs({ 'api-key': 'k', 'cluster-id': 'in01-0123456789abcde', 'backup-id': 'backup9_abc', 'target-database': 'default' }),
      () => false,
    );
    const outcome = await runRestores(request, { api, runtime: fakeRuntime(), progress: recordedProgress<RestoreRecord>() });
    expect(outcome.failure).toBeInstanceOf(InputError);
    expect((outcome.failure as InputError).input).toBe('target-database');
    expect(outcome.records).toEqual([]);
    expect(api.calls).toEqual(['describeBackup']);
  });
});
