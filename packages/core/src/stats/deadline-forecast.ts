import type { DeadlineGroupRow } from './stats-rows';

const HOUR_MS = 3_600_000;

export interface DeadlineCheck {
  readonly dueAt: number;
  /** Open tasks due at `dueAt`. */
  readonly tasks: number;
  /** Open tasks due at or before `dueAt`. */
  readonly cumulative: number;
  /** When `cumulative` tasks are done at the rate; null when nothing completes. */
  readonly projectedAt: number | null;
  readonly onTrack: boolean;
}

export type DeadlineStatus = 'none' | 'done' | 'on_track' | 'at_risk';

export interface DeadlineForecast {
  readonly remaining: number;
  readonly ratePerHour: number;
  readonly projectedFinish: number | null;
  readonly slaSeconds: number | null;
  readonly slaOldestDue: number | null;
  readonly slaNewestDue: number | null;
  readonly upcoming: readonly DeadlineCheck[];
  readonly nextDue: number | null;
  readonly onTrack: boolean;
  readonly status: DeadlineStatus;
}

export interface ForecastInput {
  readonly now: number;
  /** Open tasks. */
  readonly remaining: number;
  /** Recent completions per hour. */
  readonly ratePerHour: number;
  readonly slaSeconds: number | null;
  /** Creation times of the oldest and newest open task. */
  readonly oldestOpen: number | null;
  readonly newestOpen: number | null;
  /** The nearest deadlines of open tasks, earliest first. */
  readonly deadlines: readonly DeadlineGroupRow[];
}

/** When `count` more tasks are done at `ratePerHour`, counting from `now`; null when nothing completes. */
export function projectAt(now: number, count: number, ratePerHour: number): number | null {
  if (count <= 0) return now;
  if (!(ratePerHour > 0)) return null;
  return Math.ceil(now + (count / ratePerHour) * HOUR_MS);
}

const meets = (projected: number | null, due: number): boolean => projected !== null && projected <= due;

/**
 * Will the open work make its deadlines at the recent completion rate? Every listed deadline must be met by
 * the tasks due at or before it (the queue serves earlier deadlines first), and with an SLA both the oldest
 * open task (next in line) and the newest (last in line) must finish within it.
 */
export function forecastDeadline(input: ForecastInput): DeadlineForecast {
  const { now, remaining, ratePerHour, slaSeconds } = input;
  let cumulative = 0;
  const upcoming = input.deadlines.map((d): DeadlineCheck => {
    cumulative += d.tasks;
    const projectedAt = projectAt(now, cumulative, ratePerHour);
    return {
      dueAt: d.deadline,
      tasks: d.tasks,
      cumulative,
      projectedAt,
      onTrack: meets(projectedAt, d.deadline),
    };
  });
  const projectedFinish = projectAt(now, remaining, ratePerHour);
  const hasSla = slaSeconds !== null && remaining > 0 && input.oldestOpen !== null;
  const slaOldestDue = hasSla && input.oldestOpen !== null ? input.oldestOpen + slaSeconds * 1000 : null;
  const slaNewestDue = hasSla && input.newestOpen !== null ? input.newestOpen + slaSeconds * 1000 : null;
  const slaOk =
    (slaOldestDue === null || meets(projectAt(now, 1, ratePerHour), slaOldestDue)) &&
    (slaNewestDue === null || meets(projectedFinish, slaNewestDue));
  const onTrack = remaining === 0 || (upcoming.every((u) => u.onTrack) && slaOk);
  const dues = [upcoming[0]?.dueAt, slaOldestDue ?? undefined].filter((x): x is number => x !== undefined);
  const nextDue = remaining === 0 || dues.length === 0 ? null : Math.min(...dues);
  const status: DeadlineStatus =
    remaining === 0 ? 'done' : nextDue === null ? 'none' : onTrack ? 'on_track' : 'at_risk';
  return {
    remaining,
    ratePerHour,
    projectedFinish,
    slaSeconds,
    slaOldestDue,
    slaNewestDue,
    upcoming: remaining === 0 ? [] : upcoming,
    nextDue,
    onTrack,
    status,
  };
}
