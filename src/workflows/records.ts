import type { Progress } from '../types.ts';

/**
 * The records a workflow has made so far. Each change replaces a record (never edits it in
 * place) and tells `progress`, so the outputs name every backup the moment it exists.
 */
export class RecordList<R extends object> {
  readonly #records: R[] = [];
  readonly #progress: Progress<R>;

  constructor(progress: Progress<R>) {
    this.#progress = progress;
  }

  get all(): R[] {
    return [...this.#records];
  }

  /** Adds a record and returns a function that changes it later. */
  add(record: R): (change: Partial<R>) => void {
    const index = this.#records.push(record) - 1;
    this.#progress.update(this.all);
    return (change) => {
      const current = this.#records[index];
      if (current === undefined) return;
      const next = { ...current, ...change };
      if (JSON.stringify(next) === JSON.stringify(current)) return;
      this.#records[index] = next;
      this.#progress.update(this.all);
    };
  }
}
