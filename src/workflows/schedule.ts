/**
 * When to look again at a running job, from the progress it reported so far (issue 15). Pure:
 * the readings, the time and a random number in, a delay out.
 *
 * The model: progress rises at a steady rate, and the API reports it as a whole percent, so a
 * reading `p` only says the true value was in a band around `p` at that moment (see `band`).
 * From the readings that fit one steady rate (the longest recent run that does), the job's end
 * lies between an earliest and a latest time. Far from the earliest, the waiter sleeps most of
 * the way there; from the earliest on it looks every second until the end is seen.
 *
 * Whenever the readings fit no steady rate (no progress yet, a stall, jumps, a value going
 * backwards, or the latest time already passed) the waiter falls back to the growing interval
 * of polling.ts, whose guarantee is: an end is noticed within max(5 s, a tenth of the time
 * waited) and never more than 60 s late. No delay is ever longer than 60 s, whatever the
 * prediction says.
 *
 * Not decided here: a `Retry-After` from the API wins over any delay returned (the caller sleeps
 * the longer of the two), and the deadline caps it (the caller sleeps at most until the deadline).
 */
import { basePollDelay, POLICY } from './polling.ts';

export interface ProgressReading {
  /** Epoch ms of the answer. */
  at: number;
  /** Percent, 0–100; undefined when the answer carried none (or none that parses). */
  progress: number | undefined;
}

export interface ScheduleInput {
  /** When waiting began (epoch ms). */
  startedAt: number;
  now: number;
  /** Every look so far, oldest first. */
  readings: readonly ProgressReading[];
  /** 'backup' = the describe-backup phase after SUCCESSFUL: a short, fast schedule of its own. */
  phase: 'job' | 'backup';
  /** The poll-interval input: overrides everything. */
  fixedIntervalMs?: number;
  /** Jitter source, [0, 1). */
  random: () => number;
}

export interface Prediction {
  /** The middle of the range the end is expected in (epoch ms). */
  endsAt: number;
  /** The readings pin the rate down well enough to sleep beyond the fallback interval. */
  confident: boolean;
  /** The end cannot come before this if progress stays steady (epoch ms). */
  earliest: number;
  /** The end comes before this if progress stays steady (epoch ms). */
  latest: number;
}

export const SCHEDULE = {
  /** At least this long between two looks. */
  minMs: 1000,
  /** Never sleep longer than this, prediction or not: the "never more than 60 s late" part. */
  maxMs: 60_000,
  /** A prediction is trusted once the fastest rate the readings allow is at most this times the slowest. */
  confidentRateRatio: 2,
  /** …and a sleep reaches no further ahead than this many times the span of the readings it rests on (pace can change). */
  horizonFactor: 1,
  /** The fallback interval stays this much under the detection bound: the look that sees the end takes time too. */
  latencyAllowanceMs: 500,
  /** Readings' times are answer times; the job was looked at up to this much earlier (request latency). */
  timeSlackMs: 250,
  /** Readings the prediction rests on at most (the first and last of each run of equal values are kept). */
  maxReadings: 200,
  /** The describe-backup phase: the first delays, then the fallback interval. */
  backupDelaysMs: [1000, 1000, 2000],
  jitter: POLICY.jitter,
} as const;

/** The delay in ms before the next look: ≥ SCHEDULE.minMs, ≤ SCHEDULE.maxMs, or exactly the fixed interval. */
export function nextLookDelay(input: ScheduleInput): number {
  if (input.fixedIntervalMs !== undefined) return input.fixedIntervalMs;
  const { minMs, maxMs, horizonFactor, backupDelaysMs, jitter } = SCHEDULE;
  const elapsed = input.now - input.startedAt;
  // Jitter only shortens, so it never breaks a bound; drawn once per call.
  const shorten = 1 - jitter * input.random();
  const fallback = fallbackDelay(elapsed, shorten);
  if (input.phase === 'backup') {
    const early = backupDelaysMs[input.readings.length - 1];
    return early ?? fallback;
  }
  const estimate = estimateEnd(input.readings, input.now);
  if (!estimate?.confident) return fallback;
  // Sleep to the earliest end (no jitter: it is this job's own moment), but no further ahead
  // than the readings reach back, in case the pace changes.
  const toEarliest = estimate.earliest - input.now;
  const horizon = Math.max(fallback, horizonFactor * estimate.spanMs);
  return Math.max(minMs, Math.min(toEarliest, horizon, maxMs));
}

/**
 * The growing interval of polling.ts, less an allowance for the request's own latency: the look
 * that sees the end answers that much after it is sent, and the bound counts to the answer.
 */
function fallbackDelay(elapsedMs: number, shorten: number): number {
  const { minMs, maxMs, latencyAllowanceMs } = SCHEDULE;
  const bound = Math.min(maxMs, Math.max(POLICY.plateauMs, POLICY.proportionalFraction * elapsedMs));
  return Math.max(minMs, Math.min(basePollDelay(elapsedMs), bound - latencyAllowanceMs) * shorten);
}

