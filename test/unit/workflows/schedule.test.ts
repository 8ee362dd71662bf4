// Issue 23's targets for the progress-aware waiter, asserted on a simulated clock (pure: no timers,
// no HTTP): never later than the 5-second loop, nor costlier, on every progress profile and length.
import { describe, expect, it } from 'vitest';
import { nextLookDelay, predictEnd, SCHEDULE, type ProgressReading, type ScheduleInput } from '../../../src/workflows/schedule.ts';
import {
  JOB_LENGTHS,
  PROFILES,
  loopWaiter,
  previousWaiter,
  progressProfile,
  scheduleWaiter,
  simulateJob,
  targetMisses,
  trialLength,
  type JobRun,
  type ProfileName,
  type Waiter,
} from '../../../scripts/lib/simulate-polling.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Trials per profile and length: each seed gives its own job length, request latencies and job id. */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const LOOP = loopWaiter(5 * SECOND);

interface Trial {
  jobMs: number;
  run: JobRun;
  loop: JobRun;
}

interface Length {
  label: string;
  nominal: number;
  trials: Trial[];
}

/** Per nominal length: the waiter's and the loop's runs over the same seeds (same lengths, same latencies). */
function trials(profile: ProfileName, waiter: Waiter, lengths = JOB_LENGTHS): Length[] {
  return lengths.map(([label, nominal]) => ({
    label,
    nominal,
    trials: SEEDS.map((seed) => {
      const jobMs = trialLength(nominal, seed);
      const progress = progressProfile(profile, jobMs, seed);
      return { jobMs, run: simulateJob(jobMs, progress, waiter, seed), loop: simulateJob(jobMs, progress, LOOP, seed) };
    }),
  }));
}

/** The action's waiter on every length, computed once per profile (the 6-hour loops are not free). */
const scheduleTrials = new Map<ProfileName, Length[]>();
function waiterTrials(profile: ProfileName): Length[] {
  const known = scheduleTrials.get(profile) ?? trials(profile, scheduleWaiter);
  scheduleTrials.set(profile, known);
  return known;
}

function missesOf(profile: ProfileName, lengths: readonly Length[]): string[] {
  return lengths.flatMap(({ label, nominal, trials: t }) =>
    targetMisses(
      profile,
      nominal,
      t.map((x) => x.run),
      t.map((x) => x.loop),
    ).map((miss) => `${label}: ${miss}`),
  );
}

/** Other waiters, on the lengths up to 10 minutes. */
const misses = (profile: ProfileName, waiter: Waiter): string[] => missesOf(profile, trials(profile, waiter, JOB_LENGTHS.slice(0, 6)));

describe.each(PROFILES)('%s progress, jobs from 1 s to 6 h', (profile) => {
  const all = waiterTrials(profile).flatMap((length) => length.trials);

  it('is noticed no later than by the 5-second loop (median, and worst within a round trip), with no more requests in any trial', () => {
    expect(missesOf(profile, waiterTrials(profile))).toEqual([]);
  });

  it('never sends its n-th request before the loop sends its n-th: the time slept never falls below 5 s per look', () => {
    const early = all.flatMap(({ jobMs, run, loop }) =>
      run.sendTimes.flatMap((t, n) =>
        n < loop.sendTimes.length && t < (loop.sendTimes[n] ?? 0) - 1e-6 ? [`${Math.round(jobMs)} ms job: request ${n} at ${t} ms`] : [],
      ),
    );
    expect(early).toEqual([]);
  });

  it('sleeps longer than 5 s only toward an end still ahead: a long sleep never runs more than 1.5 s past the end', () => {
    // Where the pace changes (a stall that ends) the prediction can be off by about a second:
    // the margin covers most of it, and 1 000 trials per length up to 10 min overran by 1.3 s at most.
    const past = all.flatMap(({ jobMs, run }) =>
      run.delays.flatMap((d, i) =>
        d > 5 * SECOND && (run.sendTimes[i + 1] ?? 0) > jobMs + 1.5 * SECOND ? [`${Math.round(jobMs)} ms job: slept ${Math.round(d)} ms into the end`] : [],
      ),
    );
    expect(past).toEqual([]);
  });

  it('never looks twice within a second, nor sleeps longer than a minute', () => {
    const delays = all.flatMap(({ run }) => run.delays);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(SCHEDULE.minMs);
    expect(Math.max(...delays)).toBeLessThanOrEqual(SCHEDULE.maxMs);
  });
});

