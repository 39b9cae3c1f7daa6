import { DURATION_UNIT_HOW, parseDuration } from '../duration';
import { quoteText } from '../quote';
import type { ManifestDoc, Seg } from './documents';
import type { ImportMessage } from './types';

// Typed field readers over one manifest document, for kinds.ts and the readers of routes and
// traffic policies: each takes its field (so what is left untaken is warned as not modelled) and
// pushes a `file:line: path: message` error when the value is of the wrong type or range.

/** Where a document's readers put what they find wrong (errors) and what they drop (warnings). */
export type Out = { errors: ImportMessage[]; warnings: ImportMessage[] };

/** Field readers over one document: each takes its field and checks its type. */
export class Fields {
  constructor(
    readonly doc: ManifestDoc,
    readonly out: Out,
  ) {}

  err(path: readonly Seg[], message: string): undefined {
    this.out.errors.push(this.doc.at(path, message));
    return undefined;
  }

  str(path: Seg[], required = false): string | undefined {
    const v = this.doc.take(path);
    if (v === undefined || v === null) return required ? this.err(path, 'is required') : undefined;
    if (typeof v !== 'string') return this.err(path, `expected a string, got ${describe(v)}`);
    return v;
  }

  int(path: Seg[], min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const v = this.doc.take(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.err(path, `expected a whole number, got ${describe(v)}`);
    if (v < min || v > max) return this.err(path, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  num(path: Seg[], min: number, max: number): number | undefined {
    const v = this.doc.take(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.err(path, `expected a number, got ${describe(v)}`);
    if (v < min || v > max) return this.err(path, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  /**
   * An Istio duration ("2s", "0.5s", "100ms"), in ms. A bare number is refused: Istio's durations
   * are text with a unit (the CRDs' schema says string, so Kubernetes refuses `timeout: 2`), and
   * read by the scenario file's rule it would silently be 2 ms.
   */
  duration(path: Seg[]): number | undefined {
    const v = this.doc.take(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number') return this.err(path, `expected a duration with its unit, such as "${v}s" or "${v}ms", got the number ${v} (Istio's durations are text with a unit; Kubernetes refuses a bare number)`);
    const r = parseDuration(v, DURATION_UNIT_HOW);
    if (!r.ok) return this.err(path, r.message);
    if (r.ms <= 0) return this.err(path, 'must be greater than zero');
    return r.ms;
  }

  /**
   * A route's `timeout` or `retries.perTryTimeout`, where 0s is Istio's (and Envoy's) way to turn
   * it off: 0 (off), with a warning, rather than refused as "must be greater than zero"
   * (Kubernetes takes it, and Istio's streaming examples write it).
   */
  durationOrOff(path: Seg[]): number | undefined {
    const v = this.doc.peek(path);
    const r = typeof v === 'string' ? parseDuration(v) : null;
    if (r === null || !r.ok || r.ms !== 0) return this.duration(path);
    this.doc.take(path);
    const perTry = path[path.length - 1] === 'perTryTimeout';
    this.out.warnings.push(
      this.doc.at(
        path,
        perTry
          ? `${v}: turns the per-try timeout off, as in Istio: no per-try timeout here (each try may run until the route's timeout)`
          : `${v}: turns the route timeout off, as in Istio: no timeout here (on a route of a gateway it is written timeout: 0s, which turns off Envoy's 15 s default there too)`,
      ),
    );
    return 0;
  }

  oneOf<T extends string>(path: Seg[], values: readonly T[]): T | undefined {
    const v = this.str(path);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) return this.err(path, `must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
    return v as T;
  }

  /** A map of string to string (labels, selectors). */
  labels(path: Seg[]): Record<string, string> | undefined {
    const v = this.doc.take(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) return this.err(path, `expected a map of names to values, got ${describe(v)}`);
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
      else this.err([...path, k], `expected a string, got ${describe(x)}`);
    }
    return out;
  }

  /** The length of a list at a path (0 when absent), without taking it. */
  list(path: Seg[]): number {
    const v = this.doc.peek(path);
    if (v === undefined || v === null) return 0;
    if (!Array.isArray(v)) {
      this.doc.take(path);
      this.err(path, `expected a list, got ${describe(v)}`);
      return 0;
    }
    return v.length;
  }

  /** Whether a value is there and is no list (list() has said so already). */
  notList(path: Seg[]): boolean {
    const v = this.doc.peek(path);
    return v !== undefined && v !== null && !Array.isArray(v);
  }

  strings(path: Seg[]): string[] {
    const n = this.list(path);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const s = this.str([...path, i]);
      if (s !== undefined) out.push(s);
    }
    return out;
  }
}

/** A value as an error message names it: null, a list, a map, or its JSON. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return typeof v === 'string' ? quoteText(v) : JSON.stringify(v);
}
