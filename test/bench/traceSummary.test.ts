import { describe, expect, it } from 'vitest';
import { longTasks, type TraceEvent } from '../../bench/ui/traceSummary';

const meta = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name } });
const x = (name: string, ts: number, dur: number, tid = 1, functionName?: string): TraceEvent => ({ name, ph: 'X', ts, dur, pid: 7, tid, ...(functionName ? { args: { data: { functionName } } } : {}) });

describe('bench:ui --trace: what a main-thread task over 50 ms spent its time on', () => {
  // Times in µs, as Chrome records them.
  const events: TraceEvent[] = [
    meta(7, 1, 'CrRendererMain'),
    meta(7, 2, 'Compositor'),
    x('RunTask', 1_000, 20_000),
    x('FunctionCall', 1_100, 15_000),
    // A 98 ms frame: 33 ms of script (10 ms of it in one function), 20 ms of paint, 44 ms of commit.
    x('ThreadControllerImpl::RunTask', 100_000, 98_000),
    x('FireAnimationFrame', 100_100, 33_000),
    x('FunctionCall', 100_200, 10_000, 1, 'paint'),
    x('Paint', 133_500, 20_000),
    x('LayerTreeHost::DoUpdateLayers', 154_000, 44_000),
    // Another thread's long event is not the main thread's.
    x('RunTask', 300_000, 90_000, 2),
  ];

  it('lists only the main thread tasks over the limit, with their start and length in ms', () => {
    const tasks = longTasks(events);
    expect(tasks.map((t) => [t.startMs, t.durationMs])).toEqual([[99, 98]]);
  });

  it('splits a task into its events by self time, largest first', () => {
    const [task] = longTasks(events);
    expect(task.inside).toEqual([
      { name: 'LayerTreeHost::DoUpdateLayers', selfMs: 44 },
      { name: 'FireAnimationFrame', selfMs: 23 },
      { name: 'Paint', selfMs: 20 },
      { name: 'FunctionCall paint', selfMs: 10 },
      { name: '(task itself)', selfMs: 1 },
    ]);
  });

  it('takes a lower limit when asked', () => {
    expect(longTasks(events, 10).map((t) => t.durationMs)).toEqual([20, 98]);
  });
});
