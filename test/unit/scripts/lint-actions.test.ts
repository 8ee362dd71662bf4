// The project's own rules on action metadata: every input described, every optional input with a
// default (the runner passes '' for one without, given or not).
import { describe, expect, it } from 'vitest';
import { inputProblems } from '../../../scripts/lib/action-rules.ts';

describe('inputProblems', () => {
  it('refuses an optional input with no default, and accepts one with a default', () => {
    expect(inputProblems('a.yml', { id: 'suffix', description: 'Appended. Not given - `_restored`.', required: false })).toEqual([
      'a.yml: optional input suffix has no default',
    ]);
    expect(inputProblems('a.yml', { id: 'suffix', description: 'Appended.', required: false, default: '_x' })).toEqual([]);
  });

  it('refuses an input without a description', () => {
    expect(inputProblems('a.yml', { id: 'x', description: ' ', required: true })).toEqual(['a.yml: input x has no description']);
  });
});
