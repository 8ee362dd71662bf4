// Issue 3, bad input: every case fails the step with an error that names the input and the fix,
// and sends no request at all. Each case gets its own emulator, so the zero-request check is
// exact although the cases run concurrently.
import { describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { errorLines, runAction } from './harness.ts';
import { FAST, inputsFor } from './emulator-fixture.ts';
import { createRequests, errorMessage, expectKeyHidden } from './helpers.ts';

async function withEmulator<T>(fn: (emulator: Emulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator(FAST);
  try {
    return await fn(emulator);
  } finally {
    await emulator.close();
  }
}

const LONG_NAME = `c${'x'.repeat(255)}`; // 256 characters

/** [case, inputs to override, the input the error must name, what the fix must say] */
const BAD_INPUTS: [string, Record<string, string>, string, RegExp][] = [
  ['api-key missing', { 'api-key': '' }, 'api-key', /is required.*secrets\.ZILLIZ_API_KEY/],
  ['api-key blank', { 'api-key': '   ' }, 'api-key', /is required.*secrets\.ZILLIZ_API_KEY/],
  ['api-key with a space inside', { 'api-key': 'emulator-api-key and-more' }, 'api-key', /white space; copy the API key again/],
  ['api-key with a non-ASCII character', { 'api-key': 'emulator-api-kéy' }, 'api-key', /not printable ASCII; copy the API key again/],
  ['cluster-id missing', { 'cluster-id': '' }, 'cluster-id', /is required.*in01-0123456789abcde/],
  ['cluster-id with spaces', { 'cluster-id': 'in01 0123456789abcde' }, 'cluster-id', /not a Zilliz Cloud cluster ID; copy it from the console/],
  ['cluster-id with slashes', { 'cluster-id': 'in01-0123/../backups' }, 'cluster-id', /not a Zilliz Cloud cluster ID; copy it from the console/],
  ['unknown backup-type', { 'backup-type': 'FULL' }, 'backup-type', /"FULL" is not one of CLUSTER, COLLECTION/],
  ['COLLECTION without collections', { 'backup-type': 'COLLECTION' }, 'collections', /is empty but backup-type is COLLECTION; list the collections/],
  [
    'CLUSTER with collections',
    { 'backup-type': 'CLUSTER', collections: 'products' },
    'backup-type',
    /is CLUSTER but collections are listed; remove backup-type/,
  ],
  [
    'collection name starting with a digit (1abc)',
    { collections: '1abc' },
    'collections',
    /"1abc" is not a valid Milvus name; use letters, digits and underscores/,
  ],
  ['collection name with a dash (a-b)', { collections: 'a-b' }, 'collections', /"a-b" is not a valid Milvus name; use letters, digits and underscores/],
  [
    'collection with two dots (a.b.c)',
    { collections: 'a.b.c' },
    'collections',
    /"a\.b\.c" has more than one dot; write a collection as name or database\.name/,
  ],
  ['collection name of 256 characters', { collections: LONG_NAME }, 'collections', /is 256 characters; Milvus allows at most 255/],
  ['database name starting with a digit (1db.products)', { collections: '1db.products' }, 'collections', /database name "1db" is not a valid Milvus name/],
  ['database name of 256 characters', { collections: `${LONG_NAME}.products` }, 'collections', /database name .* is 256 characters; Milvus allows at most 255/],
  ['timeout zero', { timeout: '0' }, 'timeout', /must be longer than zero; use seconds \(1800\) or units like 90s/],
  ['timeout 0s', { timeout: '0s' }, 'timeout', /must be longer than zero; use seconds \(1800\) or units like 90s/],
  ['timeout negative', { timeout: '-5m' }, 'timeout', /use seconds \(1800\) or units like 90s/],
  ['timeout not a duration', { timeout: 'soon' }, 'timeout', /"soon" is not a duration; use seconds \(1800\) or units like 90s/],
  ['timeout longer than 6h', { timeout: '7h' }, 'timeout', /longer than 6 h.*use a shorter duration/],
  ['poll-interval zero', { 'poll-interval': '0' }, 'poll-interval', /must be longer than zero; use seconds \(1800\) or units like 90s/],
  ['poll-interval negative', { 'poll-interval': '-10s' }, 'poll-interval', /use seconds \(1800\) or units like 90s/],
  ['poll-interval not a duration', { 'poll-interval': 'often' }, 'poll-interval', /"often" is not a duration; use seconds \(1800\) or units like 90s/],
  ['poll-interval longer than 6h', { 'poll-interval': '6h1s' }, 'poll-interval', /longer than 6 h.*use a shorter duration/],
  ['poll-interval not shorter than timeout', { timeout: '30s', 'poll-interval': '30s' }, 'poll-interval', /must be shorter than timeout.*leave it empty/],
  ['wait not a boolean', { wait: 'maybe' }, 'wait', /"maybe" is not a boolean; use true or false/],
  ['unknown if-busy', { 'if-busy': 'queue' }, 'if-busy', /"queue" is not one of wait, fail/],
  ['base-url over plain http', { 'base-url': 'http://api.cloud.zilliz.com' }, 'base-url', /must use https:\/\//],
  ['base-url not a URL', { 'base-url': 'not a url' }, 'base-url', /is not a URL; use https:\/\/api\.cloud\.zilliz\.com/],
  // Issue 20: every input has a length limit and refuses control characters.
  ['api-key of 100 KB', { 'api-key': 'k'.repeat(100_000) }, 'api-key', /is 100000 characters long, more than the 1024/],
  ['cluster-id of 100 KB', { 'cluster-id': `in01-${'a'.repeat(100_000)}` }, 'cluster-id', /is 100005 characters long/],
  ['base-url holding a line break', { 'base-url': 'https://api.cloud.zilliz.com\n.evil.example' }, 'base-url', /line break or other control character/],
  ['collections holding a control character', { collections: 'products\u0007' }, 'collections', /control character U\+0007 at position 9/],
  ['timeout holding an escape character', { timeout: '\u001b[31m30m' }, 'timeout', /control character U\+001B at position 1/],
];

describe('bad input: exit 1, an error naming the input and the fix, and no request at all', () => {
  it.concurrent.each(BAD_INPUTS)('%s', async (_case, override, input, fix) =>
    withEmulator(async (emulator) => {
      const run = await runAction(inputsFor(emulator, override));
      expect(run.exitCode).toBe(1);
      expect(errorMessage(run)).toContain(`Input "${input}"`);
      expect(errorMessage(run)).toMatch(fix);
      expect(emulator.requests).toHaveLength(0);
      expectKeyHidden(run, 'and-more');
    }),
  );
});

describe('ids from inputs are plain path segments (issue 20): no request carries ., .. or %2e%2e', () => {
  const CASES: [string, 'wait' | 'restore', Record<string, string>, string][] = [
    ['wait backup-id ..', 'wait', { 'backup-id': '..' }, 'backup-id'],
    ['wait backup-id %2e%2e', 'wait', { 'backup-id': '%2e%2e' }, 'backup-id'],
    ['wait job-id .', 'wait', { 'backup-id': 'backup1_a', 'job-id': '.' }, 'job-id'],
    ['wait backup-id of 100 KB', 'wait', { 'backup-id': 'b'.repeat(100_000) }, 'backup-id'],
    ['restore backup-id ..', 'restore', { 'backup-id': '..' }, 'backup-id'],
    ['restore backup-id %2e%2e', 'restore', { 'backup-id': '%2e%2e' }, 'backup-id'],
  ];
  it.concurrent.each(CASES)('%s', async (_case, bundle, override, input) =>
    withEmulator(async (emulator) => {
      const run = await runAction(inputsFor(emulator, override), { bundle });
      expect(run.exitCode).toBe(1);
      expect(errorMessage(run)).toContain(`Input "${input}"`);
      expect(emulator.requests).toHaveLength(0);
      expectKeyHidden(run);
    }),
  );
});

describe('blank inputs that have a meaning', () => {
  // readConnection reads `timeout || '30m'`: a blank timeout (the runner passes '' when a workflow
  // sets `timeout: ''`) is the documented default, not an error. A blank poll-interval lets the
  // polling policy choose. Both runs therefore go ahead and make their backup.
  it.concurrent.each([
    ['timeout blank is not an error (the default applies; its value is unit-tested)', { timeout: '', wait: 'false' }],
    ['poll-interval blank is not an error (the policy chooses)', { 'poll-interval': '', wait: 'false' }],
  ])('%s', async (_case, override) =>
    withEmulator(async (emulator) => {
      const run = await runAction(inputsFor(emulator, override));
      expect(run.exitCode, run.stdout).toBe(0);
      expect(errorLines(run)).toHaveLength(0);
      expect(run.outputs.status).toBe('CREATING');
      expect(createRequests(emulator)).toHaveLength(1);
      expectKeyHidden(run);
    }),
  );
});
