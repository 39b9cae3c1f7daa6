import { stringify as toYaml } from 'yaml';
import { streamFor } from '../../src/sim-engine';

/**
 * One fuzz input: a scenario file's name and bytes, and the CLI arguments after it. The same
 * seed always gives the same input, so a failing seed is a regression test.
 *
 * NOTE: seeds are kept as regression tests (see fuzz.test.ts), so the draws here must not
 * change order: add new kinds of input at the end of a list, behind a draw of their own.
 */
export interface FuzzInput {
  seed: number;
  /** What the generator meant to make, e.g. "valid", "zero-time loop", "binary junk". */
  kind: string;
  /** A file name ending in .json, .yaml or .yml. */
  fileName: string;
  content: string | Uint8Array;
  /** CLI arguments after the file, e.g. ["--seed", "7", "--json"]. */
  argv: string[];
  /** A few words on the input, for the findings. */
  summary: string;
}

/** A seeded source of draws for the generator (the engine's own Alea, under a fuzz key). */
class Draw {
  private readonly rng: () => number;
  constructor(seed: number, key = 'fuzz') {
    this.rng = streamFor(seed, key);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.rng();
  }
  /** A whole number in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rng() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.rng() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rng() * xs.length)];
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const DURATIONS = ['0ms', '80us', '0.5ms', '1ms', '5ms', '20ms', '100ms', '1s'];
const RUN_DURATIONS = ['200ms', '500ms', '1s', '2s', '3s'];

function distribution(d: Draw): Json {
  switch (d.int(0, 7)) {
    case 0:
      return d.pick(DURATIONS);
    case 1:
      return { type: 'constant', value: d.pick(DURATIONS) };
    case 2:
      return { type: 'exponential', mean: d.pick(DURATIONS.slice(1)) };
    case 3:
      return { type: 'uniform', min: '0ms', max: d.pick(DURATIONS.slice(1)) };
    case 4:
      return { type: 'normal', mean: d.pick(DURATIONS.slice(1)), stddev: '1ms' };
    case 5:
      return { type: 'lognormal', median: d.pick(DURATIONS.slice(1)), sigma: d.pick([0.1, 0.5, 1.5]) };
    case 6:
      return { type: 'pareto', scale: d.pick(DURATIONS.slice(2)), shape: d.pick([1.1, 2, 3]) };
    default:
      return d.int(0, 10);
  }
}

function policy(d: Draw): Obj {
  const p: Obj = {};
  if (d.chance(0.4)) p.timeout = d.pick(['50ms', '200ms', '1s']);
  if (d.chance(0.5)) {
    p.retries = { attempts: d.int(0, 3), perTryTimeout: d.pick(['10ms', '100ms']), retryOn: d.pick([['5xx'], ['reset', 'connect-failure'], ['gateway-error', '5xx']]) };
    if (d.chance(0.3)) (p.retries as Obj).backoff = { base: '0.001ms', max: '0.002ms' };
  }
  if (d.chance(0.2)) p.circuitBreaker = { maxConnections: d.int(1, 4), maxPendingRequests: d.int(1, 4), maxRequests: d.int(1, 8), maxRetries: d.int(1, 3) };
  if (d.chance(0.2)) p.outlierDetection = { consecutive5xx: d.int(1, 5), interval: '100ms', baseEjectionTime: '200ms', maxEjectionPercent: d.int(10, 100) };
  if (d.chance(0.2)) p.fault = { abort: { percent: d.int(0, 50), status: 503 }, delay: { percent: d.int(0, 50), fixed: d.pick(DURATIONS) } };
  if (d.chance(0.2)) p.loadBalancer = d.pick(['round-robin', 'least-request', 'random', 'ring-hash']);
  return p;
}

/** A scenario meant to be valid and small: at most a few thousand requests. */
function validScenario(d: Draw): Obj {
  const n = d.int(1, 5);
  const meshed = d.chance(0.4);
  const services: Obj[] = [];
  for (let i = 0; i < n; i++) {
    const s: Obj = { name: `s${i}`, serviceTime: distribution(d) };
    if (d.chance(0.5)) s.replicas = d.int(1, 4);
    if (d.chance(0.5)) s.concurrency = d.int(1, 8);
    if (d.chance(0.2)) s.queueCapacity = d.int(1, 20);
    if (d.chance(0.2)) s.errorRate = d.pick([0.01, 0.2, 1]);
    if (meshed && d.chance(0.8)) s.sidecar = d.chance(0.8) ? true : { mode: d.pick(['L7', 'L4']), concurrency: d.int(1, 2), cpuPerPass: d.pick(['0ms', '0.1ms']), passLatency: d.pick(['0ms', '0.3ms']) };
    if (meshed && d.chance(0.3)) s.mtls = d.pick(['STRICT', 'PERMISSIVE']);
    if (d.chance(0.3)) s.callMode = d.pick(['parallel', 'sequential']);
    const calls: Obj[] = [];
    for (let j = i + 1; j < n; j++) if (d.chance(0.4)) calls.push(d.chance(0.3) ? { service: `s${j}`, probability: d.pick([0.1, 0.5, 1]) } : { service: `s${j}` });
    if (calls.length) s.calls = calls;
    if (meshed && d.chance(0.3)) s.policy = policy(d);
    services.push(s);
  }
  const gateways: Obj[] = [];
  if (d.chance(0.25)) gateways.push({ name: 'gw', replicas: d.int(1, 2), routes: [{ match: { pathPrefix: '/' }, service: 's0' }], ...(d.chance(0.3) ? { auth: 'api-key' } : {}) });
  const target = gateways.length ? 'gw' : 's0';
  const clients: Obj[] = [];
  for (let c = d.int(1, 2), k = 0; k < c; k++) {
    const client: Obj = d.chance(0.6)
      ? { name: `c${k}`, type: 'open', rate: d.pick([1, 10, 50, 200, 800]), arrival: d.pick(['poisson', 'constant']), target }
      : { name: `c${k}`, type: 'closed', users: d.int(1, 40), thinkTime: d.chance(0.8) ? distribution(d) : { type: 'exponential', mean: '50ms' }, target };
    if (d.chance(0.3)) client.timeout = d.pick(['10ms', '100ms', '1s']);
    if (meshed && d.chance(0.3)) client.sidecar = true;
    clients.push(client);
  }
  const scenario: Obj = { name: `fuzz-${d.int(0, 999)}`, duration: d.pick(RUN_DURATIONS), clients, services };
  if (d.chance(0.5)) scenario.seed = d.int(-1000, 100000);
  if (gateways.length) scenario.gateways = gateways;
  if (d.chance(0.5)) {
    const network: Obj = {};
    const w = d.int(0, 2);
    if (w === 0) network.latency = distribution(d);
    else if (w === 1) network.placement = {};
    if (d.chance(0.2)) network.loss = d.pick([0.001, 0.05]);
    scenario.network = network;
  }
  if (d.chance(0.3)) {
    const svc = `s${d.int(0, n - 1)}`;
    scenario.faults = [
      d.pick<Obj>([
        { type: 'kill-replica', service: svc, at: '100ms', for: '300ms' },
        { type: 'kill-service', service: svc, at: '50ms', for: '100ms' },
        { type: 'slow-replica', service: svc, factor: 10, at: '0ms' },
        { type: 'latency', service: svc, delay: '5ms', at: '10ms', for: '1s' },
        { type: 'packet-loss', rate: 0.1, at: '0ms', for: '200ms' },
        { type: 'http-abort', service: svc, percent: 50, status: 503, at: '0ms' },
      ]),
    ];
  }
  return scenario;
}

/** Sets `value` at a random path of `obj` (an existing key, or a new one). Mutates `obj`. */
function setSomewhere(d: Draw, obj: Json, value: Json): void {
  let node = obj;
  for (let depth = 0; depth < 6; depth++) {
    if (node === null || typeof node !== 'object') return;
    const keys = Array.isArray(node) ? node.map((_, i) => String(i)) : Object.keys(node);
    if (keys.length === 0 || d.chance(0.3)) {
      if (!Array.isArray(node)) (node as Obj)[d.pick(['x', 'replicas', 'users', 'rate', 'seed', 'at', 'duration'])] = value;
      return;
    }
    const k = d.pick(keys);
    const child = (node as Record<string, Json>)[k];
    if (child === null || typeof child !== 'object' || d.chance(0.25)) {
      (node as Record<string, Json>)[k] = value;
      return;
    }
    node = child;
  }
}

const JUNK_VALUES: Json[] = [null, true, -1, 0, 1e308, -1e-300, '', 'x'.repeat(5000), [], {}, [[[]]], '1e400ms', 'NaN', '∞', '-0ms', 2 ** 53 + 1, '9'.repeat(400), { type: 'nope' }, '__proto__'];

/** The kinds of issue 10, each made from a valid scenario. Mutate `s`; return a summary. */
const ISSUE_KINDS: Array<[string, (d: Draw, s: Obj) => string]> = [
  [
    'zero-time loop',
    (d, s) => {
      const users = d.pick([1, 10, 100]);
      s.clients = [{ name: 'users', type: 'closed', users, thinkTime: d.pick<Json>(['0ms', 0, { type: 'constant', value: '0ms' }, { type: 'uniform', min: '0ms', max: '0ms' }]), target: 's0' }];
      for (const svc of s.services as Obj[]) svc.serviceTime = d.pick<Json>(['0ms', 0, { type: 'constant', value: 0 }]);
      delete s.network;
      delete s.gateways;
      s.duration = d.pick(['10s', '1h']);
      return `closed loop of ${users} users, thinkTime 0, every serviceTime 0, ${s.duration}`;
    },
  ],
  [
    'huge closed loop',
    (d, s) => {
      const users = d.pick([1e5, 1e6, 1e8, 1e12]);
      const duration = d.pick(['1000000h', '1e400ms', 1e308, '24h', '10s']);
      s.clients = [{ name: 'users', type: 'closed', users, thinkTime: d.pick(['1s', '1ms', { type: 'exponential', mean: '10ms' }]), target: 's0' }];
      s.duration = duration;
      return `closed loop of ${users} users for ${duration}`;
    },
  ],
  [
    'huge sizes',
    (d, s) => {
      const svc = (s.services as Obj[])[0];
      const what = d.int(0, 4);
      if (what === 0) svc.replicas = d.pick([1e5, 1e6, 1e9]);
      else if (what === 1) svc.concurrency = d.pick([1e6, 1e9, 2 ** 31]);
      else if (what === 2) svc.queueCapacity = d.pick([1e12, 2 ** 53]);
      else if (what === 3) {
        // Issue 10's 125,000 services took 25 s to refuse before the size bounds; now about 2 s.
        const count = d.pick([2000, 20_000, 125_000]);
        s.services = Array.from({ length: count }, (_, i) => ({ name: `s${i}`, serviceTime: '1ms' }));
        return `${count} services`;
      } else {
        svc.replicas = d.pick([1000, 10_000, 1e6]);
        svc.sidecar = true;
      }
      return `s0 with ${JSON.stringify({ replicas: svc.replicas, concurrency: svc.concurrency, queueCapacity: svc.queueCapacity, sidecar: svc.sidecar })}`;
    },
  ],
  [
    'loop through a gateway',
    (d, s) => {
      const services = s.services as Obj[];
      const via = d.chance(0.5) ? 'route' : 'canary';
      s.gateways = [{ name: 'g', routes: [via === 'route' ? { match: { pathPrefix: '/' }, service: 'a' } : { match: { pathPrefix: '/' }, service: 'b', canary: [{ service: 'a', weight: 50 }, { service: 'b', weight: 50 }] }] }];
      services.push({ name: 'a', serviceTime: '1ms', calls: [{ service: 'g' }] }, { name: 'b', serviceTime: '1ms' });
      s.clients = [{ name: 'users', type: 'open', rate: 100, target: d.chance(0.5) ? 'a' : 'g' }];
      return `a calls gateway g, whose ${via} goes to a`;
    },
  ],
  [
    'overflowing duration',
    (d, s) => {
      const v = d.pick<Json>(['1' + '0'.repeat(400) + 'ms', '1e400ms', 1e309, '1e308h', '99999999999999999999d', 'Infinityms', '-1e400s']);
      const where = d.int(0, 3);
      if (where === 0) s.duration = v;
      else if (where === 1) s.warmup = v;
      else if (where === 2) (s.services as Obj[])[0].serviceTime = v;
      else s.faults = [{ type: 'kill-replica', service: 's0', at: v }];
      return `${['duration', 'warmup', 'services.0.serviceTime', 'faults.0.at'][where]} = ${String(v).slice(0, 30)}`;
    },
  ],
  [
    'huge seed',
    (d, s) => {
      const seed = d.pick<Json>([1e300, -1e300, 2 ** 53, 2 ** 53 + 2, 1.5, -0, 4294967296, '7']);
      s.seed = seed;
      return `seed ${String(seed)}`;
    },
  ],
  [
    'binary junk',
    () => 'binary junk',
  ],
  [
    'junk value',
    (d, s) => {
      const value = d.pick(JUNK_VALUES);
      setSomewhere(d, s, value);
      return `a field set to ${JSON.stringify(value)?.slice(0, 30)}`;
    },
  ],
  [
    'empty or missing lists',
    (d, s) => {
      const k = d.pick(['services', 'clients', 'gateways', 'faults']);
      if (d.chance(0.5)) s[k] = [];
      else delete s[k];
      return `${k} empty or missing`;
    },
  ],
  [
    'deep nesting',
    (d) => `deep nesting ${d.pick([1000, 100_000])}`,
  ],
];

/**
 * More of the model for a scenario (mutates it): faults of every type, certificates with short
 * lives, a second mesh, warmups, connection ages, ring hash. Most stay valid; some do not.
 */
function extras(d: Draw, s: Obj): void {
  // After a junk mutation, lists may hold anything: only objects get extras.
  const objects = (xs: Json | undefined): Obj[] => (Array.isArray(xs) ? xs.filter((x): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x)) : []);
  const services = objects(s.services);
  if (!services.length) return;
  const svc = () => String(d.pick(services).name ?? 's0');
  if (d.chance(0.5)) {
    const faults = Array.isArray(s.faults) ? (s.faults as Json[]) : [];
    const at = () => d.pick(['0ms', '50ms', '300ms', '1s']);
    const more: Obj[] = [
      { type: 'partition', between: [[svc()], [svc()]], at: at(), for: '200ms' },
      { type: 'partition', between: [[svc()], ['control-plane:mesh']], at: at() },
      { type: 'control-plane-outage', at: at(), for: '500ms' },
      { type: 'ca-outage', at: at() },
      { type: 'expire-certificates', at: at() },
      { type: 'clock-skew', service: svc(), skew: d.pick(['1h', '10s']), ahead: d.chance(0.5), at: at() },
      { type: 'http-abort', service: svc(), replica: 0, percent: d.pick([10, 100]), status: d.pick([500, 503, 429]), at: at(), for: '300ms' },
      { type: 'latency', from: 's0', to: svc(), delay: d.pick(['5ms', '0ms']), at: at() },
      { type: 'kill-service', service: svc(), at: at() },
      { type: 'slow-replica', service: svc(), factor: d.pick([1, 1000]), at: at(), for: '100ms' },
    ];
    if (Array.isArray(s.gateways) && s.gateways.length) more.push({ type: 'gateway-capacity', gateway: 'gw', factor: d.pick([0.01, 1]), at: at() });
    for (let k = d.int(1, 3); k > 0; k--) {
      const f = d.pick(more);
      // Faults on the mesh need one: give the first service a sidecar.
      if (['partition', 'control-plane-outage', 'ca-outage', 'expire-certificates'].includes(f.type as string) && services[0].sidecar === undefined) services[0].sidecar = true;
      faults.push(f);
    }
    s.faults = faults;
  }
  if (d.chance(0.3)) {
    for (const v of services) {
      if (v.sidecar === undefined && d.chance(0.5)) v.sidecar = true;
      if (v.sidecar !== undefined && d.chance(0.3)) v.certificate = { ttl: d.pick(['100ms', '1s', '24h']) };
      if (v.sidecar !== undefined && d.chance(0.3)) v.mtls = 'STRICT';
    }
    if (d.chance(0.4)) s.meshes = [{ name: 'mesh', ca: { ttl: d.pick(['200ms', '1h']), renewAt: d.pick([0.5, 0.9]), retryEvery: '50ms' }, controlPlane: { pushBase: d.pick(['0ms', '10ms']), perProxy: d.pick(['0ms', '1ms']) } }];
  }
  if (d.chance(0.2)) s.warmup = d.pick(['0ms', '100ms', '150ms']);
  if (d.chance(0.3)) {
    const v = d.pick(services);
    v.policy = { ...(typeof v.policy === 'object' && v.policy !== null ? (v.policy as Obj) : {}), maxConnectionDuration: d.pick(['1ms', '50ms']), loadBalancer: d.pick(['ring-hash', 'least-request']), connectTimeout: d.pick(['1ms', '100ms']) };
    if (v.sidecar === undefined) v.sidecar = true;
  }
  if (d.chance(0.2)) for (const c of objects(s.clients)) c.timeout = d.pick(['1ms', '30ms']);
}