describe('the shape of the schedule', () => {
  const delaysOf = (profile: ProfileName): number[][] =>
    waiterTrials(profile)
      .flatMap((length) => length.trials)
      .map((t) => t.run.delays);

  it.each(['always-zero', 'steps', 'uneven-steps'] as const)('%s: progress predicts nothing, so it is the 5-second loop, look for look', (profile) => {
    expect(new Set(delaysOf(profile).flat())).toEqual(new Set([SCHEDULE.loopMs]));
  });

  it('steady: long sleeps while the end is far, looks sooner than 5 s only in the last 2 % (+ 5 s) of a job of 2 minutes or more', () => {
    for (const { nominal, trials: t } of waiterTrials('steady').filter((length) => length.nominal >= 2 * MINUTE)) {
      for (const { jobMs, run } of t) {
        expect(Math.max(...run.delays), `${nominal} ms`).toBeGreaterThan(5 * SECOND);
        const soon = run.delays.flatMap((d, i) => (d < SCHEDULE.loopMs ? [run.sendTimes[i] ?? 0] : []));
        expect(soon.length, `${nominal} ms`).toBeGreaterThan(0);
        expect(Math.min(...soon), `${nominal} ms`).toBeGreaterThanOrEqual(jobMs - 0.02 * jobMs - 5 * SECOND);
      }
    }
  });

  it('stall: while progress stands still (the middle of the job), it looks every 5 s', () => {
    for (const { nominal, trials: t } of waiterTrials('stall').filter((length) => length.nominal >= 10 * MINUTE)) {
      for (const { jobMs, run } of t) {
        const stalled = run.delays.filter((_, i) => (run.sendTimes[i] ?? 0) > 0.45 * jobMs && (run.sendTimes[i] ?? 0) < 0.6 * jobMs);
        expect(stalled.length, `${nominal} ms`).toBeGreaterThan(0);
        expect(new Set(stalled), `${nominal} ms`).toEqual(new Set([SCHEDULE.loopMs]));
      }
    }
  });
});

describe('the checks catch policies that miss', () => {
  it('the previous growing interval is later than the loop on long jobs', () => {
    expect(misses('steps', previousWaiter).some((m) => m.startsWith('10 min: median'))).toBe(true);
  });

  it('a 10-second loop is later than the 5-second one, and a 1-second loop costlier', () => {
    expect(misses('always-zero', loopWaiter(10 * SECOND)).some((m) => m.includes('median'))).toBe(true);
    expect(misses('always-zero', loopWaiter(SECOND)).some((m) => m.includes("requests > loop's"))).toBe(true);
  });

  it('the 5-second loop itself misses the steady targets (median under 1 s, half the requests)', () => {
    const loopMisses = misses('steady', LOOP);
    expect(loopMisses.some((m) => m.includes('steady median'))).toBe(true);
    expect(loopMisses.some((m) => m.includes("half the loop's"))).toBe(true);
  });

  it('a waiter that trusts three readings and sleeps toward the end without a horizon is late on steps', () => {
    const reckless: Waiter = (input) => {
      const p = predictEnd(input.readings, input.now);
      return p && p.earliest - input.now > 5 * SECOND ? Math.min(60 * SECOND, p.earliest - input.now) : SCHEDULE.loopMs;
    };
    expect(misses('steps', reckless)).not.toEqual([]);
  });
});

/** Readings of a steady job of `jobMs` that began at 0, answered every `everyMs` until `untilMs`, each request sent 100 ms before. */
function steadyReadings(jobMs: number, everyMs: number, untilMs: number): ProgressReading[] {
  const readings: ProgressReading[] = [];
  for (let at = 0; at <= untilMs; at += everyMs) readings.push({ sentAt: at - 100, at, progress: Math.floor((100 * at) / jobMs) });
  return readings;
}
const reading = (atSeconds: number, progress: number | undefined): ProgressReading => ({ sentAt: atSeconds * SECOND - 100, at: atSeconds * SECOND, progress });
const input = (readings: readonly ProgressReading[], now: number, extra: Partial<ScheduleInput> = {}): ScheduleInput => ({
  now,
  readings,
  phase: 'job',
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

  it('has nothing to say without progress, after a jump, or once the end has passed', () => {
    expect(
      predictEnd(
        [0, 10, 20, 30].map((s) => reading(s, 0)),
        30 * SECOND,
      ),
    ).toBeUndefined();
    expect(
      predictEnd(
        [0, 10, 20].map((s) => reading(s, undefined)),
        20 * SECOND,
      ),
    ).toBeUndefined();
    const jump = [0, 10, 20, 30, 31].map((s) => reading(s, s < 31 ? 0 : 40));
    expect(predictEnd(jump, 31 * SECOND)?.confident ?? false).toBe(false);
    const steadySoFar = steadyReadings(100 * SECOND, 5 * SECOND, 60 * SECOND);
    expect(predictEnd(steadySoFar, 60 * SECOND)?.confident).toBe(true);
    expect(predictEnd(steadySoFar, 200 * SECOND)).toBeUndefined();
  });

  it('does not trust three readings alone: steps can line up', () => {
    const inLine = [reading(0, 10), reading(5, 30), reading(10, 50), reading(15, 70)];
    expect(predictEnd(inLine.slice(0, 3), 10 * SECOND)?.confident ?? false).toBe(false);
    expect(predictEnd(inLine, 15 * SECOND)?.confident).toBe(true);
  });

  it('leaves out a reading below an earlier one: the prediction is the one without it', () => {
    const steadySoFar = steadyReadings(100 * SECOND, 5 * SECOND, 40 * SECOND);
    const dipped = [...steadySoFar, reading(42, 15)];
    expect(predictEnd(dipped, 42 * SECOND)).toEqual(predictEnd(steadySoFar, 42 * SECOND));
  });

  it('does not trust progress that stalled', () => {
    const stalled = [...steadyReadings(100 * SECOND, 5 * SECOND, 30 * SECOND), ...[40, 50, 60].map((s) => reading(s, 30))];
    expect(predictEnd(stalled, 60 * SECOND)?.confident ?? false).toBe(false);
  });
});

