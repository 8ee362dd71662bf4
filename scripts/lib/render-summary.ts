// Renders the HTML a job summary is written in (what @actions/core's summary produces: headings,
// lists, tables, paragraphs, code, pre, links, emphasis) as plain text for a terminal, with
// tables aligned. Tags it does not know stay as text, as in `<project>` inside a code block.

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const KNOWN = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'div',
  'span',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'pre',
  'code',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'br',
  'hr',
  'details',
  'summary',
  'blockquote',
]);
const VOID = new Set(['br', 'hr']);
const INLINE = new Set(['span', 'code', 'a', 'em', 'strong', 'b', 'i', 'br']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function parse(html: string): Element {
  const root: Element = { tag: 'root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  const top = (): Element => stack[stack.length - 1] ?? root;
  let at = 0;
  for (const match of html.matchAll(TAG)) {
    const [whole, closing, rawTag = '', rawAttrs = ''] = match;
    const tag = rawTag.toLowerCase();
    if (!KNOWN.has(tag)) continue; // not a tag we render: left in the text
    if (match.index > at) top().children.push(html.slice(at, match.index));
    at = match.index + whole.length;
    if (closing) {
      const open = stack.map((e) => e.tag).lastIndexOf(tag);
      if (open > 0) stack.length = open;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, name = '', double, single, bare] of rawAttrs.matchAll(ATTR)) attrs[name.toLowerCase()] = decodeEntities(double ?? single ?? bare ?? '');
    const element: Element = { tag, attrs, children: [] };
    top().children.push(element);
    if (!VOID.has(tag)) stack.push(element);
  }
  if (at < html.length) top().children.push(html.slice(at));
  return root;
}

/** Columns a string takes in a terminal: emoji count two, joiners and variation selectors none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/\p{Mark}|\u200d/u.test(char)) continue; // joiners, variation selectors, accents
    width += /\p{Extended_Pictographic}/u.test(char) && (char.codePointAt(0) ?? 0) > 0x2000 ? 2 : 1;
  }
  return width;
}

function rawText(node: Node): string {
  return typeof node === 'string' ? decodeEntities(node) : node.children.map(rawText).join('');
}

/** The text of inline content, white space collapsed as a browser does; `<br>` breaks the line. */
function inlineText(nodes: Node[]): string {
  const text = nodes
    .map((node): string => {
      if (typeof node === 'string') return decodeEntities(node.replace(/\s+/g, ' '));
      if (node.tag === 'br') return '\n';
      const inner = inlineText(node.children);
      const href = node.attrs.href;
      if (node.tag === 'a' && href && href !== inner) return `${inner} (${href})`;
      return inner;
    })
    .join('');
  return text
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n');
}

function underline(text: string, char: string): string[] {
  return [text, char.repeat(displayWidth(text))];
}

function renderTable(table: Element): string[] {
  const rows: { cells: string[]; header: boolean }[] = [];
  const collect = (element: Element): void => {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if (child.tag === 'tr') {
        const cells = child.children.filter((c): c is Element => typeof c !== 'string' && (c.tag === 'th' || c.tag === 'td'));
        rows.push({ cells: cells.map((c) => inlineText(c.children).replace(/\n/g, ' ')), header: cells.length > 0 && cells.every((c) => c.tag === 'th') });
      } else collect(child);
    }
  };
  collect(table);
  const columns = Math.max(0, ...rows.map((r) => r.cells.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(0, ...rows.map((r) => displayWidth(r.cells[i] ?? ''))));
  const line = (cells: string[]): string =>
    widths
      .map((width, i) => {
        const cell = cells[i] ?? '';
        return cell + ' '.repeat(width - displayWidth(cell));
      })
      .join('  ')
      .trimEnd();
  const lines: string[] = [];
  for (const [i, row] of rows.entries()) {
    lines.push(line(row.cells));
    if (row.header && !rows[i + 1]?.header) lines.push(widths.map((w) => '─'.repeat(w)).join('  '));
  }
  return lines;
}

function renderList(list: Element): string[] {
  const lines: string[] = [];
  let number = 1;
  for (const item of list.children) {
    if (typeof item === 'string' || item.tag !== 'li') continue;
    const marker = list.tag === 'ol' ? `${number++}. ` : '• ';
    const body = renderBlocks(item.children, false);
    for (const [i, text] of body.entries()) lines.push(text === '' ? '' : `${i === 0 ? marker : ' '.repeat(marker.length)}${text}`);
  }
  return lines.map((l) => (l === '' ? l : `  ${l}`));
}

function renderBlock(element: Element): string[] {
  switch (element.tag) {
    case 'h1':
    case 'h2':
      return underline(inlineText(element.children), '═');
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return underline(inlineText(element.children), '─');
    case 'ul':
    case 'ol':
      return renderList(element);
    case 'table':
      return renderTable(element);
    case 'pre':
      return rawText(element)
        .replace(/\r\n?/g, '\n')
        .replace(/^\n+|\n+$/g, '')
        .split('\n')
        .map((l) => `    ${l}`);
    case 'hr':
      return ['─'.repeat(40)];
    case 'summary':
      return [`▸ ${inlineText(element.children)}`];
    case 'blockquote':
      return renderBlocks(element.children, true).map((l) => `│ ${l}`);
    default: // p, div, details, li, td: their content as blocks
      return renderBlocks(element.children, true);
  }
}

/** Block content: runs of inline content become one paragraph; blocks are separated by a blank line when `spaced`. */
function renderBlocks(nodes: Node[], spaced: boolean): string[] {
  const blocks: string[][] = [];
  let inline: Node[] = [];
  const flush = (): void => {
    const text = inlineText(inline).trim();
    if (text !== '') blocks.push(text.split('\n'));
    inline = [];
  };
  for (const node of nodes) {
    if (typeof node === 'string' || INLINE.has(node.tag)) {
      inline.push(node);
      continue;
    }
    flush();
    const lines = renderBlock(node);
    if (lines.length > 0) blocks.push(lines);
  }
  flush();
  return blocks.flatMap((lines, i) => (spaced && i > 0 ? ['', ...lines] : lines));
}

/** The job summary's HTML as terminal text: one line per row or item, tables aligned, no tags. */
export function renderSummary(html: string): string {
  const lines = renderBlocks(parse(html).children, true);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
