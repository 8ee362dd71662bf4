// The demo's job summary view: @actions/core's summary HTML rendered as terminal text.
import { summary } from '@actions/core';
import { afterEach, describe, expect, it } from 'vitest';
import { displayWidth, renderSummary } from '../../../scripts/lib/render-summary.ts';

afterEach(() => {
  summary.emptyBuffer();
});

describe('renderSummary', () => {
  it('renders headings as underlined lines and a list as bullets, with no tags left', () => {
    const html = summary
      .addHeading('Backup: AVAILABLE', 2)
      .addList(['Cluster: <code>in01-0123</code>', 'Time taken: <strong>7s</strong>'])
      .addHeading('How to restore', 3)
      .stringify();
    expect(renderSummary(html)).toBe(
      ['Backup: AVAILABLE', '═════════════════', '', '  • Cluster: in01-0123', '  • Time taken: 7s', '', 'How to restore', '──────────────', ''].join('\n'),
    );
  });

  it('aligns the columns of a table to the widest cell, header underlined', () => {
    const html = summary
      .addTable([
        [
          { data: 'Database', header: true },
          { data: 'Backup ID', header: true },
          { data: 'Status', header: true },
        ],
        ['default', '<code>backup3_ca4d</code>', 'AVAILABLE'],
        ['analytics', '<code>b4</code>', 'CREATING'],
      ])
      .stringify();
    expect(renderSummary(html)).toBe(
      [
        'Database   Backup ID     Status',
        '─────────  ────────────  ─────────',
        'default    backup3_ca4d  AVAILABLE',
        'analytics  b4            CREATING',
        '',
      ].join('\n'),
    );
  });

  it('counts an emoji as two columns when aligning', () => {
    expect(displayWidth('✅ ok')).toBe(5);
    const html = summary
      .addTable([
        ['✅', 'a'],
        ['no', 'b'],
      ])
      .stringify();
    expect(renderSummary(html)).toBe('✅  a\nno  b\n');
  });

  it('keeps a code block verbatim and indented, with entities decoded and unknown tags as text', () => {
    const html = summary.addCodeBlock('curl -d \'{"name":"<project>"}\' \\\n  -H "A: &amp; b"', 'sh').stringify();
    expect(renderSummary(html)).toBe('    curl -d \'{"name":"<project>"}\' \\\n      -H "A: & b"\n');
  });

  it('renders a paragraph with a link as its text and address, emphasis as plain text, &lt; decoded', () => {
    const html = summary.addRaw('<p>Run <a href="https://example.test/run/1">#1</a>: <em>Backups</em> &lt;3 &#124; ok</p>', true).stringify();
    expect(renderSummary(html)).toBe('Run #1 (https://example.test/run/1): Backups <3 | ok\n');
  });

  it('separates blocks by one blank line and collapses the white space of inline text', () => {
    expect(renderSummary('<p>one\n   two</p><p>three</p>')).toBe('one two\n\nthree\n');
    expect(renderSummary('')).toBe('');
  });
});
