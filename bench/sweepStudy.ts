/**
 * The sweep benchmark's study (issue 14.7), shared by the case (cases.ts) and the report (main.ts):
 * replications of scenarios/mm1.json, and simulated seconds each. Sized so that a thread's start-up
 * and JIT warm-up stay a small share of its work (see sweepRate in cases.ts).
 */
export const SWEEP_RUNS = 16;
/** Simulated seconds per replication (about 500 requests/s, so 1M requests a run). */
export const SWEEP_SECONDS = 2000;
