// The project's own rules on an action's inputs, apart from the parser so they can be unit-tested.

export interface InputMetadata {
  id: string;
  description?: string;
  required?: boolean;
  default?: unknown;
}

/** What is wrong with one input of an action.yml, or nothing. */
export function inputProblems(path: string, input: InputMetadata): string[] {
  const problems: string[] = [];
  if (!input.description?.trim()) problems.push(`${path}: input ${input.id} has no description`);
  // Without `default:` the runner passes '' for an input not given; that is allowed only where the
  // action must tell "not given" apart (restore's name-suffix), and the description says what it means.
  const saysNotGiven = /\bnot given\b/i.test(input.description ?? '');
  if (!input.required && input.default === undefined && !saysNotGiven) {
    problems.push(`${path}: optional input ${input.id} has no default (or a description saying what "not given" means)`);
  }
  return problems;
}
