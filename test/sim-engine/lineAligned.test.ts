import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventQueue, lineAlignedBuffer, lineAlignedFloat64 } from '../../src/sim-engine';

describe('lineAlignedBuffer', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives a zeroed buffer of whole 64 KiB pages, at least as large as asked', () => {
    const b = lineAlignedBuffer(65537);
    expect(b.byteLength).toBe(131072);
    expect(new Uint8Array(b).every((x) => x === 0)).toBe(true);
    expect(lineAlignedBuffer(1).byteLength).toBe(65536);
  });

  it('is a WebAssembly memory where the engine can have one (page-aligned: each 64-byte record is one cache line)', () => {
    const spy = vi.spyOn(WebAssembly, 'Memory');
    lineAlignedBuffer(64);
    expect(spy).toHaveBeenCalledWith({ initial: 1, maximum: 1 });
  });

  it('falls back to a plain buffer of the same size when no WebAssembly memory can be had', () => {
    vi.spyOn(WebAssembly, 'Memory').mockImplementation(function () {
      throw new RangeError('WebAssembly.Memory(): could not allocate memory');
    });
    const b = lineAlignedBuffer(100_000);
    expect(b.byteLength).toBe(131072);
    const f = lineAlignedFloat64(10);
    expect(f.length).toBe(10);
    f[9] = 2.5;
    expect(f[9]).toBe(2.5);
  });

  it('refuses a negative or fractional size, naming it', () => {
    expect(() => lineAlignedBuffer(-1)).toThrow('lineAlignedBuffer: bytes must be a whole number of bytes, got -1');
    expect(() => lineAlignedBuffer(1.5)).toThrow('got 1.5');
  });

  it('lets an event queue on aligned slots grow past its first page and keep every event in time order', () => {
    const q = new EventQueue(16);
    const times: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = ((i * 7919) % 5000) / 7;
      times.push(t);
      q.push(t, 1, 0, i, 0);
    }
    const out: number[] = [];
    while (q.popUntil(Infinity)) out.push(q.time);
    expect(out).toEqual(times.slice().sort((a, b) => a - b));
  });
});
