/** Test-only: leases shaped like the server's `leaseTasks` answer (not imported by the app). */
import type { LeaseDto, TaskDto } from '@tessera/schema';

export function taskDto(id: string, extra: Partial<TaskDto> = {}): TaskDto {
  return {
    task_id: id,
    type: 'annotation',
    status: 'pending',
    stage: 'labeling',
    project: 'cars',
    batch: null,
    unique_id: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    completed_at: null,
    instruction: '',
    params: {},
    callback_url: null,
    callback_succeeded: null,
    response: null,
    metadata: {},
    tags: [],
    priority: 0,
    deadline: null,
    is_gold: false,
    annotations_needed: 1,
    annotations_done: 0,
    taxonomy_version: 'cars@2',
    guideline_version: 'cars@2',
    audits: [],
    last_error: null,
    ...extra,
  };
}

export function leaseDto(
  id: string,
  token = 1,
  expiresAt = '2026-01-01T00:10:00.000Z',
  task?: Partial<TaskDto>,
): LeaseDto {
  return {
    assignment_id: `asg_${id}_${token}`,
    token,
    expires_at: expiresAt,
    task: taskDto(id, task),
    item: { media_type: 'image', uri: `/assets/${id}.png`, width: 640, height: 480 },
  };
}
