import { describe, expect, it } from 'vitest';
import { gcFunction, splitByCollector } from '../../bench/cachegrind';

// Shaped like cachegrind 3.19's output file: fl=/fn= then "line Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw".
const OUT = `desc: I1 cache: 32768 B, 64 B, 8-way associative
cmd: node bench.mjs
events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw
fl=???
fn=???
0 1000 0 0 300 20 10 100 5 2
fn=v8::internal::Scavenger::ScavengePage(v8::internal::MemoryChunk*)
0 500 0 0 200 50 40 50 10 8
fn=heap::base::SlotCallbackResult v8::internal::Scavenger::ScavengeObject<v8::internal::FullHeapObjectSlot>(v8::internal::FullHeapObjectSlot, v8::internal::HeapObject)
0 100 0 0 40 4 3 10 1 1
fn=Builtins_LoadIC
0 200 0 0 50 6 2 0 0 0
fl=/usr/lib/x86_64-linux-gnu/libc.so.6
fn=__memcpy_avx_unaligned_erms
0 50 0 0 10 3 1 10 3 1
summary: 1850 0 0 600 83 56 170 19 12
`;

describe('the cachegrind bench, outside the garbage collector', () => {
  it("tells V8's collector's functions from the JIT's code, the builtins and libc", () => {
    expect(gcFunction('v8::internal::Scavenger::ScavengePage(v8::internal::MemoryChunk*)')).toBe(true);
    expect(gcFunction('void v8::internal::MarkingVisitorBase<v8::internal::MainMarkingVisitor>::VisitPointers()')).toBe(true);
    expect(gcFunction('v8::internal::Sweeper::RawSweep(v8::internal::Page*)')).toBe(true);
    expect(gcFunction('???')).toBe(false);
    expect(gcFunction('Builtins_LoadIC')).toBe(false);
    expect(gcFunction('v8::internal::Runtime_StringAdd(int, unsigned long*, v8::internal::Isolate*)')).toBe(false);
    expect(gcFunction('__memcpy_avx_unaligned_erms')).toBe(false);
  });

  it("sums instructions, L1 and L2 data misses over every function, and the collector's apart", () => {
    const { all, gc } = splitByCollector(OUT);
    // Ir; D1mr + D1mw; DLmr + DLmw.
    expect(all).toEqual([1850, 83 + 19, 56 + 12]);
    expect(gc).toEqual([600, 54 + 11, 43 + 9]);
  });
});
