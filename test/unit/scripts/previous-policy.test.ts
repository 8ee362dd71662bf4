// Issue 4's polling targets for the previous policy (scripts/lib/previous-policy.ts, kept for the benchmark), asserted on a simulated clock (pure: no timers, no HTTP).
import { describe, expect, it } from 'vitest';
import { POLICY, basePollDelay, nextPollDelay } from '../../../scripts/lib/previous-policy.ts';
import { actionPolicy, fixedPolicy, seededRandom, simulatePolling } from '../../../scripts/lib/simulate-polling.ts';

const SECOND = 1000;

/** Job durations from 1 s to 2 h: every second up to 10 min, then every 10 s. */
const GRID: number[] = [];
for (let s = 1; s <= 600; s++) GRID.push(s * SECOND);
for (let s = 610; s <= 7200; s += 10) GRID.push(s * SECOND);

/** Random sequences for the jitter: constants at both ends and the middle, and a seeded PRNG. */
const SEQUENCES: [string, (jobMs: number) => () => number][] = [
  ['random 0', () => () => 0],
  ['random 0.5', () => () => 0.5],
  ['random 0.999', () => () => 0.999],
  ['seeded PRNG', (jobMs) => seededRandom(jobMs)],
];

/** The hand-written loop: a request at 0, 5, 10, … until one is at or after T. */
const fixedLoopRequests = (jobMs: number): number => Math.ceil(jobMs / (5 * SECOND)) + 1;

describe('the simulator', () => {
  it('counts a fixed 5-second loop as ceil(T/5)+1 requests', () => {
    for (const jobMs of [1000, 5000, 5001, 120_000, 3_600_000]) {
      expect(simulatePolling(jobMs, fixedPolicy(5000)).requests).toBe(fixedLoopRequests(jobMs));
    }
    expect(fixedLoopRequests(3_600_000)).toBe(721);
  });

  it('reports the detection delay and the request times', () => {
    expect(simulatePolling(12_000, fixedPolicy(5000))).toEqual({ requests: 4, detectionDelayMs: 3000, pollTimes: [0, 5000, 10_000, 15_000] });
  });
});

describe.each(SEQUENCES)('the polling policy with %s', (_name, randomFor) => {
  it('notices the end within max(5 s, T/10) and never more than 60 s after, for T from 1 s to 2 h', () => {
    const misses: string[] = [];
    for (const jobMs of GRID) {
      const { detectionDelayMs } = simulatePolling(jobMs, actionPolicy(randomFor(jobMs)));
      const bound = Math.min(60 * SECOND, Math.max(5 * SECOND, jobMs / 10));
      if (detectionDelayMs > bound) misses.push(`T=${jobMs / SECOND}s: detected after ${detectionDelayMs} ms > ${bound} ms`);
    }
    expect(misses).toEqual([]);
  });

  it('makes no more requests than a fixed 5-second loop for every T of 2 minutes or more', () => {
    const misses: string[] = [];
    for (const jobMs of GRID.filter((t) => t >= 120 * SECOND)) {
      const { requests } = simulatePolling(jobMs, actionPolicy(randomFor(jobMs)));
      if (requests > fixedLoopRequests(jobMs)) misses.push(`T=${jobMs / SECOND}s: ${requests} requests > ${fixedLoopRequests(jobMs)}`);
    }
    expect(misses).toEqual([]);
  });

  it('makes at most 100 requests for a 1-hour job', () => {
    const { requests } = simulatePolling(3_600_000, actionPolicy(randomFor(3_600_000)));
    expect(requests).toBeLessThanOrEqual(100);
  });
});

describe('nextPollDelay', () => {
  it('a fixed poll-interval overrides the policy', () => {
    for (const elapsed of [0, 10_000, 600_000, 7_000_000]) expect(nextPollDelay(elapsed, () => 0.7, 7000)).toBe(7000);
    const run = simulatePolling(
      60_000,
      actionPolicy(() => 0.3, 7000),
    );
    expect(run.pollTimes).toEqual([0, 7000, 14_000, 21_000, 28_000, 35_000, 42_000, 49_000, 56_000, 63_000]);
    // Without it, the policy polls sooner early on.
    expect(
      simulatePolling(
        60_000,
        actionPolicy(() => 0.3),
      ).pollTimes[1],
    ).toBeLessThan(7000);
  });

  it('jitter only shortens the interval, by at most POLICY.jitter', () => {
    for (const elapsed of [0, 3000, 30_000, 300_000, 3_000_000]) {
      const base = basePollDelay(elapsed);
      expect(nextPollDelay(elapsed, () => 0)).toBe(base);
      expect(nextPollDelay(elapsed, () => 0.999)).toBeLessThan(base);
      expect(nextPollDelay(elapsed, () => 0.999)).toBeGreaterThanOrEqual(base * (1 - POLICY.jitter));
    }
  });

  it('starts at a second, grows to a tenth of the time waited, and stops at a minute', () => {
    expect(basePollDelay(0)).toBe(1000);
    expect(basePollDelay(100_000)).toBe(10_000);
    expect(basePollDelay(3_600_000)).toBe(60_000);
    for (let elapsed = 0; elapsed < 7_200_000; elapsed += 1000) {
      expect(basePollDelay(elapsed + 1000)).toBeGreaterThanOrEqual(basePollDelay(elapsed));
    }
  });
});
