// Issue 20: nothing the API returns (or a proxy in the way) can steer the action. Ids from
// answers never reach a URL unchecked, answer text cannot start a workflow command, add markup
// to the summary or flood the outputs, the key is redacted before anything is cut, a garbled
// progress never fails a finished job, and an endless list is bounded.
import { describe, expect, it } from 'vitest';
import { DEDICATED_CLUSTER } from '../emulator/index.ts';
import { useEmulator } from './emulator-fixture.ts';
import type { ActionRun } from './harness.ts';
import { CREATE_PATH, DESCRIBE_BACKUP_PATH, JOB_PATH, LIST_PATH, backupsOutput, errorMessage, listRequests } from './helpers.ts';

const fx = useEmulator();

/** Text that tries every way out: workflow commands after each kind of line break, markup, ANSI. */
const HOSTILE =
  'name\n::error::pwned-newline\r::stop-commands::pwnedtok\u2028::warning::pwned-ls\u0085##[error]pwned-nel' +
  '\n\n# pwned heading\n\n<img src=x onerror=alert(1)>|pwned|`pwned`\u001b[31m';

/** The lines the runner reads (it splits on \r as well as \n). */
const runnerLines = (run: ActionRun): string[] => run.stdout.split(/\r\n|\r|\n/);

/** No line the runner reads is a workflow command made from answer text. */
function expectNoInjectedCommand(run: ActionRun): void {
  for (const line of runnerLines(run)) {
    expect(line, 'a command from an answer').not.toMatch(/^\s*::[a-z-]+(?: [^:]*)?::\s*pwned/);
    expect(line).not.toMatch(/^\s*::stop-commands::/);
    // The runner reads a legacy command anywhere in a line (ActionCommand.TryParse: IndexOf("##[")).
    expect(line, 'a legacy command from an answer').not.toMatch(/##\[[a-z-]+\]/);
  }
}

/** The summary holds no markup from answers, and is under GitHub's 1 MiB. */
function expectCleanSummary(run: ActionRun): void {
  expect(run.summary).not.toContain('<img');
  expect(run.summary).not.toMatch(/^#+ pwned/m);
  expect(run.summary).not.toContain('`pwned`');
  expect(run.summary).not.toContain('\u001b');
  expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
}

/** Every request went to a path built from plain ids. */
function expectPlainPaths(): void {
  for (const request of fx.emulator.requests) {
    expect(request.path, `${request.method} ${request.path}`).toMatch(
      /^\/v2\/(?:backups|jobs\/[A-Za-z0-9_-]+|clusters\/[A-Za-z0-9_-]+\/backups\/(?:create|[A-Za-z0-9_-]+(?:\/restoreCollection)?))$/,
    );
  }
}

describe('answer text is data (point 2)', () => {
  it('a create answer whose name holds commands, markup and 1 MB: no command runs, the summary stays clean and small, the outputs bounded', async () => {
    const name = `${HOSTILE}${'n'.repeat(1_000_000)}`;
    fx.emulator.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'patch-after-handling', data: { backupName: name } } });
    fx.emulator.faults.add({ method: 'GET', path: DESCRIBE_BACKUP_PATH, times: 100, fault: { kind: 'patch-after-handling', data: { backupName: name } } });
    const run = await fx.run();
    expect(run.exitCode, run.stdout.slice(0, 4000)).toBe(0);
    expectNoInjectedCommand(run);
    expectCleanSummary(run);
    expect(run.summary).toContain(run.outputs['backup-id']);
    expect(run.outputs['backup-name']?.length).toBeLessThan(1000);
    expect(run.outputs['backup-name']).toMatch(/cut \d+ characters/);
    for (const value of Object.values(run.outputs)) expect(value.length).toBeLessThan(300 * 1024);
    expect(run.stdout.length).toBeLessThan(200 * 1024);
  });

  it("a failed job's reason holding commands and markup is shown, not obeyed", async () => {
    fx.emulator.setJobOutcome({ status: 'FAILED', reason: HOSTILE });
    const run = await fx.run();
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('pwned-newline');
    expectNoInjectedCommand(run);
    expectCleanSummary(run);
  });
});

