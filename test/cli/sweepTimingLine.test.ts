// The sweep's closing line (trial N15, 2): "15 runs on 2 threads in 21.71 s (3.97 s of CPU: 0.18
// cores busy)" read as if the sweep hardly used the machine. The CPU is the whole process's, its
// worker threads included; a low share is a busy machine, and the line now says so.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { sweepTimingLine } from '../../src/cli/sweep/cpuLine';

describe("the sweep's closing line", () => {
  it("counts the worker threads' CPU: process.cpuUsage() grows by a thread's spin (1e8 steps) while the main thread waits", async () => {
    const c0 = process.cpuUsage();
    const spin = `const { parentPort } = require('node:worker_threads'); let n = 0; for (let i = 0; i < 1e8; i++) n = (n + i) % 1000003; parentPort.postMessage(n);`;
    await new Promise<void>((done, fail) => {
      const w = new Worker(spin, { eval: true });
      w.on('message', () => void w.terminate().then(() => done()));
      w.on('error', fail);
    });
    const used = process.cpuUsage(c0);
    // A fixed amount of work (1e8 steps: about 0.5 s of CPU here), whatever the load; the main
    // thread only waited, which costs a few ms.
    expect((used.user + used.system) / 1000).toBeGreaterThan(150);
  });

  it("says the trial's figures as a share of the machine's cores, with the load average that took the rest", () => {
    expect(sweepTimingLine({ runs: 15, threads: 2, wallS: 21.71, cpuS: 3.97, cores: 2, loadAverage: 18.5 })).toBe(
      'sweep: 15 runs on 2 threads in 21.71 s; they got 3.97 s of CPU, 0.18 of the 2 cores (load average 18.5: other work had the rest)',
    );
  });

  it('on a quiet machine gives the share and the load average alone (session 7: 1.90 cores with 2 threads at load 1.2-1.8)', () => {
    expect(sweepTimingLine({ runs: 16, threads: 2, wallS: 4.67, cpuS: 8.87, cores: 2, loadAverage: 1.5 })).toBe('sweep: 16 runs on 2 threads in 4.67 s; they got 8.87 s of CPU, 1.90 of the 2 cores (load average 1.5)');
  });
});
