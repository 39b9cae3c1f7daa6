// The editor's form writes into the scenario's text: a service, a gateway route, a fault or a
// config change, appended where it belongs, the rest of the text kept as it was written (JSON
// keeps its own layout; YAML keeps its comments). The result is checked like any other edit.
import { isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { formatDuration, parseDuration, readScenarioText, scenarioFormat, type Problem } from '../../scenario';
import { name as nameSchema } from '../../scenario/common';

/** A service the form adds (schema: src/scenario/schema.ts `serviceSchema`). */
export interface ServiceAddition {
  kind: 'service';
  name: string;
  replicas: number;
  sidecar: boolean;
  /** Peer authentication at its sidecar; null without a sidecar (nothing enforces it: no `mtls` field is written). */
  mtls: 'STRICT' | 'PERMISSIVE' | null;
  /** Median of a lognormal service time (sigma 0.4), a duration such as "5ms". */
  serviceTime: string;
  /** Retries after the first try (policy.retries.attempts); null leaves retries to the defaults. */
  retries: number | null;
  /** Route timeout over every try (policy.timeout), a duration; empty for none. */
  timeout: string;
  /** A service that calls the new one (a `calls` entry is added to it); empty for none. */
  calledBy: string;
}

/** A gateway route (schema: src/scenario/gateway.ts); the gateway is made when the scenario has none of that name. */
export interface RouteAddition {
  kind: 'route';
  gateway: string;
  pathPrefix: string;
  service: string;
}

/** A fault or a config change, as its scenario entry (schema: faults.ts, changes.ts). */
export interface EntryAddition {
  kind: 'fault' | 'change';
  entry: Record<string, unknown>;
}

export type Addition = ServiceAddition | RouteAddition | EntryAddition;

/** The names a scenario's text already gives (check.ts reads them), by list. */
export interface TakenNames {
  services: readonly string[];
  clients: readonly string[];
  gateways: readonly string[];
}

/**
 * A problem the form finds at one of its fields before writing anything: `field` is the field's
 * key (AdditionForm shows the text beside it), `text` reads `label: problem` as every problem the
 * app lists does.
 */
export interface FieldProblem {
  field: string;
  text: string;
}

/**
 * What the form must refuse of a new service's name and replicas before writing it, in the
 * scenario schema's words at the form's field, all at once (none: an empty list): an empty name,
 * one the schema's name rule refuses (common.ts `name`: letters, digits, ".", "_", "-"), a name
 * another service, client or gateway has (the schema: services, clients and gateways each need
 * their own name), replicas under 1 (`replicas` null: the field is not a whole number, which
 * the form names itself) and retries under 0 (`retries` null: none given). It wrote them, and the form said nothing while the list above it named
 * `services.3.replicas`; then it named one at a time. Pure.
 */
export function newServiceProblems(name: string, replicas: number | null, taken: TakenNames, retries: number | null = null): FieldProblem[] {
  const out: FieldProblem[] = [];
  const owner = taken.services.includes(name) ? 'a service' : taken.clients.includes(name) ? 'a client' : taken.gateways.includes(name) ? 'a gateway' : null;
  const rule = nameSchema.safeParse(name);
  if (name === '') out.push({ field: 'name', text: 'name: a service needs a name' });
  else if (!rule.success) out.push({ field: 'name', text: `name: ${rule.error.issues[0]?.message ?? 'is not a name'}, got ${JSON.stringify(name.length > 40 ? `${name.slice(0, 37)}…` : name)}` });
  else if (owner) out.push({ field: 'name', text: `name: "${name}" is also the name of ${owner} in this scenario; services, clients and gateways each need their own name` });
  if (replicas !== null && replicas < 1) out.push({ field: 'replicas', text: `replicas: must be at least 1, got ${replicas}` });
  if (retries !== null && retries < 0) out.push({ field: 'retries', text: retriesNegative(retries) });
  return out;
}

/** The form's words for a negative retry count (the schema's `retries.attempts` rule: 0 or more). */
export function retriesNegative(retries: number): string {
  return `retries: must not be negative (0 for none), got ${retries}`;
}

/** The `name` strings of a list read from a scenario's text; anything else gives none. */
function namesIn(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((x) => (x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string' ? [(x as { name: string }).name] : []));
}

/** Where an item goes: a list's path, the item, and for a new list the key it is under. */
interface Append {
  path: (string | number)[];
  item: unknown;
  /** The list index the item goes in before; at the end when absent. */
  before?: number;
}

/**
 * The scenario text with `addition` written in. The text must read (JSON or YAML, as
 * `scenarioFormat(fileName, text)` decides), else its syntax problems come back and the text is
 * untouched; what is added is not validated here (the editor checks the whole result as it
 * checks any edit). Pure.
 */
export function addToScenario(
  text: string,
  fileName: string | undefined,
  addition: Addition,
): { ok: true; text: string } | { ok: false; problems: Problem[] } | { ok: false; fieldProblems: FieldProblem[] } {
  const format = scenarioFormat(fileName, text);
  const read = readScenarioText(text, format);
  if (!read.ok) return { ok: false, problems: read.problems.map((p) => ({ ...p, message: `${p.message} (fix the text before adding from the form)` })) };
  const data = (read.data && typeof read.data === 'object' ? read.data : {}) as Record<string, unknown>;
  // The form checks names against the editor's last check, which may not have answered yet (a
  // press within the first moments: session 36's trial added a second "frontend" without a word);
  // the text itself is the authority, so the same rule runs here on the names it gives.
  if (addition.kind === 'service') {
    const taken = { services: namesIn(data.services), clients: namesIn(data.clients), gateways: namesIn(data.gateways) };
    const refused = newServiceProblems(addition.name, addition.replicas, taken, addition.retries);
    if (refused.length > 0) return { ok: false, fieldProblems: refused };
  }
  const refused = addition.kind === 'route' ? routeProblems(addition, data) : addition.kind === 'service' ? [] : atProblems(addition.entry.at, data.duration);
  if (refused.length > 0) return { ok: false, fieldProblems: refused };
  let out = text;
  for (const a of appendsFor(addition, data)) out = format === 'json' ? appendJson(out, a) : appendYaml(out, a);
  return { ok: true, text: out };
}

/** The first route of gateway `name` in the text that takes every request (no `match` field set), or -1. */
function catchAllRoute(data: Record<string, unknown>, name: string): { at: number; service: string } {
  const g = (Array.isArray(data.gateways) ? (data.gateways as Record<string, unknown>[]) : []).find((x) => x?.name === name);
  const routes = Array.isArray(g?.routes) ? (g.routes as Record<string, unknown>[]) : [];
  const at = routes.findIndex((r) => {
    const m = r?.match as Record<string, unknown> | undefined;
    return !m || (m.host === undefined && m.pathPrefix === undefined && m.version === undefined);
  });
  return { at, service: at >= 0 ? String(routes[at]?.service) : '' };
}

/**
 * What the form refuses of a gateway route (session 37's trial N6, F9: both were written without a word and then
 * never matched): a path prefix not starting with "/" (a request's path always does: gateway.ts's rule), and a route
 * with no prefix where the gateway already has a route that takes every request (the gateway picks its first
 * matching route, Gateway.ts's router, as Envoy's route table does). A route with a prefix goes in before such a
 * catch-all (appendsFor). Pure.
 */
function routeProblems(r: RouteAddition, data: Record<string, unknown>): FieldProblem[] {
  const prefix = r.pathPrefix.trim();
  if (prefix !== '' && !prefix.startsWith('/')) return [{ field: 'pathPrefix', text: `path prefix: must start with "/" (every request's path does), got ${JSON.stringify(prefix)}` }];
  const all = catchAllRoute(data, r.gateway);
  if (prefix === '' && all.at >= 0)
    return [{ field: 'pathPrefix', text: `path prefix: gateway ${r.gateway}'s route ${all.at} (to ${all.service}) already takes every request, so a route with no path prefix would never match; give a path prefix such as "/${r.service}"` }];
  return [];
}

/**
 * What the form refuses of a fault's or change's start: at or after the run's end (`duration` as the text gives it;
 * the schema's 60 s when absent or unreadable) it never acts (the CLI's run warns of such a fault; trial N6 F9: the
 * form wrote a fault at 999h into a 60 s run and the editor said "No problems"). Pure.
 */
function atProblems(at: unknown, duration: unknown): FieldProblem[] {
  const a = parseDuration(at ?? 0);
  const d = parseDuration(duration ?? '60s');
  const end = d.ok ? d.ms : 60_000;
  if (!a.ok || a.ms < end) return [];
  return [{ field: 'at', text: `at: ${formatDuration(a.ms)} is at or after the run's end (${formatDuration(end)}), so it would never act` }];
}

/** The list entries an addition makes, in order (a service's caller gets a call to it). */
function appendsFor(addition: Addition, data: Record<string, unknown>): Append[] {
  const services = Array.isArray(data.services) ? (data.services as Record<string, unknown>[]) : [];
  switch (addition.kind) {
    case 'service': {
      const policy: Record<string, unknown> = {};
      if (addition.timeout.trim()) policy.timeout = addition.timeout.trim();
      if (addition.retries !== null) policy.retries = { attempts: addition.retries };
      const service: Record<string, unknown> = {
        name: addition.name,
        replicas: addition.replicas,
        sidecar: addition.sidecar,
        ...(addition.mtls !== null ? { mtls: addition.mtls } : {}),
        serviceTime: { type: 'lognormal', median: addition.serviceTime, sigma: 0.4 },
        ...(Object.keys(policy).length ? { policy } : {}),
      };
      const out: Append[] = [{ path: ['services'], item: service }];
      const caller = services.findIndex((s) => s?.name === addition.calledBy);
      if (addition.calledBy && caller >= 0) out.push({ path: ['services', caller, 'calls'], item: { service: addition.name } });
      return out;
    }
    case 'route': {
      const route = { ...(addition.pathPrefix.trim() ? { match: { pathPrefix: addition.pathPrefix.trim() } } : {}), service: addition.service };
      const gateways = Array.isArray(data.gateways) ? (data.gateways as Record<string, unknown>[]) : [];
      const at = gateways.findIndex((g) => g?.name === addition.gateway);
      // Before the gateway's catch-all route, if it has one: after it the new route would never match.
      const all = catchAllRoute(data, addition.gateway).at;
      return at >= 0 ? [{ path: ['gateways', at, 'routes'], item: route, ...(all >= 0 ? { before: all } : {}) }] : [{ path: ['gateways'], item: { name: addition.gateway, routes: [route] } }];
    }
    case 'fault':
      return [{ path: ['faults'], item: addition.entry }];
    case 'change':
      return [{ path: ['changes'], item: addition.entry }];
  }
}

/** YAML: through the document model, which keeps comments; a missing list is made. */
function appendYaml(text: string, a: Append): string {
  const doc: Document = parseDocument(text);
  const list = doc.getIn(a.path, true);
  if (isSeq(list) && a.before !== undefined && a.before < list.items.length) list.items.splice(a.before, 0, doc.createNode(a.item));
  else if (isSeq(list)) list.add(doc.createNode(a.item));
  else doc.setIn(a.path, doc.createNode([a.item]));
  return doc.toString();
}

/**
 * JSON: the item inserted as text before the list's `]` (or a new `"key": [item]` before its
 * object's `}`), one line in the file's own style, indented like its neighbours; nothing else
 * of the text moves.
 */
function appendJson(text: string, a: Append): string {
  const doc = parseDocument(text);
  const item = oneLine(a.item);
  const list = doc.getIn(a.path, true) as Node | undefined;
  if (isSeq(list) && list.range) {
    const next = a.before !== undefined ? (list.items[a.before] as Node | undefined) : undefined;
    if (next?.range) return insertBefore(text, list.range, next.range[0], item);
    const last = list.items.at(-1) as Node | undefined;
    if (!last?.range) {
      const [start, end] = list.range;
      return `${text.slice(0, start)}[ ${item} ]${text.slice(end)}`;
    }
    return insertAfter(text, list.range, last.range[0], last.range[1], item);
  }
  const key = a.path.at(-1);
  const parent = doc.getIn(a.path.slice(0, -1), true) as Node | undefined;
  const owner = a.path.length === 1 ? (doc.contents as Node | null) : parent;
  if (!isMap(owner) || !owner.range) throw new Error(`${a.path.slice(0, -1).join('.') || '(scenario)'}: is not an object, so nothing can be added under it`);
  const entry = `${JSON.stringify(key)}: [ ${item} ]`;
  const last = owner.items.at(-1);
  const lastEnd = (last?.value as Node | null)?.range?.[1];
  const lastStart = (last?.key as Node | null)?.range?.[0];
  if (lastEnd === undefined || lastStart === undefined) {
    const [start, end] = owner.range;
    return `${text.slice(0, start)}{ ${entry} }${text.slice(end)}`;
  }
  return insertAfter(text, owner.range, lastStart, lastEnd, entry);
}

/**
 * Inserts `, what` after offset `after` (the end of the collection's last entry, which starts at
 * `from`) inside a collection spanning `range`: on the same line when the collection is written
 * on one line, else on a line of its own indented as the line the last entry starts on.
 */
function insertAfter(text: string, range: readonly number[], from: number, after: number, what: string): string {
  const oneLiner = !text.slice(range[0], range[1]).includes('\n');
  if (oneLiner) return `${text.slice(0, after)}, ${what}${text.slice(after)}`;
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return `${text.slice(0, after)},\n${indent}${what}${text.slice(after)}`;
}

/** Inserts `what, ` before offset `at` (an entry's start) inside a collection spanning `range`, as insertAfter places it. */
function insertBefore(text: string, range: readonly number[], at: number, what: string): string {
  const oneLiner = !text.slice(range[0], range[1]).includes('\n');
  if (oneLiner) return `${text.slice(0, at)}${what}, ${text.slice(at)}`;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return `${text.slice(0, at)}${what},\n${indent}${text.slice(at)}`;
}

/** JSON on one line with a space after each `:` and `,` (as the shipped scenarios are written). */
function oneLine(value: unknown): string {
  // Strings never hold a raw line break in JSON, so joining the pretty-printed lines is safe.
  return JSON.stringify(value, null, 1)
    .replace(/\n\s*/g, ' ');
}
