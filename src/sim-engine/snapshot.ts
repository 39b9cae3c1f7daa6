// Deep copies of a running world's state, for snapshots a seek back restores (issue 11 item 2).
//
// Why not a library: structuredClone drops prototypes (a copied Route is a plain object with
// no methods) and refuses functions; lodash's cloneDeep keeps prototypes and cycles, but copies
// each typed array's buffer apart (two views of one buffer become two buffers), does not copy
// Map keys, and keeps functions by reference, so a copied world would share its random streams
// with the original without a word; rfdc and clone flatten prototypes or typed arrays. This walk
// keeps prototypes, cycles, shared buffers, Map keys and insertion order, and copies a function
// only when it says how (its random stream's state), throwing on any other.

import { REVIVE, type Tagged } from './revivable';
import { PACK_MIN_BYTES, PackedBuffer, PackedFunction, PackedView, VIEW_TYPES, WordPool } from './packed';
import { refuse, Unknown } from './snapshotRefusal';

export { SnapshotError } from './snapshotRefusal';

/** What `deepCopy` is told beyond the value. */
export interface CopyOptions {
  /**
   * Objects and functions kept by reference, not copied nor walked: the host that observes the
   * world, the scenario as parsed (never mutated by a run). The copy shares them.
   */
  readonly keep?: Iterable<object>;
  /** The root's name in error paths (default `root`). */
  readonly rootName?: string;
  /**
   * Store mostly-zero buffers (4 KB or more, under a quarter of their 32-bit words non-zero:
   * latency histograms, tables grown ahead of use) as their non-zero words, 8 bytes each, in a
   * `PackedBuffer`; views of them become `PackedView`s. A later copy (packing or not) unpacks
   * them, so copy(copy(x, pack)) is a copy of x. For snapshots kept in memory.
   */
  readonly pack?: boolean;
}

/** A copy and an estimate of the bytes it holds beyond what it shares with the original. */
export interface Copied<T> {
  readonly value: T;
  /**
   * Estimated heap bytes of the copy: 16 per object plus 8 per property, element or Map/Set
   * entry (and 16 more per Map entry), plus each copied buffer's length. Strings and kept
   * objects are shared, so they count nothing. An estimate for a memory budget, not a measure.
   */
  readonly bytes: number;
}

type TypedArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

/** What the walk does with a value, decided once per prototype (see kindOf). */
const enum Kind {
  /** A class instance or plain object: own enumerable properties copied. */
  Object,
  Array,
  Map,
  Set,
  View,
  Buffer,
  PackedBuffer,
  PackedView,
  PackedFunction,
  Date,
  Refused,
}

/**
 * Kind by prototype. NOTE: bent for speed. A world holds about 90,000 objects of a few dozen
 * classes; asking each object ten `instanceof` questions (each a walk up its prototype chain)
 * cost more than copying it. The answer depends on the class only, so it is asked once per
 * prototype. (As `instanceof` before it, it trusts the prototype: an object made with
 * Object.create(Map.prototype) is taken for a Map.)
 */
const KINDS = new WeakMap<object, Kind>();

function kindOf(v: object): Kind {
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto === Object.prototype || proto === null) return Array.isArray(v) ? Kind.Array : Kind.Object;
  const known = KINDS.get(proto);
  if (known !== undefined) return known;
  const k = Array.isArray(v) ? Kind.Array
    : v instanceof Map ? Kind.Map
    : v instanceof Set ? Kind.Set
    : ArrayBuffer.isView(v) ? Kind.View
    : v instanceof ArrayBuffer ? Kind.Buffer
    : v instanceof PackedBuffer ? Kind.PackedBuffer
    : v instanceof PackedView ? Kind.PackedView
    : v instanceof PackedFunction ? Kind.PackedFunction
    : v instanceof Date ? Kind.Date
    : v instanceof WeakMap || v instanceof WeakSet || v instanceof Promise || v instanceof WeakRef ? Kind.Refused
    : Kind.Object;
  KINDS.set(proto, k);
  return k;
}

/**
 * Every object reachable from `roots`, the roots included: own enumerable string-keyed
 * properties, array elements, Map keys and values and Set members are followed; typed arrays,
 * buffers and functions are leaves. For `CopyOptions.keep` when the roots are data no run
 * mutates (the scenario as parsed, the topology built from it): a copy then shares all of it,
 * where keeping only the roots shares them but copies each object inside that the world also
 * reaches another way (a service's spec, say: Istio's full load test has 7,000 such objects, a
 * tenth of a snapshot's). Pure; walks each object once, iteratively.
 */
export function reachableFrom(...roots: object[]): object[] {
  const seen = new Set<object>();
  const stack: unknown[] = [...roots];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) continue;
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else if (v instanceof Set) for (const x of v) stack.push(x);
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return [...seen];
}

