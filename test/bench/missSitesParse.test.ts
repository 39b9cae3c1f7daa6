import { describe, expect, it } from 'vitest';
import { codeAt, codeObjects, jitCostsOf, totalsOf } from '../../bench/missSitesParse';

// Shaped like callgrind 3.19's output with --dump-instr=yes --cache-sim=yes: names compressed as
// "(id) name" then "(id)", addresses relative after the first, and a call's inclusive cost on
// the line after calls=.
const CALLGRIND = `# callgrind format
version: 1
positions: instr line
events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw

ob=(1) /usr/lib/libc.so.6
fl=(1) ???
fn=(1) memcpy
0x1000 0 10 5 0 0 4 0 0 3 0
ob=(2) ???
fl=(1)
fn=(2) 0x0000000000005000
0x5000 0 7 2 1 0 2 1 0 1 1
+4 0 3 1 0 0 1 0 0 1 0
calls=1 0x1000
+2 0 1000 500 0 0 400 0 0 300 0
+2 0 1 1 0 0 1 0 0 2 0
fn=(3) 0x0000000000006000
0x6000 0 5 0 0 0 0 0 0 0 4
ob=(1)
fn=(1)
0x1004 0 9 9 0 0 9 0 0 9 0
`;

// Shaped like V8 11's --print-opt-code listing (Node 20).
const PRINTED = `--- Optimized code ---
optimization_id = 1
source_position = 100
kind = TURBOFAN
name = proxyArrive
compiler = turbofan

Instructions (size = 32)
0x5000     0  55                   push rbp
0x5004     4  4889e5               REX.W movq rbp,rsp
0x5008     8  90                   nop
Source positions:
 pc offset  position
         0       100
         6       140
Inlined functions (count = 0)
--- End code ---
--- Optimized code ---
name = claim
Instructions (size = 16)
0x6000     0  55                   push rbp
Source positions:
 pc offset  position
         0       900
--- End code ---
`;

describe("bench:misses' listings", () => {
  it('keeps the costs of code without symbols by instruction address, leaving named code and call lines out', () => {
    const costs = jitCostsOf(CALLGRIND);
    expect([...costs.keys()]).toEqual([0x5000n, 0x5004n, 0x5008n, 0x6000n]);
    // L2 = DLmr + DLmw; L1 = D1mr + D1mw.
    expect(costs.get(0x5000n)).toEqual({ l2: 2, l1: 3, instructions: 7, mispredicts: 0 });
    expect(costs.get(0x5004n)).toEqual({ l2: 1, l1: 1, instructions: 3, mispredicts: 0 });
    // The call's inclusive line (+2 after calls=) is not this address's own cost; the next line is.
    expect(costs.get(0x5008n)).toEqual({ l2: 2, l1: 1, instructions: 1, mispredicts: 0 });
    expect(costs.get(0x6000n)).toEqual({ l2: 4, l1: 0, instructions: 5, mispredicts: 0 });
  });

  it('reads relative positions as decimal unless written 0x (callgrind format), so offsets of 10 or more land on their instruction', () => {
    const far = `events: Ir
ob=(2) ???
fn=(2) 0x0000000000005000
0x5000 0 1
+16 0 2
+0x10 0 3
-12 0 4
`;
    const costs = jitCostsOf(far);
    expect([...costs.keys()]).toEqual([0x5000n, 0x5010n, 0x5020n, 0x5014n]);
    expect(costs.get(0x5010n)?.instructions).toBe(2);
    expect(costs.get(0x5014n)?.instructions).toBe(4);
  });

  it('adds conditional and indirect mispredicts per address when the run simulated branches (--branch-sim=yes)', () => {
    const withBranches = `events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim
ob=(2) ???
fn=(2) 0x0000000000005000
0x5000 0 7 2 1 0 2 1 0 1 1 4 3 1 1
+4 0 3 1 0 0 1 0 0 1 0 2 0 0 0
`;
    const costs = jitCostsOf(withBranches);
    expect(costs.get(0x5000n)).toEqual({ l2: 2, l1: 3, instructions: 7, mispredicts: 4 });
    expect(costs.get(0x5004n)).toEqual({ l2: 1, l1: 1, instructions: 3, mispredicts: 0 });
  });

  it('reads each printed function with its range and source positions, and finds the one holding an address', () => {
    const codes = codeObjects(PRINTED);
    expect(codes.map((c) => [c.name, c.start, c.size])).toEqual([
      ['proxyArrive', 0x5000n, 32],
      ['claim', 0x6000n, 16],
    ]);
    expect(codes[0].positions).toEqual([
      [0, 100],
      [6, 140],
    ]);
    expect(codeAt(codes, 0x5008n)?.name).toBe('proxyArrive');
    expect(codeAt(codes, 0x600fn)?.name).toBe('claim');
    expect(codeAt(codes, 0x5020n)).toBeNull();
    expect(codeAt(codes, 0x4fffn)).toBeNull();
  });

  it("reads the whole run's totals (GC and builtins included) from the totals line, by event name", () => {
    const text = `${CALLGRIND.replace('events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw', 'events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim')}totals: 5000 2000 1000 30 40 50 6 7 8 900 90 10 3\n`;
    expect(totalsOf(text)).toEqual({ instructions: 5000, l1: 90, l2: 15, mispredicts: 93 });
    expect(totalsOf(CALLGRIND)).toBeNull();
  });
});
