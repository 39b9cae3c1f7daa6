// What a fault or a config change acts on, and how much, in words a person reads (the CLI's
// report, the app's fault and change lists).
import type { ChangeSpec, FaultSpec } from '../scenario';
import { formatDuration } from '../scenario/duration';

/** What a fault acts on, in words. */
export function faultTarget(f: FaultSpec): string {
  switch (f.type) {
    case 'kill-replica':
    case 'slow-replica':
      return `${f.service}-${f.replica}`;
    case 'clock-skew':
    case 'http-abort':
      return f.replica === undefined ? f.service : `${f.service}-${f.replica}`;
    case 'kill-service':
      return f.service;
    case 'latency':
      return f.service ?? `${f.from}->${f.to}`;
    case 'packet-loss':
      return 'network';
    case 'partition':
      return `${f.between[0].join(',')} | ${f.between[1].join(',')}`;
    case 'control-plane-outage':
    case 'ca-outage':
      return f.mesh ?? 'mesh';
    case 'expire-certificates':
      return f.service ?? f.mesh ?? 'mesh';
    case 'gateway-capacity':
      return f.gateway;
  }
}

/**
 * How much a fault does, for people, or '' for one that is all or nothing (a kill, an outage, a
 * partition): "+100 ms" (a latency's delay; "+5.00 ms to 50.0 ms" uniform, "+~20.0 ms"
 * for a draw around its mean or median), "3× slower", "100% → 503", "5% lost", "50% capacity
 * left", "2.00 s ahead". The fields are the catalog's (src/scenario/faults.ts). Pure.
 */
export function faultAmount(f: FaultSpec): string {
  switch (f.type) {
    case 'slow-replica':
      return `${f.factor}× slower`;
    case 'latency': {
      const d = f.delay;
      switch (d.type) {
        case 'constant':
          return `+${formatDuration(d.value)}`;
        case 'uniform':
          return `+${formatDuration(d.min)} to ${formatDuration(d.max)}`;
        case 'exponential':
        case 'normal':
          return `+~${formatDuration(d.mean)}`;
        case 'lognormal':
          return `+~${formatDuration(d.median)}`;
        case 'pareto':
          return `+${formatDuration(d.scale)} or more`;
      }
      return '';
    }
    case 'http-abort':
      return `${f.percent}% → ${f.status}`;
    case 'packet-loss':
      return `${+(f.rate * 100).toPrecision(3)}% lost`;
    case 'gateway-capacity':
      return `${+(f.factor * 100).toPrecision(3)}% capacity left`;
    case 'clock-skew':
      return `${formatDuration(f.skew)} ${f.ahead ? 'ahead' : 'behind'}`;
    default:
      return '';
  }
}

/** What a config change acts on, for people: "payments", "frontend -> payments", "api route 0", "mesh retail". */
export function changeTarget(c: ChangeSpec): string {
  switch (c.type) {
    case 'policy':
      return c.from === undefined ? c.service : `${c.from} -> ${c.service}`;
    case 'gateway-route':
      return `${c.gateway} route ${c.route}`;
    case 'mtls':
    case 'sidecar-mode':
      return c.service;
    case 'trusts':
      return `mesh ${c.mesh}`;
  }
}