describe('nextLookDelay', () => {
  it('a fixed poll-interval overrides everything, in both phases', () => {
    const readings = steadyReadings(600 * SECOND, 20 * SECOND, 300 * SECOND);
    expect(nextLookDelay(input(readings, 300 * SECOND, { fixedIntervalMs: 7000 }))).toBe(7000);
    expect(nextLookDelay(input(readings.slice(0, 1), 0, { fixedIntervalMs: 7000, phase: 'backup' }))).toBe(7000);
  });

  it('without a prediction it is the loop: exactly 5 s', () => {
    expect(nextLookDelay(input([reading(0, 0)], 0))).toBe(5000);
    expect(
      nextLookDelay(
        input(
          [0, 5, 10, 15].map((s) => reading(s, 0)),
          15 * SECOND,
        ),
      ),
    ).toBe(5000);
    expect(
      nextLookDelay(
        input(
          [0, 5, 10].map((s) => reading(s, undefined)),
          10 * SECOND,
        ),
      ),
    ).toBe(5000);
    expect(nextLookDelay(input([reading(0, 10), reading(5, 30), reading(10, 50), reading(15, 20)], 15 * SECOND))).toBe(5000);
  });

  it('sleeps toward a far end, no further ahead than a share of the time the readings cover (0.6), and never more than a minute', () => {
    // A 2-minute job read every 5 s for 30 s: the end is 90 s away, the readings cover 30 s.
    const early = steadyReadings(120 * SECOND, 5 * SECOND, 30 * SECOND);
    expect(predictEnd(early, 30 * SECOND)?.confident).toBe(true);
    expect(nextLookDelay(input(early, 30 * SECOND))).toBe(0.6 * 30 * SECOND);
    const hours = steadyReadings(6 * 3600 * SECOND, 60 * SECOND, 3 * 3600 * SECOND);
    expect(nextLookDelay(input(hours, 3 * 3600 * SECOND))).toBe(SCHEDULE.maxMs);
  });

  it('near the end it looks every second with time saved by sleeping longer earlier, and every 5 s without', () => {
    // Looked at every 20 s: 15 s saved per look, so near the end a look every second is affordable.
    const saved = steadyReadings(100 * SECOND, 20 * SECOND, 80 * SECOND);
    const p = predictEnd(saved, 97 * SECOND);
    expect(p?.confident).toBe(true);
    expect(nextLookDelay(input(saved, 97 * SECOND))).toBe(Math.max(SCHEDULE.minMs, (p?.earliest ?? 0) - SCHEDULE.marginMs - 97 * SECOND));
    expect(nextLookDelay(input(saved, 99.5 * SECOND))).toBe(SCHEDULE.minMs);
    // Slept 5 s after each answer (answers 5.1 s apart): nothing saved, so the loop's interval even near the end.
    const nothingSaved = steadyReadings(100 * SECOND, 5.1 * SECOND, 97 * SECOND);
    expect(predictEnd(nothingSaved, 99.5 * SECOND)?.confident).toBe(true);
    expect(nextLookDelay(input(nothingSaved, 99.5 * SECOND))).toBe(SCHEDULE.loopMs);
  });

  it('the backup phase looks after 1 s, 1 s and 2 s, then every 5 s', () => {
    const looks = (n: number): ProgressReading[] => Array.from({ length: n }, (_, i) => reading(i, undefined));
    const delays = [1, 2, 3, 4, 30].map((n) => nextLookDelay(input(looks(n), n * SECOND, { phase: 'backup' })));
    expect(delays).toEqual([1000, 1000, 2000, 5000, 5000]);
  });
});
