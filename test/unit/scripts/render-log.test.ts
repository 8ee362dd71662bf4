// The demo's step log view: workflow commands shown as GitHub shows them.
import { describe, expect, it } from 'vitest';
import { applyMasks, LogRenderer, maskedValues, renderLog } from '../../../scripts/lib/render-log.ts';

describe('renderLog', () => {
  it('shows a group as a header line with its lines under it, and drops ::endgroup::', () => {
    expect(renderLog('before\n::group::Backup 1 of 2\ncreated\n::endgroup::\nafter\n')).toBe('before\n▼ Backup 1 of 2\n  created\nafter\n');
  });

  it('never prints an ::add-mask:: line and replaces the masked value by *** everywhere', () => {
    const log = 'key is s3cret-key\n::add-mask::s3cret-key\nsent s3cret-key again\n';
    expect(maskedValues(log)).toEqual(['s3cret-key']);
    expect(renderLog(log)).toBe('key is ***\nsent *** again\n');
    expect(applyMasks('output=s3cret-key', maskedValues(log))).toBe('output=***');
  });

  it('shows annotations as "Error: …" and "Warning: …", unescaping %0A into lines', () => {
    expect(renderLog('::error::Job FAILED%0Areason: disk\n::warning file=a.ts,line=3::slow\n::notice::fyi\n')).toBe(
      'Error: Job FAILED\nreason: disk\nWarning: slow\nNotice: fyi\n',
    );
  });

  it('hides ::debug:: and ::set-output:: lines, as GitHub does without debug logging', () => {
    expect(renderLog('::debug::GET /v2/jobs/1 -> 200\n::set-output name=status::AVAILABLE\nvisible\n')).toBe('visible\n');
  });

  it('masks the longer of two overlapping values whole', () => {
    expect(applyMasks('abc-123', maskedValues('::add-mask::abc\n::add-mask::abc-123\n'))).toBe('***');
  });
});

describe('LogRenderer (the demo streams the log through it)', () => {
  it('shows each line once it is complete, keeping a partial line until the rest comes', () => {
    const renderer = new LogRenderer();
    expect(renderer.write('::group::Backup 1 of 2\ncrea')).toBe('▼ Backup 1 of 2\n');
    expect(renderer.write('ted\n::endgroup::\nDone')).toBe('  created\n');
    expect(renderer.end()).toBe('Done\n');
  });

  it('masks a value from its ::add-mask:: line on, as the runner does, and keeps stderr lines apart from stdout ones', () => {
    const renderer = new LogRenderer();
    expect(renderer.write('::add-mask::s3cret\nkey s3cret\n')).toBe('key ***\n');
    expect(renderer.write('half of a line with s3', 'stdout')).toBe('');
    expect(renderer.write('an error s3cret\n', 'stderr')).toBe('an error ***\n');
    expect(renderer.write('cret\n', 'stdout')).toBe('half of a line with ***\n');
    expect(renderer.maskedValues).toEqual(['s3cret']);
  });

  it('gives the same text as renderLog for a whole log that masks before it prints', () => {
    const log = '::add-mask::abc-123\n::group::g\nline abc-123\n::endgroup::\n::warning::w\n';
    const renderer = new LogRenderer();
    expect(renderer.write(log) + renderer.end()).toBe(renderLog(log));
  });
});
