import { cutSegments, lineStarts, type SegmentPiece, type TextRange } from '@tessera/editor';
import { memo, type Ref, useMemo } from 'react';
import { LANE_PX, type SegmentView } from './segment-views';

const Segment = memo(function Segment(props: {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly view: SegmentView;
  readonly selected: boolean;
  readonly marked: boolean;
}) {
  const { view } = props;
  const classes = ['tw-seg'];
  if (view.spanIds !== '') classes.push('tw-spanned');
  if (view.conflict) classes.push('tw-conflict');
  if (props.selected) classes.push('tw-selected');
  if (props.marked) classes.push('tw-caret');
  return (
    <span
      data-offset={props.start}
      data-spans={view.spanIds === '' ? undefined : view.spanIds}
      className={classes.join(' ')}
      style={view.style}
    >
      {props.text.slice(props.start, props.end)}
    </span>
  );
});

type Piece = SegmentPiece<SegmentView>;

/** Pieces grouped by line (`starts` = line starts; pieces are already cut there), each group keyed by its start. */
function byLine(pieces: readonly Piece[], starts: readonly number[]): { start: number; pieces: Piece[] }[] {
  const lines: { start: number; pieces: Piece[] }[] = [];
  let k = 0;
  for (const piece of pieces) {
    let line = lines[lines.length - 1];
    if (line === undefined || (k < starts.length && piece.start >= starts[k]!)) {
      while (k < starts.length && piece.start >= starts[k]!) k++;
      line = { start: piece.start, pieces: [] };
      lines.push(line);
    }
    line.pieces.push(piece);
  }
  return lines;
}

/**
 * The text, one element per run (`data-offset` = its start offset) inside one block per line, and nothing
 * else: DOM selections map to offsets by position, and an edit relays out only the lines it touches (a
 * 100 KB text is one inline layout otherwise). Runs of the selected span get an outline. `mark` (the keyboard
 * caret, passed only when the browser lacks the Custom Highlight API) is drawn by cutting at most two runs.
 */
export const TextContent = memo(function TextContent(props: {
  readonly text: string;
  readonly views: readonly SegmentView[];
  readonly depth: number;
  readonly mark: TextRange | null;
  readonly selectedSpanId: string | null;
  readonly contentRef: Ref<HTMLDivElement>;
}) {
  const { text, views, mark, selectedSpanId } = props;
  const starts = useMemo(() => lineStarts(text), [text]);
  const lines = useMemo(() => {
    const cuts = mark === null ? starts : [...starts, mark.start, mark.end].sort((a, b) => a - b);
    return byLine(cutSegments(views, cuts), starts);
  }, [views, starts, mark]);
  const isMarked = (p: Piece): boolean =>
    mark !== null && mark.start < mark.end && mark.start <= p.start && p.end <= mark.end;
  return (
    <div
      ref={props.contentRef}
      className="tw-text"
      data-testid="text-content"
      style={{ lineHeight: `calc(1.8em + ${Math.min(props.depth, 8) * LANE_PX}px)` }}
    >
      {lines.map((line) => (
        <div key={line.start} className="tw-line">
          {line.pieces.map((p) => (
            <Segment
              key={p.start}
              text={text}
              start={p.start}
              end={p.end}
              view={p.segment}
              selected={selectedSpanId !== null && p.segment.ids.includes(selectedSpanId)}
              marked={isMarked(p)}
            />
          ))}
        </div>
      ))}
    </div>
  );
});
