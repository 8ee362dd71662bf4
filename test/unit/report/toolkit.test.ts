import { describe, expect, it } from 'vitest';
import { PendingToolkit, type Toolkit } from '../../../src/report/toolkit.ts';

/** A Toolkit that records each call as one line, in order. */
function recordingToolkit(): { core: Toolkit; calls: string[] } {
  const calls: string[] = [];
  const core = {
    setSecret: (secret: string) => calls.push(`setSecret ${secret}`),
    setOutput: (name: string, value: unknown) => calls.push(`setOutput ${name}=${String(value)}`),
    setFailed: (message: string | Error) => calls.push(`setFailed ${String(message)}`),
    info: (message: string) => calls.push(`info ${message}`),
    debug: (message: string) => calls.push(`debug ${message}`),
    warning: (message: string | Error) => calls.push(`warning ${String(message)}`),
    startGroup: (name: string) => calls.push(`startGroup ${name}`),
    endGroup: () => calls.push('endGroup'),
  } as Omit<Toolkit, 'summary'>;
  return { core: { ...core, summary: {} as Toolkit['summary'] }, calls };
}

describe('PendingToolkit (log and outputs before @actions/core is loaded)', () => {
  it('writes nothing until attached, then masks the key first and writes the rest in order', () => {
    const pending = new PendingToolkit();
    const { core, calls } = recordingToolkit();
    pending.info('Creating a backup');
    pending.startGroup('details');
    pending.debug('POST /v2/clusters/in01-abc/backups/create');
    pending.endGroup();
    pending.setOutput('backup-id', 'backup1');
    pending.warning('slow');
    expect(calls).toEqual([]);

    expect(pending.attach(core, 'the-key')).toBe(core);
    expect(calls).toEqual([
      'setSecret the-key',
      'info Creating a backup',
      'startGroup details',
      'debug POST /v2/clusters/in01-abc/backups/create',
      'endGroup',
      'setOutput backup-id=backup1',
      'warning slow',
    ]);
  });

  it('passes calls straight through once attached', () => {
    const pending = new PendingToolkit();
    const { core, calls } = recordingToolkit();
    pending.attach(core, 'the-key');
    pending.info('now');
    expect(calls).toEqual(['setSecret the-key', 'info now']);
  });

  it('masks nothing when there is no key, and attaches only once', () => {
    const pending = new PendingToolkit();
    const first = recordingToolkit();
    const second = recordingToolkit();
    pending.info('a');
    pending.attach(first.core, '');
    expect(pending.attach(second.core, 'other')).toBe(first.core);
    pending.info('b');
    expect(first.calls).toEqual(['info a', 'info b']);
    expect(second.calls).toEqual([]);
  });
});
