import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { canvasPixelScale, canvasSize, type PageSize } from './page-layout';

type RenderState = 'rendering' | 'rendered' | 'failed';

/**
 * One page painted onto a canvas at `scale` CSS pixels per point (its backing store capped by
 * `canvasPixelScale`). The canvas is created for this page only while the viewer keeps it in its render
 * window; on unmount the render is cancelled and the backing store released at once.
 */
export function PdfPageCanvas(props: {
  readonly doc: PDFDocumentProxy;
  readonly index: number;
  readonly scale: number;
  readonly onSize: (index: number, size: PageSize) => void;
}) {
  const { doc, index, scale, onSize } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<RenderState>('rendering');
  const pageRef = useRef<PDFPageProxy | null>(null);
  const sizeReported = useRef(onSize);
  sizeReported.current = onSize;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    let live = true;
    let task: RenderTask | null = null;
    setState('rendering');
    void (async () => {
      try {
        const page = pageRef.current ?? (await doc.getPage(index + 1));
        pageRef.current = page;
        if (!live) return;
        const base = page.getViewport({ scale: 1 });
        const size = { width: base.width, height: base.height };
        sizeReported.current(index, size);
        const pixelScale = canvasPixelScale(size, scale, window.devicePixelRatio);
        const viewport = page.getViewport({ scale: pixelScale });
        const pixels = canvasSize(size, pixelScale);
        canvas.width = pixels.width;
        canvas.height = pixels.height;
        task = page.render({ canvas, viewport });
        await task.promise;
        if (live) setState('rendered');
      } catch (e) {
        if (live && !(e instanceof Error && e.name === 'RenderingCancelledException')) setState('failed');
      }
    })();
    return () => {
      live = false;
      task?.cancel();
    };
  }, [doc, index, scale]);

  useEffect(
    () => () => {
      // Free the backing store now rather than at the next garbage collection, and the page's parsed data.
      const canvas = canvasRef.current;
      if (canvas !== null) {
        canvas.width = 0;
        canvas.height = 0;
      }
      pageRef.current?.cleanup();
    },
    [],
  );

  return (
    <>
      <canvas
        ref={canvasRef}
        className="dw-canvas"
        data-testid="document-canvas"
        data-page={index + 1}
        data-state={state}
      />
      {state === 'failed' ? (
        <p className="error dw-page-error" data-testid="document-page-error">
          Page {index + 1} could not be drawn.
        </p>
      ) : null}
    </>
  );
}
