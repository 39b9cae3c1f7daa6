import { formatDuration } from '../../scenario';
import { AttrKey, F_A, F_END, F_ERROR, F_OP, F_PARENT, F_START, Op, STRIDE, WHERE, Where, type TraceRecord } from './TraceRecord';
import { SpanKind, SpanRole, type AttrValue, type Span, type Trace } from './types';

/** Names of the four proxy passes, by `Pass` value. */
const PASS_NAMES = ['proxy outbound (request)', 'proxy inbound (request)', 'proxy inbound (response)', 'proxy outbound (response)'] as const;

/** Role and kind of each Op. */
const ROLES: readonly SpanRole[] = [
  SpanRole.request,
  SpanRole.call,
  SpanRole.fault,
  SpanRole.try,
  SpanRole.pool,
  SpanRole.backoff,
  SpanRole.pool,
  SpanRole.connect,
  SpanRole.tls,
  SpanRole.network,
  SpanRole.proxy,
  SpanRole.server,
  SpanRole.queue,
  SpanRole.app,
  SpanRole.network,
];
const KINDS: readonly SpanKind[] = ROLES.map((_, op) => (op === Op.call || op === Op.try ? SpanKind.client : op === Op.server ? SpanKind.server : SpanKind.internal));

/** Attribute names by AttrKey. */
const KEYS = [
  'http.status_code',
  'meshsim.attempts',
  'meshsim.cause',
  'meshsim.failed',
  'meshsim.fate',
  'meshsim.retry.decision',
  'meshsim.retry.reason',
  'meshsim.connection',
  'meshsim.tls.server_queue_ms',
  'meshsim.tls.server_cpu_ms',
  'meshsim.tls.client_queue_ms',
  'meshsim.tls.client_cpu_ms',
  'meshsim.envoy.response_flags',
  'meshsim.tls.expired_cert.side',
  'meshsim.tls.expired_cert.identity',
  'meshsim.tls.expired_cert.ca',
  'meshsim.tls.expired_cert.not_after_ms',
  'meshsim.tls.expired_cert.host',
  'meshsim.tls.refused_by',
  'meshsim.retry.per_try_timeout_ms',
  'meshsim.route.timeout_ms',
] as const;

/**
 * 'meshsim.failed' of a try its router's own timer ended (WHERE's per-try and route timeouts), with how long the
 * timer ran (`ms`, the span's AttrKey.perTryTimeout or routeTimeout, set before it): "ended by the per-try timeout
 * of 250 ms after the request went out: the host had not answered; the router reset the upstream request". The per-try
 * timer starts when the request is on a connection (Envoy's), the route's when the call starts, retries included
 * (Envoy's router filter docs). Any other `where`, or `ms` not a number: WHERE's words. Pure.
 */
export function timedOutWords(where: number, ms: unknown): string {
  const words = WHERE[where];
  if (typeof ms !== 'number') return words;
  if (where === Where.perTryTimeout) return words.replace('per-try timeout', `per-try timeout of ${formatDuration(ms)} after the request went out`);
  if (where === Where.routeTimeout || where === Where.routeTimeoutWaiting) return words.replace('route timeout', `route timeout of ${formatDuration(ms)} (the whole call's, its tries included)`);
  return words;
}

/** Names of the world's actors and hosts by id (the tracer reads them from the world). */
export interface SpanNames {
  actor(id: number): string;
  host(id: number): string;
}

/**
 * A record as the `Trace` the UI, the OTLP export and the CLI read: the same spans, names,
 * services, times and attributes (in the order they were set) as the hooks would have built
 * them one by one. A fresh object each call; the record is not changed.
 */
