// The demo's timeline: when each job ended, and when the action first saw it ended.
import { describe, expect, it } from 'vitest';
import { describeTimeline, jobTimeline } from '../../../scripts/lib/job-timeline.ts';

const T0 = 1_000_000;
const look = (jobId: string, at: number) => ({ method: 'GET', path: `/v2/jobs/${jobId}`, at: T0 + at });

describe('jobTimeline', () => {
  it('counts the looks at each job and finds the first at or after its end', () => {
    const entries = jobTimeline(
      [
        { jobId: 'job-b', createdAt: T0 + 20_000, durationMs: 5000 },
        { jobId: 'job-a', createdAt: T0 + 1000, durationMs: 10_000 },
      ],
      [look('job-a', 2000), look('job-a', 9000), look('job-a', 15_000), look('job-a', 16_000), { method: 'GET', path: '/v2/jobs/job-ab', at: T0 + 11_000 }],
    );
    expect(entries).toEqual([
      { jobId: 'job-a', createdAt: T0 + 1000, endedAt: T0 + 11_000, looks: 4, seenAt: T0 + 15_000 },
      { jobId: 'job-b', createdAt: T0 + 20_000, endedAt: T0 + 25_000, looks: 0, seenAt: undefined },
    ]);
  });
});

describe('describeTimeline', () => {
  it('says how late each end was seen, "within a second" under one, and when it never was', () => {
    const lines = describeTimeline(
      [
        { jobId: 'job-a', createdAt: T0 + 1000, endedAt: T0 + 11_000, looks: 7, seenAt: T0 + 15_000 },
        { jobId: 'job-b', createdAt: T0 + 16_000, endedAt: T0 + 26_000, looks: 1, seenAt: T0 + 26_400 },
        { jobId: 'job-c', createdAt: T0 + 30_000, endedAt: T0 + 40_000, looks: 2, seenAt: undefined },
      ],
      T0,
    );
    expect(lines[0]).toMatch(/^job-a: created at 1 ?s, ended at 11 ?s; 7 looks; seen ended at 15 ?s, 4 ?s after its end\.$/);
    expect(lines[1]).toMatch(/; 1 look; .*within a second of its end\.$/);
    expect(lines[2]).toMatch(/; 2 looks; the action never saw it ended\.$/);
  });
});
