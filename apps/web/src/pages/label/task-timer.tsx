import { useEffect, useState } from 'react';
import { formatDuration } from '../../label/lease-timing';
import type { TaskClock } from '../../label/task-clock';

/** The time spent on the task on screen (sent as `duration_ms`), ticking once a second on its own. */
export function TaskTimer(props: { readonly clock: TaskClock }) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <span
      className="label-timer"
      data-testid="task-timer"
      title="Time on this task (paused while the tab is hidden)"
    >
      {formatDuration(props.clock.elapsed())}
    </span>
  );
}
