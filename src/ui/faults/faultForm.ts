// The "+ inject" form as data: which fault types there are, what each targets, which extra
// fields it takes, and how the form's values become the fault the worker validates. Pure; the
// component only renders it.
import type { ScenarioInfo } from '../../workers/protocol';
import { meshNames } from '../topology/meshRegions';
import { isImplicitMesh } from '../topology/meshName';
import { DURATION_HOW, readDurationField } from './durationField';
import { nodeInWords } from './faultName';
import { possessive as of } from '../format';

type Topology = ScenarioInfo['topology'];

/** What a fault's main target is chosen from. */
export type TargetKind = 'service' | 'gateway' | 'mesh' | 'certificates' | 'service-or-link' | 'node' | 'network';

export interface ParamSpec {
  key: string;
  label: string;
  /**
   * `replica`: a replica number of the chosen service; `node`: a second node (partition);
   * `duration`: read by readDurationField (a bare number is milliseconds, as in a file).
   */
  kind: 'number' | 'text' | 'duration' | 'replica' | 'node';
  default: string;
  hint?: string;
  /** A replica field's choice for every replica (the field is then left out). */
  every?: string;
  /**
   * A share typed as a percent, 0 to 100 (every share in the form reads so: "% of requests"),
   * sent as the engine's 0..1 share (`rate`, `factor`) unless the engine takes a percent itself.
   * Packet loss took 0.05 and capacity 0.25 beside HTTP errors' 50: typing 5 for 5% was refused.
   */
  percent?: 'share' | 'percent';
  /**
   * The value, in the field's own units (a percent, a factor, ms), at which the fault would do
   * nothing: 0% of requests failed, 0 ms added, 1x slower. The form refuses it at the field
   * (N-report 9: 0% was injected silently, a fault listed and drawn that changed no request).
   */
  idle?: number;
}

export interface FaultTypeSpec {
  type: string;
  label: string;
  target: TargetKind;
  params: ParamSpec[];
  /** Happens once (no duration). */
  oneShot?: boolean;
}

const replica: ParamSpec = { key: 'replica', label: 'replica', kind: 'replica', default: '0' };

/** The fault catalog of src/scenario/faults.ts, in the order the form offers it. */
export const FAULT_TYPES: readonly FaultTypeSpec[] = [
  { type: 'kill-service', label: 'kill a service (every replica)', target: 'service', params: [] },
  { type: 'kill-replica', label: 'kill one replica', target: 'service', params: [replica] },
  { type: 'slow-replica', label: 'slow one replica', target: 'service', params: [replica, { key: 'factor', label: 'times slower', kind: 'number', default: '20', idle: 1 }] },
  { type: 'http-abort', label: 'HTTP errors', target: 'service', params: [
    { key: 'replica', label: 'replica', kind: 'replica', default: '', every: 'every replica' },
    { key: 'percent', label: '% of requests', kind: 'number', default: '50', percent: 'percent', idle: 0 },
    { key: 'status', label: 'status', kind: 'number', default: '503' },
  ] },
  { type: 'latency', label: 'add latency', target: 'service-or-link', params: [{ key: 'delay', label: 'delay', kind: 'duration', default: '100ms', hint: 'e.g. 100ms', idle: 0 }] },
  { type: 'packet-loss', label: 'packet loss', target: 'network', params: [{ key: 'rate', label: '% of packets lost', kind: 'number', default: '5', percent: 'share', idle: 0 }] },
  { type: 'partition', label: 'network partition', target: 'node', params: [{ key: 'other', label: 'cut off from', kind: 'node', default: '' }] },
  { type: 'control-plane-outage', label: 'control plane down', target: 'mesh', params: [] },
  { type: 'ca-outage', label: 'CA down', target: 'mesh', params: [] },
  { type: 'expire-certificates', label: 'expire certificates now', target: 'certificates', params: [], oneShot: true },
  { type: 'gateway-capacity', label: 'shrink gateway capacity', target: 'gateway', params: [{ key: 'factor', label: '% of capacity left', kind: 'number', default: '25', percent: 'share', idle: 100 }] },
  { type: 'clock-skew', label: 'clock skew', target: 'service', params: [{ key: 'skew', label: 'skew', kind: 'duration', default: '2h', hint: 'e.g. 2h', idle: 0 }] },
];

