import { getInput } from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inputVariable } from '../../../src/inputs/common.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the variable the runner sets for an input', () => {
  it('is INPUT_ + the name upper-cased, spaces as _ (dashes kept)', () => {
    expect(inputVariable('api-key')).toBe('INPUT_API-KEY');
    expect(inputVariable('name suffix')).toBe('INPUT_NAME_SUFFIX');
  });

  it.each(['name-suffix', 'name suffix'])('is the one @actions/core getInput reads for %s (so "is it set?" asks the right variable)', (name) => {
    vi.stubEnv(inputVariable(name), 'from-the-runner');
    expect(getInput(name)).toBe('from-the-runner');
  });
});
