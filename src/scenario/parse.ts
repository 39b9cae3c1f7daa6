import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema';

/** One thing wrong with a scenario: where (dotted path) and what. */
export interface Problem {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/** Formats problems one per line, as `path.to.field: message`. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path || '(scenario)'}: ${p.message}`).join('\n');
}

/**
 * Parses scenario text (JSON) and validates it. Never throws for bad input: every problem
 * found is returned, with its path.
 */
export function parseScenarioText(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: '(file)', message: describeJsonError(text, e) }] };
  }
  return validateScenario(data);
}

/** Validates already-parsed data: the schema first, then references between parts. */
export function validateScenario(data: unknown): ParseResult {
  const r = scenarioSchema.safeParse(data, { reportInput: true });
  if (!r.success) return { ok: false, problems: r.error.issues.flatMap(toProblems) };
  const problems = checkReferences(r.data);
  return problems.length ? { ok: false, problems } : { ok: true, scenario: r.data };
}

function toProblems(issue: z.core.$ZodIssue): Problem[] {
  const path = joinPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ path: joinPath([...issue.path, k]), message: 'unknown field' }));
    case 'invalid_type': {
      const got = describeValue(issue.input);
      if (issue.input === undefined) return [{ path, message: `is required (${issue.expected})` }];
      return [{ path, message: `expected ${issue.expected}, got ${got}` }];
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const opts = (issue as { options?: unknown[] }).options ?? [];
        const got = issue.input === undefined ? 'nothing' : describeValue(issue.input);
        return [{ path, message: `must be one of ${opts.map((o) => JSON.stringify(o)).join(', ')}; got ${got}` }];
      }
      // A union of alternatives (e.g. a distribution object or a bare duration): report the
      // alternative that got furthest, i.e. whose issues have the longest paths.
      const best = issue.errors
        .map((errs) => errs)
        .sort((a, b) => depth(b) - depth(a))[0];
      if (best && best.length) return best.flatMap((i) => toProblems({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue));
      return [{ path, message: 'is not valid here' }];
    }
    case 'invalid_value':
      return [{ path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describeValue(issue.input)}` }];
    case 'too_small':
    case 'too_big':
      return [{ path, message: issue.message.startsWith('Too') ? `${issue.message}, got ${describeValue(issue.input)}` : `${issue.message}, got ${describeValue(issue.input)}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  let d = 0;
  for (const i of issues) d = Math.max(d, i.path.length + (i.code === 'invalid_union' ? 0 : 1));
  return d;
}

function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}

function describeJsonError(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /position (\d+)/.exec(msg);
  if (!m) return `malformed JSON: ${msg}`;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `malformed JSON at line ${line}, column ${column}: ${msg.replace(/\s*in JSON at position \d+.*$/, '')}`;
}

/** Names must be unique, references must resolve, and calls must not loop. */
function checkReferences(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const services = new Map<string, number>();
  const seen = new Map<string, string>();
  s.services.forEach((svc, i) => {
    const prior = seen.get(svc.name);
    if (prior) problems.push({ path: `services.${i}.name`, message: `"${svc.name}" is already the name of ${prior}` });
    seen.set(svc.name, `services.${i}`);
    services.set(svc.name, i);
  });
  s.clients.forEach((c, i) => {
    const prior = seen.get(c.name);
    if (prior) problems.push({ path: `clients.${i}.name`, message: `"${c.name}" is already the name of ${prior}` });
    seen.set(c.name, `clients.${i}`);
  });
  const known = [...services.keys()].join(', ');
  s.clients.forEach((c, i) => {
    if (!services.has(c.target)) {
      problems.push({ path: `clients.${i}.target`, message: `unknown service "${c.target}" (services: ${known})` });
    }
  });
  s.services.forEach((svc, i) => {
    svc.calls.forEach((call, j) => {
      if (!services.has(call.service)) {
        problems.push({ path: `services.${i}.calls.${j}.service`, message: `unknown service "${call.service}" (services: ${known})` });
      } else if (call.service === svc.name) {
        problems.push({ path: `services.${i}.calls.${j}.service`, message: `"${svc.name}" cannot call itself` });
      }
    });
  });
  if (s.warmup >= s.duration) {
    problems.push({ path: 'warmup', message: `must be shorter than duration (${s.duration} ms)` });
  }
  if (problems.length === 0) {
    const cycle = findCycle(s);
    if (cycle) problems.push({ path: `services.${services.get(cycle[0])}.calls`, message: `calls form a loop: ${cycle.join(' -> ')}` });
  }
  return problems;
}

function findCycle(s: Scenario): string[] | null {
  const calls = new Map(s.services.map((svc) => [svc.name, svc.calls.map((c) => c.service)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const m of calls.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const svc of s.services) {
    const c = visit(svc.name);
    if (c) return c;
  }
  return null;
}
