/**
 * Workers with a FIFO queue in front: a service replica's. Keeps the integral of busy workers
 * over simulated time, for utilisation and CPU time. The queue is a growable ring buffer of
 * attempt ids. (A sidecar needs no queue: its passes' lengths are known on arrival, so
 * Sidecar solves its queue by Lindley's recursion; a replica's worker is held through
 * downstream calls whose length nobody knows in advance.)
 */
export class WorkerPool {
  busy = 0;
  queued = 0;
  private ring = new Int32Array(16);
  private head = 0;
  private busyArea = 0;
  private lastChange = 0;

  constructor(public concurrency: number) {}

  /** Adds `delta` busy workers at time `now`, keeping the busy-time integral exact. */
  changeBusy(now: number, delta: number): void {
    this.busyArea += this.busy * (now - this.lastChange);
    this.lastChange = now;
    this.busy += delta;
  }

  /**
   * Adds `ms` of CPU done outside the workers' held spans (a gateway's upstream retry: Gateway.ts) to the busy-time
   * integral, so utilisation and CPU time count it. It takes no worker and delays no queued request. Mutates.
   */
  addBusyTime(ms: number): void {
    this.busyArea += ms;
  }

  /** Busy-worker time (ms) up to `now`, without changing state. */
  busyAreaAt(now: number): number {
    return this.busyArea + this.busy * (now - this.lastChange);
  }

  enqueue(id: number): void {
    if (this.queued === this.ring.length) {
      const next = new Int32Array(this.ring.length * 2);
      for (let i = 0; i < this.queued; i++) next[i] = this.ring[(this.head + i) % this.ring.length];
      this.ring = next;
      this.head = 0;
    }
    this.ring[(this.head + this.queued) % this.ring.length] = id;
    this.queued++;
  }

  /** The queued ids, oldest first (a fresh array; changes nothing). */
  queuedIds(): number[] {
    return Array.from({ length: this.queued }, (_, i) => this.ring[(this.head + i) % this.ring.length]);
  }

  /** The oldest queued id. Precondition: `queued > 0`. */
  dequeue(): number {
    const id = this.ring[this.head];
    this.head = (this.head + 1) % this.ring.length;
    this.queued--;
    return id;
  }
}
