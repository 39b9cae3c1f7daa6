// Text in a URL: deflated (fflate) and written in base64url, so a scenario or a list of faults
// fits a link. Reading one back is reading untrusted input: sizes are capped before and while
// it is unpacked, so a small link cannot unpack into gigabytes.
import { Inflate, deflateSync } from 'fflate';

/** `text` as UTF-8, deflated at the highest level, in base64url (no padding). Pure. */
export function pack(text: string): string {
  return toBase64Url(deflateSync(new TextEncoder().encode(text), { level: 9 }));
}

/** The packed size of `param` in bytes (base64url decoded), without decoding it. Pure. */
export function packedBytes(param: string): number {
  return Math.floor((param.length * 3) / 4);
}

/**
 * The text `param` holds, unpacked to at most `maxBytes` bytes of UTF-8; a message naming what
 * is wrong otherwise (not base64url, cut short or changed, too large, not UTF-8), in a person's
 * words: a link cut when pasted reads "is cut short or changed since this app wrote it", not
 * fflate's "not deflate data" (T4's trial, 8). Never throws.
 */
export function unpack(param: string, maxBytes: number): { ok: true; text: string } | { ok: false; message: string } {
  if (!/^[A-Za-z0-9_-]*$/.test(param)) return { ok: false, message: 'is not base64url text (letters, digits, - and _)' };
  const bytes = fromBase64Url(param);
  if (bytes === null) return { ok: false, message: CUT };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size > maxBytes) over = true;
    else chunks.push(chunk);
  });
  try {
    // NOTE: fed in 16 KB pieces so the size check runs while unpacking, not after.
    for (let i = 0; i < bytes.length && !over; i += 16_384) inflate.push(bytes.subarray(i, i + 16_384), i + 16_384 >= bytes.length);
  } catch {
    return { ok: false, message: CUT };
  }
  if (over) return { ok: false, message: `unpacks to more than ${formatBytes(maxBytes)}` };
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(all) };
  } catch {
    return { ok: false, message: 'is not UTF-8 text once unpacked' };
  }
}

/** A packed part whose bytes do not unpack: most often a link cut short when copied, or a letter changed. */
const CUT = 'is cut short or changed since this app wrote it (it does not unpack)';

/** "3.2 MB", "256 KB", "512 bytes": sizes in messages. Pure. */
export function formatBytes(n: number): string {
  if (n >= 1_048_576) return `${(n / 1_048_576).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 8192) bin += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
