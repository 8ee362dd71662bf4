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
  // The runner passes '' for an input without `default:` whether it was given empty or not at all,
  // so every optional input says its default in action.yml.
  if (!input.required && input.default === undefined) problems.push(`${path}: optional input ${input.id} has no default`);
  return problems;
}
