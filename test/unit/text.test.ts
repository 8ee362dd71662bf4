import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { SECRET_PIECE, TEXT_LIMIT, cut, forLog, forLogLines, forOutput, forSummary, forSummaryBlock, redact } from '../../src/text.ts';

/** Pieces a hostile answer is made of: every line break, workflow commands, ANSI, markup, surrogates. */
const HOSTILE = [
  '\n',
  '\r',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u000b',
  '\u000c',
  '\t',
  '\u0000',
  '\u001b',
  '\u009b',
  '\u202e',
  '::',
  '::error::x',
  '::stop-commands::tok',
  '##[error]',
  '##[',
  ' ',
  '    ',
  '\u001b[31m',
  '\u001b]8;;https://x\u0007',
  '\u001b[2J',
  '\u009b1m',
  '<',
  '>',
  '&',
  '|',
  '`',
  '```',
  '~~~',
  '#',
  '# heading',
  '>',
  '-',
  '+',
  '*',
  '=',
  '_',
  '1.',
  '2)',
  '[x](https://e)',
  '![i](https://e)',
  '\\',
  '<img src=x onerror=alert(1)>',
  '</code>',
  '</pre>',
  '\ud800',
  '\udc00',
  '😀',
  'é',
  'backup1_ab',
];
const hostile = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 20 })), { maxLength: 40 }).map((parts) => parts.join(''));
const max = fc.integer({ min: 40, max: 400 });

