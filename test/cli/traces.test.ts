import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { simAsync, simHere } from './spawnSim';

interface Attr {
  key: string;
  value: Record<string, unknown>;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Attr[];
  status: { code: number; message?: string };
}
interface Otlp {
  resourceSpans: { resource: { attributes: Attr[] }; scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[];
}

const attr = (s: OtlpSpan, key: string) => s.attributes.find((a) => a.key === key)?.value;

describe('--traces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshsim-traces-'));

  it('writes OTLP/JSON spans (resourceSpans -> scopeSpans -> spans) that Jaeger reads, with a failed request and its cause', async () => {
    const file = join(dir, 'retry-storm.json');
    const r = await simAsync(['scenarios/retry-storm.json', '--duration', '30s', '--json', '--traces', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // stdout is still exactly the summary.
    const summary = JSON.parse(r.stdout) as { requests: { failed: number } };
    expect(summary.requests.failed).toBeGreaterThan(0);
    const otlp = JSON.parse(readFileSync(file, 'utf8')) as Otlp;
    const services = otlp.resourceSpans.map((rs) => {
      expect(rs.resource.attributes[0].key).toBe('service.name');
      return rs.resource.attributes[0].value.stringValue;
    });
    expect(services).toEqual(expect.arrayContaining(['shoppers', 'api', 'web', 'orders', 'payments']));
    const spans = otlp.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
    // Each span checked in plain code and the ones that break a rule listed at the end: one
    // expect per rule per span was about 400,000 calls for its 41,000 spans.
    const ids = new Set<string>();
    const bad: string[] = [];
    const check = (ok: boolean, rule: string, s: OtlpSpan) => {
      if (!ok && bad.length < 20) bad.push(`${rule}: ${JSON.stringify(s).slice(0, 300)}`);
    };
    for (const s of spans) {
      // OTLP/JSON: ids are lowercase hex of 16 and 8 bytes, never all zero; times are int64 as strings.
      check(/^[0-9a-f]{32}$/.test(s.traceId) && !/^0+$/.test(s.traceId), 'traceId is 16 bytes of hex, not all zero', s);
      check(/^[0-9a-f]{16}$/.test(s.spanId) && !/^0+$/.test(s.spanId), 'spanId is 8 bytes of hex, not all zero', s);
      const times = /^\d+$/.test(s.startTimeUnixNano) && /^\d+$/.test(s.endTimeUnixNano);
      check(times, 'times are int64 as strings', s);
      check(times && BigInt(s.endTimeUnixNano) >= BigInt(s.startTimeUnixNano), 'ends at or after its start', s);
      check([1, 2, 3].includes(s.kind), 'kind is internal, server or client', s);
      ids.add(s.traceId + s.spanId);
    }
    expect(ids.size).toBe(spans.length);
    // Every parent is a span of the same trace.
    for (const s of spans) if (s.parentSpanId !== undefined) check(ids.has(s.traceId + s.parentSpanId), 'its parent is a span of its trace', s);
    expect(bad).toEqual([]);
    // A failed request: its root span is an ERROR with the request's cause, and some try says why it was not retried.
    const failedRoot = spans.find((s) => s.parentSpanId === undefined && s.status.code === 2)!;
    expect(failedRoot).toBeDefined();
    expect(attr(failedRoot, 'meshsim.cause')).toEqual({ stringValue: 'http-5xx' });
    expect(failedRoot.status.message).toBe('http-5xx');
    const tries = spans.filter((s) => s.traceId === failedRoot.traceId && s.name.startsWith('try '));
    expect(tries.some((s) => String(attr(s, 'meshsim.retry.reason')?.stringValue).startsWith('attempts exhausted'))).toBe(true);
    expect(tries.every((s) => typeof attr(s, 'meshsim.host')?.stringValue === 'string')).toBe(true);
    const status = attr(failedRoot, 'http.status_code');
    expect(status).toEqual({ intValue: '503' });
  });

  it('refuses a file in a folder that does not exist, before running, with exit code 2', async () => {
    const r = await simHere(['scenarios/hello-mesh.json', '--traces', join(dir, 'no-such-folder', 'out.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--traces: cannot write ${join(dir, 'no-such-folder', 'out.json')}: its folder ${join(dir, 'no-such-folder')} does not exist`);
    expect(r.stdout).toBe('');
  });

  it('refuses a folder given as the file, and --traces with compare or without a value', async () => {
    const r = await simHere(['scenarios/hello-mesh.json', '--traces', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--traces: ${dir} is a folder`);
    const c = parseArgs(['compare', 'a.json', 'b.json', '--traces', 'x.json']);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.problems[0]).toMatch(/^--traces: writes the spans of one run/);
    const v = parseArgs(['a.json', '--traces']);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems).toEqual(['--traces: needs a value']);
  });
});
