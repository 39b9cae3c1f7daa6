// A fault kind as a person reads it: the inject form's words ("HTTP errors"), not the file's
// kind id ("http-abort"). A newcomer picked "HTTP errors" in the form and found "http-abort" in
// the list, the picture and the inspector (helper N, session 25). The kind id stays where a
// file or a URL needs it (scenario files, share links, exports' data, test ids).
import { isImplicitMesh } from '../topology/meshName';
import { possessive } from '../format';

/**
 * Each kind's name: the form's label without what only the form needs (a parenthesis on what is
 * hit, "now" for a one-shot), and a short form for a narrow box under a node. Kept beside the
 * form's labels so the two cannot drift: a test checks every name against its label.
 */
const NAMES: Readonly<Record<string, { name: string; short: string; family: FaultFamily }>> = {
  'kill-service': { name: 'kill a service', short: 'kill', family: 'down' },
  'kill-replica': { name: 'kill one replica', short: 'kill', family: 'down' },
  'slow-replica': { name: 'slow one replica', short: 'slow', family: 'slow' },
  'http-abort': { name: 'HTTP errors', short: 'HTTP', family: 'errors' },
  latency: { name: 'add latency', short: 'latency', family: 'slow' },
  'packet-loss': { name: 'packet loss', short: 'loss', family: 'slow' },
  partition: { name: 'network partition', short: 'partition', family: 'down' },
  'control-plane-outage': { name: 'control plane down', short: 'CP down', family: 'identity' },
  'ca-outage': { name: 'CA down', short: 'CA down', family: 'identity' },
  'expire-certificates': { name: 'expire certificates', short: 'expire', family: 'identity' },
  'gateway-capacity': { name: 'shrink gateway capacity', short: 'shrink', family: 'slow' },
  'clock-skew': { name: 'clock skew', short: 'skew', family: 'identity' },
};

/**
 * What a fault does, as its colour on the timeline says (styles.css [data-fault-family], from
 * the Okabe-Ito palette): `down` takes something away (a kill, a partition: vermillion, the
 * failures' colour), `slow` makes it slower or smaller (latency, a slow replica, loss's
 * retransmissions, a shrunk gateway: amber, as queues), `errors` makes it answer errors (reddish
 * purple), `identity` takes the mesh's config or certificates (control plane, CA, expiry, clock
 * skew: bluish green). Overlapping faults of different kinds read apart (they were all one colour).
 */
export type FaultFamily = 'down' | 'slow' | 'errors' | 'identity';

/** "HTTP errors" for http-abort; a kind the catalog does not know is shown as it is. Pure. */
export function faultName(type: string): string {
  return NAMES[type]?.name ?? type;
}

/** The short form of faultName for a narrow box ("HTTP" for http-abort). Pure. */
export function faultShortName(type: string): string {
  return NAMES[type]?.short ?? type.split('-')[0];
}

/** The family a fault kind's colour says (FaultFamily); a kind the catalog does not know is `down`, the failures' colour. Pure. */
export function faultFamily(type: string): FaultFamily {
  return NAMES[type]?.family ?? 'down';
}

/**
 * Where a fault acts, in words after its name: "on frontend"; a partition, whose target is the
 * worker's "control-plane:mesh | frontend" (each side's nodes joined by commas, models/report.ts),
 * "between the control plane and frontend" (a named mesh's "mesh payments' control plane"). Pure.
 */
export function faultWhere(type: string, target: string): string {
  if (type !== 'partition' || !target.includes(' | ')) return `on ${target}`;
  const side = (s: string) => s.split(',').map(nodeInWords).join(', ');
  const [a, b] = target.split(' | ');
  return `between ${side(a)} and ${side(b)}`;
}

/** A node's name in a sentence: a control plane's internal name ("control-plane:mesh") in words. Pure. */
export function nodeInWords(name: string): string {
  const cp = /^control-plane:(.+)$/.exec(name.trim());
  if (!cp) return name.trim();
  return isImplicitMesh(cp[1]) ? 'the control plane' : `mesh ${possessive(cp[1])} control plane`;
}
