// The polling policy on a simulated clock: no timers, no HTTP. Shared by the unit tests (which
// assert issue 4's targets) and the benchmark (which prints the numbers).
import { nextPollDelay } from '../../src/workflows/polling.ts';

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
