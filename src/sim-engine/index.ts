export { Simulation, DEFAULT_SAME_TIME_LIMIT, type Actor, type WallClock } from './Simulation';
export { StalledClockError, type StalledActor } from './StalledClockError';
export { EventQueue } from './EventQueue';
export { TraceHash } from './TraceHash';
export { streamFor, type Rng } from './random';
export { sampler, meanOf, isZero, type Distribution, type Sampler } from './distributions';
export { Histogram, type LatencySummary } from './Histogram';
export { TimeSeries, Tally } from './TimeSeries';
export { invariant, assertNever, InvariantError } from './invariant';