export function faultTypeSpec(type: string): FaultTypeSpec {
  return FAULT_TYPES.find((t) => t.type === type) ?? FAULT_TYPES[0];
}

export interface Option {
  value: string;
  label: string;
  /** What picking it does, in a sentence the form shows under its select (certificateOptions). */
  note?: string;
  /** Whose certificate it is, for the "why?" under the note (certificateOptions; expiryWhy.ts says it). */
  why?: ExpiryWhy;
  /** A config change that shows what picking it does, which a button under the note puts in the Config change form (expiryLever). */
  lever?: Record<string, unknown>;
}

/**
 * Whose certificate an expire-certificates option expires, for its "why?" (expiryWhy.ts): a mesh's, an in-mesh
 * gateway's, or a bridge's (from->to) both identities, its `to` one alone or its `from` one alone.
 */
export type ExpiryWhy = { holds: 'mesh' | 'gateway' } | { holds: 'both' | 'to' | 'from'; from: string; to: string };

/** Choices for a target kind in this topology. Pure. */
export function targetOptions(kind: TargetKind, topology: Topology): Option[] {
  const nodes = topology.nodes;
  const named = (pred: (n: Topology['nodes'][number]) => boolean) => nodes.filter(pred).map((n) => ({ value: n.name, label: n.name }));
  switch (kind) {
    case 'service':
      return named((n) => n.kind === 'service');
    case 'gateway':
      return named((n) => n.kind === 'gateway');
    case 'mesh':
      return meshNames(nodes).map((m) => ({ value: m, label: isImplicitMesh(m) ? 'the mesh' : `mesh ${m}` }));
    case 'certificates':
      return certificateOptions(topology);
    case 'service-or-link':
      return [
        ...named((n) => n.kind === 'service' || n.kind === 'gateway').map((o) => ({ ...o, label: `every hop into ${o.label}` })),
        ...topology.edges.map((e) => {
          const link = `${nodes[e.from].name}->${nodes[e.to].name}`;
          return { value: `link:${link}`, label: `link ${link.replace('->', ' → ')}` };
        }),
      ];
    case 'node':
      // A control plane by its words ("the control plane"), not "control-plane:mesh".
      return named(() => true).map((o) => ({ ...o, label: nodeInWords(o.value) }));
    case 'network':
      return [{ value: 'network', label: 'the whole network' }];
  }
}

/** A certificates target's value for a gateway's identities: "gateway:name", or "gateway:name@mesh" for its one from that mesh's CA. */
const GATEWAY_CERTS = 'gateway:';

/**
 * Whose certificates an expire-certificates fault can expire, as the file may name them
 * (src/scenario/faults.ts: `mesh`, `service`, both): each mesh's (every sidecar's and gateway's
 * certificate from its CA), then each gateway that holds an identity, a gateway in a mesh its one
 * and a bridge (topology mesh "from->to") both, then each of a bridge's two alone (`mesh` and
 * `service` both set: FaultInjector expires only that CA's). An edge gateway outside every mesh
 * holds none and is not offered. Each option's `note` says in short what expiring does there: new
 * mutual TLS handshakes with that certificate fail (tls-expired-cert) while connections already
 * open carry on (TLS checks a certificate at the handshake only, workers/expiryConnections.ts);
 * its `why` says whose handshakes, until when (its CA's next retry, Certificates.expireNow), and
 * with expiryWhy.ts how to see the failures in this run: its `lever`, a config change setting
 * `maxConnectionDuration` on a service the holder calls, which closes those connections
 * (expiryLever), or the scenario that does so from the start (expiryOption). Trial N9:
 * the form offered meshes only while the file could name a bridge; trial N14, 1: an expiry with
 * every connection open showed 0 failures, and the note said handshakes fail. Pure.
 */
