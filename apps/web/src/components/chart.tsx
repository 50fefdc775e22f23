import type { EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import type { ChartOption } from './echarts-runtime';
import { ErrorText } from './error-text';

export type { ChartOption } from './echarts-runtime';

/** Series are matched by `id`: one missing from a new option goes away, the others update in place. */
const UPDATE = { replaceMerge: ['series'], lazyUpdate: true };

/**
 * An ECharts chart that fills its box: ECharts is loaded on first use (its own chunk), the chart follows the
 * container's size (ResizeObserver), takes each new option as an update (give every series an `id`, so a
 * poll animates it from its old values instead of drawing it anew), and is disposed on unmount. `label` is what screen readers get (the canvas says
 * nothing); show the key numbers as text too.
 */
export function Chart(props: {
  readonly option: ChartOption;
  readonly label: string;
  readonly height?: number;
  readonly testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(props.option);
  latest.current = props.option;
  const [failed, setFailed] = useState<unknown>(null);

  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('./echarts-runtime').then(
      ({ createChart }) => {
        if (disposed) return;
        const instance = createChart(element);
        chart.current = instance;
        instance.setOption(latest.current, UPDATE);
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(element);
      },
      (error: unknown) => setFailed(error),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, UPDATE);
  }, [props.option]);

  return (
    <>
      <ErrorText error={failed} />
      <div
        ref={box}
        className="chart"
        role="img"
        aria-label={props.label}
        data-testid={props.testId}
        style={{ width: '100%', height: props.height ?? 240 }}
      />
    </>
  );
}
