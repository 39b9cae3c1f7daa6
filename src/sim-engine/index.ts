export { Simulation, type Actor, type WallClock } from './Simulation';
export { EventQueue } from './EventQueue';
export { TraceHash } from './TraceHash';
export { streamFor, type Rng } from './random';
export { sampler, meanOf, isZero, type Distribution, type Sampler } from './distributions';
export { Histogram, type LatencySummary } from './Histogram';
export { TimeSeries, Tally } from './TimeSeries';
export { invariant, assertNever, InvariantError } from './invariant';
