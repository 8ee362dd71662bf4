import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { UnexpectedResponseError } from '../../../src/errors.ts';
import { isPlainId } from '../../../src/ids.ts';
import { apiPath } from '../../../src/zilliz/path.ts';

describe('apiPath', () => {
  it('puts plain ids between the literal parts', () => {
    expect(apiPath`/v2/clusters/${'in01-abc'}/backups/${'backup1_ff'}`).toBe('/v2/clusters/in01-abc/backups/backup1_ff');
    expect(apiPath`/v2/backups`).toBe('/v2/backups');
  });

  it.each(['..', '.', '', '%2e%2e', 'a/b', 'x'.repeat(129), '\n::error::x'])('refuses %j as an unexpected response naming the path pattern', (bad) => {
    let thrown: unknown;
    try {
      thrown = apiPath`/v2/clusters/${'in01-abc'}/backups/${bad}`;
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnexpectedResponseError);
    expect((thrown as UnexpectedResponseError).endpoint).toBe('/v2/clusters/{id}/backups/{id}');
    expect((thrown as UnexpectedResponseError).message).not.toMatch(/[\n\r]/);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 200 })])('every path it builds has exactly its own segments, whatever the id', (value) => {
    let path: string | undefined;
    try {
      path = apiPath`/v2/clusters/in01-abc/backups/${value}`;
    } catch (error) {
      expect(error).toBeInstanceOf(UnexpectedResponseError);
    }
    expect(path !== undefined).toBe(isPlainId(value));
    if (path !== undefined) {
      expect(path.split('/')).toEqual(['', 'v2', 'clusters', 'in01-abc', 'backups', value]);
      expect(new URL(path, 'https://api.example').pathname).toBe(path);
    }
  });
});
