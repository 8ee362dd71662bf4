/**
 * When to look again at a running job (issues 15 and 23). Pure: the readings so far and the time
 * in, a delay out.
 *
 * The rule: look every 5 s, as the shell loop and the official CLI do, unless the progress read so
 * far predicts the end confidently (at least four readings past the start on one steady rate).
 * Then, while the earliest predicted end is far, sleep toward it, but never past it less a second,
 * never further ahead than 0.6 of the time those readings cover, never more than 60 s; near it, and
 * until the latest predicted end, look as often as once a second with the time saved by those
 * longer sleeps, never more: the time slept never falls below 5 s per look, so the waiter never
 * makes more requests than the 5-s loop. As soon as the prediction fails (the latest predicted end
 * passes, progress stalls, jumps or is missing) it looks every 5 s again, not more often. A reading
 * below an earlier one is wrong (work done does not shrink) and is left out.
 *
 * The model behind "predicts": progress rises at a steady rate, and the API reports it as a whole
 * percent, so a reading `p` only says the true value was in a band around `p` (see `band`) at some
 * moment between sending the request and its answer. From the readings that fit one steady rate
 * (the longest recent run that does), the end lies between an earliest and a latest time.
 *
 * Not decided here: a `Retry-After` from the API wins over any delay returned (the caller sleeps
 * the longer of the two), and the deadline caps it (the caller sleeps at most until the deadline).
 */

export interface ProgressReading {
  /** Epoch ms the request was sent: the job was looked at between this and `at`. */
  sentAt: number;
  /** Epoch ms of the answer. */
  at: number;
  /** Percent, 0–100; undefined when the answer carried none (or none that parses). */
  progress: number | undefined;
}

export interface ScheduleInput {
  now: number;
  /** Every look so far that got an answer, oldest first. */
  readings: readonly ProgressReading[];
  /** 'backup' = the describe-backup phase after SUCCESSFUL: a short, fast schedule of its own. */
  phase: 'job' | 'backup';
  /** The poll-interval input: overrides everything. */
  fixedIntervalMs?: number;
}

export interface Prediction {
  /** The middle of the range the end is expected in (epoch ms). */
  endsAt: number;
  /** The readings pin the rate down well enough to sleep longer than the loop. */
  confident: boolean;
  /** The end cannot come before this if progress stays steady (epoch ms). */
  earliest: number;
  /** The end comes before this if progress stays steady (epoch ms). */
  latest: number;
}

export const SCHEDULE = {
  /** The loop's interval: the delay whenever progress predicts nothing, and the average delay never undercut. */
  loopMs: 5000,
  /** Near a predicted end: at least this long between two looks. */
  minMs: 1000,
  /** Sleeps end this long before the earliest predicted end. */
  marginMs: 1000,
  /** Never sleep longer than this, however far the predicted end. */
  maxMs: 60_000,
  /** A prediction rests on at least this many readings past the start that fit one rate (three can be steps that happen to line up)… */
  confidentReadings: 4,
  /** …and is trusted once the fastest rate the readings allow is at most this times the slowest. */
  confidentRateRatio: 2,
  /** A sleep reaches no further ahead than this share of the time the readings it rests on cover. */
  horizonShare: 0.6,
  /** Readings the prediction rests on at most (the first and last of each run of equal values are kept). */
  maxReadings: 200,
  /** The describe-backup phase: the first delays, then the loop's interval. */
  backupDelaysMs: [1000, 1000, 2000],
} as const;

/** The delay in ms before the next look: ≥ SCHEDULE.minMs, ≤ SCHEDULE.maxMs, or exactly the fixed interval. */
export function nextLookDelay(input: ScheduleInput): number {
  if (input.fixedIntervalMs !== undefined) return input.fixedIntervalMs;
  const { loopMs, minMs, maxMs, backupDelaysMs } = SCHEDULE;
  if (input.phase === 'backup') return backupDelaysMs[input.readings.length - 1] ?? loopMs;
  const estimate = estimateEnd(input.readings, input.now);
  if (!estimate?.confident) return loopMs;
  // A margin before the earliest end: at a change of pace (a stall that ends) the model is off by a little.
  const ahead = estimate.earliest - SCHEDULE.marginMs - input.now;
  // Far from the end: sleep toward it, but no further ahead than a share of the time the readings cover, in case the pace changes.
  if (ahead > loopMs) return Math.max(loopMs, Math.min(ahead, estimate.spanMs * SCHEDULE.horizonShare, maxMs));
  // Near it, and until the latest end: the time saved by sleeping longer earlier, spread over the
  // looks to come, so that the time slept never falls below the loop's 5 s per look.
  const saved = sleptMs(input.readings) - loopMs * (input.readings.length - 1);
  const toLatest = estimate.latest - input.now;
  const spread = saved > 0 ? (loopMs * toLatest) / (toLatest + saved) : loopMs;
  return Math.max(minMs, ahead, loopMs - saved, spread);
}