export function certificateOptions(topology: Topology): Option[] {
  const nodes = topology.nodes;
  // A service reached over mutual TLS (by `from`, or by anyone in mesh `m`): its connections are the ones an expiry spares.
  const calledBy = (from: string) => topology.edges.filter((e) => e.mtls && nodes[e.from]?.name === from).map((e) => nodes[e.to]).find((n) => n?.kind === 'service')?.name;
  const out: Option[] = meshNames(nodes).map((m) => {
    const inMesh = topology.edges.filter((e) => e.mtls).map((e) => nodes[e.to]).find((n) => n?.kind === 'service' && n.mesh === m)?.name;
    return expiryOption(m, isImplicitMesh(m) ? 'the mesh' : `mesh ${m}`, `Every certificate from ${isImplicitMesh(m) ? "the mesh's" : of(m)} CA expires now`, { holds: 'mesh' }, inMesh);
  });
  for (const n of nodes) {
    if (n.kind !== 'gateway' || n.mesh === null) continue;
    const bridge = /^(.+)->(.+)$/.exec(n.mesh);
    const gw = of(n.name);
    const lever = calledBy(n.name);
    const value = `${GATEWAY_CERTS}${n.name}`;
    if (!bridge) {
      out.push(expiryOption(value, `gateway ${n.name}`, `${gw} certificate expires now`, { holds: 'gateway' }, lever));
      continue;
    }
    const [, from, to] = bridge;
    out.push(
      expiryOption(value, `gateway ${n.name}: both identities`, `Both of ${gw} certificates expire now`, { holds: 'both', from, to }, lever),
      expiryOption(`${value}@${to}`, `gateway ${n.name}: its ${to} identity`, `${gw} ${to} certificate expires now`, { holds: 'to', from, to }, lever),
      expiryOption(`${value}@${from}`, `gateway ${n.name}: its ${from} identity`, `${gw} ${from} certificate expires now`, { holds: 'from', from, to }, undefined),
    );
  }
  return out;
}

/**
 * One certificates option (trial N14, 1; session 45, U1: its note ran ~20 lines at 1024x768): `note` in two to four
 * lines at 1024x768, "`what`. Open connections carry on: at first nothing may fail";
 * `why`, whose certificate it is, from which the form's "why?" says whose handshakes fail until when, what an expiry
 * spares and how to see its failures (expiryWhy.ts, in the lazy chunk); `lever`, when there is a service to name, the change that shows them. Pure.
 */
function expiryOption(value: string, label: string, what: string, why: ExpiryWhy, service: string | undefined): Option {
  return { value, label, note: `${what}. Open connections carry on: at first nothing may fail.`, why, lever: service === undefined ? undefined : expiryLever(service) };
}

/**
 * The change that shows an expiry's failures in this run: `service`'s policy closing its open connections after a
 * second (Istio's connectionPool.tcp maxConnectionDuration; the change applies to connections already open,
 * http1ConnPool.ts), so the next requests need new handshakes. None for a bridge's inbound identity (a policy change
 * names a service, not a gateway): its "why?" names the two-meshes-cert-expiry scenario, whose ledger closes every
 * connection after 1 s. The fault form's button puts it in the Config change form (changeFill.ts). Pure.
 */
export function expiryLever(service: string): Record<string, unknown> {
  return { type: 'policy', service, policy: { maxConnectionDuration: '1s' } };
}

/** Replica numbers of a service or gateway, after a choice for every replica when `every` names one. Pure. */
export function replicaOptions(service: string, topology: Topology, every?: string): Option[] {
  const n = topology.nodes.find((x) => x.name === service);
  const one = Array.from({ length: n?.replicas ?? 1 }, (_, i) => ({ value: String(i), label: `#${i}` }));
  return every === undefined ? one : [{ value: '', label: every }, ...one];
}

/**
 * Where the form's extra fields take their choices: a service's replicas, and the nodes a
 * partition can cut a node off from. From one topology (the single view), or from both of the
 * compare view's (a name either has; a service's replicas as the run with more has them).
 */
export interface FieldChoices {
  /** The replica choices of `service`, `every` first when given (replicaOptions). */
  replicas(service: string, every?: string): Option[];
  /** The nodes other than `target`, for a partition's other side. */
  others(target: string): Option[];
}

/** FieldChoices over `topologies` (one, or A's and B's). Pure. */
export function fieldChoices(topologies: readonly Topology[]): FieldChoices {
  return {
    replicas: (service, every) => topologies.map((t) => replicaOptions(service, t, every)).reduce((a, b) => (b.length > a.length ? b : a)),
    others: (target) => {
      const seen = new Set<string>([target]);
      const out: Option[] = [];
      for (const t of topologies) for (const o of targetOptions('node', t)) if (!seen.has(o.value)) (seen.add(o.value), out.push(o));
      return out;
    },
  };
}