export function materialize(rec: TraceRecord, names: SpanNames): Trace {
  const rows = rec.rows;
  const n = rec.used / STRIDE;
  const spans: Span[] = new Array<Span>(n);
  for (let i = 0; i < n; i++) {
    const o = i * STRIDE;
    const op = rows[o + F_OP];
    const parent = rows[o + F_PARENT];
    const a = rows[o + F_A];
    const b = rows[o + F_A + 1];
    const c = rows[o + F_A + 2];
    const d = rows[o + F_A + 3];
    const inherited = parent >= 0 ? spans[parent].service : rec.client;
    let name: string;
    let service = inherited;
    let attrs: Record<string, AttrValue> = {};
    switch (op) {
      case Op.request:
        name = `request to ${names.actor(a)}`;
        service = rec.client;
        attrs = { 'meshsim.request.id': rec.id };
        break;
      case Op.call: {
        const callee = names.actor(a);
        service = names.actor(b);
        name = `call ${callee}`;
        attrs['meshsim.edge'] = `${service} -> ${callee}`;
        attrs['peer.service'] = callee;
        break;
      }
      case Op.fault:
        name = 'fault delay';
        service = names.actor(a);
        attrs = { 'meshsim.fault': 'delay' };
        break;
      case Op.try: {
        const host = names.host(b);
        name = `try ${c} -> ${host}`;
        service = names.actor(a);
        attrs = { 'meshsim.try': c, 'meshsim.host': host, 'meshsim.retry': d !== 0 };
        break;
      }
      case Op.noHost:
        name = 'pick a host';
        service = names.actor(a);
        break;
      case Op.backoff:
        name = 'retry backoff';
        service = names.actor(a);
        break;
      case Op.wait:
        name = 'wait for a connection';
        break;
      case Op.tcp:
        name = 'tcp connect';
        attrs = { 'net.peer.name': names.host(a) };
        break;
      case Op.tls:
        name = 'tls handshake (mTLS)';
        break;
      case Op.firstBytes:
        name = 'request bytes (plaintext)';
        attrs = { 'net.peer.name': names.host(a) };
        break;
      case Op.network:
        name = `network ${names.host(a)} -> ${names.host(b)}`;
        break;
      case Op.proxy:
        name = PASS_NAMES[a];
        attrs = { 'meshsim.proxy': names.host(b) };
        attrs['meshsim.proxy.queue_ms'] = c;
        attrs['meshsim.proxy.cpu_ms'] = d;
        break;
      case Op.server:
        service = names.actor(a);
        name = `${service} serves`;
        attrs = { 'meshsim.host': names.host(b) };
        break;
      case Op.queue:
        name = 'queue (wait for a worker)';
        break;
      default:
        name = a !== 0 ? 'gateway processing' : 'app';
    }
    spans[i] = { id: i, parent, name, role: ROLES[op], kind: KINDS[op], service, start: rows[o + F_START], end: rows[o + F_END], error: rows[o + F_ERROR] !== 0, attrs };
  }
  const log = rec.attrs;
  for (let j = 0; j < rec.setCount; j += 3) {
    const key = log[j + 1];
    const v = log[j + 2];
    let value: AttrValue;
    switch (key) {
      case AttrKey.fate:
        value = rec.fate!;
        break;
      case AttrKey.cause:
      case AttrKey.reason:
      case AttrKey.responseFlags:
      case AttrKey.tlsExpiredIdentity:
      case AttrKey.tlsExpiredCa:
        value = rec.strs![v];
        break;
      case AttrKey.tlsExpiredSide:
        value = v !== 0 ? 'server' : 'client';
        break;
      case AttrKey.tlsExpiredHost:
      case AttrKey.tlsRefusedBy:
        value = names.host(v);
        break;
      case AttrKey.failed: {
        const attrs = spans[log[j]].attrs;
        value = v >= Where.perTryTimeout ? timedOutWords(v, attrs[KEYS[v === Where.perTryTimeout ? AttrKey.perTryTimeout : AttrKey.routeTimeout]]) : WHERE[v];
        break;
      }
      case AttrKey.decision:
        value = v !== 0 ? 'retried' : 'not retried';
        break;
      case AttrKey.connection:
        value = v !== 0 ? 'reused' : 'new';
        break;
      default:
        value = v;
    }
    spans[log[j]].attrs[KEYS[key]] = value;
  }
  return { id: rec.id, client: rec.client, start: rec.start, end: rec.end, fate: rec.fate, status: rec.status, sampled: rec.sampled, spans };
}
