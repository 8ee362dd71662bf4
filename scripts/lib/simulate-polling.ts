// The polling policies on a simulated clock: no timers, no HTTP. Shared by the unit tests (which
// assert issue 4's and issue 15's targets) and the benchmark (which prints the numbers).
import { nextPollDelay } from '../../src/workflows/polling.ts';
import { nextLookDelay, type ProgressReading, type ScheduleInput } from '../../src/workflows/schedule.ts';

/** The delay before the next status request, given the time waited so far. */
export type PollingPolicy = (elapsedMs: number) => number;

export interface PollingRun {
  /** Status requests made, the one that saw the job finished included. */
  requests: number;
  /** Time from the job's end to the request that saw it. */
  detectionDelayMs: number;
  /** When each request was made, from the start of waiting. */
  pollTimes: number[];
}

/**
 * A job that ends `jobMs` after waiting starts (requests take no time): poll at 0, then after
 * each delay the policy gives, until a request is made at or after the job's end.
 */
export function simulatePolling(jobMs: number, policy: PollingPolicy): PollingRun {
  const pollTimes: number[] = [];
  for (let t = 0; ;) {
    pollTimes.push(t);
    if (t >= jobMs) return { requests: pollTimes.length, detectionDelayMs: t - jobMs, pollTimes };
    const delay = policy(t);
    if (!(delay > 0)) throw new Error(`the policy returned a delay of ${delay} ms at ${t} ms`);
    t += delay;
  }
}

/** The action's policy (src/workflows/polling.ts), with its jitter drawn from `random`. */
export function actionPolicy(random: () => number, fixedIntervalMs?: number): PollingPolicy {
  return (elapsedMs) => nextPollDelay(elapsedMs, random, fixedIntervalMs);
}

/** The loop people write by hand (and the official CLI): every `intervalMs`. */
export function fixedPolicy(intervalMs: number): PollingPolicy {
  return () => intervalMs;
}

/** A seeded PRNG (mulberry32), so "random" runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Progress-aware waiting (issue 15): a simulated job that reports progress, looked at by a waiter
// that sees every reading, with a request latency. Still no timers and no HTTP.

/** A waiter as src/workflows/schedule.ts defines it: the readings so far in, the delay out. */
export type Waiter = (input: ScheduleInput) => number;

/** The progress-aware waiter (src/workflows/schedule.ts). */
export const scheduleWaiter: Waiter = nextLookDelay;

/** The previous policy (src/workflows/polling.ts), which looks only at the time waited. */
export const previousWaiter: Waiter = (input) => nextPollDelay(input.now - input.startedAt, input.random, input.fixedIntervalMs);

/** The hand-written loop: sleep `intervalMs` after each answer. */
export const loopWaiter =
  (intervalMs: number): Waiter =>
  () =>
    intervalMs;

export const PROFILES = ['steady', 'slow-start', 'steps', 'stall', 'non-monotone', 'always-zero'] as const;
export type ProfileName = (typeof PROFILES)[number];

/**
 * The progress a job of `jobMs` reports `t` ms after waiting began, as the API does: a whole
 * percent, 1 to 99 while running (the end itself is the status turning SUCCESSFUL). The shapes
 * are those of the emulator's `progressProfile` option (test/emulator/state.ts), so simulated and real runs tell the same story; `seed` stands for the job id
 * where a profile varies (step sizes, which slices dip).
 *
 * - steady: linear;
 * - slow-start: 10 % in the first half, then steady;
 * - steps: flat, with jumps of 20–50 points, each level held for the same time (the last jump is the end);
 * - stall: rises to 50 %, holds it through the middle third, then rises again;
 * - non-monotone: steady, but in about a third of the ten slices of the job it reads 25 points lower;
 * - always-zero: 0 until the end.
 */
