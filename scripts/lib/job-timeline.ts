// What the emulator knows and the log cannot say: when each job really ended, and when the
// action's look first saw it ended. The demo prints it after the run, so a scene can show how
// late an end was noticed (and the `stall` scene why).
import { formatDuration } from '../../src/format.ts';

export interface TimelineJob {
  jobId: string;
  createdAt: number;
  durationMs: number;
}

export interface TimelineRequest {
  method: string;
  path: string;
  at: number;
}

export interface JobTimelineEntry {
  jobId: string;
  createdAt: number;
  endedAt: number;
  /** How many times the action described the job. */
  looks: number;
  /** The first look at or after the end; undefined when the action never saw the job ended. */
  seenAt: number | undefined;
}

/** Each job, in creation order, with its looks (GET /v2/jobs/{id}) and the first one that saw it ended. */
export function jobTimeline(jobs: readonly TimelineJob[], requests: readonly TimelineRequest[]): JobTimelineEntry[] {
  return [...jobs]
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((job) => {
      const endedAt = job.createdAt + job.durationMs;
      const looks = requests.filter((request) => request.method === 'GET' && request.path === `/v2/jobs/${job.jobId}`);
      return { jobId: job.jobId, createdAt: job.createdAt, endedAt, looks: looks.length, seenAt: looks.find((look) => look.at >= endedAt)?.at };
    });
}

/** One line per job, times counted from `startedAt` (when the step started). */
export function describeTimeline(entries: readonly JobTimelineEntry[], startedAt: number): string[] {
  const at = (ms: number): string => formatDuration(Math.max(0, ms - startedAt));
  return entries.map((entry) => {
    const looks = `${entry.looks} ${entry.looks === 1 ? 'look' : 'looks'}`;
    const head = `${entry.jobId}: created at ${at(entry.createdAt)}, ended at ${at(entry.endedAt)}; ${looks}`;
    if (entry.seenAt === undefined) return `${head}; the action never saw it ended.`;
    const lateMs = entry.seenAt - entry.endedAt;
    const late = lateMs < 1000 ? 'within a second of its end' : `${formatDuration(lateMs)} after its end`;
    return `${head}; seen ended at ${at(entry.seenAt)}, ${late}.`;
  });
}
