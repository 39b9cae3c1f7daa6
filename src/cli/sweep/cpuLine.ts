// The sweep's closing line on stderr: how long the runs took and how much of the machine they got.
// process.cpuUsage() is the whole process's (getrusage RUSAGE_SELF), so the worker threads' CPU is
// in it (checked, session 45: two threads spinning 3 s each read 0.66 s of CPU at load 27 on 2
// cores, with the main thread idle). A low share therefore means a busy machine, which the line
// now says, with the load average, instead of "0.18 cores busy" alone (trial N15, 2: read as if
// the sweep hardly used the machine).

/** What the closing line reports; seconds, and the load average over 1 minute (os.loadavg()[0]). */
export interface SweepTiming {
  runs: number;
  threads: number;
  wallS: number;
  /** CPU of the whole process, its worker threads included (user + system). */
  cpuS: number;
  /** Cores this machine offers (os.availableParallelism()). */
  cores: number;
  loadAverage: number;
}

/**
 * The line, e.g. "sweep: 15 runs on 2 threads in 21.71 s; they got 3.97 s of CPU, 0.18 of the
 * 2 cores (load average 18.5: other work had the rest)". The clause after the load average is
 * said only when the load average is above the cores and the threads got under half of theirs.
 * Pure; a wall time of 0 gives a share of 0.
 */
export function sweepTimingLine(t: SweepTiming): string {
  const share = t.wallS > 0 ? t.cpuS / t.wallS : 0;
  const busy = t.loadAverage > t.cores && share < Math.min(t.threads, t.cores) / 2;
  const load = `load average ${t.loadAverage.toFixed(1)}${busy ? ': other work had the rest' : ''}`;
  return `sweep: ${t.runs} runs on ${t.threads} thread${t.threads > 1 ? 's' : ''} in ${t.wallS.toFixed(2)} s; they got ${t.cpuS.toFixed(2)} s of CPU, ${share.toFixed(2)} of the ${t.cores} core${t.cores === 1 ? '' : 's'} (${load})`;
}