/** When the job is expected to end, or undefined when the readings do not support a prediction. */
export function predictEnd(readings: readonly ProgressReading[], now: number): Prediction | undefined {
  const estimate = estimateEnd(readings, now);
  if (!estimate) return undefined;
  const { endsAt, confident, earliest, latest } = estimate;
  return { endsAt, confident, earliest, latest };
}

/**
 * The line worth logging, e.g. "IN_PROGRESS 40 %, expected to finish in about 1 min". Progress is
 * rounded down to 10 % and the time left to a coarse step, so the text changes only now and then
 * and the caller can log it on change.
 */
export function describeProgress(status: string, readings: readonly ProgressReading[], now: number): string {
  const progress = readings.at(-1)?.progress;
  if (progress === undefined) return status;
  const shown = `${status} ${Math.floor(progress / 10) * 10} %`;
  const prediction = predictEnd(readings, now);
  if (!prediction?.confident) return shown;
  return `${shown}, expected to finish ${roughly(prediction.endsAt - now)}`;
}

/** "in about 40 s", "in about 3 min", "in about 1 h 15 min": steps coarse enough not to change on every look. */
function roughly(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return 'in a few seconds';
  const quarterMinutes = Math.round(seconds / 15) * 15;
  if (quarterMinutes < 60) return `in about ${quarterMinutes} s`;
  const minutes = seconds / 60;
  if (minutes < 10) return `in about ${Math.round(minutes)} min`;
  if (minutes < 60) return `in about ${Math.round(minutes / 5) * 5} min`;
  const quarters = Math.round(minutes / 15);
  const h = Math.floor(quarters / 4);
  const m = (quarters % 4) * 15;
  return `in about ${h} h${m ? ` ${m} min` : ''}`;
}

interface Estimate extends Prediction {
  /** Time covered by the readings the estimate rests on. */
  spanMs: number;
}

/** What a reading says the true progress was: [low, high). 0 may mean "not started", and a running job is below 100. */
function band(progress: number): [number, number] {
  // Whole percents, rounded down or to nearest (unconfirmed which): the truth is within [p − 0.5, p + 1).
  return [progress <= 0 ? -Infinity : progress - 0.5, Math.min(100, progress + 1)];
}

interface Point {
  at: number;
  progress: number;
  low: number;
  high: number;
}

/**
 * How much the true progress can have grown from reading a to reading b: [low, high). Tighter
 * than the two bands: whether the API rounds down or to nearest, two readings p and q differ
 * in truth by more than q − p − 1 and less than q − p + 1 (0 may mean "not started", 99 may be
 * held until the end).
 */
function growth(a: Point, b: Point): [number, number] {
  const spread = b.progress - a.progress;
  const high = a.progress <= 0 ? Infinity : b.progress >= 99 ? b.high - a.low : spread + 1;
  return [spread - 1, high];
}

/** The first and last reading of each run of equal values: the ones that carry the information. */
function informativePoints(readings: readonly ProgressReading[]): Point[] {
  const valid = readings.filter((r): r is { at: number; progress: number } => r.progress !== undefined && Number.isFinite(r.progress) && r.progress >= 0);
  const kept = valid.filter((r, i) => valid[i - 1]?.progress !== r.progress || valid[i + 1]?.progress !== r.progress);
  return kept.slice(-SCHEDULE.maxReadings).map((r) => {
    const [low, high] = band(r.progress);
    return { at: r.at, progress: r.progress, low, high };
  });
}

function estimateEnd(readings: readonly ProgressReading[], now: number): Estimate | undefined {
  const points = informativePoints(readings);
  const slack = SCHEDULE.timeSlackMs;
  // Walk back from the newest reading while one steady rate (percent per ms, never negative)
  // still fits every pair: the run since the last change of pace.
  let rateLow = 0;
  let rateHigh = Infinity;
  let run: Point[] = points.slice(-1);
  for (const a of points.slice(0, -1).reverse()) {
    let low = rateLow;
    let high = rateHigh;
    for (const b of run) {
      const dt = b.at - a.at;
      const [grewAtLeast, grewLessThan] = growth(a, b);
      low = Math.max(low, grewAtLeast / (dt + 2 * slack));
      if (dt > 2 * slack) high = Math.min(high, grewLessThan / (dt - 2 * slack));
    }
    if (!(low < high)) break;
    rateLow = low;
    rateHigh = high;
    run = [a, ...run];
  }
  const [oldest] = run;
  const newest = run.at(-1);
  if (!oldest || !newest || run.length < 2 || !(rateLow > 0) || !Number.isFinite(rateHigh)) return undefined;
  // Each reading, carried forward at the fastest and slowest rate, bounds the end.
  let earliest = -Infinity;
  let latest = Infinity;
  for (const p of run) {
    earliest = Math.max(earliest, p.at - slack + (100 - p.high) / rateHigh);
    latest = Math.min(latest, p.at + slack + (100 - p.low) / rateLow);
  }
  if (!(earliest <= latest) || latest < now) return undefined;
  const confident = run.length >= 3 && rateHigh <= SCHEDULE.confidentRateRatio * rateLow;
  return { endsAt: (earliest + latest) / 2, confident, earliest, latest, spanMs: newest.at - oldest.at };
}
