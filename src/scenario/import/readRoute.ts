import type { Seg } from './documents';
import type { Fields } from './fields';
import type { HttpRoute } from './types';

// A VirtualService's http route: its matches, destinations and weights, timeout, retries and
// injected faults, each field checked as it is read (see the README, "Import Kubernetes and
// Istio YAML", for what each becomes).

/** Reads `spec.http[i]` of a VirtualService; a timeout of 0s is kept as `timeoutOff` (Istio's way to turn it off). */
export function readHttpRoute(f: Fields, i: number): HttpRoute {
  const p: Seg[] = ['spec', 'http', i];
  f.str([...p, 'name']);
  const match = [];
  for (let j = 0, n = f.list([...p, 'match']); j < n; j++) {
    const m = [...p, 'match', j];
    const headers: HttpRoute['match'][number]['headers'] = {};
    const h = f.doc.peek([...m, 'headers']);
    if (h !== undefined && h !== null && typeof h === 'object' && !Array.isArray(h)) {
      for (const name of Object.keys(h)) headers[name] = { exact: f.str([...m, 'headers', name, 'exact']), prefix: f.str([...m, 'headers', name, 'prefix']), regex: f.str([...m, 'headers', name, 'regex']) };
    }
    match.push({ uriPrefix: f.str([...m, 'uri', 'prefix']), uriExact: f.str([...m, 'uri', 'exact']), headers });
  }
  const route = [];
  for (let k = 0, n = f.list([...p, 'route']); k < n; k++) {
    const d = [...p, 'route', k];
    route.push({ host: f.str([...d, 'destination', 'host'], true) ?? '', subset: f.str([...d, 'destination', 'subset']), weight: f.int([...d, 'weight'], 0, 100) });
  }
  if (route.length === 0 && !f.notList([...p, 'route']) && f.doc.peek([...p, 'redirect']) === undefined && f.doc.peek([...p, 'directResponse']) === undefined) f.err([...p, 'route'], 'needs at least one destination');
  const timeout = f.durationOrOff([...p, 'timeout']);
  const timeoutMs = timeout === 0 ? undefined : timeout;
  let retries: HttpRoute['retries'];
  if (f.doc.peek([...p, 'retries']) !== undefined) {
    const r = [...p, 'retries'];
    const on = f.str([...r, 'retryOn']);
    retries = { attempts: f.int([...r, 'attempts'], 0, 1000) ?? 0, perTryTimeoutMs: f.durationOrOff([...r, 'perTryTimeout']) || undefined, retryOn: on === undefined ? undefined : on.split(',').map((s) => s.trim()).filter(Boolean) };
  }
  let fault: HttpRoute['fault'];
  if (f.doc.peek([...p, 'fault']) !== undefined) {
    const q = [...p, 'fault'];
    fault = {};
    if (f.doc.peek([...q, 'delay']) !== undefined) {
      const fixed = f.duration([...q, 'delay', 'fixedDelay']);
      if (fixed === undefined) f.err([...q, 'delay', 'fixedDelay'], 'is required (a fixed delay such as "7s"; exponentialDelay is not modelled)');
      fault.delay = { percent: percentOf(f, [...q, 'delay']), fixedDelayMs: fixed ?? 0 };
    }
    if (f.doc.peek([...q, 'abort']) !== undefined) {
      const status = f.int([...q, 'abort', 'httpStatus'], 200, 599);
      if (status === undefined) f.err([...q, 'abort', 'httpStatus'], 'is required (an HTTP status such as 503; grpcStatus is not modelled)');
      fault.abort = { percent: percentOf(f, [...q, 'abort']), httpStatus: status ?? 503 };
    }
  }
  return { index: i, match, route, timeoutMs, ...(timeout === 0 ? { timeoutOff: true } : {}), retries, fault };
}

/** Istio's `percentage.value` (or the older integer `percent`); 100 when neither is set. */
function percentOf(f: Fields, p: Seg[]): number {
  const v = f.num([...p, 'percentage', 'value'], 0, 100);
  const old = f.int([...p, 'percent'], 0, 100);
  return v ?? old ?? 100;
}
