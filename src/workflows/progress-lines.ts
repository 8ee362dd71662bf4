// What the waiting loop tells the log about the thing it waits for, and when: a line only when it
// says something new. Progress is told in steps of 10 %; the time left (from schedule.ts's
// prediction, unchanged) is a number ("about 6 s left"), told when first known, again only when
// the predicted end moves by more than max(2 s, a fifth of the time left), and once when progress
// stops giving one.
import { formatDuration } from '../format.ts';
import { predictEnd, type ProgressReading } from './schedule.ts';

/** The predicted end must move by more than this (or a fifth of the time left) to be told again. */
const MIN_MEANINGFUL_SHIFT_MS = 2000;

/** The time left, rounded so that it reads as an estimate: 1 s steps under 10 s, 5 s under a minute, then 30 s, then minutes. */
export function timeLeft(ms: number): string {
  const seconds = Math.max(1, ms / 1000);
  const step = seconds < 10 ? 1 : seconds < 60 ? 5 : seconds < 600 ? 30 : seconds < 3600 ? 60 : 300;
  return `about ${formatDuration(Math.max(1, Math.round(seconds / step)) * step * 1000)} left`;
}

export class ProgressLines {
  private lastState = '';
  /** The end last told (epoch ms); undefined when no estimate stands. */
  private toldEnd: number | undefined;

  /**
   * The text of the line for this look (without the subject and the time waited), or undefined
   * when it would say nothing new. `readings` hold every look so far, this one last.
   */
  next(status: string, running: boolean, readings: readonly ProgressReading[], now: number): string | undefined {
    const progress = running ? readings.at(-1)?.progress : undefined;
    const state = progress === undefined ? status : `${status} ${Math.floor(progress / 10) * 10} %`;
    const estimate = running ? this.estimate(readings, now) : '';
    if (!running) this.toldEnd = undefined;
    if (state === this.lastState && estimate === '') return undefined;
    this.lastState = state;
    return estimate === '' ? state : `${state}, ${estimate}`;
  }

  /** What to say about the time left: a new estimate, that there is none any more, or nothing. */
  private estimate(readings: readonly ProgressReading[], now: number): string {
    const prediction = predictEnd(readings, now);
    if (!prediction?.confident) {
      if (this.toldEnd === undefined) return '';
      this.toldEnd = undefined;
      return 'no estimate while progress is not steady';
    }
    const shift = this.toldEnd === undefined ? Infinity : Math.abs(prediction.endsAt - this.toldEnd);
    if (shift <= Math.max(MIN_MEANINGFUL_SHIFT_MS, (prediction.endsAt - now) / 5)) return '';
    this.toldEnd = prediction.endsAt;
    return timeLeft(prediction.endsAt - now);
  }
}
