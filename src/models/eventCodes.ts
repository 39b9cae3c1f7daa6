// NOTE: issue 14.4: the data plane's, router's, apps' and clients' event kinds, passes and connection states as
// const enums, so esbuild writes each use as a literal when it bundles (the bench's bundle, the
// CLI). A module constant (`Ev.ProxyDone` of an `as const` object) is a context load, a map check
// and a property load at each use in V8's optimized code. Unbundled (vitest, tsx), esbuild emits
// them as plain enum objects. test/models/eventCodes.test.ts checks every value against
// events.ts's `Ev`, Sidecar.ts's `Pass` and connPool.ts's `Conn`, which stay the names of record.

/** `Ev`'s kinds the data plane, the apps and the clients schedule or receive (events.ts documents each payload). */
export const enum K {
  Send = 1,
  Arrive = 2,
  WorkDone = 3,
  Response = 4,
  Timeout = 5,
  ProxyArrive = 10,
  ProxyDone = 11,
  ConnectDone = 12,
  AttemptResponse = 13,
  PerTryTimeout = 14,
  RouteTimeout = 15,
  RetryBackoff = 16,
  FaultDelay = 17,
  TcpGiveUp = 18,
  TlsAtServer = 19,
  TlsAtClient = 26,
}

/** `Pass`: a sidecar pass's phase (Sidecar.ts). */
export const enum P {
  outRequest = 0,
  inRequest = 1,
  inResponse = 2,
  outResponse = 3,
}

/** `Conn`: an attempt's connection state (connPool.ts). */
export const enum C {
  none = 0,
  waiting = 1,
  sent = 3,
  closed = 4,
}
