import * as core from '@actions/core';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { BoundedSummary, OutputWriter, boundOutput, cell, safeToolkit, type SummaryWriter } from '../../../src/report/common.ts';
import { TEXT_LIMIT } from '../../../src/text.ts';

/** A SummaryWriter that keeps what it is given as text, as core.summary does. */
function textSummary(): SummaryWriter & { text: string } {
  const writer = {
    text: '',
    addHeading: (text: string) => ((writer.text += `<h2>${text}</h2>\n`), writer),
    addRaw: (text: string) => ((writer.text += text), writer),
    addTable: (rows: ({ data: string } | string)[][]) => (
      (writer.text += `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${typeof c === 'string' ? c : c.data}</td>`).join('')}</tr>`).join('')}</table>\n`),
      writer
    ),
    addList: (items: string[]) => ((writer.text += `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>\n`), writer),
    addCodeBlock: (code: string) => ((writer.text += `<pre><code>${code}</code></pre>\n`), writer),
    write: async () => undefined,
  };
  return writer;
}

describe('the job summary stays under 1 MiB and says what it left out', () => {
  it('keeps the rows of a huge table that fit, and says how many it left out', async () => {
    const inner = textSummary();
    const summary = new BoundedSummary(inner);
    const name = cell('<'.repeat(TEXT_LIMIT.name));
    summary.addHeading('Prune');
    summary.addTable(Array.from({ length: 10_000 }, (_, i) => [`backup${i}_x`, name, 'AVAILABLE']));
    summary.addRaw(`<p>${'x'.repeat(10_000)}</p>`);
    await summary.write();
    expect(inner.text.length).toBeLessThan(1024 * 1024);
    expect(inner.text).toMatch(/… \d+ more rows not shown: the summary must stay under 1 MiB/);
    expect(inner.text).toContain('1 more part of this summary was left out');
  });

  it('says "1 more row" and "2 more parts" with the right number', async () => {
    const inner = textSummary();
    const summary = new BoundedSummary(inner, 4000);
    summary.addTable([['x'.repeat(1000)], ['y'.repeat(1000)], ['z'.repeat(2000)]]);
    summary.addRaw('a'.repeat(3000)).addRaw('b'.repeat(3000));
    await summary.write();
    expect(inner.text).toContain('… 1 more row not shown');
    expect(inner.text).toContain('2 more parts of this summary were left out');
  });

  it('counts bytes, not characters: a table of 3-byte characters stays under 1 MiB too', async () => {
    const inner = textSummary();
    await new BoundedSummary(inner).addTable(Array.from({ length: 10_000 }, () => ['⏎'.repeat(200)])).write();
    expect(Buffer.byteLength(inner.text)).toBeLessThan(1024 * 1024);
  });

  it('passes a summary that fits as it is', async () => {
    const inner = textSummary();
    await new BoundedSummary(inner).addHeading('h').addList(['a', 'b']).addRaw('<p>x</p>').write();
    expect(inner.text).toBe('<h2>h</h2>\n<ul><li>a</li><li>b</li></ul>\n<p>x</p>');
  });
});

describe('cell', () => {
  it('escapes answer text and keeps the lines of our own messages apart', () => {
    expect(cell('a <img src=x>\n# b')).toBe('a &lt;img src=x&gt;<br>&#35; b');
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 300 })])('never gives a raw < other than its own <br>', (text) => {
    expect(cell(text).replace(/<br>/g, '')).not.toContain('<');
  });
});

describe('every output is bounded and says so when cut', () => {
  it('a JSON list keeps the items that fit and stays valid JSON', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ backupId: `backup${i}_x`, backupName: 'n'.repeat(200) }));
    const { value, cutNote } = boundOutput(JSON.stringify(items), TEXT_LIMIT.output);
    expect(value.length).toBeLessThanOrEqual(TEXT_LIMIT.output);
    const kept = JSON.parse(value) as unknown[];
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(items.length);
    expect(cutNote).toContain(`first ${kept.length} of 5000`);
  });

  it('other text is cut with a marker; every output is one line', () => {
    expect(boundOutput('x'.repeat(TEXT_LIMIT.output + 10), TEXT_LIMIT.output).value).toMatch(/…\[cut \d+ characters\]$/);
    expect(boundOutput('a\nb\r::error::c', 100).value).toBe('a⏎b⏎::error::c');
  });

  it('OutputWriter warns once per cut output', () => {
    const warnings: string[] = [];
    const writer = new OutputWriter(
      () => {},
      (m) => warnings.push(m),
    );
    writer.write({ 'backup-name': 'n'.repeat(TEXT_LIMIT.output * 2) });
    writer.write({ 'backup-name': 'm'.repeat(TEXT_LIMIT.output * 2) }, { final: true });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('The output backup-name was cut');
  });
});

describe('safeToolkit', () => {
  it('lets no logged line start a workflow command', () => {
    const lines: string[] = [];
    safeToolkit({ ...core, info: (m: string) => void lines.push(m) }).info('Created backup x (name\n::error::pwned\r::stop-commands::tok)');
    for (const line of lines.join('\n').split(/\r\n|\r|\n/)) expect(line).not.toMatch(/^\s*::/);
  });
});
