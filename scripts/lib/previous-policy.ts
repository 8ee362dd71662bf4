/**
 * The waiting policy before issue 15, kept for the benchmark's comparison (it is no longer in the
 * action). Pure: takes the time waited so far and a random number, returns a delay.
 *
 * Its bound was detection delay: a job that ends at T is noticed within max(5 s, T/10) and never
 * more than 60 s later. Polling at intervals of at most that bound, measured from the time already
 * waited, guarantees it, and growing the interval with the wait keeps long jobs cheap (a 1-hour job
 * costs under 100 requests instead of 720).
 */
export const POLICY = {
  /** Floor: the first looks come quickly, so short jobs end fast. */
  minMs: 1000,
  /** Early on the interval grows with the time waited (1 s, 1 s, 1.3 s, 2.2 s, 3.7 s, 5 s). */
  rampFraction: 0.67,
  /** Between the ramp and the proportional part the interval stays at the 5 s allowance. */
  plateauMs: 5000,
  /** Later, a tenth of the time waited: the detection target itself. */
  proportionalFraction: 0.1,
  maxMs: 60_000,
  /** Jitter only shortens the interval, so it never breaks the detection bound. */
  jitter: 0.05,
} as const;

export function basePollDelay(elapsedMs: number): number {
  const { minMs, rampFraction, plateauMs, proportionalFraction, maxMs } = POLICY;
  const ramp = Math.min(plateauMs, Math.max(minMs, rampFraction * elapsedMs));
  return Math.min(maxMs, Math.max(ramp, proportionalFraction * elapsedMs));
}

/** The delay before the next status check; a fixed `poll-interval` overrides the policy. */
export function nextPollDelay(elapsedMs: number, random: () => number, fixedIntervalMs?: number): number {
  if (fixedIntervalMs !== undefined) return fixedIntervalMs;
  return basePollDelay(elapsedMs) * (1 - POLICY.jitter * random());
}
