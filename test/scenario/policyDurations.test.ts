import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { durationPaths, positiveDuration, duration } from '../../src/scenario/common';
import { POLICY_DURATION_PATHS, policySchema, writtenPolicy } from '../../src/scenario/policy';
import { parseDuration } from '../../src/scenario/duration';

describe("a policy's duration fields, read off the schema", () => {
  it('are the ten duration fields policySchema has today', () => {
    expect(POLICY_DURATION_PATHS.map((p) => p.join('.')).sort()).toEqual([
      'connectTimeout',
      'fault.delay.fixed',
      'idleTimeout',
      'maxConnectionDuration',
      'outlierDetection.baseEjectionTime',
      'outlierDetection.interval',
      'retries.backoff.base',
      'retries.backoff.max',
      'retries.perTryTimeout',
      'timeout',
    ]);
  });

  it('include a duration field added to the schema, with no list to update', () => {
    const grown = policySchema.extend({ drainTimeout: positiveDuration.optional(), hold: z.strictObject({ after: duration.prefault('1s') }).optional() });
    const paths = durationPaths(grown).map((p) => p.join('.'));
    expect(paths).toContain('drainTimeout');
    expect(paths).toContain('hold.after');
    expect(paths).toHaveLength(12);
  });

  it('reach durations in lists, maps and union branches (* for any element)', () => {
    const s = z.strictObject({
      steps: z.array(z.strictObject({ wait: duration, count: z.number() })),
      byZone: z.record(z.string(), positiveDuration),
      either: z.union([z.strictObject({ a: duration }), z.strictObject({ b: z.number() })]).optional(),
      plain: z.number(),
    });
    expect(durationPaths(s).map((p) => p.join('.'))).toEqual(['steps.*.wait', 'byZone.*', 'either.a']);
  });
});

describe('writtenPolicy', () => {
  it('writes every duration of a parsed policy as a file writes it, and leaves counts and percents as numbers', () => {
    const parsed = policySchema.parse({
      timeout: '6s',
      connectTimeout: '250ms',
      maxConnectionDuration: '10m',
      idleTimeout: '1.5ms',
      retries: { attempts: 5, perTryTimeout: '3s', backoff: { base: '25ms', max: '250ms' }, budget: { percent: 20 } },
      outlierDetection: { consecutive5xx: 3, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
      fault: { delay: { percent: 10, fixed: '2s' }, abort: { percent: 5, status: 503 } },
      circuitBreaker: { maxConnections: 100 },
    });
    const w = writtenPolicy(parsed as Record<string, unknown>) as any;
    expect(w).toMatchObject({
      timeout: '6s',
      connectTimeout: '250ms',
      maxConnectionDuration: '600s',
      idleTimeout: '1.5ms',
      retries: { attempts: 5, perTryTimeout: '3s', backoff: { base: '25ms', max: '250ms' }, budget: { percent: 20, minConcurrency: 3 } },
      outlierDetection: { consecutive5xx: 3, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
      fault: { delay: { percent: 10, fixed: '2s' }, abort: { percent: 5, status: 503 } },
      circuitBreaker: { maxConnections: 100 },
    });
    // Each written duration reads back to the milliseconds it was.
    for (const path of POLICY_DURATION_PATHS) {
      const at = (o: any) => path.reduce((v, k) => v?.[k], o);
      expect(parseDuration(at(w))).toEqual({ ok: true, ms: at(parsed) });
    }
    // The parsed policy itself is left as it was (milliseconds).
    expect((parsed as any).retries.perTryTimeout).toBe(3000);
  });
});
