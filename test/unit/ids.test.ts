import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { MAX_ID_LENGTH, isPlainId } from '../../src/ids.ts';

const PLAIN_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'.split('');

describe('isPlainId', () => {
  it.each(['in01-6183d6bac30f801', 'job-0123456789abcdefghijkl', 'backup11_0123abcd', 'Dedicated-01_backup3', 'a', 'x'.repeat(MAX_ID_LENGTH)])(
    'accepts the documented shape %s',
    (id) => expect(isPlainId(id)).toBe(true),
  );

  it.each(['', '.', '..', '%2e%2e', 'a/b', 'a b', 'a\nb', 'a\u0000', 'x'.repeat(MAX_ID_LENGTH + 1), 'bäckup', 'a?b', 'a#b', '\u2028'])('refuses %j', (id) =>
    expect(isPlainId(id)).toBe(false),
  );

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 1, {}, ['a']]) expect(isPlainId(value)).toBe(false);
  });

  test.prop([fc.string({ unit: fc.constantFrom(...PLAIN_CHARS), minLength: 1, maxLength: MAX_ID_LENGTH })])(
    'accepts every string of letters, digits, _ and - up to 128',
    (id) => {
      expect(isPlainId(id)).toBe(true);
    },
  );

  test.prop([fc.string({ unit: 'binary', maxLength: 300 })])(
    'accepts a string exactly when it is 1–128 plain characters, and then it is its own URL segment',
    (value) => {
      const plain = value.length >= 1 && value.length <= MAX_ID_LENGTH && Array.from(value).every((c) => PLAIN_CHARS.includes(c));
      expect(isPlainId(value)).toBe(plain);
      if (plain) expect(encodeURIComponent(value)).toBe(value);
    },
  );
});
