import type * as ActionsCore from '@actions/core';
import { countOf } from '../format.ts';
import { forLog, forLogLines, forOutput, forSummary, TEXT_LIMIT } from '../text.ts';
import { CancelledError, DeadlineError, InterruptedError, JobFailedError, messageOf } from '../errors.ts';

/** The parts of @actions/core the actions use: workflow commands, outputs, the job summary. */
export type Toolkit = Pick<typeof ActionsCore, 'setSecret' | 'setOutput' | 'setFailed' | 'info' | 'debug' | 'warning' | 'startGroup' | 'endGroup'> & {
  summary: SummaryWriter;
};

/** The parts of core.summary we use, so tests can pass a recorder. */
export interface SummaryWriter {
  addHeading(text: string, level?: number): SummaryWriter;
  addRaw(text: string, addEOL?: boolean): SummaryWriter;
  addTable(rows: ({ data: string; header?: boolean } | string)[][]): SummaryWriter;
  addList(items: string[]): SummaryWriter;
  addCodeBlock(code: string, lang?: string): SummaryWriter;
  write(): Promise<unknown>;
}

export interface RunLink {
  url: string;
  label: string;
}

/**
 * Text for a summary cell or line (forSummary): markup escaped, so nothing in it, an answer's
 * text included, adds markup; the line breaks of the action's own messages become <br>.
 */
export function cell(text: string): string {
  return text
    .split('\n')
    .map((line) => forSummary(line, TEXT_LIMIT.message))
    .join('<br>');
}

/**
 * The toolkit an entry works with: every log line made safe (forLogLines: no line can start a
 * workflow command it did not mean), the job summary kept under GitHub's 1 MiB (BoundedSummary).
 */
export function safeToolkit(core: typeof ActionsCore): Toolkit {
  return {
    setSecret: core.setSecret,
    setOutput: core.setOutput,
    setFailed: (message) => core.setFailed(typeof message === 'string' ? forLogLines(message) : message),
    info: (message) => core.info(forLogLines(message)),
    debug: (message) => core.debug(forLogLines(message)),
    warning: (message, properties) => core.warning(typeof message === 'string' ? forLogLines(message) : message, properties),
    startGroup: (name) => core.startGroup(forLog(name, TEXT_LIMIT.message)),
    endGroup: core.endGroup,
    summary: new BoundedSummary(core.summary),
  };
}

type Cell = { data: string; header?: boolean } | string;

/** GitHub's limit is in bytes: a character may take up to four. */
const bytes = (text: string): number => Buffer.byteLength(text);

/**
 * A job summary that stays under TEXT_LIMIT.summary: blocks are added while they fit, a table
 * keeps the rows that fit and says how many were left out, and the end says what was cut.
 */
export class BoundedSummary implements SummaryWriter {
  readonly #inner: SummaryWriter;
  readonly #limit: number;
  #used = 0;
  #cut = 0;

  constructor(inner: SummaryWriter, limit: number = TEXT_LIMIT.summary) {
    this.#inner = inner;
    // Room kept for the notes this writer adds itself.
    this.#limit = limit - 1024;
  }

  #fits(size: number): boolean {
    if (this.#used + size > this.#limit) return false;
    this.#used += size;
    return true;
  }

  #add(size: number, add: () => void): this {
    if (this.#fits(size)) add();
    else this.#cut++;
    return this;
  }

  addHeading(text: string, level?: number): this {
    return this.#add(bytes(text) + 16, () => this.#inner.addHeading(text, level));
  }

  addRaw(text: string, addEOL?: boolean): this {
    return this.#add(bytes(text) + 1, () => this.#inner.addRaw(text, addEOL));
  }

