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

/** One task of a thread's run loop, in the always-on 'toplevel' trace category, with its thread (CPU) time. */
export const TASK_EVENT = 'ThreadControllerImpl::RunTask';

function topLevelTasks(events: readonly TraceEvent[], thread: { pid: number; tid: number }, from: number, to: number): TraceEvent[] {
  const tasks = events
    .filter((event) => event.name === TASK_EVENT && event.ph === 'X' && event.pid === thread.pid && event.tid === thread.tid)
    .filter((event) => event.ts >= from && event.ts <= to)
    .sort((a, b) => a.ts - b.ts);
  const outer: TraceEvent[] = [];
  let busyUntil = -Infinity;
  for (const task of tasks) {
    // A task nested in another (a nested run loop) is already inside its parent's time.
    if (task.ts < busyUntil) continue;
    busyUntil = task.ts + (task.dur ?? 0);
    outer.push(task);
  }
  return outer;
}

function marksOf(events: readonly TraceEvent[], startMark: string, endMark: string): [TraceEvent, TraceEvent] {
  const start = events.find((event) => event.name === startMark);
  const end = events.find((event) => event.name === endMark);
  if (!start || !end) throw new Error(`the trace lacks the marks ${startMark} and ${endMark}`);
  return [start, end];
}

const cpuUs = (task: TraceEvent) => task.tdur ?? task.dur ?? 0;

/**
 * Sums the page's main-thread tasks that started between two user-timing marks. The main
 * thread is the one the marks were recorded on.
 */
export function mainThreadTimeBetween(events: readonly TraceEvent[], startMark: string, endMark: string): MainThreadTime {
  const [start, end] = marksOf(events, startMark, endMark);
  const tasks = topLevelTasks(events, start, start.ts, end.ts);
  return {
    cpuMs: tasks.reduce((sum, task) => sum + cpuUs(task), 0) / 1000,
    taskMs: tasks.reduce((sum, task) => sum + (task.dur ?? 0), 0) / 1000,
    tasks: tasks.length,
  };
}

/**
 * Main-thread CPU time of each animation frame between the marks: the tasks from one requestAnimationFrame callback
 * up to the next. Unlike the interval between frames, it does not grow when other processes hold the CPU.
 */
export function cpuPerFrameBetween(events: readonly TraceEvent[], startMark: string, endMark: string): number[] {
  const [start, end] = marksOf(events, startMark, endMark);
  const tasks = topLevelTasks(events, start, start.ts, end.ts);
  const frameStarts = events
    .filter((event) => event.name === 'FireAnimationFrame' && event.pid === start.pid && event.tid === start.tid)
    .map((event) => event.ts)
    .filter((ts) => ts >= start.ts && ts <= end.ts)
    .sort((a, b) => a - b);
  const frames: number[] = [];
  for (let i = 0; i + 1 < frameStarts.length; i += 1) {
    const from = frameStarts[i] as number;
    const to = frameStarts[i + 1] as number;
    // A frame's work: the task running its callback (which starts just before the callback) and every task that
    // ends before the next frame's callback, so each task counts in exactly one frame.
    const inFrame = tasks.filter((task) => task.ts + (task.dur ?? 0) > from && task.ts + (task.dur ?? 0) <= to);
    frames.push(inFrame.reduce((sum, task) => sum + cpuUs(task), 0) / 1000);
  }
  return frames;
}
