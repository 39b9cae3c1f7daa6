// What a main-thread task over 50 ms spent its time on, from a Chrome trace (CDP `Tracing`, the
// `devtools.timeline` categories): the renderer's main thread's top-level tasks over the limit,
// each with the events inside it that took longest (self time: an event's duration less its
// children's). Pure: it reads the events and returns plain data.

/** One complete ('X') or begin/end ('B'/'E') event of a Chrome trace, as CDP sends it. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string } };
}

export interface LongTask {
  /** Start, ms from the first event of the trace. */
  startMs: number;
  durationMs: number;
  /** Event names inside it by self time, ms, largest first (at most 8). */
  inside: { name: string; selfMs: number }[];
}

/** The thread Chrome names CrRendererMain in the tab's renderer (the one with most events). */
function mainThread(events: readonly TraceEvent[]): { pid: number; tid: number } | null {
  const named = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best: { pid: number; tid: number } | null = null;
  let bestCount = -1;
  for (const t of named) {
    const count = events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X').length;
    if (count > bestCount) {
      best = { pid: t.pid, tid: t.tid };
      bestCount = count;
    }
  }
  return best;
}

/**
 * The main thread's top-level tasks (RunTask) longer than `limitMs`, in order, with what took
 * their time. Only complete ('X') events are read, which is how Chrome records these. Pure.
 */
export function longTasks(events: readonly TraceEvent[], limitMs = 50): LongTask[] {
  const main = mainThread(events);
  if (!main) return [];
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const t0 = events.reduce((m, e) => (e.ts > 0 && e.ts < m ? e.ts : m), Number.POSITIVE_INFINITY);
  const out: LongTask[] = [];
  for (let i = 0; i < mine.length; i++) {
    const task = mine[i];
    if (task.name !== 'RunTask' && task.name !== 'ThreadControllerImpl::RunTask') continue;
    const end = task.ts + task.dur!;
    // Events nested in it, with their nesting, to take children's time from their parents.
    const inner: TraceEvent[] = [];
    let j = i + 1;
    while (j < mine.length && mine[j].ts < end) inner.push(mine[j++]);
    if (task.dur! / 1000 > limitMs) {
      const self = new Map<string, number>();
      const stack: { e: TraceEvent; child: number }[] = [];
      const close = (upTo: number) => {
        while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur! <= upTo) {
          const top = stack.pop()!;
          const name = label(top.e);
          self.set(name, (self.get(name) ?? 0) + (top.e.dur! - top.child) / 1000);
          if (stack.length) stack[stack.length - 1].child += top.e.dur!;
        }
      };
      for (const e of inner) {
        close(e.ts);
        stack.push({ e, child: 0 });
      }
      close(Number.POSITIVE_INFINITY);
      const childTime = inner.filter((e) => !inner.some((p) => p !== e && p.ts <= e.ts && p.ts + p.dur! >= e.ts + e.dur! && p.dur! > e.dur!)).reduce((a, e) => a + e.dur!, 0);
      self.set('(task itself)', (task.dur! - childTime) / 1000);
      out.push({
        startMs: Math.round((task.ts - t0) / 100) / 10,
        durationMs: Math.round(task.dur! / 100) / 10,
        inside: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, ms]) => ({ name, selfMs: Math.round(ms * 10) / 10 })),
      });
    }
    i = j - 1;
  }
  return out;
}

function label(e: TraceEvent): string {
  const fn = e.args?.data?.functionName;
  return fn ? `${e.name} ${fn}` : e.name;
}
