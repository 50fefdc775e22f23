import type { Engine } from '@tessera/core';
import type { ProjectStatsDto, WorkItemDto } from '@tessera/schema';
import { iso } from '../dto/dto';

type ProjectStats = Awaited<ReturnType<Engine['stats']['projectStats']>>;
type ProjectWork = Awaited<ReturnType<Engine['stats']['work']>>[number];
type Forecast = ProjectStats['deadline'];

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

function deadlineDto(d: Forecast): ProjectStatsDto['deadline'] {
  return {
    remaining: d.remaining,
    completion_rate_per_hour: d.ratePerHour,
    projected_finish: isoOrNull(d.projectedFinish),
    sla_seconds: d.slaSeconds,
    sla_oldest_due: isoOrNull(d.slaOldestDue),
    sla_newest_due: isoOrNull(d.slaNewestDue),
    upcoming: d.upcoming.map((u) => ({
      due_at: iso(u.dueAt),
      tasks: u.tasks,
      cumulative: u.cumulative,
      projected_at: isoOrNull(u.projectedAt),
      on_track: u.onTrack,
    })),
    next_due: isoOrNull(d.nextDue),
    on_track: d.onTrack,
    status: d.status,
  };
}

/** The wire shape of a project's statistics (RFC 3339 times, snake_case). */
export function projectStatsDto(s: ProjectStats): ProjectStatsDto {
  return {
    project: s.project.name,
    project_id: s.project.id,
    generated_at: iso(s.generatedAt),
    window: {
      start: iso(s.window.start),
      end: iso(s.window.end),
      hours: s.window.hours,
      bucket_minutes: s.window.bucketMinutes,
    },
    stages: { ...s.stages },
    queue: { queued: s.queued, in_flight: s.inFlight },
    throughput: {
      submitted: s.submitted,
      completed: s.completed,
      buckets: s.buckets.map((b) => ({
        start: iso(b.start),
        submitted: b.submitted,
        completed: b.completed,
      })),
    },
    deadline: deadlineDto(s.deadline),
    classes: s.classes.map((c) => ({
      class_id: c.classId,
      labels: c.labels,
      scored: c.scored,
      mean_agreement: c.meanAgreement,
    })),
    annotators: s.annotators.map((a) => ({
      user_id: a.userId,
      email: a.email,
      name: a.name,
      submitted: a.submitted,
      per_hour: a.perHour,
      median_duration_ms: a.medianDurationMs,
      gold_attempts: a.goldAttempts,
      gold_accuracy: a.goldAccuracy,
      consensus_compared: a.consensusCompared,
      consensus_agreement: a.consensusAgreement,
    })),
    events: { after: s.eventsAfter },
    sample: {
      limit: s.sample.limit,
      final_labels: s.sample.finalLabels,
      annotations: s.sample.annotations,
      truncated: s.sample.truncated,
    },
  };
}

export function workItemDto(w: ProjectWork): WorkItemDto {
  return {
    project: w.project.name,
    project_id: w.project.id,
    title: w.project.title,
    modality: w.project.modality,
    available: w.available,
    in_review: w.inReview,
    completed: w.completed,
  };
}