/** Time spent sleeping between the answered looks: from each answer to the next request. */
function sleptMs(readings: readonly ProgressReading[]): number {
  return readings.reduce((sum, r, i) => sum + (i > 0 ? r.sentAt - (readings[i - 1]?.at ?? r.sentAt) : 0), 0);
}

/** When the job is expected to end, or undefined when the readings do not support a prediction. */
export function predictEnd(readings: readonly ProgressReading[], now: number): Prediction | undefined {
  const estimate = estimateEnd(readings, now);
  if (!estimate) return undefined;
  const { endsAt, confident, earliest, latest } = estimate;
  return { endsAt, confident, earliest, latest };
}

interface Estimate extends Prediction {
  /** Time covered by the readings the estimate rests on. */
  spanMs: number;
}

/** A reading this low may mean "not started" or "just started": the emulator, for one, shows 1 from the start. */
const STARTING = 1;

/** What a reading says the true progress was: [low, high). A running job is below 100. */
function band(progress: number): [number, number] {
  // Whole percents, rounded down or to nearest (unconfirmed which): the truth is within [p − 0.5, p + 1).
  return [progress <= STARTING ? -Infinity : progress - 0.5, Math.min(100, progress + 1)];
}

interface Point {
  /** The job was looked at between these two times (epoch ms). */
  from: number;
  to: number;
  progress: number;
  low: number;
  high: number;
}

/**
 * How much the true progress can have grown from reading a to reading b: [low, high). Tighter
 * than the two bands: whether the API rounds down or to nearest, two readings p and q differ
 * in truth by more than q − p − 1 and less than q − p + 1 (a starting reading may be anything
 * lower, 99 may be held until the end).
 */
function growth(a: Point, b: Point): [number, number] {
  const spread = b.progress - a.progress;
  const high = a.progress <= STARTING ? Infinity : b.progress >= 99 ? b.high - a.low : spread + 1;
  return [spread - 1, high];
}

/**
 * The first and last reading of each run of equal values: the ones that carry the information. A
 * reading below an earlier one says nothing (work done does not shrink; that reading is wrong), so
 * it is left out.
 */
function informativePoints(readings: readonly ProgressReading[]): Point[] {
  let highest = 0;
  const valid = readings.filter((r): r is ProgressReading & { progress: number } => {
    if (r.progress === undefined || !Number.isFinite(r.progress) || r.progress < highest) return false;
    highest = r.progress;
    return true;
  });
  const kept = valid.filter((r, i) => valid[i - 1]?.progress !== r.progress || valid[i + 1]?.progress !== r.progress);
  return kept.slice(-SCHEDULE.maxReadings).map((r) => {
    const [low, high] = band(r.progress);
    return { from: r.sentAt, to: r.at, progress: r.progress, low, high };
  });
}

function estimateEnd(readings: readonly ProgressReading[], now: number): Estimate | undefined {
  const points = informativePoints(readings);
  // Walk back from the newest reading while one steady rate (percent per ms, never negative)
  // still fits every pair: the run since the last change of pace.
  let rateLow = 0;
  let rateHigh = Infinity;
  let run: Point[] = points.slice(-1);
  for (const a of points.slice(0, -1).reverse()) {
    let low = rateLow;
    let high = rateHigh;
    for (const b of run) {
      const [grewAtLeast, grewLessThan] = growth(a, b);
      low = Math.max(low, grewAtLeast / (b.to - a.from));
      if (b.from > a.to) high = Math.min(high, grewLessThan / (b.from - a.to));
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
    earliest = Math.max(earliest, p.from + (100 - p.high) / rateHigh);
    latest = Math.min(latest, p.to + (100 - p.low) / rateLow);
  }
  if (!(earliest <= latest) || latest < now) return undefined;
  const confident = run.filter((p) => p.progress > STARTING).length >= SCHEDULE.confidentReadings && rateHigh <= SCHEDULE.confidentRateRatio * rateLow;
  return { endsAt: (earliest + latest) / 2, confident, earliest, latest, spanMs: newest.to - oldest.to };
}