/** Default values of a fault type's extra fields; a partition's other side is the first other node. Pure. */
export function paramDefaults(params: readonly ParamSpec[], choices: FieldChoices, target: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params) out[p.key] = p.kind === 'node' ? (choices.others(target)[0]?.value ?? '') : p.default;
  return out;
}

/** The extra fields as the form shows them: typed values, or defaults where a value no longer fits the target. Pure. */
export function shownParams(params: readonly ParamSpec[], typed: Readonly<Record<string, string>>, choices: FieldChoices, target: string): Record<string, string> {
  const out = paramDefaults(params, choices, target);
  for (const p of params) {
    const v = typed[p.key];
    if (v === undefined) continue;
    if (p.kind === 'replica' && !choices.replicas(target, p.every).some((o) => o.value === v)) continue;
    if (p.kind === 'node' && !choices.others(target).some((o) => o.value === v)) continue;
    out[p.key] = v;
  }
  return out;
}

/** What the form holds. */
export interface FaultFormValues {
  type: string;
  target: string;
  params: Record<string, string>;
  /** How long it lasts, e.g. "10s"; empty for until cleared. */
  duration: string;
}

/** The fault object the worker validates, from the form's values. Pure. */
export function buildFault(v: FaultFormValues): Record<string, unknown> {
  const spec = faultTypeSpec(v.type);
  const f: Record<string, unknown> = { type: spec.type };
  switch (spec.target) {
    case 'service':
      f.service = v.target;
      break;
    case 'gateway':
      f.gateway = v.target;
      break;
    case 'mesh':
      f.mesh = v.target;
      break;
    case 'certificates':
      if (v.target.startsWith(GATEWAY_CERTS)) {
        const [gateway, mesh] = v.target.slice(GATEWAY_CERTS.length).split('@');
        f.service = gateway;
        if (mesh !== undefined) f.mesh = mesh;
      } else f.mesh = v.target;
      break;
    case 'service-or-link':
      if (v.target.startsWith('link:')) {
        const [from, to] = v.target.slice('link:'.length).split('->');
        f.from = from;
        f.to = to;
      } else f.service = v.target;
      break;
    case 'node':
      f.between = [[v.target], [v.params.other ?? '']];
      break;
    case 'network':
      break;
  }
  for (const p of spec.params) {
    if (p.kind === 'node') continue;
    const raw = (v.params[p.key] ?? p.default).trim();
    if (p.kind === 'replica' && raw === '' && p.every !== undefined) continue;
    // Numbers go as numbers so the schema checks their range; durations with their unit; anything else as typed.
    if (p.kind === 'duration') {
      const d = readDurationField(raw);
      f[p.key] = d.ok && d.value !== null ? d.value : raw;
    } else if (p.percent === 'share' && raw !== '' && Number.isFinite(Number(raw))) f[p.key] = Number(raw) / 100;
    else f[p.key] = p.kind === 'number' || p.kind === 'replica' ? (raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw) : raw;
  }
  if (!spec.oneShot && v.duration.trim()) {
    const d = readDurationField(v.duration, { unitRequired: true });
    f.for = d.ok && d.value !== null ? d.value : v.duration.trim();
  }
  return f;
}

/**
 * What the form itself finds wrong with its duration fields before anything is sent, as
 * `field: message` pairs (paths as the worker's: `fault.for`): "for" must be more than 0 (empty lasts
 * until cleared), delay and skew must read as durations (empty too), a percent 0 to 100, and no field at its `idle` value (a fault doing nothing). A bare number is milliseconds in delay
 * and skew (readDurationField) and refused in "for", which needs its unit as the CLI's --duration does. Empty when the worker may check the rest; otherwise the worker checks the rest
 * without injecting (Controller.checkFault) and withCheckedRest lists both. Pure.
 */
