import type { Engine } from '@tessera/core';
import { reviewRoutes as R, type ReviewAnnotationDto } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { finalLabelDto, iso } from '../dto/dto';
import { addRoute } from '../http/route-kit';

type TaskAnnotations = Awaited<ReturnType<Engine['reviewReads']['taskAnnotations']>>;
type ScoredAnnotation = TaskAnnotations['annotations'][number];

function reviewAnnotationDto(s: ScoredAnnotation): ReviewAnnotationDto {
  const a = s.annotation;
  return {
    annotation_id: a.id,
    author_id: a.author_id,
    kind: a.kind,
    annotations: a.payload,
    ontology_version: a.ontology_version,
    duration_ms: a.duration_ms,
    created_at: iso(a.created_at),
    current_round: s.currentRound,
    agreement: s.agreement,
  };
}

/** What reviewers read beyond the review queue: a task's annotations with their agreement. */
export function registerReviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { engine } = ctx;

  addRoute(app, R.taskAnnotations, async ({ params, principal }) => {
    const read = await engine.reviewReads.taskAnnotations(principal.orgId, params.task_id);
    return {
      task_id: read.task.id,
      stage: read.task.stage,
      is_gold: read.task.is_gold,
      ontology_version: read.task.ontology_version,
      item: read.item ?? null,
      final_label: read.finalLabel === undefined ? null : finalLabelDto(read.finalLabel),
      docs: read.annotations.map(reviewAnnotationDto),
    };
  });
}