/** CLI arguments: mostly none or ordinary ones, sometimes the extreme ones of issue 10. */
function cliArgs(d: Draw): string[] {
  const argv: string[] = [];
  if (d.chance(0.2)) argv.push('--seed', d.pick(['42', '-7', '0', '99999999999999999999999', '9007199254740993', '1e3', 'x']));
  if (d.chance(0.2)) argv.push('--duration', d.pick(['500ms', '2s', '0s', '-1s', '1e400ms', '1' + '0'.repeat(400) + 'ms', '30', '1000000h']));
  if (d.chance(0.5)) argv.push('--json');
  return argv;
}

/** The input for one seed: about half valid scenarios, half the kinds of issue 10. */
export function generate(seed: number): FuzzInput {
  const d = new Draw(seed);
  const s = validScenario(d);
  let kind = 'valid';
  let summary = `${(s.services as Obj[]).length} services, ${(s.clients as Obj[]).map((c) => c.type).join('+')} clients`;
  if (d.chance(0.5)) {
    const [k, mutate] = d.pick(ISSUE_KINDS);
    kind = k;
    summary = mutate(d, s);
  }
  // Drawn from a stream of its own, so the draws above (and the kept seeds) stay as they were.
  if (kind !== 'binary junk' && kind !== 'deep nesting') extras(new Draw(seed, 'fuzz/extras'), s);
  const argv = cliArgs(d);
  const yaml = d.chance(0.25);
  const fileName = `fuzz-${seed}.${yaml ? d.pick(['yaml', 'yml']) : 'json'}`;
  let content: string | Uint8Array;
  if (kind === 'binary junk') {
    const bytes = new Uint8Array(d.int(0, 2000));
    for (let i = 0; i < bytes.length; i++) bytes[i] = d.int(0, 255);
    // Sometimes junk after a valid start, or a valid file cut short.
    if (d.chance(0.3)) {
      const text = new TextEncoder().encode(JSON.stringify(s).slice(0, d.int(0, 200)));
      content = new Uint8Array([...text, ...bytes.slice(0, 50)]);
    } else content = bytes;
  } else if (kind === 'deep nesting') {
    const depth = Number(summary.split(' ').pop());
    content = yaml ? '- '.repeat(Math.min(depth, 5000)) + '1' : `{"name":"deep","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  } else content = yaml ? yamlOf(s) : JSON.stringify(s, null, d.chance(0.5) ? 2 : undefined);
  return { seed, kind, fileName, content, argv, summary };
}

/** A string the yaml library writes plain (unquoted): a name or a duration such as `1ms`. */
const PLAIN_STRING = /^(?:[A-Za-z][A-Za-z0-9_-]*|\d+(?:\.\d+)?(?:us|ms|s|m|h|d))$/;
/** Words YAML reads as other than a string: the library quotes them. */
const YAML_WORDS = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

/**
 * One value as the yaml library writes it at `indent`, for the plain data fuzz services are
 * made of (objects of names, durations, small whole numbers, booleans and such objects); null
 * for anything else. An object's first key goes on the line it is given (after a list's `- `).
 */
function plainYaml(x: Json, indent: string): string | null {
  if (typeof x === 'boolean') return String(x);
  if (typeof x === 'number') return Number.isInteger(x) && Math.abs(x) < 1e15 ? String(x) : null;
  if (typeof x === 'string') return PLAIN_STRING.test(x) && !YAML_WORDS.test(x) ? x : null;
  if (x === null || Array.isArray(x) || typeof x !== 'object') return null;
  const keys = Object.keys(x);
  if (keys.length === 0) return null;
  let out = '';
  for (const [i, k] of keys.entries()) {
    if (!PLAIN_STRING.test(k) || YAML_WORDS.test(k)) return null;
    const v = x[k];
    const nested = v !== null && typeof v === 'object';
    const w = plainYaml(v, `${indent}  `);
    if (w === null) return null;
    out += `${i === 0 ? '' : indent}${k}:${nested ? `\n${indent}  ` : ' '}${w}\n`;
  }
  return out.slice(0, -1);
}

/**
 * `toYaml(s)`, the same bytes, without the yaml library's 3 s (more in a busy test worker) for a
 * list of 125,000 services ('huge sizes', seed 6108). The library writes the document with the
 * list cut to its first 64 services; where those read exactly as `plainYaml` writes them, no
 * object in the list is shared (the library would give it an anchor), and every service is of
 * that plain data, the whole list is written by `plainYaml` in their place. Anything else goes
 * through the library whole.
 * NOTE: bent for the suite's time (session 28); the fuzz test checks the bytes against the library.
 */
export function yamlOf(s: Obj): string {
  const services = s.services;
  if (!Array.isArray(services) || services.length < 1000) return toYaml(s);
  // Objects met twice in the list, or in the list and elsewhere, are anchored by the library.
  const seen = new Set<object>();
  const shared = (x: Json): boolean => {
    if (x === null || typeof x !== 'object') return false;
    if (seen.has(x)) return true;
    seen.add(x);
    return (Array.isArray(x) ? x : Object.values(x)).some(shared);
  };
  const rest = new Set<object>();
  const walk = (x: Json): void => {
    if (x === null || typeof x !== 'object' || rest.has(x)) return;
    rest.add(x);
    (Array.isArray(x) ? x : Object.values(x)).forEach(walk);
  };
  for (const [k, v] of Object.entries(s)) if (k !== 'services') walk(v);
  for (const o of rest) seen.add(o);
  if (shared(services)) return toYaml(s);
  const items: string[] = [];
  for (const x of services) {
    const y = plainYaml(x, '    ');
    if (y === null || x === null || typeof x !== 'object') return toYaml(s);
    items.push(`  - ${y}\n`);
  }
  const head = services.slice(0, 64);
  const cut = toYaml({ ...s, services: head });
  const block = `services:\n${items.slice(0, head.length).join('')}`;
  const at = cut.indexOf(block);
  if (at < 0 || !(at === 0 || cut[at - 1] === '\n') || cut.indexOf(block, at + 1) >= 0) return toYaml(s);
  return `${cut.slice(0, at)}services:\n${items.join('')}${cut.slice(at + block.length)}`;
}
