import type { MlBackendDto, PredictionDto } from '@tessera/schema';
import { iso } from '../dto/dto';
import type { BackendRecord } from './backend-store';
import type { PredictionRecord } from './prediction-store';

/** The wire backend: never the secret (the route schema would drop it anyway). */
export function backendDto(b: BackendRecord, now: number): MlBackendDto {
  const overlap = b.previousSecretExpiresAt !== null && b.previousSecretExpiresAt > now;
  return {
    backend_id: b.id,
    project_id: b.projectId,
    name: b.name,
    callback_path: `/v1/ml-backends/${b.id}/callbacks`,
    previous_secret_expires_at:
      overlap && b.previousSecretExpiresAt !== null ? iso(b.previousSecretExpiresAt) : null,
    created_at: iso(b.createdAt),
    updated_at: iso(b.updatedAt),
  };
}

export function predictionDto(p: PredictionRecord): PredictionDto {
  return {
    prediction_id: p.id,
    task_id: p.taskId,
    backend_id: p.backendId,
    model_version: p.modelVersion,
    payload: p.payload,
    score: p.score,
    ontology_version: p.ontologyVersion,
    webhook_id: p.webhookId,
    created_at: iso(p.createdAt),
  };
}
