import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { WorkspaceProps } from '../workspace';
import { describePdfProblem } from './describe-pdf-problem';
import { DocumentPages } from './document-pages';
import { DocumentToolbar } from './document-toolbar';
import { DOCUMENT_LIMITS, type DocumentLimits, type PageSize, zoomIn, zoomOut } from './page-layout';
import { useDocumentHistory } from './use-document-history';
import { useDocumentKeys } from './use-document-keys';
import { usePageViewer } from './use-page-viewer';
import { usePdfDocument } from './use-pdf-document';
import './document-workspace.css';

/**
 * The document (PDF) workspace: the task's PDF, opened in the browser with `PDF_OPEN_OPTIONS` (no eval, no
 * XFA, no scripts) and drawn page by page onto canvases, only around the viewport and within the caps of
 * `DOCUMENT_LIMITS`. The annotation is the page's own whole-item classes and global attributes; this
 * workspace keeps their undo history (the `WorkspaceProps` contract: uncontrolled, `onChange` on every new
 * payload, undo/redo/replace through `onReady`).
 */
export function DocumentWorkspace(props: WorkspaceProps) {
  useDocumentHistory(props.initial, props.readOnly ?? false, props.onChange, props.onReady);
  if (props.item.kind !== 'document') {
    return (
      <p className="error" data-testid="document-workspace">
        This task's item is not a document.
      </p>
    );
  }
  return <DocumentView url={props.item.url} pages={props.item.pages} limits={DOCUMENT_LIMITS} />;
}

function DocumentView(props: {
  readonly url: string;
  /** Page count from the item, when known (shown while loading). */
  readonly pages: number | null;
  readonly limits: DocumentLimits;
}) {
  const state = usePdfDocument(props.url);
  if (state.status === 'ready') {
    return (
      <DocumentReady
        doc={state.doc}
        numPages={state.numPages}
        firstPage={state.firstPage}
        limits={props.limits}
      />
    );
  }
  return (
    <div className="dw" data-testid="document-workspace" data-state={state.status}>
      {state.status === 'loading' ? (
        <p className="muted" data-testid="document-loading">
          Loading the document{props.pages === null ? '' : ` (${props.pages.toLocaleString('en-US')} pages)`}…
        </p>
      ) : (
        <p className="error" data-testid="document-error" data-kind={state.problem.kind} role="alert">
          {describePdfProblem(state.problem)} Skip this task, and tell your project manager.
        </p>
      )}
    </div>
  );
}

function DocumentReady(props: {
  readonly doc: PDFDocumentProxy;
  readonly numPages: number;
  readonly firstPage: PageSize;
  readonly limits: DocumentLimits;
}) {
  const { limits } = props;
  const viewer = usePageViewer(props.numPages, props.firstPage, limits);
  const { current, count, zoom } = viewer;
  useDocumentKeys({
    next: () => viewer.goTo(current + 1),
    previous: () => viewer.goTo(current - 1),
    first: () => viewer.goTo(0),
    last: () => viewer.goTo(count - 1),
    'zoom-in': () => viewer.setZoom(zoomIn(zoom, limits)),
    'zoom-out': () => viewer.setZoom(zoomOut(zoom, limits)),
    fit: () => viewer.setZoom(1),
  });
  return (
    <div
      className="dw"
      data-testid="document-workspace"
      data-state="ready"
      data-pages={props.numPages}
      data-current-page={current + 1}
    >
      <DocumentToolbar
        current={current}
        count={count}
        declared={props.numPages}
        zoom={zoom}
        canZoomIn={zoom < limits.maxZoom}
        canZoomOut={zoom > limits.minZoom}
        onGoTo={viewer.goTo}
        onZoomIn={() => viewer.setZoom(zoomIn(zoom, limits))}
        onZoomOut={() => viewer.setZoom(zoomOut(zoom, limits))}
        onFit={() => viewer.setZoom(1)}
      />
      <DocumentPages doc={props.doc} viewer={viewer} limits={limits} />
    </div>
  );
}
