import { getInput } from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { environmentInputs, inputVariable } from '../../../src/inputs/common.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('inputs from the environment (as the runner passes them)', () => {
  it('names the variable INPUT_ + the name upper-cased, spaces as _ (dashes kept)', () => {
    expect(inputVariable('api-key')).toBe('INPUT_API-KEY');
    expect(inputVariable('name suffix')).toBe('INPUT_NAME_SUFFIX');
  });

  it.each([
    ['unset', undefined, ''],
    ['empty', '', ''],
    ['only white space', ' \t\n ', ''],
    ['padded', '  in01-abc \n', 'in01-abc'],
    ['multi-line', 'a\nb\n', 'a\nb'],
    ['CRLF line breaks', 'a\r\nb\r\n', 'a\r\nb'],
  ])('reads a value %s exactly as @actions/core getInput does', (_case, value, expected) => {
    vi.stubEnv('INPUT_COLLECTIONS', value);
    expect(environmentInputs()('collections')).toBe(expected);
    expect(getInput('collections')).toBe(expected);
  });

  it('reads from the environment it is given', () => {
    expect(environmentInputs({ 'INPUT_CLUSTER-ID': 'in01-abc' })('cluster-id')).toBe('in01-abc');
  });
});
