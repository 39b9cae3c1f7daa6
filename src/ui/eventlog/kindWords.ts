// The event log's kinds in a person's words (trial N10: 'RetryBackoff', 'WorkDone', 'ProxyArrive'
// read as engine names, unlike the rest of the app). The engine's name stays in the row's title.

/**
 * Words for each event kind, by its engine name (`Ev` in src/models/events.ts, whose comments
 * say what each is). Envoy's and Kubernetes' names where they have one (per-try timeout,
 * EndpointSlice, kube-proxy).
 */
const WORDS: Readonly<Record<string, string>> = {
  Send: 'request sent',
  Arrive: 'reaches the app',
  WorkDone: 'app work done',
  Response: 'call answered',
  Timeout: 'client timeout',
  ProxyArrive: 'reaches a proxy',
  ProxyDone: 'proxy pass done',
  ConnectDone: 'connect done',
  AttemptResponse: 'try answered',
  PerTryTimeout: 'per-try timeout',
  RouteTimeout: 'route timeout',
  RetryBackoff: 'retry after backoff',
  FaultDelay: 'injected delay over',
  TcpGiveUp: 'TCP gives up',
  TlsAtServer: 'TLS hello at server',
  TlsAtClient: 'TLS reply at client',
  CpConnect: 'config stream connects',
  CpPush: 'config push arrives',
  CertRenew: 'certificate renewal due',
  CertExpire: 'certificate expires',
  FaultStart: 'fault starts',
  FaultEnd: 'fault ends',
  ConfigChange: 'config change',
  ListenerDrainEnd: 'listener drain ends',
  EndpointSliceUpdate: 'EndpointSlice updated',
  KubeProxySync: 'kube-proxy syncs',
};

/**
 * An event kind's words ('retry after backoff' for 'RetryBackoff'); a kind with none (a new one,
 * or a number the worker sent without a name) is shown as it came. Pure.
 */
export function kindInWords(kind: string | number): string {
  return typeof kind === 'string' ? (WORDS[kind] ?? kind) : String(kind);
}