  addList(items: string[]): this {
    return this.#add(
      items.reduce((sum, item) => sum + bytes(item) + 9, 9),
      () => this.#inner.addList(items),
    );
  }

  addCodeBlock(code: string, lang?: string): this {
    return this.#add(bytes(code) + 40, () => this.#inner.addCodeBlock(code, lang));
  }

  addTable(rows: Cell[][]): this {
    const size = (row: Cell[]): number => row.reduce((sum, c) => sum + bytes(typeof c === 'string' ? c : c.data) + 9, 9);
    const kept: Cell[][] = [];
    for (const row of rows) {
      if (!this.#fits(size(row))) break;
      kept.push(row);
    }
    const left = rows.length - kept.length;
    if (left) kept.push([`… ${countOf(left, 'more row')} not shown: the summary must stay under 1 MiB. The log lists every row.`]);
    if (kept.length) this.#inner.addTable(kept);
    return this;
  }

  async write(): Promise<unknown> {
    if (this.#cut)
      this.#inner.addRaw(
        `<p><em>${this.#cut === 1 ? '1 more part of this summary was' : `${this.#cut} more parts of this summary were`} left out: it must stay under 1 MiB. The log has everything.</em></p>`,
        true,
      );
    return this.#inner.write();
  }
}

/**
 * Writes outputs as they change during the run (a value is written again only when it differs
 * from the last one written), and every one of them once at the end. Each output is bounded
 * (TEXT_LIMIT.output): a JSON list keeps the items that fit, other text is cut, and either is said.
 */
export class OutputWriter {
  readonly #setOutput: (name: string, value: string) => void;
  readonly #warn: (message: string) => void;
  readonly #written = new Map<string, string>();
  readonly #said = new Set<string>();

  constructor(setOutput: (name: string, value: string) => void, warn: (message: string) => void = () => {}) {
    this.#setOutput = setOutput;
    this.#warn = warn;
  }

  write(outputs: Record<string, string>, { final = false } = {}): void {
    for (const [name, raw] of Object.entries(outputs)) {
      const { value, cutNote } = boundOutput(raw, TEXT_LIMIT.output);
      if (cutNote && !this.#said.has(name)) {
        this.#said.add(name);
        this.#warn(`The output ${name} was cut: ${cutNote}.`);
      }
      if (!final && this.#written.get(name) === value) continue;
      this.#written.set(name, value);
      this.#setOutput(name, value);
    }
  }
}

/** A JSON list keeps the items that fit (still valid JSON); other text is cut with a marker. */
export function boundOutput(raw: string, limit: number): { value: string; cutNote?: string } {
  // One line, no control characters (a JSON text stays valid: JSON.stringify escaped the rest).
  const value = forOutput(raw, Number.MAX_SAFE_INTEGER);
  if (value.length <= limit) return { value };
  const items = jsonList(value);
  if (items) {
    const kept: string[] = [];
    let size = 2;
    for (const item of items) {
      const text = JSON.stringify(item);
      if (size + text.length + 1 > limit) break;
      kept.push(text);
      size += text.length + 1;
    }
    return { value: `[${kept.join(',')}]`, cutNote: `it lists the first ${kept.length} of ${items.length} items, as more would pass ${limit} characters` };
  }
  return { value: forOutput(value, limit), cutNote: `${value.length} characters, more than ${limit}` };
}

function jsonList(value: string): unknown[] | undefined {
  if (!value.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The workflow run, for the summary; only when the runner's context is there. */
async function workflowRunLink(): Promise<RunLink | undefined> {
  if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_RUN_ID) return undefined;
  const { context } = await import('@actions/github');
  const { owner, repo } = context.repo;
  return { url: `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`, label: `${context.workflow} #${context.runNumber}` };
}

/** Status for the `status` output when the run failed before the records said more. */
function failureStatus(error: unknown): string {
  if (error === undefined) return '';
  if (error instanceof JobFailedError) return error.status;
  if (error instanceof DeadlineError) return 'TIMEOUT';
  if (error instanceof CancelledError) return 'CANCELLED';
  return 'ERROR';
}

/** What an action reports at its end, in terms of the final status, time taken and error. */
export interface RunEnd {
  failure: unknown;
  /** The last record's status, if any record exists. */
  lastStatus: string | undefined;
  startedAt: number;
  /** This action's own words for a failure (a refusal, advice on its inputs); messageOf otherwise. */
  failureText?: (failure: unknown) => string | undefined;
  /** What to do when the timeout ran out while waiting, in terms of this action's inputs. */
  timeoutAdvice?: string;
  outputs: (status: string, durationMs: number) => Record<string, string>;
  summary: (fields: { status: string; durationMs: number; error: string | undefined; run: RunLink | undefined }) => SummaryWriter;
  /** The last log line of a run that succeeded. */
  done: (durationMs: number) => string;
  /** After a timeout or cancellation: how to follow what still runs in Zilliz Cloud. */
  stillRunning: () => string | undefined;
}

function failureText(end: RunEnd): string {
  const own = end.failureText?.(end.failure);
  if (own !== undefined) return own;
  const advice = end.failure instanceof DeadlineError && end.failure.waitingFor !== undefined && end.timeoutAdvice ? ` ${end.timeoutAdvice}` : '';
  return messageOf(end.failure) + advice;
}

/**
 * The end of any run, success or not: every output known, the job summary, and for a timeout
 * or cancellation how to follow the job that is still running; then the step's verdict.
 * A timeout or cancellation reports the last status seen (the job still runs); other failures
 * say what went wrong.
 */
export async function reportRunEnd(core: Toolkit, outputs: OutputWriter, end: RunEnd): Promise<void> {
  const interrupted = end.failure instanceof InterruptedError;
  const status = end.lastStatus !== undefined && (end.failure === undefined || interrupted) ? end.lastStatus : failureStatus(end.failure);
  const durationMs = Date.now() - end.startedAt;
  outputs.write(end.outputs(status, durationMs), { final: true });
  const error = end.failure === undefined ? undefined : failureText(end);
  try {
    await end.summary({ status, durationMs, error, run: await workflowRunLink() }).write();
  } catch (summaryError) {
    // A missing GITHUB_STEP_SUMMARY (local runs) must not turn a good backup into a failure.
    core.debug(`Job summary not written: ${messageOf(summaryError)}`);
  }
  if (end.failure === undefined) {
    core.info(end.done(durationMs));
    return;
  }
  const followUp = interrupted ? end.stillRunning() : undefined;
  if (followUp) core.info(followUp);
  core.setFailed(error ?? '');
}