/**
 * A deep copy of `root` that keeps each object's prototype (class instances stay instances),
 * arrays (sparse ones keep their holes), typed arrays (a buffer viewed twice is copied once, and the
 * copies view one buffer), ArrayBuffers, DataViews, Maps (keys and values copied, order kept),
 * Sets, Dates, and cycles (each object is copied once). Own enumerable string-keyed properties
 * are copied; symbol-keyed ones are kept by reference, and accessors on instances are read as values.
 * A function is copied only when tagged (`revivable`: rebuilt from its state; `stateless`:
 * shared) or listed in `keep`; any other, and WeakMaps, WeakSets, WeakRefs and Promises, throw a
 * SnapshotError naming its path from the root, so state nobody taught the copy about fails
 * loudly rather than being shared between a snapshot and the live run. Pure: reads `root`,
 * never changes it (beyond calling each `describe` of a revivable function, and reading each
 * typed array's `buffer`, which V8 may move off the heap).
 *
 * NOTE: bent for speed (issue 11: a snapshot of Istio's full load test, about 90,000 objects, in
 * about 100 ms). An object is copied whole by spread (V8 copies its fields in one go) and its
 * prototype set after, then its fields that hold objects are replaced by their copies; an array
 * by `slice` (holes kept), then the same; a typed array that is its buffer's only view by
 * `slice` (small ones then live on V8's heap rather than as a separately freed buffer).
 */
export function deepCopy<T>(root: T, options: CopyOptions = {}): Copied<T> {
  const job = startCopy(root, options);
  job.step(() => false);
  return job.result();
}

/**
 * A deep copy done in slices (see `startCopy`): `step` goes on until it is done or `stop()` says
 * so. The copy is of the source as it stands during the steps, so the source must not change
 * between the first step and the last (the caller holds its run still meanwhile).
 */
export interface CopyJob<T> {
  /**
   * Copies on until done (true) or until `stop()`, asked every few hundred objects, returns true
   * (false: call again). Throws a SnapshotError as `deepCopy` does.
   */
  step(stop: () => boolean): boolean;
  /** Whether the copy is complete. */
  readonly done: boolean;
  /** The copy and its estimate (see Copied); throws before the copy is done. */
  result(): Copied<T>;
}

/** Objects copied between two asks of a CopyJob step's `stop` (a few tens of µs of work). */
const STEP_CHECK_EVERY = 256;

/**
 * `deepCopy` in slices (issue 11: a snapshot of Istio's full load test takes 100-300 ms, too long
 * to hold a worker that must answer each frame within 12 ms; taken a slice a frame, play keeps
 * its frames). Nothing is copied until the first `step`. The same rules and result as
 * `deepCopy`, which is `startCopy(root).step(() => false)`.
 */
