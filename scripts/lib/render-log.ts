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
 * The log as GitHub shows it: a `::group::` becomes a header line (▼ title) with the lines of the
 * group indented under it, annotations become "Error: …" / "Warning: …" / "Notice: …".
 * `masks` are applied to every line (pass the values of the whole run, see maskedValues).
 */
export function renderLog(log: string, masks: readonly string[] = maskedValues(log)): string {
  const out: string[] = [];
  let indent = '';
  const lines = log.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return '';
  for (const line of lines) {
    const match = COMMAND.exec(line);
    if (!match) {
      out.push(indent + line);
      continue;
    }
    const [, name = '', , data = ''] = match;
    const message = unescapeData(data);
    if (name === 'add-mask' || HIDDEN.has(name)) continue;
    if (name === 'group') {
      out.push(`▼ ${message}`);
      indent = '  ';
    } else if (name === 'endgroup') {
      indent = '';
    } else if (ANNOTATION[name]) {
      for (const [i, part] of message.split('\n').entries()) out.push(indent + (i === 0 ? `${ANNOTATION[name]}: ${part}` : part));
    } else {
      out.push(indent + line); // not a command the runner knows: shown as it is
    }
  }
  return `${applyMasks(out.join('\n'), masks)}\n`;
}