/** The lines a reader of `text` sees: the runner splits on \n and \r. */
const lines = (text: string): string[] => text.split(/\r\n|\r|\n/);
const COMMAND = /^\s*(?:::|##\[)/;
/** The runner reads a legacy command (`##[error]…`) anywhere in a line, not only at its start. */
const LEGACY_COMMAND = /##\[/;

describe('forLog', () => {
  it('keeps plain ids and names as they are', () => {
    expect(forLog('backup11_0123abcd')).toBe('backup11_0123abcd');
    expect(forLog('Dedicated-01 backup 3')).toBe('Dedicated-01 backup 3');
  });

  it.each(['\n::error::x', '\r::error::x', 'a\u2028::error::x', '\u0085::stop-commands::tok', '::error::x', '  ::warning::x', '##[error]x'])(
    'makes %j one harmless line',
    (text) => {
      const line = forLog(text);
      expect(lines(line)).toHaveLength(1);
      expect(line).not.toMatch(COMMAND);
      expect(line).not.toMatch(/[\u2028\u2029\u0085]/);
    },
  );

  it.each(['backup ##[error]x', 'a\u0085##[stop-commands]tok', '###[warning]x', '#\n#[error]x'])('leaves no legacy command anywhere in %j', (text) => {
    expect(forLog(text)).not.toMatch(LEGACY_COMMAND);
    expect(forLogLines(`Backup ${text} is AVAILABLE.`)).not.toMatch(LEGACY_COMMAND);
  });

  it('removes ANSI escapes and cuts long text, saying so', () => {
    expect(forLog('\u001b[31mred\u001b[0m')).toBe('red');
    const long = forLog('n'.repeat(10_000), 256);
    expect(long.length).toBeLessThanOrEqual(256);
    expect(long).toMatch(/…\[cut \d+ characters\]$/);
  });

  test.prop([hostile, max])('never yields a line break, a control character, an ANSI escape or a command start, and stays within max', (text, limit) => {
    const line = forLog(text, limit);
    expect(lines(line)).toHaveLength(1);
    // eslint-disable-next-line no-control-regex -- control characters are what is checked
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(line).not.toMatch(COMMAND);
    expect(line).not.toMatch(LEGACY_COMMAND);
    expect(line.length).toBeLessThanOrEqual(limit + 1);
    // Whatever a caller puts after it, on the same line, starts no command either.
    expect(`prefix ${line}`).not.toMatch(/[\r\n]/);
  });
});

describe('forOutput', () => {
  test.prop([hostile, max])('one line, no control character, within max', (text, limit) => {
    const value = forOutput(text, limit);
    expect(lines(value)).toHaveLength(1);
    // eslint-disable-next-line no-control-regex -- control characters are what is checked
    expect(value).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(value.length).toBeLessThanOrEqual(limit);
  });
});

describe('forSummary', () => {
  it('keeps ids and names readable and escapes only markup', () => {
    expect(forSummary('backup11_0123abcd')).toBe('backup11_0123abcd');
    expect(forSummary('a<img src=x>|b`c')).toBe('a&lt;img src=x&gt;&#124;b&#96;c');
    expect(forSummary('# heading')).toBe('&#35; heading');
    expect(forSummary('1. item')).toBe('&#49;. item');
    expect(forSummary('x\n\n# heading')).toBe('x⏎⏎# heading');
  });

  test.prop([hostile, max])('no raw <, no line break, no line-leading markdown block, within a bounded size', (text, limit) => {
    const html = forSummary(text, limit);
    expect(html).not.toMatch(/[<>`|\r\n\u2028\u2029\u0085]/);
    expect(html).not.toMatch(/^\s*([#>+\-*=_~]|\d+[.)])/);
    // Entities are at most 6 characters for each character kept.
    expect(html.length).toBeLessThanOrEqual(limit * 6);
  });
});

describe('forSummaryBlock', () => {
  test.prop([hostile])('keeps its own lines but lets no tag open or close', (text) => {
    const block = forSummaryBlock(`curl ${text}\nnext`);
    expect(block).not.toMatch(/[<>]/);
    // eslint-disable-next-line no-control-regex -- control characters are what is checked
    expect(block).not.toMatch(/[\r\u2028\u2029\u0085\u001b]/);
    expect(block.endsWith('\nnext')).toBe(true);
  });
});

describe('cut', () => {
  test.prop([fc.string({ unit: 'binary', maxLength: 600 }), max])('keeps short text and marks every cut', (text, limit) => {
    const result = cut(text, limit);
    if (text.length <= limit) expect(result).toBe(text);
    else {
      expect(result.length).toBeLessThanOrEqual(limit);
      expect(result).toMatch(/…\[cut \d+ characters\]$/);
      expect(text.startsWith(result.slice(0, result.indexOf('…[cut ')))).toBe(true);
    }
  });
});

describe('redact', () => {
  /** Printable ASCII without spaces, as api-key allows. */
  const key = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 20, maxLength: 120 });

  /** Every piece of the key a text must never show. */
  const pieces = (secret: string): string[] => Array.from({ length: secret.length - SECRET_PIECE + 1 }, (_, i) => secret.slice(i, i + SECRET_PIECE));

  it('hides the key whole and in pieces, and leaves other text', () => {
    const secret = 'zilliz-key-0123456789abcdef';
    expect(redact(`Bearer ${secret} and ${secret.slice(3, 20)}!`, secret)).toBe('Bearer *** and ***!');
    expect(redact('nothing secret', secret)).toBe('nothing secret');
    expect(redact(`${secret.slice(0, 10)}\u001b[0m${secret.slice(10)}`, secret)).toBe('***');
  });

  it('hides the key as a URL carries it (percent-encoded), whole and in pieces', () => {
    const secret = 'ab+cd/ef==gh ij+kl/mn?op&qr';
    const encoded = encodeURIComponent(secret);
    expect(redact(`Location: https://evil.example/?k=${encoded}`, secret)).toBe('Location: https://evil.example/?k=***');
    expect(redact(`…${encoded.slice(5, 30)}…`, secret)).toBe('…***…');
    expect(redact(`path ${encodeURI(secret)}`, secret)).toBe('path ***');
  });

  test.prop([
    key,
    fc.array(
      fc.oneof(
        hostile,
        fc.constant('KEY'),
        fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `PIECE:${a}:${b}`),
      ),
      { maxLength: 12 },
    ),
    max,
  ])('no 12-character piece of the key survives redaction and any cut after it', (secret, parts, limit) => {
    const text = parts
      .map((part) => {
        if (part === 'KEY') return secret;
        const m = /^PIECE:(\d+):(\d+)$/.exec(part);
        if (!m) return part;
        const start = Number(m[1]) % secret.length;
        return secret.slice(start, start + SECRET_PIECE + (Number(m[2]) % secret.length));
      })
      .join('');
    const clean = redact(text, secret);
    for (const shown of [clean, forLog(clean, limit), forOutput(clean, limit), forSummary(clean, limit), forSummaryBlock(clean, limit), cut(clean, limit)]) {
      for (const piece of pieces(secret)) expect(shown).not.toContain(piece);
    }
  });

  it('handles answers far larger than any real one', () => {
    const secret = 'k'.repeat(100);
    expect(redact(`${'x'.repeat(TEXT_LIMIT.summary)}${secret}`, secret).endsWith('x***')).toBe(true);
  });
});
