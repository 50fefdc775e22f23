import { describe, expect, it } from 'vitest';
import { forecastDeadline, projectAt } from './deadline-forecast';

const H = 3_600_000;
const NOW = 1_000 * H;
const base = {
  now: NOW,
  ratePerHour: 10,
  slaSeconds: null,
  oldestOpen: NOW - H,
  newestOpen: NOW,
  deadlines: [],
};

describe('deadline forecast', () => {
  it('projects from the rate, and never when nothing completes', () => {
    expect(projectAt(NOW, 25, 10)).toBe(NOW + 2.5 * H);
    expect(projectAt(NOW, 0, 0)).toBe(NOW);
    expect(projectAt(NOW, 1, 0)).toBeNull();
  });

  it('is `none` without deadlines or SLA and `done` when nothing remains', () => {
    expect(forecastDeadline({ ...base, remaining: 40 })).toMatchObject({
      status: 'none',
      onTrack: true,
      nextDue: null,
      projectedFinish: NOW + 4 * H,
    });
    const done = forecastDeadline({ ...base, remaining: 0, deadlines: [{ deadline: NOW - H, tasks: 3 }] });
    expect(done).toMatchObject({ status: 'done', onTrack: true, upcoming: [], nextDue: null });
  });

  it('checks each deadline against the tasks due by then (cumulative)', () => {
    const f = forecastDeadline({
      ...base,
      remaining: 100,
      deadlines: [
        { deadline: NOW + H, tasks: 5 },
        { deadline: NOW + 2 * H, tasks: 20 },
      ],
    });
    expect(f.upcoming).toEqual([
      { dueAt: NOW + H, tasks: 5, cumulative: 5, projectedAt: NOW + 0.5 * H, onTrack: true },
      { dueAt: NOW + 2 * H, tasks: 20, cumulative: 25, projectedAt: NOW + 2.5 * H, onTrack: false },
    ]);
    expect(f).toMatchObject({ onTrack: false, status: 'at_risk', nextDue: NOW + H });
  });

  it('is at risk with a deadline but no completions, and when a deadline has passed', () => {
    const stalled = forecastDeadline({
      ...base,
      ratePerHour: 0,
      remaining: 1,
      deadlines: [{ deadline: NOW + 100 * H, tasks: 1 }],
    });
    expect(stalled).toMatchObject({ status: 'at_risk', projectedFinish: null });
    const overdue = forecastDeadline({ ...base, remaining: 1, deadlines: [{ deadline: NOW - 1, tasks: 1 }] });
    expect(overdue.status).toBe('at_risk');
  });

  it('holds the SLA for the oldest (next) and the newest (last) open task', () => {
    const sla = { ...base, slaSeconds: 3 * 3600, remaining: 20 };
    // oldest due NOW + 2h, newest due NOW + 3h; 20 tasks at 10/h finish at NOW + 2h.
    expect(forecastDeadline(sla)).toMatchObject({
      slaOldestDue: NOW + 2 * H,
      slaNewestDue: NOW + 3 * H,
      nextDue: NOW + 2 * H,
      status: 'on_track',
    });
    expect(forecastDeadline({ ...sla, remaining: 31 }).status).toBe('at_risk');
    expect(forecastDeadline({ ...sla, oldestOpen: NOW - 3 * H - 1 }).status).toBe('at_risk');
  });
});
