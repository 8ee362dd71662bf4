// The project's own rules on action metadata: an optional input needs a default, or a description
// saying what "not given" means (an input whose absence the action must tell apart has no default).
import { describe, expect, it } from 'vitest';
import { inputProblems } from '../../../scripts/lib/action-rules.ts';

describe('inputProblems', () => {
  it('refuses an optional input with no default and no word on what "not given" means', () => {
    expect(inputProblems('a.yml', { id: 'suffix', description: 'Appended to the name.', required: false })).toEqual([
      'a.yml: optional input suffix has no default (or a description saying what "not given" means)',
    ]);
  });

  it('accepts one whose description says what "not given" means, and one with a default', () => {
    expect(inputProblems('a.yml', { id: 'suffix', description: 'Appended. Not given - `_restored`.', required: false })).toEqual([]);
    expect(inputProblems('a.yml', { id: 'suffix', description: 'Appended.', required: false, default: '_x' })).toEqual([]);
  });

  it('refuses an input without a description', () => {
    expect(inputProblems('a.yml', { id: 'x', description: ' ', required: true })).toEqual(['a.yml: input x has no description']);
  });
});
