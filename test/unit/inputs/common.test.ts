import { describe, expect, it } from 'vitest';
import { environmentInputs, inputVariable } from '../../../src/inputs/common.ts';

describe('inputs from the environment (as the runner passes them)', () => {
  it('names the variable INPUT_ + the name upper-cased, spaces as _ (dashes kept)', () => {
    expect(inputVariable('api-key')).toBe('INPUT_API-KEY');
    expect(inputVariable('name suffix')).toBe('INPUT_NAME_SUFFIX');
  });

  it('reads a value trimmed, and an unset input as empty, like core.getInput', () => {
    const read = environmentInputs({ 'INPUT_CLUSTER-ID': '  in01-abc \n', 'INPUT_BASE-URL': '' });
    expect(read('cluster-id')).toBe('in01-abc');
    expect(read('base-url')).toBe('');
    expect(read('timeout')).toBe('');
  });

  it('keeps inner line breaks of a multi-line input', () => {
    expect(environmentInputs({ INPUT_COLLECTIONS: 'a\nb\n' })('collections')).toBe('a\nb');
  });
});
