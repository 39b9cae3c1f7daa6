import { WorkerPool } from './WorkerPool';

/**
 * One replica of a service: C workers and a FIFO queue of attempt ids (WorkerPool), with what
 * faults change on it (its error share and status, its slowdown). ServiceActor runs its requests.
 */
export class Replica extends WorkerPool {
  served = 0;
  /** Share of this replica's answers that are errors, and their HTTP status (faults change them). */
  errorRate: number;
  errorStatus = 500;
  /** The http-abort fault (FaultInjector's number) that set `errorRate`, -1: none (the scenario's own rate): its errors are counted for it (faults/faultMarks.ts). */
  errorFault = -1;
  /** Service-time multiplier: 1 normally, more when the replica's CPU is slowed. */
  slowdown = 1;

  constructor(readonly index: number, concurrency: number, readonly capacity: number, errorRate = 0) {
    super(concurrency);
    this.errorRate = errorRate;
  }
}
