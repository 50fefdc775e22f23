import { useEffect, useState } from 'react';

/** Page navigation and zoom above the pages. */
export function DocumentToolbar(props: {
  /** The page at the top of the viewport, 0-based. */
  readonly current: number;
  /** Pages listed by the viewer. */
  readonly count: number;
  /** Pages the file declares (more than `count` when the viewer's cap applies). */
  readonly declared: number;
  readonly zoom: number;
  readonly canZoomIn: boolean;
  readonly canZoomOut: boolean;
  readonly onGoTo: (index: number) => void;
  readonly onZoomIn: () => void;
  readonly onZoomOut: () => void;
  readonly onFit: () => void;
}) {
  const { count, declared } = props;
  return (
    <div className="dw-toolbar" data-testid="document-toolbar">
      <PageNav current={props.current} count={count} declared={declared} onGoTo={props.onGoTo} />
      <div className="dw-group">
        <button
          type="button"
          onClick={props.onZoomOut}
          disabled={!props.canZoomOut}
          data-testid="document-zoom-out"
          title="Zoom out (-)"
        >
          −
        </button>
        <span className="dw-zoom" data-testid="document-zoom">
          {Math.round(props.zoom * 100)}%
        </span>
        <button
          type="button"
          onClick={props.onZoomIn}
          disabled={!props.canZoomIn}
          data-testid="document-zoom-in"
          title="Zoom in (+)"
        >
          +
        </button>
        <button type="button" onClick={props.onFit} data-testid="document-zoom-fit" title="Fit width (F)">
          Fit width
        </button>
      </div>
      {declared > count ? (
        <p className="muted dw-capped" data-testid="document-pages-capped">
          Showing the first {count.toLocaleString('en-US')} of {declared.toLocaleString('en-US')} pages.
        </p>
      ) : null}
    </div>
  );
}

/** Previous / next, and "Page [n] of N" where a typed number jumps on Enter or when the field is left. */
function PageNav(props: {
  readonly current: number;
  readonly count: number;
  readonly declared: number;
  readonly onGoTo: (index: number) => void;
}) {
  const { current, count, onGoTo } = props;
  const [typed, setTyped] = useState(String(current + 1));
  useEffect(() => setTyped(String(current + 1)), [current]);
  const jump = () => {
    const page = Number.parseInt(typed, 10);
    if (!Number.isInteger(page)) setTyped(String(current + 1));
    else if (page !== current + 1) onGoTo(Math.min(Math.max(page, 1), count) - 1);
  };
  return (
    <div className="dw-group">
      <button
        type="button"
        onClick={() => onGoTo(current - 1)}
        disabled={current <= 0}
        data-testid="document-prev"
        title="Previous page (Page Up)"
      >
        ◀
      </button>
      <label className="dw-page-label">
        Page
        <input
          className="dw-page-input"
          value={typed}
          inputMode="numeric"
          aria-label="Page number"
          onChange={(e) => setTyped(e.target.value)}
          onBlur={jump}
          onKeyDown={(e) => {
            if (e.key === 'Enter') jump();
          }}
          data-testid="document-page-input"
        />
        of
        <span data-testid="document-page-count" data-count={props.declared}>
          {props.declared.toLocaleString('en-US')}
        </span>
      </label>
      <button
        type="button"
        onClick={() => onGoTo(current + 1)}
        disabled={current >= count - 1}
        data-testid="document-next"
        title="Next page (Page Down)"
      >
        ▶
      </button>
    </div>
  );
}
