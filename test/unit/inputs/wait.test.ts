import { describe, expect, it } from 'vitest';
import { readWaitRequest } from '../../../src/inputs/wait.ts';
import { inputErrorOf, inputs } from '../fakes.ts';

const BASE = { 'api-key': 'test-key', 'cluster-id': 'in01-0123456789abcde' };
const read = (extra: Record<string, string> = {}) => readWaitRequest(inputs({ ...BASE, ...extra }));

describe('readWaitRequest', () => {
  it('one backup and its job, with the connection defaults', () => {
    expect(read({ 'backup-id': 'backup3_abc', 'job-id': 'job-1' })).toEqual({
      apiKey: 'test-key',
      baseUrl: new URL('https://api.cloud.zilliz.com'),
      timeoutMs: 1_800_000,
      pollIntervalMs: undefined,
      clusterId: 'in01-0123456789abcde',
      backups: [{ backupId: 'backup3_abc', jobId: 'job-1' }],
    });
  });

  it('pairs space-, comma- or newline-separated ids in order', () => {
    const request = read({ 'backup-id': 'b1 b2,b3\nb4', 'job-id': 'j1\nj2 j3, j4' });
    expect(request.backups).toEqual([
      { backupId: 'b1', jobId: 'j1' },
      { backupId: 'b2', jobId: 'j2' },
      { backupId: 'b3', jobId: 'j3' },
      { backupId: 'b4', jobId: 'j4' },
    ]);
  });

  it('job-id may be left empty (wait on the backups only)', () => {
    expect(read({ 'backup-id': 'b1 b2' }).backups).toEqual([
      { backupId: 'b1', jobId: '' },
      { backupId: 'b2', jobId: '' },
    ]);
  });

  it('"-" in job-id marks a backup without a job (reused or adopted), keeping the pairs aligned', () => {
    expect(read({ 'backup-id': 'b1 b2 b3', 'job-id': '- j2 -' }).backups).toEqual([
      { backupId: 'b1', jobId: '' },
      { backupId: 'b2', jobId: 'j2' },
      { backupId: 'b3', jobId: '' },
    ]);
  });

  it('never validates backup ids by shape (old names work)', () => {
    expect(read({ 'backup-id': 'Dedicated-01_backup3' }).backups[0]?.backupId).toBe('Dedicated-01_backup3');
  });

  it.each<[string, Record<string, string>, string]>([
    ['missing backup-id', {}, 'backup-id'],
    ['blank backup-id', { 'backup-id': '  ' }, 'backup-id'],
    ['job count differs', { 'backup-id': 'b1 b2', 'job-id': 'j1' }, 'job-id'],
    ['backup-id with a slash', { 'backup-id': 'b1/../x' }, 'backup-id'],
    ['job-id with a ?', { 'backup-id': 'b1', 'job-id': 'j?x' }, 'job-id'],
    ['missing cluster-id', { 'backup-id': 'b1', 'cluster-id': '' }, 'cluster-id'],
    ['blank api-key', { 'backup-id': 'b1', 'api-key': '' }, 'api-key'],
    ['timeout over 6 h', { 'backup-id': 'b1', timeout: '7h' }, 'timeout'],
    ['poll-interval zero', { 'backup-id': 'b1', 'poll-interval': '0' }, 'poll-interval'],
    ['base-url plain http', { 'backup-id': 'b1', 'base-url': 'http://example.com' }, 'base-url'],
  ])('%s fails naming %s', (_name, extra, input) => {
    const error = inputErrorOf(() => read(extra));
    expect(error.input).toBe(input);
  });

  it('names the backup step output in the fix for a missing backup-id', () => {
    expect(inputErrorOf(() => read()).message).toContain('steps.backup.outputs.backup-id');
  });
});
