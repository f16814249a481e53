import { describe, expect, it } from 'vitest';
import { cpuPerFrameBetween, mainThreadTimeBetween, TASK_EVENT, type TraceEvent } from './mainThreadTime';

const MAIN = { pid: 1, tid: 1 };
const mark = (name: string, ts: number): TraceEvent => ({ name, ph: 'I', ts, ...MAIN });
const task = (ts: number, dur: number, tdur: number, thread = MAIN): TraceEvent => ({ name: TASK_EVENT, ph: 'X', ts, dur, tdur, ...thread });

describe('mainThreadTimeBetween', () => {
  it('sums the CPU and wall time of the main-thread tasks that start between the marks', () => {
    const events = [task(500, 50, 50), mark('start', 1000), task(1100, 3000, 2000), task(5000, 1000, 1000), mark('end', 9000), task(9500, 40, 40)];
    expect(mainThreadTimeBetween(events, 'start', 'end')).toEqual({ cpuMs: 3, taskMs: 4, tasks: 2 });
  });

  it('counts a nested task once, inside its parent', () => {
    const events = [mark('start', 0), task(10, 5000, 4000), task(20, 1000, 1000), mark('end', 9000)];
    expect(mainThreadTimeBetween(events, 'start', 'end').cpuMs).toBe(4);
  });

  it('ignores tasks of other threads', () => {
    const events = [mark('start', 0), task(10, 2000, 2000, { pid: 1, tid: 7 }), task(3000, 1000, 1000), mark('end', 9000)];
    expect(mainThreadTimeBetween(events, 'start', 'end').tasks).toBe(1);
  });

  it('refuses a trace without its marks rather than report zero', () => {
    expect(() => mainThreadTimeBetween([task(10, 10, 10)], 'start', 'end')).toThrow(/marks/);
  });
});

describe('cpuPerFrameBetween', () => {
  const frame = (ts: number): TraceEvent => ({ name: 'FireAnimationFrame', ph: 'X', ts, dur: 100, ...MAIN });

  it('gives each frame the CPU time of the task running its callback and the tasks that end before the next one', () => {
    const events = [
      mark('start', 0),
      task(950, 2000, 1500),
      frame(1000),
      task(5000, 1000, 1000),
      task(17600, 3000, 2500),
      frame(17700),
      task(25000, 400, 400),
      task(34300, 500, 500),
      frame(34400),
      mark('end', 40000),
    ];
    expect(cpuPerFrameBetween(events, 'start', 'end')).toEqual([2.5, 2.9]);
  });

  it('has no frame when fewer than two callbacks ran', () => {
    expect(cpuPerFrameBetween([mark('start', 0), frame(10), task(5, 100, 100), mark('end', 900)], 'start', 'end')).toEqual([]);
  });
});