export function progressProfile(name: ProfileName, jobMs: number, seed: number): (t: number) => number {
  const clamp = (p: number): number => Math.max(1, Math.min(99, Math.floor(p)));
  const fraction = (t: number): number => Math.min(t / jobMs, 0.999_999);
  switch (name) {
    case 'steady':
      return (t) => clamp(fraction(t) * 100);
    case 'slow-start':
      return (t) => {
        const f = fraction(t);
        return clamp(f < 0.5 ? f * 20 : 10 + (f - 0.5) * 180);
      };
    case 'steps': {
      const levels = stepLevels(seed);
      return (t) => levels[Math.min(levels.length - 1, Math.floor(fraction(t) * levels.length))] ?? 0;
    }
    case 'stall':
      return (t) => {
        const f = fraction(t);
        return clamp(f < 1 / 3 ? f * 150 : f < 2 / 3 ? 50 : 50 + (f - 2 / 3) * 150);
      };
    case 'non-monotone':
      return (t) => {
        const f = fraction(t);
        const slice = Math.floor(f * 10);
        const dips = slice > 0 && (seed + slice) % 3 === 0;
        return clamp(f * 100 - (dips ? 25 : 0));
      };
    case 'always-zero':
      return () => 0;
  }
}

/** The levels a 'steps' job shows in turn: 0, then jumps of 20–50 points (the last, to 100, is the end). */
function stepLevels(seed: number): number[] {
  const random = seededRandom(seed * 31 + 7);
  const levels = [0];
  let level = 0;
  while (100 - level > 50) {
    const maxJump = Math.min(50, 100 - level - 20);
    level += 20 + Math.floor((maxJump - 19) * random());
    levels.push(level);
  }
  return levels;
}

export interface JobRun {
  /** Status requests made, the one that saw the end included. */
  requests: number;
  /** From the job's end to the answer that showed it. */
  detectionDelayMs: number;
  /** Shortest time between two requests (Infinity for a single one). */
  minGapMs: number;
  /** When each request was sent, from the start of waiting. */
  sendTimes: number[];
}

/** Epoch of the simulated clock: the waiter must work on differences only. */
const EPOCH = Date.UTC(2026, 10, 1);

/**
 * Waits for a job that ends `jobMs` after waiting began. Each request takes a deterministic
 * 50–150 ms (from `seed`); the job is looked at halfway through it, and the answer (with the
 * progress at that moment) arrives at its end, when the waiter is asked for the next delay.
 */
export function simulateJob(jobMs: number, progress: (t: number) => number, waiter: Waiter, seed: number): JobRun {
  const startedAt = EPOCH + seed * 7919;
  const latency = seededRandom(seed * 2 + 1);
  const random = seededRandom(seed * 2 + 2);
  const readings: ProgressReading[] = [];
  const sendTimes: number[] = [];
  for (let sent = 0; ;) {
    if (sendTimes.length >= 100_000) throw new Error(`more than 100000 requests for a ${jobMs} ms job`);
    sendTimes.push(sent);
    const took = 50 + 100 * latency();
    const lookedAt = sent + took / 2;
    const answered = sent + took;
    if (lookedAt >= jobMs) {
      const gaps = sendTimes.slice(1).map((t, i) => t - (sendTimes[i] ?? 0));
      return { requests: sendTimes.length, detectionDelayMs: answered - jobMs, minGapMs: Math.min(...gaps), sendTimes };
    }
    readings.push({ at: startedAt + answered, progress: progress(lookedAt) });
    const delay = waiter({ startedAt, now: startedAt + answered, readings, phase: 'job', random });
    if (!(delay > 0) || !Number.isFinite(delay)) throw new Error(`the waiter returned a delay of ${delay} ms at ${answered} ms`);
    sent = answered + delay;
  }
}

/** Nominal job lengths of issue 15, 1 s to 6 h. */
export const JOB_LENGTHS: readonly [string, number][] = [
  ['1 s', 1000],
  ['3 s', 3000],
  ['10 s', 10_000],
  ['30 s', 30_000],
  ['2 min', 120_000],
  ['10 min', 600_000],
  ['1 h', 3_600_000],
  ['6 h', 21_600_000],
];

/** A trial's job lasts its nominal length plus up to a tenth (at most 5 s), so no policy is flattered by a grid. */
export function trialLength(nominalMs: number, seed: number): number {
  return nominalMs + Math.min(nominalMs / 10, 5000) * seededRandom(seed * 7 + 3)();
}

/** The detection bound of issues 4 and 15: max(5 s, a tenth of the job), never more than 60 s. */
export function detectionBoundMs(jobMs: number): number {
  return Math.min(60_000, Math.max(5000, jobMs / 10));
}
