import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema';
import { checkMeshParts, checkTcpPolicies } from './references';
import { checkLayout } from './layout';
import { checkChanges } from './changes';
import { formatDuration } from './duration';
import { readScenarioText, scenarioFormat, type ScenarioFormat } from './read';
import { checkNodeCount, checkSizes, checkYamlNodeCount } from './limits';
import { checkRunSize, checkZeroTimeLoops } from './work';
import { checkCallRoutes } from './routes';
import { unknownNameMessage } from './nearMiss';
import { joinPath, toProblems } from './schemaIssues';
import { standIn } from './standIn';
import { isNameProblem, nameProblem } from './nameProblems';
import { notAScenario, notAScenarioInApp } from './notAScenario';

/** One thing wrong with a scenario: where (dotted path) and what. */
export interface Problem {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/**
 * Formats problems one per line, as `path.to.field: message`. The CLI passes them placed and
 * named first (editor/lines problemsWithLines: `line 15: services.checkout.mesh: ...`).
 */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path || '(scenario)'}: ${p.message}`).join('\n');
}

export interface ValidateOptions {
  /**
   * The run's duration when its host overrides the file's (the CLI's --duration). The warmup,
   * fault start and narrative times and the run's size are then not checked against the file's
   * duration: the host checks them against its own and names its option.
   */
  durationMs?: number;
}

/**
 * Parses scenario text (JSON or YAML) and validates it. Never throws for bad input: every
 * problem found is returned, with its path (or the line and column of a syntax error).
 */
export function parseScenarioText(text: string, format: ScenarioFormat = 'auto', options: ValidateOptions = {}): ParseResult {
  const tooMany = countBeforeReading(text, format);
  if (tooMany.length) return { ok: false, problems: tooMany };
  // A manifest or a share link handed over in a scenario's place: say what it is (notAScenario.ts).
  const other = notAScenario(text);
  if (other) return { ok: false, problems: [{ path: '(file)', message: notAScenarioInApp(other) }] };
  const read = readScenarioText(text, format);
  return read.ok ? validateScenario(read.data, options) : read;
}

/** Text shorter than this cannot hold more than MAX_NODES nodes (each takes 28 characters or more). */
const SMALL_TEXT = 100_000;

/**
 * A large text is counted before it is read in full, so a file of far too many nodes is refused
 * by its count alone before the parser, the key scan and the schema walk them all: JSON parsed
 * plainly (0.4 s for a 10 MB file of 150,000 services), YAML by a scan of its lines
 * (checkYamlNodeCount). Nothing for small text, or JSON that is not plain JSON (reading then
 * reports its errors as usual).
 */
export function countBeforeReading(text: string, format: ScenarioFormat): Problem[] {
  if (text.length < SMALL_TEXT) return [];
  if ((format === 'auto' ? scenarioFormat(undefined, text) : format) === 'yaml') return checkYamlNodeCount(text);
  try {
    return checkNodeCount(JSON.parse(text));
  } catch {
    return [];
  }
}

/**
 * How the scenario schema reads: with each issue's input (toProblems quotes it), and jitless:
 * zod's object schemas otherwise write and compile a parser of their own (`new Function`) at
 * their first parse, which a page's simulation worker pays on the critical path of every start
 * (one validation a worker): 8-25 ms of CPU a scenario in Node (hello-mesh, gateway-and-mesh,
 * retry-storm, each the first of its kind), the same again steady (200 validations of
 * gateway-and-mesh: ~230 ms either way); session 51, docs/testing.md. The same checks and issues.
 */
const SCHEMA_READ = { reportInput: true, jitless: true } as const;

/**
 * Validates already-parsed data: a count of its nodes first (too many is refused before the
 * schema reads them all), then the schema, then references between parts and sizes.
 */
export function validateScenario(data: unknown, options: ValidateOptions = {}): ParseResult {
  const tooMany = checkNodeCount(data);
  if (tooMany.length) return { ok: false, problems: tooMany };
  const r = scenarioSchema.safeParse(data, SCHEMA_READ);
  if (!r.success) {
    // Report broken references too, so a person sees every problem at once; skip a path the
    // schema already complained about. One check can fail twice the same way (an int past
    // 2^53 is also past its maximum): say it once.
    const problems: Problem[] = [];
    const said = new Set<string>();
    for (const p of r.error.issues.flatMap((issue) => toProblems(issue, data))) {
      const key = `${p.path}\n${p.message}`;
      if (!said.has(key)) problems.push(p);
      said.add(key);
    }
    const seen = new Set(problems.map((p) => p.path));
    // A refused field inside a route, call, fault or step leaves its element out; when the rest
    // then fails the schema (a gateway's only route left out), the element is kept without the
    // field; when that fails too, the names alone are checked.
    const beside = besideSchemaIssues(data, r.error.issues, options) ?? besideSchemaIssues(data, r.error.issues, options, true) ?? checkNames(looseParts(data));
    for (const p of beside) if (!seen.has(p.path) && !problems.some((q) => q.path === p.path && q.message === p.message)) problems.push(p);
    return { ok: false, problems };
  }
  const problems = checkReferences(r.data, options.durationMs);
  return problems.length ? { ok: false, problems } : { ok: true, scenario: r.data };
}

/** Lists whose elements others name (services, clients, gateways, meshes): none is left out for a stand-in. */
const NAMED_LISTS = new Set(['services', 'clients', 'gateways', 'meshes']);

/**
 * When the schema refused some fields, the rest is checked as if those were not there
 * (standIn.ts: a refused fault, change, narrative step, call or route left out whole; a refused
 * field of a service, client or gateway left to its default, or a stand-in where it has none), so
 * the references it makes (an unknown service in a gateway route, a fault on a missing link, a
 * name given twice) are said now rather than once the schema's problems are fixed. Paths are the
 * file's. Left out: problems at, under or above a refused field (they would be about the stand-in),
 * and, in the same element (a service, client, gateway, mesh) as a field left to a default or
 * quoting that element's name, any but a name that does not resolve or is given twice (a default
 * in place of the refused value may say things the file does not: a fault on replica 2 of a
 * service whose refused replica count became 1);
 * with `duration` refused, nothing is checked against it. Null when the rest cannot be made to
 * pass the schema (a refused name, a whole service): the caller falls back to the names alone.
 * `keepElements` keeps every element and takes out only refused fields (standIn).
 */
function besideSchemaIssues(data: unknown, issues: readonly z.core.$ZodIssue[], options: ValidateOptions, keepElements = false): Problem[] | null {
  const refusedAt = issues.map((i) => ({ path: i.path, keys: i.code === 'unrecognized_keys' ? i.keys : undefined }));
  if (refusedAt.some((i) => i.path.length === 2 && NAMED_LISTS.has(String(i.path[0])) && i.keys === undefined)) return null;
  let si = standIn(data, refusedAt, [], keepElements);
  if (si === null) return null;
  let r = scenarioSchema.safeParse(si.data, SCHEMA_READ);
  if (!r.success) {
    // Required fields taken out: a stand-in value, once.
    const missing = r.error.issues.filter((i) => i.input === undefined && si!.refused.includes(si!.pathInFile(joinPath(i.path))));
    if (missing.length !== r.error.issues.length) return null;
    const first = si;
    const required = missing.map((i) => first.pathInFile(joinPath(i.path)).split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)));
    si = standIn(data, refusedAt, required, keepElements);
    if (si === null) return null;
    r = scenarioSchema.safeParse(si.data, { jitless: true });
    if (!r.success) return null;
  }
  const inFile = si;
  const durationMs = options.durationMs ?? (inFile.durationRefused ? r.data.duration : undefined);
  const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  const element = (path: string) => {
    const s = path.split('.');
    return /^\d+$/.test(s[1] ?? '') ? `${s[0]}.${s[1]}` : s[0];
  };
  // The elements with a default standing in, and their names as messages quote them ("db" has replicas ...).
  const standing = new Set(inFile.defaulted.map(element));
  const names = [...standing].flatMap((e) => {
    const [list, i] = e.split('.');
    const n = (data as Record<string, { name?: unknown }[] | undefined>)[list]?.[Number(i)]?.name;
    return typeof n === 'string' ? [`"${n}"`] : [];
  });
  // NOTE: a name problem is told by its mark (nameProblems.ts), read before the paths are mapped
  // to the file's (a copy loses it), never by its words.
  return checkReferences(r.data, durationMs)
    .map((p) => ({ path: inFile.pathInFile(p.path), message: p.message, aboutName: isNameProblem(p) }))
    .filter((p) => !inFile.refused.some((f) => related(p.path, f)))
    .filter((p) => p.aboutName || (!standing.has(element(p.path)) && !names.some((n) => p.message.includes(n))))
    .map(({ path, message }) => ({ path, message }));
}

/**
 * Names must be unique, references must resolve, calls must not loop (through gateways
 * either), sizes must stay within limits, and closed loops must let time advance.
 */
function checkReferences(s: Scenario, durationMs: number | undefined): Problem[] {
  // NOTE: concat, not push(...xs): a list as long as the scenario must not become arguments.
  let problems = checkNames(s).concat(checkMeshParts(s, durationMs), checkTcpPolicies(s), checkSizes(s), checkLayout(s), checkChanges(s, durationMs), checkCallRoutes(s));
  const services = new Map(s.services.map((svc, i) => [svc.name, i]));
  if (durationMs === undefined && s.warmup >= s.duration) {
    problems.push({ path: 'warmup', message: `must be shorter than duration (${formatDuration(s.duration)})` });
  }
  // With --duration the host checks the run's size against its own duration.
  if (durationMs === undefined) problems = problems.concat(checkRunSize(s));
  if (problems.length === 0) {
    const cycle = findCycle(s);
    if (cycle) {
      const through = cycle.some((n) => !services.has(n)) ? 'calls and gateway routes form a loop' : 'calls form a loop';
      problems.push({ path: `services.${services.get(cycle[0])}.calls`, message: `${through}: ${cycle.join(' -> ')}` });
    } else problems = problems.concat(checkZeroTimeLoops(s));
  }
  return problems;
}

/** What the name and reference checks read: names, targets and calls. */
interface NamedParts {
  services: readonly { name: string; calls: readonly { service: string }[] }[];
  clients: readonly { name: string; target: string }[];
  gateways?: readonly { name: string }[];
}

/** Unique names, and clients and calls that name services that exist (and not themselves). */
function checkNames(s: NamedParts): Problem[] {
  const problems: Problem[] = [];
  const services = new Map<string, number>();
  // Every place a name is given, so a name given twice is reported at both places, each
  // citing the other: either may be the one to rename.
  const places = new Map<string, string[]>();
  const place = (name: string, at: string) => void (places.get(name)?.push(at) ?? places.set(name, [at]));
  s.services.forEach((svc, i) => {
    place(svc.name, `services.${i}`);
    services.set(svc.name, i);
  });
  s.clients.forEach((c, i) => place(c.name, `clients.${i}`));
  const gateways = new Set<string>();
  (s.gateways ?? []).forEach((g, i) => {
    place(g.name, `gateways.${i}`);
    gateways.add(g.name);
  });
  for (const [n, at] of places) {
    if (at.length < 2) continue;
    at.forEach((p, k) => {
      const others = at.filter((_, j) => j !== k);
      // At most three cited, so a name given thousands of times makes no quadratic message.
      const cited = others.length <= 3 ? `${others.slice(0, -1).join(', ')}${others.length > 1 ? ' and ' : ''}${others[others.length - 1]}` : `${others.slice(0, 3).join(', ')} and ${others.length - 3} more`;
      problems.push(nameProblem(`${p}.name`, `"${n}" is also the name of ${cited}; services, clients and gateways each need their own name`));
    });
  }
  // Without gateways, say "service" and list services, as most scenarios have none.
  const what = gateways.size ? 'service or gateway' : 'service';
  const known = gateways.size ? [...services.keys(), ...gateways] : [...services.keys()];
  s.clients.forEach((c, i) => {
    if (!services.has(c.target) && !gateways.has(c.target)) {
      problems.push(nameProblem(`clients.${i}.target`, unknownNameMessage(what, c.target, known, gateways.size ? 'known' : 'services')));
    }
  });
  s.services.forEach((svc, i) => {
    svc.calls.forEach((call, j) => {
      if (gateways.has(call.service)) return;
      if (!services.has(call.service)) {
        problems.push(nameProblem(`services.${i}.calls.${j}.service`, unknownNameMessage(what, call.service, known, gateways.size ? 'known' : 'services')));
      } else if (call.service === svc.name) {
        problems.push({ path: `services.${i}.calls.${j}.service`, message: `"${svc.name}" cannot call itself` });
      }
    });
  });
  return problems;
}

/**
 * The names, targets and calls of data the schema refused, for `checkNames`. Only when every
 * service and client has a string name (and targets and call services are strings), since
 * without the full list of names every reference would look unknown; otherwise nothing.
 */
function looseParts(data: unknown): NamedParts {
  const none: NamedParts = { services: [], clients: [] };
  const rec = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!rec(data) || !Array.isArray(data.services) || !Array.isArray(data.clients)) return none;
  const services: { name: string; calls: { service: string }[] }[] = [];
  for (const svc of data.services) {
    if (!rec(svc) || typeof svc.name !== 'string') return none;
    const calls = svc.calls === undefined ? [] : svc.calls;
    if (!Array.isArray(calls) || !calls.every((c) => rec(c) && typeof c.service === 'string')) return none;
    services.push({ name: svc.name, calls: calls as { service: string }[] });
  }
  const clients: { name: string; target: string }[] = [];
  for (const c of data.clients) {
    if (!rec(c) || typeof c.name !== 'string' || typeof c.target !== 'string') return none;
    clients.push({ name: c.name, target: c.target });
  }
  const gateways: { name: string }[] = [];
  if (data.gateways !== undefined) {
    if (!Array.isArray(data.gateways)) return none;
    for (const g of data.gateways) {
      if (!rec(g) || typeof g.name !== 'string') return none;
      gateways.push({ name: g.name });
    }
  }
  return { services, clients, gateways };
}

/**
 * A loop in the graph of who waits on whom: services' calls (to services or gateways) and
 * gateways' routes and canary targets (to services). A request on such a loop waits for an
 * answer that needs a worker it holds itself, so the loop deadlocks. Returns the loop from
 * and back to a service (`a -> g -> a`), or null. Iterative, so a chain of any length is safe.
 */
function findCycle(s: Scenario): string[] | null {
  const next = new Map<string, string[]>();
  for (const svc of s.services) next.set(svc.name, svc.calls.map((c) => c.service));
  for (const g of s.gateways) next.set(g.name, [...new Set(g.routes.flatMap((r) => [r.service, ...(r.canary ?? []).map((c) => c.service)]))]);
  const isService = new Set(s.services.map((svc) => svc.name));
  const state = new Map<string, 'open' | 'done'>();
  for (const root of s.services) {
    if (state.has(root.name)) continue;
    // The path from the root, and for each node on it the index of its next edge to follow.
    const stack: string[] = [root.name];
    const edge: number[] = [0];
    state.set(root.name, 'open');
    while (stack.length) {
      const top = stack.length - 1;
      const out = next.get(stack[top]) ?? [];
      if (edge[top] === out.length) {
        state.set(stack[top], 'done');
        stack.pop();
        edge.pop();
        continue;
      }
      const m = out[edge[top]++];
      const st = state.get(m);
      if (st === 'open') {
        const loop = stack.slice(stack.indexOf(m));
        // Start it at a service: a gateway alone cannot hold a loop, and the problem's path is a service's calls.
        const k = loop.findIndex((n) => isService.has(n));
        const from = [...loop.slice(k), ...loop.slice(0, k)];
        return [...from, from[0]];
      }
      if (st === undefined) {
        state.set(m, 'open');
        stack.push(m);
        edge.push(0);
      }
    }
  }
  return null;
}
