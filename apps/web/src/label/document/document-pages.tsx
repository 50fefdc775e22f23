import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { ReactNode } from 'react';
import type { DocumentLimits } from './page-layout';
import { PdfPageCanvas } from './pdf-page-canvas';
import type { PageViewer } from './use-page-viewer';

/**
 * The scrolled column: one tall spacer, and absolutely placed slots only for the pages near the viewport.
 * Slots in the render window hold a canvas; the others (a zoomed-out column wider than the cap) a
 * placeholder with the page number.
 */
export function DocumentPages(props: {
  readonly doc: PDFDocumentProxy;
  readonly viewer: PageViewer;
  readonly limits: DocumentLimits;
}) {
  const { doc, viewer } = props;
  const { layout, slots, rendered } = viewer;
  const pages: ReactNode[] = [];
  for (let i = slots.first; i <= slots.last && i < viewer.count; i++) {
    const size = viewer.sizeOf(i);
    const width = size.width * layout.scale;
    const height = size.height * layout.scale;
    const drawn = i >= rendered.first && i <= rendered.last;
    pages.push(
      <div
        key={i}
        className="dw-page"
        data-testid="document-page"
        data-page={i + 1}
        style={{
          top: viewer.topOf(i),
          height,
          width,
          left: Math.max(props.limits.pageGap, (viewer.columnWidth - width) / 2),
        }}
      >
        {drawn ? (
          <PdfPageCanvas doc={doc} index={i} scale={layout.scale} onSize={viewer.learnSize} />
        ) : (
          <span className="dw-placeholder">Page {i + 1}</span>
        )}
      </div>,
    );
  }
  return (
    <div
      ref={viewer.scrollRef}
      className="dw-scroll"
      onScroll={viewer.onScroll}
      tabIndex={-1}
      data-testid="document-scroll"
    >
      <div className="dw-column" style={{ height: viewer.columnHeight, width: viewer.columnWidth }}>
        {pages}
      </div>
    </div>
  );
}
