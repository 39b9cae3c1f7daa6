/** Event kinds understood by the model actors. Numeric so the event queue stays typed. */
export const Ev = {
  /** Client: time to send a request (a = user index for closed loop, -1 for open loop). */
  Send: 1,
  /** Service: an attempt arrives at the app of its replica (a = attempt id). */
  Arrive: 2,
  /** Service: a worker finished the CPU part of an attempt (a = attempt id). */
  WorkDone: 3,
  /** Caller app (client or service): a call's final result arrives (a = call id). */
  Response: 4,
  /** Client: a request's timeout fired (a = request id). */
  Timeout: 5,
  /** Data plane: a message reaches a sidecar (a = call or attempt id, b = pass phase). */
  ProxyArrive: 10,
  /** Data plane: a sidecar finished one CPU pass (a = id, b = phase). */
  ProxyDone: 11,
  /** Data plane: a connection attempt completed (a = route index, b = host and outcome). */
  ConnectDone: 12,
  /** Data plane: an attempt's response reaches the caller's host (a = attempt id). */
  AttemptResponse: 13,
  /** Data plane: a per-try timeout fired (a = attempt id). */
  PerTryTimeout: 14,
  /** Data plane: a route's overall timeout fired (a = call id). */
  RouteTimeout: 15,
  /** Data plane: a retry's backoff is over (a = call id). */
  RetryBackoff: 16,
  /** Data plane: an injected delay is over (a = call id). */
  FaultDelay: 17,
  /** Data plane: a message was lost for good; TCP gives up and resets (a = attempt id). */
  TcpGiveUp: 18,
  /** Data plane: a TLS ClientHello reaches the server's proxy (a = route index, b = host and outcome). */
  TlsAtServer: 19,
  /** Data plane: the server's TLS flight reaches the client's proxy (a = route index, b = host and outcome). */
  TlsAtClient: 26,
  /** Control plane: a proxy (re)connects its config stream (a = sidecar index). */
  CpConnect: 20,
  /** Control plane: a config push reaches a proxy (a = sidecar index). */
  CpPush: 21,
  /** Control plane: a proxy's certificate is due for renewal (a = sidecar index). */
  CertRenew: 22,
  /** Control plane: a proxy's certificate reaches its expiry time (a = sidecar index). */
  CertExpire: 23,
  /** Faults: fault number a starts. */
  FaultStart: 24,
  /** Faults: fault number a ends. */
  FaultEnd: 25,
  /** Config changes: change number a happens (its control planes start pushing it). */
  ConfigChange: 27,
  /** Config changes: host a's inbound listener ends the drain of a filter chain it removed. */
  ListenerDrainEnd: 28,
  /** Kubernetes: a Service's EndpointSlice takes in that a replica died or came back (a = callee index, b = replica × 2 + up). */
  EndpointSliceUpdate: 29,
  /** Kubernetes: kube-proxy's rules take in an EndpointSlice update (a = callee index, b = replica × 2 + up). */
  KubeProxySync: 30,
} as const;
export type EventKind = (typeof Ev)[keyof typeof Ev];

/** How a request or a hop ended. `ok` or one cause. */
export const Cause = {
  ok: 'ok',
  queueFull: 'queue-full',
  http5xx: 'http-5xx',
  timeout: 'timeout',
  overflow: 'overflow',
  noHealthyUpstream: 'no-healthy-upstream',
  connectRefused: 'connect-refused',
  connectTimeout: 'connect-timeout',
  reset: 'reset',
  faultAbort: 'fault-abort',
  tlsUnknownCa: 'tls-unknown-ca',
  tlsExpiredCert: 'tls-expired-cert',
  tlsNoCert: 'tls-no-cert',
  tlsPlaintextRejected: 'tls-plaintext-rejected',
  noConfig: 'no-config',
  unauthenticated: 'unauthenticated',
  rateLimited: 'rate-limited',
  quotaExceeded: 'quota-exceeded',
  sunset: 'sunset',
  noRoute: 'no-route',
} as const;
export type Cause = (typeof Cause)[keyof typeof Cause] | (string & {});
