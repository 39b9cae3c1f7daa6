// Buffers whose first byte starts a cache line, for the engine's and the models' records.

/** Bytes in a cache line of the x86-64 and Arm cores meshsim is measured on. */
export const CACHE_LINE_BYTES = 64;

/** Bytes in a WebAssembly page: the unit a WebAssembly.Memory grows by. */
const WASM_PAGE_BYTES = 65536;

/**
 * A zeroed ArrayBuffer of at least `bytes` bytes (a whole number of 64 KiB pages) whose first byte
 * starts a cache line, so records of 64 bytes laid from its start each take one line, not two.
 *
 * NOTE: bent for speed (issue 14: CPU per request flat in size). An ArrayBuffer's memory comes
 * from malloc, which aligns it to 16 bytes only: a 64-byte record then straddles two cache lines
 * three times in four, and at 1,000 services, where every record is cold when a request reaches
 * it, that is a second miss per draw and per event. A WebAssembly.Memory's buffer starts on a
 * page (the WebAssembly JS API reserves it with mmap), so it is used here. It cannot be detached
 * or resized, which the records never need. When the engine cannot have one (no WebAssembly,
 * or the process has used up the address space V8 reserves for them), the buffer is a plain
 * one: the same contents and results, only slower. Throws RangeError when `bytes` is negative
 * or not an integer, as `new ArrayBuffer` does.
 */
export function lineAlignedBuffer(bytes: number): ArrayBuffer {
  if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`lineAlignedBuffer: bytes must be a whole number of bytes, got ${bytes}`);
  const pages = Math.max(1, Math.ceil(bytes / WASM_PAGE_BYTES));
  // The engine's own lib has no WebAssembly types (no DOM, no Node): the one constructor used, typed here.
  const wasm = (globalThis as { WebAssembly?: { Memory?: new (d: { initial: number; maximum: number }) => { buffer: ArrayBuffer } } }).WebAssembly;
  if (wasm !== undefined && typeof wasm.Memory === 'function') {
    try {
      return new wasm.Memory({ initial: pages, maximum: pages }).buffer;
    } catch {
      // Out of reservations: fall through to a plain buffer.
    }
  }
  return new ArrayBuffer(pages * WASM_PAGE_BYTES);
}

/** A zeroed Float64Array of `length` doubles on a line-aligned buffer (`lineAlignedBuffer`). */
export function lineAlignedFloat64(length: number): Float64Array {
  return new Float64Array(lineAlignedBuffer(length * 8), 0, length);
}
