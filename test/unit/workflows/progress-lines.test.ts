// What the waiting loop writes about a running job: a line only when it says something new; the
// time left as a number, told when it changes meaningfully.
import { describe, expect, it } from 'vitest';
import { ProgressLines, timeLeft } from '../../../src/workflows/progress-lines.ts';
import type { ProgressReading } from '../../../src/workflows/schedule.ts';

const SECOND = 1000;

/** Feeds looks (at seconds, progress) through one ProgressLines; returns each look's line (undefined = none). */
function narrate(looks: readonly [number, number | undefined, string?][]): (string | undefined)[] {
  const lines = new ProgressLines();
  const readings: ProgressReading[] = [];
  return looks.map(([seconds, progress, status = 'IN_PROGRESS']) => {
    readings.push({ sentAt: seconds * SECOND, at: seconds * SECOND, progress });
    return lines.next(status, status === 'IN_PROGRESS', readings, seconds * SECOND);
  });
}

describe('timeLeft', () => {
  it.each([
    [400, 'about 1 s left'],
    [6_200, 'about 6 s left'],
    [43_000, 'about 45 s left'],
    [90_000, 'about 1 min 30 s left'],
    [1_190_000, 'about 20 min left'],
    [4_000_000, 'about 1 h 5 min left'],
  ])('%d ms reads %s', (ms, text) => {
    expect(timeLeft(ms)).toBe(text);
  });
});

describe('ProgressLines', () => {
  it('steady progress: the time left is told once, as a number, and not again while the prediction holds', () => {
    const said = narrate(Array.from({ length: 10 }, (_, i) => [i + 1, (i + 1) * 6] as [number, number]));
    const told = said.filter((line) => line?.includes('left'));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^IN_PROGRESS \d0 %, about \d+ s left$/);
    // Every line says something new: no line repeats the one before it.
    const lines = said.filter((line) => line !== undefined);
    for (let i = 1; i < lines.length; i++) expect(lines[i]).not.toBe(lines[i - 1]);
  });

  it('says nothing when a look changes nothing worth telling (same status, same 10 % step, no new estimate)', () => {
    expect(
      narrate([
        [0, undefined, 'PENDING'],
        [1, undefined, 'PENDING'],
        [2, 11],
        [3, 14],
        [4, 19],
      ]),
    ).toEqual(['PENDING', undefined, 'IN_PROGRESS 10 %', undefined, undefined]);
  });

  it('tells a new estimate when the predicted end moves meaningfully, and once that there is none when progress stalls', () => {
    // Steady at 5 %/s, then stuck at 50 % for a long while, then steady again at a slower rate.
    const looks: [number, number][] = [];
    for (let t = 1; t <= 10; t++) looks.push([t, t * 5]);
    for (let t = 11; t <= 40; t++) looks.push([t, 50]);
    for (let t = 41; t <= 60; t++) looks.push([t, 50 + (t - 40) * 2]);
    const said = narrate(looks);
    const estimates = said.filter((line) => line?.includes('left'));
    const lost = said.filter((line) => line?.includes('no estimate'));
    expect(estimates.length).toBeGreaterThanOrEqual(2);
    expect(lost).toEqual(['IN_PROGRESS 50 %, no estimate while progress is not steady']);
    expect(said.indexOf(lost[0])).toBeGreaterThan(said.indexOf(estimates[0]));
  });

  it('the end is told as the status alone, without an estimate', () => {
    const said = narrate([
      [1, 10],
      [2, 20],
      [3, 30],
      [4, 40],
      [5, 100, 'SUCCESSFUL'],
    ]);
    expect(said.at(-1)).toBe('SUCCESSFUL');
  });
});