describe('ids from answers are checked (point 1)', () => {
  it.each(['..', '.', '%2e%2e', 'backup1/../x'])(
    'a create answer with backup id %j: no request carries it; the backup the request made is found by listing',
    async (badId) => {
      fx.emulator.faults.add({ method: 'POST', path: CREATE_PATH, fault: { kind: 'patch-after-handling', data: { backupId: badId, jobId: badId } } });
      const run = await fx.run();
      expectPlainPaths();
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs['backup-id']).toMatch(/^backup\d+_/);
      expect(listRequests(fx.emulator).length).toBeGreaterThan(0);
    },
  );

  it('prune: listed backups with ids .., ., %2e%2e or a space are skipped and said, never deleted; the others are pruned', async () => {
    const old = { ageSeconds: 90 * 86_400, clusterId: DEDICATED_CLUSTER };
    fx.emulator.addBackups([
      { ...old, backupId: '..', backupName: 'dotdot' },
      { ...old, backupId: '.', backupName: 'dot' },
      { ...old, backupId: '%2e%2e', backupName: 'encoded' },
      { ...old, backupId: 'a b', backupName: 'spaced' },
      { ...old, backupId: 'backup90_old', backupName: HOSTILE },
    ]);
    const run = await fx.run({ 'older-than': '30d', 'max-deletions': '20' }, { bundle: 'prune' });
    expect(run.exitCode, run.stdout).toBe(0);
    expectPlainPaths();
    const deletes = fx.emulator.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(deletes).toContain(`/v2/clusters/${DEDICATED_CLUSTER}/backups/backup90_old`);
    // Warnings are workflow commands: their % is written %25.
    const log = run.stdout.replace(/%25/g, '%');
    for (const shown of ['".."', '"."', '"%2e%2e"', '"a b"']) expect(log).toContain(`Skipped a listed backup with the id ${shown}`);
    for (const id of ['..', '.', '%2e%2e', 'a b']) expect(fx.emulator.state.backups.get(id)?.deleted).toBe(false);
    expectNoInjectedCommand(run);
    expectCleanSummary(run);
  });
});

describe('the key is redacted before anything is cut (point 3)', () => {
  const key = (): string => fx.emulator.apiKey;
  /** No 12-character piece of the key anywhere the run left text. */
  const expectNoKeyPiece = (run: ActionRun): void => {
    for (let i = 0; i + 12 <= key().length; i++) expect(run.everything, `piece at ${i}`).not.toContain(key().slice(i, i + 12));
  };

  it('echoed in a name, a failed job reason and a requestid header', async () => {
    fx.emulator.faults.add({
      method: 'POST',
      path: CREATE_PATH,
      fault: { kind: 'patch-after-handling', data: { backupName: `name ${key()}` }, headers: { requestid: `req-${key()}` } },
    });
    fx.emulator.setJobOutcome({ status: 'FAILED', reason: `denied for Bearer ${key()}` });
    const run = await fx.run();
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('denied for Bearer ***');
    expect(run.outputs['backup-name']).toBe('name ***');
    expectNoKeyPiece(run);
  });

  it('in a long error body, cut 14 characters into the key', async () => {
    fx.emulator.faults.add({
      method: 'POST',
      path: CREATE_PATH,
      fault: { kind: 'status', status: 400, body: `${'x'.repeat(179)}Bearer ${key()} ${'y'.repeat(500)}`, headers: { requestid: key() } },
    });
    const run = await fx.run();
    expect(run.exitCode).toBe(1);
    expectNoKeyPiece(run);
  });

  it('in a redirect Location', async () => {
    fx.emulator.faults.add({
      method: 'POST',
      path: CREATE_PATH,
      fault: { kind: 'redirect', status: 302, location: `https://evil.example/?token=${key()}&x=${'z'.repeat(300)}` },
    });
    const run = await fx.run();
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain('token=***');
    expectNoKeyPiece(run);
  });
});

describe('final statuses stand (point 5)', () => {
  it.each(['NaN', 'abc', '1e309'])('progress %j on every look: the SUCCESSFUL job and AVAILABLE backup are a success', async (progress) => {
    fx.emulator.faults.add({ method: 'GET', path: JOB_PATH, times: 1000, fault: { kind: 'patch-after-handling', data: { progress } } });
    fx.emulator.faults.add({ method: 'GET', path: DESCRIBE_BACKUP_PATH, times: 1000, fault: { kind: 'patch-after-handling', data: { size: progress } } });
    const run = await fx.run();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(backupsOutput(run)).toHaveLength(1);
  });
});

describe('listing is bounded (point 6)', () => {
  it('prune against a list that never ends: at most 100 pages, paced, fails naming the listing, deletes nothing', async () => {
    fx.emulator.faults.add({ method: 'GET', path: LIST_PATH, times: 10_000, fault: { kind: 'endless-list' } });
    const run = await fx.run({ 'keep-last': '1', 'max-deletions': '100000' }, { bundle: 'prune' });
    expect(run.exitCode).toBe(1);
    expect(errorMessage(run)).toContain(`GET /v2/backups?clusterId=${DEDICATED_CLUSTER}`);
    expect(errorMessage(run)).toContain('100 pages of 100');
    expect(listRequests(fx.emulator).length).toBeLessThanOrEqual(100);
    // Paced past the first 10 pages: never more than 10 pages a second, well under the API's ~20.
    const at = listRequests(fx.emulator).map((r) => r.at);
    for (let i = 10; i + 10 < at.length; i++) expect((at[i + 10] ?? 0) - (at[i] ?? 0)).toBeGreaterThanOrEqual(950);
    expect(fx.emulator.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });

  it('keep-last against a list that never ends: the backup stands, a warning names the listing, nothing is deleted', async () => {
    fx.emulator.faults.add({ method: 'GET', path: LIST_PATH, times: 10_000, fault: { kind: 'endless-list' } });
    const run = await fx.run({ 'keep-last': '2' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('AVAILABLE');
    expect(run.stdout).toMatch(/::warning::keep-last: .*GET \/v2\/backups\?clusterId=/);
    expect(listRequests(fx.emulator).length).toBeLessThanOrEqual(100);
    expect(fx.emulator.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });
});
