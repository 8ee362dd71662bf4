// The bundles as committed: what their entry files load at start-up.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
/** A marker of @actions/core's code: its OIDC client (never used here) reads this variable. */
const CORE_MARKER = 'ACTIONS_ID_TOKEN_REQUEST_URL';
const read = (dir: string, file: string): string => readFileSync(join(ROOT, dir, file), 'utf8');

describe.each(['dist', 'wait/dist', 'restore/dist'])('%s', (dir) => {
  it('keeps @actions/core out of index.js, in one chunk that index.js loads only by dynamic import', () => {
    expect(read(dir, 'index.js')).not.toContain(CORE_MARKER);
    const chunks = readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.js') && f !== 'index.js');
    const coreChunks = chunks.filter((f) => read(dir, f).includes(CORE_MARKER));
    expect(coreChunks).toHaveLength(1);
    // index.js reaches that chunk only through a dynamic import (webpack's `.e(id)`), never statically.
    const id = coreChunks[0]?.split('.')[0];
    expect(read(dir, 'index.js')).toContain(`.e(/* import() */ ${id})`);
    expect(read(dir, 'index.js')).not.toMatch(/^import .*\.index\.js/m);
  });
});
