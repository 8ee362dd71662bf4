// Text that came from outside (API answers, proxies) made safe for where it is written: the log,
// the job summary, an output. Redaction of the key comes first, then these, then any cut.

/** How long a value may be where it is written (characters, the cut marker included). */
export const TEXT_LIMIT = {
  /** A name or an id as a person reads it. */
  name: 256,
  /** An error message or a reason. */
  message: 2000,
  /** One output. */
  output: 64 * 1024,
  /** The whole job summary: GitHub refuses more than 1 MiB. */
  summary: 1024 * 1024 - 16 * 1024,
} as const;

/** A piece of the key this long is as secret as the key: no such piece survives redaction. */
export const SECRET_PIECE = 12;

const REDACTED = '***';

/** ANSI escapes: CSI (ESC [ or 0x9b), OSC (ESC ] … BEL or ESC \) and two-character ESC sequences. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]/g;

/** Every kind of line break (the runner splits on \r alone too). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_BREAK = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;

/** Other control characters, bidi overrides and lone surrogates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** How a line break reads once it is on one line. */
const LINE_MARK = '⏎';
/** How any other control character reads. */
const CONTROL_MARK = '\ufffd';

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * `text` with the secret, and every piece of it of SECRET_PIECE characters or more, replaced by
 * `***`; likewise for the secret as a URL carries it (percent-encoded), since a redirect's
 * `Location` or an echoed query may hold it so. ANSI escapes are removed first, so that none can
 * split a piece. Redact before any cut: a cut can leave part of the key that no longer matches it whole.
 */
export function redact(text: string, secret: string): string {
  let result = stripAnsi(text);
  if (secret === '') return result;
  const windows = new Set<string>();
  for (const form of new Set([secret, encodeURIComponent(secret), encodeURI(secret)])) {
    const piece = Math.min(SECRET_PIECE, form.length);
    for (let i = 0; i + piece <= form.length; i++) windows.add(form.slice(i, i + piece));
  }
  // Replacing can join what is left into a new piece only if the key itself holds `***`: a few passes settle it.
  for (let pass = 0; pass < 4; pass++) {
    const hidden = new Uint8Array(result.length);
    let found = false;
    for (const window of windows) {
      for (let at = result.indexOf(window); at !== -1; at = result.indexOf(window, at + 1)) {
        hidden.fill(1, at, at + window.length);
        found = true;
      }
    }
    if (!found) return result;
    let out = '';
    for (let i = 0; i < result.length; i++) {
      if (!hidden[i]) out += result.charAt(i);
      else if (!hidden[i - 1]) out += REDACTED;
    }
    result = out;
  }
  return REDACTED;
}

/** Room kept for the cut marker: `…[cut ` + up to 16 digits + ` characters]`. */
const CUT_MARK_ROOM = 40;

/**
 * At most `max` characters (`max` ≥ 40): longer text is cut and the cut is said (`…[cut 1234 characters]`).
 * Never splits a surrogate pair.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - CUT_MARK_ROOM);
  let keep = text.slice(0, room);
  if (/[\ud800-\udbff]$/.test(keep)) keep = keep.slice(0, -1);
  return `${keep}…[cut ${text.length - keep.length} characters]`;
}

/** One line, no control characters, no ANSI escapes. */
function oneLine(text: string): string {
  return stripAnsi(text).replace(LINE_BREAK, LINE_MARK).replace(/\t/g, ' ').replace(CONTROL, CONTROL_MARK);
}

/** A line the runner would read as a workflow command (`::error::…`). */
const COMMAND_START = /^\s*::/u;

/** The runner also reads a legacy command (`##[error]…`) anywhere in a line, not only at its start. */
const LEGACY_COMMAND = /##\[/g;

/**
 * Text for a log line: one line whatever it held, so it cannot start a workflow command of its
 * own, ANSI escapes removed, other control characters replaced, cut to `max`. Text that would
 * itself start a command (`::…`) is prefixed with `·`; a legacy `##[` anywhere reads `#·#[`.
 */
export function forLog(text: string, max: number = TEXT_LIMIT.name): string {
  const line = cut(oneLine(text).replace(LEGACY_COMMAND, '#·#['), max);
  return COMMAND_START.test(line) ? `·${line}` : line;
}

/**
 * A log message of the action's own: its lines kept (split on \n), each made as forLog makes a
 * line but not cut (the values in it were cut when they were read).
 */
export function forLogLines(message: string): string {
  return message
    .split('\n')
    .map((line) => forLog(line, Number.MAX_SAFE_INTEGER))
    .join('\n');
}

/**
 * Text from an answer as the action keeps it (names, statuses, reasons, messages): one line, no
 * control characters or ANSI escapes, cut to `max`. The key was redacted before (zilliz/envelope.ts).
 */
export function answerText(text: string, max: number = TEXT_LIMIT.name): string {
  return cut(oneLine(text), max);
}

/** Text for an output: one line (later steps read it in scripts), no control characters, bounded. */
export function forOutput(text: string, max: number = TEXT_LIMIT.output): string {
  return answerText(text, max);
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '|': '&#124;', '`': '&#96;', '[': '&#91;', ']': '&#93;', '\\': '&#92;' };

/** A markdown block marker where a line starts: heading, quote, list, rule, fence, setext. */
const LEADING_MARKER = /^([#>+\-*=_~]|\d+(?=[.)]))/;

/**
 * Text for the job summary (inside a table cell, a list item, a paragraph or `<code>`): one line,
 * `&`, `<`, `>`, `|`, backticks, brackets and backslashes as HTML entities, and a line-leading
 * markdown marker escaped, so ids and names read as they are but none can add markup. Cut to `max`.
 */
export function forSummary(text: string, max: number = TEXT_LIMIT.name): string {
  const line = cut(oneLine(text), max).replace(/[&<>|`[\]\\]/g, (c) => HTML[c] ?? c);
  // Leading white space would indent a code block; a leading marker would start a block.
  const start = line.length - line.trimStart().length;
  const rest = line.slice(start).replace(LEADING_MARKER, (marker: string) => `&#${marker.codePointAt(0)};${marker.slice(1)}`);
  return '&#32;'.repeat(start) + rest;
}

/** Text for a `<pre>` code block of the summary: line breaks kept, HTML escaped, controls replaced. */
export function forSummaryBlock(text: string, max: number = TEXT_LIMIT.message): string {
  const lines = cut(stripAnsi(text), max)
    .split(LINE_BREAK)
    .map((l) => l.replace(/\t/g, ' ').replace(CONTROL, CONTROL_MARK));
  return lines.join('\n').replace(/[&<>]/g, (c) => HTML[c] ?? c);
}
