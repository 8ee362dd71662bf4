import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_NAME, USER_AGENT, VERSION } from '../../src/version.ts';

describe('version', () => {
  it('VERSION equals package.json version, and the User-Agent names both', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT.startsWith(`${ACTION_NAME}/${pkg.version} `)).toBe(true);
  });
});
