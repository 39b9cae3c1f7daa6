import { statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { toOtlp, type TracerOptions, type World } from '../models';

/**
 * What `--traces` keeps: one request in 100 sent (by a fixed scramble of its number: sampledOneIn; the newest 1000 of them) and the last 100
 * failed ones. A failed request in retry-storm has about 370 spans (27 tries at the bottom), so
 * that is about 10 MB at most there, which Jaeger's UI still opens.
 */
export const CLI_TRACE_OPTIONS: TracerOptions = { sampleEvery: 100, maxSampled: 1000, maxFailed: 100 };

/** Says why spans cannot be written to `file` (as `--traces: ...`), or null when they can. */
export function checkTracesPath(file: string): string | null {
  const dir = dirname(resolve(file));
  const isDir = (p: string): boolean | null => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return null;
    }
  };
  if (isDir(dir) !== true) return `--traces: cannot write ${file}: its folder ${dir} does not exist`;
  if (isDir(file) === true) return `--traces: ${file} is a folder; give a file name, e.g. ${file.replace(/\/$/, '')}/traces.json`;
  return null;
}

/** Writes the world's kept spans to `file` as OTLP/JSON; returns a message when it cannot. */
export function writeTraces(world: World, file: string): string | null {
  const traces = world.tracer?.all() ?? [];
  try {
    writeFileSync(file, JSON.stringify(toOtlp(traces, world.sim.now)) + '\n');
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return `--traces: cannot write ${file} (${code ?? String(e)})`;
  }
}
