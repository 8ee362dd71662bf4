// Issue 15's targets for the progress-aware waiter, asserted on a simulated clock (pure: no timers, no HTTP).
import { describe, expect, it } from 'vitest';
import { describeProgress, nextLookDelay, predictEnd, SCHEDULE, type ProgressReading, type ScheduleInput } from '../../../src/workflows/schedule.ts';
import {
  JOB_LENGTHS,
  PROFILES,
  detectionBoundMs,
  loopWaiter,
  previousWaiter,
  progressProfile,
  scheduleWaiter,
  simulateJob,
  trialLength,
  type JobRun,
  type ProfileName,
  type Waiter,
} from '../../../scripts/lib/simulate-polling.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Trials per profile and length: each seed gives its own job length, request latencies and jitter. */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const LOOP = loopWaiter(5 * SECOND);

interface Trial {
  label: string;
  jobMs: number;
  run: JobRun;
  loop: JobRun;
}

function trials(profile: ProfileName, waiter: Waiter): Trial[] {
  return JOB_LENGTHS.flatMap(([label, nominal]) =>
    SEEDS.map((seed) => {
      const jobMs = trialLength(nominal, seed);
      const progress = progressProfile(profile, jobMs, seed);
      return { label: `${label} (seed ${seed})`, jobMs, run: simulateJob(jobMs, progress, waiter, seed), loop: simulateJob(jobMs, progress, LOOP, seed) };
    }),
  );
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

// The checks return what missed, so the same check can be shown to catch a policy that misses.
function boundMisses(all: readonly Trial[]): string[] {
  return all
    .filter((t) => t.run.detectionDelayMs > detectionBoundMs(t.jobMs))
    .map((t) => `${t.label}: noticed ${Math.round(t.run.detectionDelayMs)} ms late > ${detectionBoundMs(t.jobMs)} ms`);
}
function gapMisses(all: readonly Trial[]): string[] {
  return all.filter((t) => t.run.minGapMs < SECOND).map((t) => `${t.label}: two requests ${Math.round(t.run.minGapMs)} ms apart`);
}
function requestMisses(all: readonly Trial[], share: number): string[] {
  return all
    .filter((t) => t.jobMs >= 2 * MINUTE && t.run.requests > share * t.loop.requests)
    .map((t) => `${t.label}: ${t.run.requests} requests > ${share} × the loop's ${t.loop.requests}`);
}
function medianMisses(all: readonly Trial[], limitMs: number): string[] {
  return JOB_LENGTHS.flatMap(([label]) => {
    const delays = all.filter((t) => t.label.startsWith(`${label} (`)).map((t) => t.run.detectionDelayMs);
    const m = median(delays);
    return m > limitMs ? [`${label}: median detection ${Math.round(m)} ms > ${limitMs} ms`] : [];
  });
}

const steady = trials('steady', scheduleWaiter);

describe('steady progress', () => {
  it('is noticed within a median of 1.5 s of its end, for every length from 1 s to 6 h', () => {
    expect(medianMisses(steady, 1.5 * SECOND)).toEqual([]);
  });

  it('costs at most half the requests of a 5-second loop for jobs of 2 minutes or more', () => {
    expect(requestMisses(steady, 0.5)).toEqual([]);
  });
});

describe.each(PROFILES)('%s progress', (profile) => {
  const all = profile === 'steady' ? steady : trials(profile, scheduleWaiter);

  it('is noticed within max(5 s, T/10) and never more than 60 s late, for every length from 1 s to 6 h', () => {
    expect(boundMisses(all)).toEqual([]);
  });

  it('never costs more requests than a 5-second loop for jobs of 2 minutes or more', () => {
    expect(requestMisses(all, 1)).toEqual([]);
  });

  it('leaves at least 1 s between two requests', () => {
    expect(gapMisses(all)).toEqual([]);
  });
});

describe('the checks catch policies that miss', () => {
  it('the previous policy (polling.ts) misses the steady median target', () => {
    expect(medianMisses(trials('steady', previousWaiter), 1.5 * SECOND)).not.toEqual([]);
  });

  it('a 10-second loop misses the detection bound, and a 1-second loop the request targets', () => {
    expect(boundMisses(trials('always-zero', loopWaiter(10 * SECOND)))).not.toEqual([]);
    const everySecond = trials('steady', loopWaiter(SECOND));
    expect(requestMisses(everySecond, 1)).not.toEqual([]);
    expect(gapMisses(trials('steady', loopWaiter(800)))).not.toEqual([]);
  });

  it('a waiter that trusts a too-slow prediction misses the bound on slow-start jobs', () => {
    // Sleeps 90 % of the way to the earliest end with no limit from the readings' span.
    const reckless: Waiter = (input) => {
      const p = predictEnd(input.readings, input.now);
      return p?.confident ? Math.max(SECOND, Math.min(60 * SECOND, 0.9 * (p.earliest - input.now))) : nextLookDelay(input);
    };
    expect(boundMisses(trials('slow-start', reckless))).not.toEqual([]);
  });
});

/** Readings of a steady job of `jobMs` that began at 0, looked at every `everyMs` until `untilMs`. */
function steadyReadings(jobMs: number, everyMs: number, untilMs: number): ProgressReading[] {
  const readings: ProgressReading[] = [];
  for (let at = 0; at <= untilMs; at += everyMs) readings.push({ at, progress: Math.floor((100 * at) / jobMs) });
  return readings;
}
const input = (readings: readonly ProgressReading[], now: number, extra: Partial<ScheduleInput> = {}): ScheduleInput => ({
  startedAt: 0,
  now,
  readings,
  phase: 'job',
  random: () => 0,
  ...extra,
});

describe('predictEnd', () => {
  it('brackets the end of steady progress and trusts the bracket once it is narrow', () => {
    const readings = steadyReadings(600 * SECOND, 20 * SECOND, 300 * SECOND);
    const p = predictEnd(readings, 300 * SECOND);
    expect(p?.confident).toBe(true);
    expect(p?.earliest).toBeLessThanOrEqual(600 * SECOND);
    expect(p?.latest).toBeGreaterThanOrEqual(600 * SECOND);
    expect(Math.abs((p?.endsAt ?? 0) - 600 * SECOND)).toBeLessThan(15 * SECOND);
  });

  it('has nothing to say without progress, after a jump, when progress goes backwards, or once the end has passed', () => {
    const zeros = [0, 10, 20, 30].map((s) => ({ at: s * SECOND, progress: 0 }));
    expect(predictEnd(zeros, 30 * SECOND)).toBeUndefined();
    const none = [0, 10, 20].map((s) => ({ at: s * SECOND, progress: undefined }));
    expect(predictEnd(none, 20 * SECOND)).toBeUndefined();
    const jump = [0, 10, 20, 30, 31].map((s) => ({ at: s * SECOND, progress: s < 31 ? 0 : 40 }));
    expect(predictEnd(jump, 31 * SECOND)?.confident ?? false).toBe(false);
    const backwards = [...steadyReadings(100 * SECOND, 5 * SECOND, 40 * SECOND), { at: 45 * SECOND, progress: 30 }];
    expect(predictEnd(backwards, 45 * SECOND)).toBeUndefined();
    const steadySoFar = steadyReadings(100 * SECOND, 5 * SECOND, 60 * SECOND);
    expect(predictEnd(steadySoFar, 60 * SECOND)?.confident).toBe(true);
    expect(predictEnd(steadySoFar, 200 * SECOND)).toBeUndefined();
  });

  it('does not trust progress that stalled', () => {
    const stalled = [...steadyReadings(100 * SECOND, 5 * SECOND, 30 * SECOND), ...[40, 50, 60].map((s) => ({ at: s * SECOND, progress: 30 }))];
    expect(predictEnd(stalled, 60 * SECOND)?.confident ?? false).toBe(false);
  });
});

describe('nextLookDelay', () => {
  it('a fixed poll-interval overrides everything, in both phases', () => {
    const readings = steadyReadings(600 * SECOND, 20 * SECOND, 300 * SECOND);
    expect(nextLookDelay(input(readings, 300 * SECOND, { fixedIntervalMs: 7000 }))).toBe(7000);
    expect(nextLookDelay(input(readings.slice(0, 1), 0, { fixedIntervalMs: 7000, phase: 'backup' }))).toBe(7000);
  });

  it('sleeps toward a far end but never more than 60 s, and looks every second once the end may come', () => {
    const hours = steadyReadings(6 * 3600 * SECOND, 60 * SECOND, 3 * 3600 * SECOND);
    expect(nextLookDelay(input(hours, 3 * 3600 * SECOND))).toBe(SCHEDULE.maxMs);
    const nearEnd = steadyReadings(100 * SECOND, 5 * SECOND, 95 * SECOND);
    const p = predictEnd(nearEnd, 99.5 * SECOND);
    expect(p?.earliest).toBeLessThan(99.5 * SECOND);
    expect(nextLookDelay(input(nearEnd, 99.5 * SECOND))).toBe(SCHEDULE.minMs);
  });

  it('without a prediction, keeps under the detection bound by the latency allowance, jitter only shortening', () => {
    for (const elapsed of [0, 3 * SECOND, 30 * SECOND, 300 * SECOND, 3000 * SECOND]) {
      const zeros = [{ at: elapsed, progress: 0 }];
      const base = nextLookDelay(input(zeros, elapsed));
      expect(base).toBeGreaterThanOrEqual(SCHEDULE.minMs);
      expect(base).toBeLessThanOrEqual(Math.max(SCHEDULE.minMs, detectionBoundMs(elapsed) - SCHEDULE.latencyAllowanceMs));
      const jittered = nextLookDelay(input(zeros, elapsed, { random: () => 0.999 }));
      expect(jittered).toBeLessThanOrEqual(base);
      expect(jittered).toBeGreaterThanOrEqual(Math.max(SCHEDULE.minMs, base * (1 - SCHEDULE.jitter)));
    }
  });

  it('the backup phase looks after 1 s, 1 s and 2 s, then as the fallback does', () => {
    const looks = (n: number): ProgressReading[] => Array.from({ length: n }, (_, i) => ({ at: i * SECOND, progress: undefined }));
    const delays = [1, 2, 3, 4].map((n) => nextLookDelay(input(looks(n), 4 * SECOND, { phase: 'backup' })));
    expect(delays.slice(0, 3)).toEqual([1000, 1000, 2000]);
    expect(delays[3]).toBe(nextLookDelay(input([], 4 * SECOND)));
    expect(nextLookDelay(input(looks(30), 600 * SECOND, { phase: 'backup' }))).toBe(60 * SECOND - SCHEDULE.latencyAllowanceMs);
  });
});

describe('describeProgress', () => {
  it('says how far the job is and when it is expected to finish', () => {
    const readings = steadyReadings(100 * SECOND, 5 * SECOND, 40 * SECOND);
    expect(describeProgress('IN_PROGRESS', readings, 40 * SECOND)).toBe('IN_PROGRESS 40 %, expected to finish in about 1 min');
  });

  it('gives the same text for small changes, and no forecast it does not trust', () => {
    const at40 = steadyReadings(2000 * SECOND, 100 * SECOND, 800 * SECOND);
    const at43 = [...at40, { at: 860 * SECOND, progress: 43 }];
    expect(describeProgress('IN_PROGRESS', at40, 800 * SECOND)).toBe('IN_PROGRESS 40 %, expected to finish in about 20 min');
    expect(describeProgress('IN_PROGRESS', at43, 860 * SECOND)).toBe(describeProgress('IN_PROGRESS', at40, 800 * SECOND));
    expect(describeProgress('PENDING', [{ at: 0, progress: 0 }], 0)).toBe('PENDING 0 %');
    expect(describeProgress('IN_PROGRESS', [{ at: 0, progress: undefined }], 0)).toBe('IN_PROGRESS');
  });
});