export function startCopy<T>(root: T, options: CopyOptions = {}): CopyJob<T> {
  const memo = new Map<unknown, unknown>();
  for (const k of options.keep ?? []) memo.set(k, k);
  const pack = options.pack === true;
  const pool = pack ? new WordPool() : undefined;
  // Copies made but not yet filled, as pairs (source, copy). An explicit stack, not recursion:
  // a long chain of objects (a free list, a queue of requests) cannot overflow the call stack.
  const work: unknown[] = [];
  let bytes = 0;

  const copyFunction = (fn: Tagged): unknown => {
    const describe = fn[REVIVE];
    if (describe === null) {
      memo.set(fn, fn);
      return fn;
    }
    if (describe === undefined) throw new Unknown(fn, 'a function');
    const r = describe();
    const deps = r.deps.map((d) => copy(d));
    // Packed: kept as the recipe, made on a later copy (see PackedFunction).
    const out = pack ? new PackedFunction(r.data, deps, r.revive) : r.revive(r.data, deps);
    memo.set(fn, out);
    bytes += pack ? 48 : 64;
    return out;
  };

  const revivePacked = (p: PackedFunction): unknown => {
    if (pack) {
      // Packing a packed copy again: the recipe is plain data, shared.
      memo.set(p, p);
      return p;
    }
    const out = p.revive(p.data, p.deps.map((d) => copy(d)));
    memo.set(p, out);
    bytes += 64;
    return out;
  };

  const copyView = (v: ArrayBufferView): unknown => {
    const src = v.buffer as ArrayBuffer;
    const seen = memo.get(src);
    let out: unknown;
    if (seen === undefined && !(v instanceof DataView) && v.byteOffset === 0 && v.byteLength === src.byteLength && (!pack || src.byteLength < PACK_MIN_BYTES)) {
      // The buffer's only view so far: slice it. A later view of the same buffer finds this copy
      // under the buffer and views its buffer (see below).
      out = (v as TypedArray).slice();
      bytes += v.byteLength;
      memo.set(src, out);
      memo.set(v, out);
      return out;
    }
    const buffer = seen === undefined ? copyBuffer(src) : ArrayBuffer.isView(seen) ? (seen.buffer as ArrayBuffer) : (seen as ArrayBuffer | PackedBuffer);
    if (buffer instanceof PackedBuffer) {
      const length = v instanceof DataView ? v.byteLength : (v as TypedArray).length;
      out = new PackedView(buffer, v.constructor.name, v.byteOffset, length);
      bytes += 48;
    } else if (v instanceof DataView) out = new DataView(buffer, v.byteOffset, v.byteLength);
    else {
      const t = v as TypedArray;
      const Ctor = t.constructor as new (b: ArrayBuffer, offset: number, length: number) => TypedArray;
      out = new Ctor(buffer, t.byteOffset, t.length);
    }
    memo.set(v, out);
    return out;
  };

  const copy = (v: unknown): unknown => {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
    const seen = memo.get(v);
    if (seen !== undefined) return seen;
    if (typeof v === 'function') return copyFunction(v as Tagged);
    let out: unknown;
    switch (kindOf(v)) {
      case Kind.Object: {
        const proto = Object.getPrototypeOf(v) as object | null;
        out = { ...v };
        if (proto !== Object.prototype) Object.setPrototypeOf(out, proto);
        bytes += 16;
        break;
      }
      case Kind.Array:
        out = (v as unknown[]).slice();
        bytes += 16 + 8 * (v as unknown[]).length;
        break;
      case Kind.Map:
        out = new Map();
        // A subclass of Map (or Set) keeps its prototype.
        if (Object.getPrototypeOf(v) !== Map.prototype) Object.setPrototypeOf(out, Object.getPrototypeOf(v) as object);
        bytes += 16 + 24 * (v as Map<unknown, unknown>).size;
        break;
      case Kind.Set:
        out = new Set();
        if (Object.getPrototypeOf(v) !== Set.prototype) Object.setPrototypeOf(out, Object.getPrototypeOf(v) as object);
        bytes += 16 + 8 * (v as Set<unknown>).size;
        break;
      case Kind.View:
        return copyView(v as ArrayBufferView);
      case Kind.Buffer:
        return copyBuffer(v as ArrayBuffer);
      case Kind.PackedBuffer:
        out = (v as PackedBuffer).unpack();
        bytes += (v as PackedBuffer).byteLength;
        memo.set(v, out);
        return out;
      case Kind.PackedView: {
        const p = v as PackedView;
        const Ctor = VIEW_TYPES[p.type];
        const buffer = copy(p.buffer) as ArrayBuffer;
        out = new Ctor(buffer, p.byteOffset, p.length);
        memo.set(v, out);
        return out;
      }
      case Kind.PackedFunction:
        return revivePacked(v as PackedFunction);
      case Kind.Date:
        out = new Date((v as Date).getTime());
        memo.set(v, out);
        return out;
      case Kind.Refused:
        throw new Unknown(v, `a ${v.constructor.name}`);
    }
    memo.set(v, out);
    work.push(v, out);
    return out;
  };

  const copyBuffer = (b: ArrayBuffer): ArrayBuffer | PackedBuffer => {
    const seen = memo.get(b);
    if (seen !== undefined) return ArrayBuffer.isView(seen) ? (seen.buffer as ArrayBuffer) : (seen as ArrayBuffer | PackedBuffer);
    const packed = pack ? PackedBuffer.of(b, pool) : null;
    if (packed !== null) {
      memo.set(b, packed);
      bytes += 64 + 8 * packed.index.length;
      return packed;
    }
    const out = b.slice(0);
    bytes += b.byteLength;
    memo.set(b, out);
    return out;
  };

  const fail = (e: unknown): never => refuse(e, root, options.rootName ?? 'root', options.keep ?? []);

  let value: T | undefined;
  let started = false;
  let finished = false;
  const step = (stop: () => boolean): boolean => {
    if (finished) return true;
    try {
      if (!started) {
        started = true;
        value = copy(root) as T;
      }
      let n = 0;
      while (work.length > 0) {
        if (++n === STEP_CHECK_EVERY) {
          n = 0;
          if (stop()) return false;
        }
        const out = work.pop() as object;
        const src = work.pop() as object;
        if (Array.isArray(out)) {
          // The slice holds the source's elements (holes stay holes): replace those that are objects.
          const dst = out as unknown[];
          for (let i = 0; i < dst.length; i++) {
            const x = dst[i];
            if (x !== null && (typeof x === 'object' || typeof x === 'function')) dst[i] = copy(x);
          }
        } else if (src instanceof Map) {
          const dst = out as Map<unknown, unknown>;
          for (const [k, x] of src) dst.set(copy(k), copy(x));
        } else if (src instanceof Set) {
          const dst = out as Set<unknown>;
          for (const x of src) dst.add(copy(x));
        } else {
          // The spread copy holds the source's values: replace those that are objects.
          const dst = out as Record<string, unknown>;
          const keys = Object.keys(dst);
          bytes += 8 * keys.length;
          for (let i = 0; i < keys.length; i++) {
            const x = dst[keys[i]];
            if (x !== null && (typeof x === 'object' || typeof x === 'function')) dst[keys[i]] = copy(x);
          }
        }
      }
      finished = true;
      return true;
    } catch (e) {
      return fail(e);
    }
  };
  return {
    step,
    get done() {
      return finished;
    },
    result() {
      if (!finished) throw new Error('the copy is not done yet: step it until it says so');
      return { value: value as T, bytes };
    },
  };
}
