import type { Outcome, Progress } from '../types.ts';

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

  /** Adds records (told once) and returns the position of the first. */
  add(...records: R[]): number {
    const at = this.#records.length;
    this.#records.push(...records);
    this.#progress.update(this.all);
    return at;
  }

  /** Changes the record at `at`; told only when it really changed. */
  change(at: number, change: Partial<R>): void {
    const current = this.#records[at];
    if (current === undefined) return;
    const next = { ...current, ...change };
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    this.#records[at] = next;
    this.#progress.update(this.all);
  }

  /** Applies each change a watch yields to the record at `at`; returns what the watch returned. */
  async follow<T>(at: number, watch: AsyncGenerator<Partial<R>, T>): Promise<T> {
    for (;;) {
      const next = await watch.next();
      if (next.done) return next.value;
      this.change(at, next.value);
    }
  }
}

/**
 * Runs a workflow's work over a fresh RecordList: the records it made, and the failure that
 * ended it (undefined when it finished). Workflows return failures as values, never throw them.
 */
export async function recordOutcome<R extends object>(progress: Progress<R>, work: (records: RecordList<R>) => Promise<void>): Promise<Outcome<R>> {
  const records = new RecordList(progress);
  try {
    await work(records);
  } catch (failure) {
    return { records: records.all, failure };
  }
  return { records: records.all, failure: undefined };
}
