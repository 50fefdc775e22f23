import type { ProjectDto } from '@tessera/schema';
import { type FormEvent, useState } from 'react';
import { useApi } from '../../api/api-context';
import { createAssetUploader } from './asset-upload';
import { FilePickers, type Picked } from './file-pickers';
import { type FileMedia, fileMediaOf, pickFiles } from './image-files';
import { defaultsFor, isTaskType } from './task-defaults';
import type { UploadJob } from './upload-run';
import { batchProblem, type Settings, UploadSettings } from './upload-settings';
import { UploadStatus } from './upload-status';
import { useUpload } from './use-upload';

function describePicked(picked: Picked, media: FileMedia): string {
  if (picked.kind !== 'images') {
    const kb = Math.max(1, Math.round(picked.file.size / 1024));
    return `${picked.file.name} (${picked.kind === 'csv' ? 'CSV' : 'NDJSON'}, ${kb.toLocaleString()} KB)`;
  }
  const { picked: files, skipped } = pickFiles(picked.files, media);
  const rest = skipped.length > 0 ? `; ${skipped.length} other files will be skipped` : '';
  const noun = media === 'document' ? 'PDF' : 'image';
  return `${files.length} ${noun}${files.length === 1 ? '' : 's'}${rest}`;
}

function jobOf(project: ProjectDto, settings: Settings, picked: Picked, known: readonly string[]): UploadJob {
  const batch = settings.batch.trim();
  return {
    project: project.name,
    projectId: project.project_id,
    batch: batch === '' ? null : batch,
    knownBatches: known,
    defaults: { ...defaultsFor(project.modality), type: settings.taskType },
    source:
      picked.kind === 'images'
        ? {
            kind: 'images',
            files: picked.files,
            media: fileMediaOf(project.modality),
            dedupe: settings.dedupe,
          }
        : { kind: picked.kind, file: picked.file },
  };
}

/** Pick or name a batch, pick a tasks file or images, upload with progress, then the summary. */
export function UploadForm(props: {
  readonly project: ProjectDto;
  readonly batchNames: readonly string[];
  readonly onFinished: () => void;
}) {
  const { project, batchNames } = props;
  const { client } = useApi();
  const [settings, setSettings] = useState<Settings>(() => ({
    batch: '',
    taskType: defaultsFor(project.modality).type,
    dedupe: true,
  }));
  const [picked, setPicked] = useState<Picked | null>(null);
  const media = fileMediaOf(project.modality);
  const upload = useUpload(props.onFinished);
  const running = upload.phase === 'running';
  const typeProblem = isTaskType(settings.taskType)
    ? null
    : 'Task types are lower-case identifiers, e.g. imageannotation.';
  const ready = picked !== null && !running && batchProblem(settings.batch) === null && typeProblem === null;

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    const deps = { client, uploadAsset: createAssetUploader(client) };
    if (await upload.start(jobOf(project, settings, picked, batchNames), deps)) setPicked(null);
  }

  return (
    <form className="upload-form" onSubmit={(e) => void start(e)}>
      <UploadSettings
        value={settings}
        batchNames={batchNames}
        typeProblem={typeProblem}
        disabled={running}
        onChange={(patch) => setSettings((s) => ({ ...s, ...patch }))}
      />
      <FilePickers disabled={running} media={media} onPick={setPicked} />
      <div className="row">
        <span className="muted" data-testid="upload-selection">
          {picked === null ? 'Nothing picked yet.' : describePicked(picked, media)}
        </span>
        <span className="upload-spacer" />
        {running ? (
          <button type="button" data-testid="upload-cancel" onClick={upload.cancel}>
            Cancel upload
          </button>
        ) : null}
        <button type="submit" className="primary" disabled={!ready} data-testid="upload-start">
          Upload
        </button>
      </div>
      {upload.phase === null ? null : (
        <UploadStatus phase={upload.phase} progress={upload.progress} error={upload.error} />
      )}
    </form>
  );
}
