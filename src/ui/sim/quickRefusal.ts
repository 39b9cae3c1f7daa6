// A small JSON file that does not parse, refused on the main thread before any worker starts
// (trial N17, 10: a trailing comma in a 4 kB file took 6.7 s to be told at load 39, nearly all
// of it the worker's start). Loaded on demand, only for text JSON.parse has already refused.
import { notAScenario, notAScenarioInApp } from '../../scenario/notAScenario';
import { readJsonText } from '../../scenario/readJson';
import type { Problem } from '../../scenario';

/**
 * The problems the worker's reading (hostOpen's readForHost) gives `text`, JSON too small to be
 * counted before reading (under parse.ts's 100,000 characters): a manifest or a share link named as
 * such, else its syntax error at its line and column; null when it reads (the worker then reads and
 * validates it as usual). Pure; never throws.
 */
export function jsonRefusal(text: string): Problem[] | null {
  const other = notAScenario(text);
  if (other) return [{ path: '(file)', message: notAScenarioInApp(other) }];
  const read = readJsonText(text);
  return read.ok ? null : read.problems;
}
