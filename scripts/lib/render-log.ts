// Shows a step's log as a person sees it on GitHub, not as the runner receives it: workflow
// commands (`::group::`, `::warning::`, …) are interpreted, `::add-mask::` lines are consumed and
// their values replaced by *** everywhere, `::debug::` lines are hidden (as without debug logging).

const COMMAND = /^::([a-zA-Z-]+)(?: ([^:]*))?::(.*)$/;
const HIDDEN = new Set(['debug', 'set-output', 'save-state', 'echo', 'add-path', 'set-env', 'add-matcher', 'remove-matcher']);
const ANNOTATION: Record<string, string> = { error: 'Error', warning: 'Warning', notice: 'Notice' };

/** A command's message as @actions/core escapes it (%25, %0D, %0A). */
function unescapeData(text: string): string {
  return text.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/** Every value a log registers with `::add-mask::`, longest first (so no shorter one splits it). */
export function maskedValues(log: string): string[] {
  const values = new Set<string>();
  for (const line of log.split(/\r?\n/)) {
    const match = COMMAND.exec(line);
    if (match?.[1] === 'add-mask') {
      const value = unescapeData(match[3] ?? '').trim();
      if (value !== '') values.add(value);
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** `text` with every masked value replaced by ***, as the runner does. */
export function applyMasks(text: string, masks: readonly string[]): string {
  return masks.reduce((out, value) => out.split(value).join('***'), text);
}

/**
 * The log as GitHub shows it, line by line as it comes: a `::group::` becomes a header line
 * (▼ title) with the lines of the group indented under it, annotations become "Error: …" /
 * "Warning: …" / "Notice: …". A value is masked from the `::add-mask::` line that registers it
 * on, as the runner does (and as the action does it first, before anything it prints).
 */
export class LogRenderer {
  private readonly masks: string[];
  private indent = '';
  /** The unfinished last line of each stream (stdout and stderr come in separately). */
  private readonly partial = new Map<string, string>();

  constructor(masks: readonly string[] = []) {
    this.masks = [...masks];
  }

  /** Every value masked so far, longest first. */
  get maskedValues(): readonly string[] {
    return this.masks;
  }

  /** The lines `chunk` completes, as shown (each ending in a newline); a partial line waits for the rest. */
  write(chunk: string, stream = 'stdout'): string {
    const lines = ((this.partial.get(stream) ?? '') + chunk).replace(/\r\n/g, '\n').split('\n');
    this.partial.set(stream, lines.pop() ?? '');
    return lines.map((line) => this.line(line)).join('');
  }

  /** Whatever partial lines are left at the end of the streams. */
  end(): string {
    const rest = [...this.partial.values()].filter((line) => line !== '').map((line) => this.line(line));
    this.partial.clear();
    return rest.join('');
  }

  private line(line: string): string {
    const match = COMMAND.exec(line);
    if (!match) return this.show(this.indent + line);
    const [, name = '', , data = ''] = match;
    const message = unescapeData(data);
    if (name === 'add-mask') {
      const value = message.trim();
      if (value !== '' && !this.masks.includes(value)) this.masks.push(value);
      this.masks.sort((a, b) => b.length - a.length);
      return '';
    }
    if (HIDDEN.has(name)) return '';
    if (name === 'group') {
      this.indent = '  ';
      return this.show(`▼ ${message}`);
    }
    if (name === 'endgroup') {
      this.indent = '';
      return '';
    }
    const label = ANNOTATION[name];
    if (label)
      return message
        .split('\n')
        .map((part, i) => this.show(this.indent + (i === 0 ? `${label}: ${part}` : part)))
        .join('');
    return this.show(this.indent + line); // not a command the runner knows: shown as it is
  }

  private show(text: string): string {
    return `${applyMasks(text, this.masks)}\n`;
  }
}

/**
 * The whole log at once, as LogRenderer shows it; `masks` are applied to every line (pass the
 * values of the whole run, see maskedValues).
 */
export function renderLog(log: string, masks: readonly string[] = maskedValues(log)): string {
  if (log === '') return '';
  const renderer = new LogRenderer(masks);
  return renderer.write(log.replace(/\n$/, '') + '\n') + renderer.end();
}
