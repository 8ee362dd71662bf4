// The demo's step log view: workflow commands shown as GitHub shows them.
import { describe, expect, it } from 'vitest';
import { applyMasks, maskedValues, renderLog } from '../../../scripts/lib/render-log.ts';

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