export function faultFormProblems(v: FaultFormValues): { path: string; message: string }[] {
  const spec = faultTypeSpec(v.type);
  const out: { path: string; message: string }[] = [];
  for (const p of spec.params) {
    const raw = (v.params[p.key] ?? p.default).trim();
    if (p.percent) {
      // In the form's own words: the worker would word a share's bounds as 0..1.
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n) || n < 0 || n > 100) out.push({ path: `fault.${p.key}`, message: `must be between 0 and 100 (a percent), got ${raw !== '' && Number.isFinite(n) ? raw : JSON.stringify(raw)}` });
      else if (n === p.idle) out.push(idleProblem(p, `${raw}%`));
      continue;
    }
    if (p.kind === 'number' && p.idle !== undefined && raw !== '' && Number(raw) === p.idle) out.push(idleProblem(p, raw));
    if (p.kind !== 'duration') continue;
    // An empty delay or skew is wrong in the same words as any unreadable duration.
    const d = raw === '' ? { ok: false as const, message: `is required; ${DURATION_HOW}` } : readDurationField(raw);
    if (!d.ok) out.push({ path: `fault.${p.key}`, message: d.message });
    else if (d.ms === p.idle) out.push(idleProblem(p, raw));
  }
  if (!spec.oneShot) {
    // A bare number is refused here, as the CLI's --duration does: "10" under "for (e.g. 10s)" was meant as 10 s (trial T3, 7).
    const d = readDurationField(v.duration, { positive: true, emptyMeans: 'to last until cleared', unitRequired: true });
    if (!d.ok) out.push({ path: 'fault.for', message: d.message });
  }
  return out;
}

/** A fault's fields that name its target (the form's "on" or "cut off" select), as problem paths end (`fault.service`). */
const TARGET_KEYS: readonly string[] = ['service', 'gateway', 'mesh', 'from', 'to', 'between'];

/**
 * The label of the field a fault problem's `path` (the worker's, `fault.for`) is at, as the form
 * shows it: `fault.for` is "for", a parameter its label ("times slower", "% of requests"), the
 * target its select's ("on", "cut off"), `fault.type` "inject"; any other path (`fault`, a path
 * in no field) as given. The form lists problems by these names, as the editor's Add form does
 * (trial N8, finding 3: "fault.for:" under a field labelled "for (e.g. 10s)"). Pure.
 */
export function faultFieldLabel(type: string, path: string): string {
  const spec = faultTypeSpec(type);
  const key = path.startsWith('fault.') ? path.slice('fault.'.length).split('.')[0] : '';
  if (key === 'for') return 'for';
  if (key === 'type') return 'inject';
  const param = spec.params.find((p) => p.key === key);
  if (param) return param.label;
  if (TARGET_KEYS.includes(key)) return spec.target === 'node' ? 'cut off' : 'on';
  return path;
}

/**
 * A field at its `idle` value, refused at it: 'at 0% makes a fault that does nothing; give more
 * than 0', listed after the field's label (faultFieldLabel: "% of requests: at 0% …"). Pure.
 */
function idleProblem(p: ParamSpec, shown: string): { path: string; message: string } {
  const way = p.idle === 100 ? 'below 100' : p.idle === 1 ? 'other than 1' : 'more than 0';
  return { path: `fault.${p.key}`, message: `at ${shown} makes a fault that does nothing; give ${way}` };
}

/**
 * The form's own problems (`local`, faultFormProblems) and then those the worker found checking
 * the same fault (`checked`), less any at a path the form already named (the worker reads an
 * unreadable duration as a string, and says so again in its words): every problem at once, so a
 * person does not fix one field to be told of the next. Listed in the order a form shows its
 * fields (the target, the parameters as FAULT_TYPES lists them, "for", then any other path), so the
 * list reads down the form (trial N10: "%, for, status" under fields "%, status, for"). Pure.
 */
export function withCheckedRest(local: readonly { path: string; message: string }[], checked: readonly { path: string; message: string }[]): { path: string; message: string }[] {
  const named = new Set(local.map((p) => p.path));
  // Array.prototype.sort is stable: problems at one field keep their order.
  return [...local, ...checked.filter((p) => !named.has(p.path))].sort((a, b) => fieldRank(a.path) - fieldRank(b.path));
}

/** Where a problem's field (`fault.status`) stands in a fault form, top first: the target 0, a parameter 1 + its place in its type's list, "for" after every parameter, the rest last. */
function fieldRank(path: string): number {
  const key = path.startsWith('fault.') ? path.slice('fault.'.length).split('.')[0] : '';
  if (TARGET_KEYS.includes(key)) return 0;
  for (const spec of FAULT_TYPES) {
    const i = spec.params.findIndex((p) => p.key === key);
    if (i >= 0) return 1 + i;
  }
  return key === 'for' ? 100 : 101;
}
