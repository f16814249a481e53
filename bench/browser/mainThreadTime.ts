export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, in microseconds, where the trace records it. */
  tdur?: number;
}

export interface MainThreadTime {
  /** CPU time the page's main thread spent in tasks between the two marks. */
  cpuMs: number;
  /** Wall time of the same tasks: larger than cpuMs when other processes took the CPU away mid-task. */
  taskMs: number;
  tasks: number;
}

/**
 * Sums the page's main-thread tasks (top-level RunTask events) that started between two user-timing marks. The main
 * thread is the one the marks were recorded on.
 */
export function mainThreadTimeBetween(events: readonly TraceEvent[], startMark: string, endMark: string): MainThreadTime {
  const start = events.find((event) => event.name === startMark);
  const end = events.find((event) => event.name === endMark);
  if (!start || !end) throw new Error(`the trace lacks the marks ${startMark} and ${endMark}`);
  const tasks = events
    .filter((event) => event.name === 'RunTask' && event.ph === 'X' && event.pid === start.pid && event.tid === start.tid)
    .filter((event) => event.ts >= start.ts && event.ts <= end.ts)
    .sort((a, b) => a.ts - b.ts);
  let cpuUs = 0;
  let taskUs = 0;
  let count = 0;
  let busyUntil = -Infinity;
  for (const task of tasks) {
    // A task nested in another (a nested run loop) is already inside its parent's time.
    if (task.ts < busyUntil) continue;
    busyUntil = task.ts + (task.dur ?? 0);
    taskUs += task.dur ?? 0;
    cpuUs += task.tdur ?? task.dur ?? 0;
    count += 1;
  }
  return { cpuMs: cpuUs / 1000, taskMs: taskUs / 1000, tasks: count };
}
