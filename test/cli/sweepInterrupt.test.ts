import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopOnSignals } from '../../src/cli/sweep/interrupt';

// Ctrl-C mid-sweep (helper B, session 26) ended the process at once, as it should, but left the
// worker bundle written for that sweep (1 MB a sweep in node_modules/.cache/meshsim-sweep) and
// said nothing of how far it got.
describe('a sweep stopped by Ctrl-C or SIGTERM', () => {
  it('says how far it got, removes its worker bundle and ends by the same signal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-interrupt-'));
    const bundle = join(dir, 'worker-1-1.mjs');
    writeFileSync(bundle, '// bundle');
    let said = '';
    const ended: string[] = [];
    const before = process.listenerCount('SIGINT');
    const beforeTerm = process.listenerCount('SIGTERM');
    const off = stopOnSignals((s) => `sweep: stopped by ${s} after 3 of 90 jobs; nothing reported`, () => rmSync(bundle), { write: (t: string) => (said += t) }, (s) => ended.push(s));
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    process.emit('SIGINT');
    expect(said).toBe('sweep: stopped by SIGINT after 3 of 90 jobs; nothing reported\n');
    expect(existsSync(bundle)).toBe(false);
    expect(ended).toEqual(['SIGINT']);
    // The handlers are off once used (the signal raised again then ends the process), and off() again is harmless.
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual([before, beforeTerm]);
    off();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a sweep that ends normally takes its handlers off, so a later Ctrl-C is not caught', () => {
    const counts = () => [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const before = counts();
    const off = stopOnSignals(() => '', () => {}, { write: () => {} }, () => {});
    expect(counts()).toEqual([before[0] + 1, before[1] + 1]);
    off();
    expect(counts()).toEqual(before);
  });
});
