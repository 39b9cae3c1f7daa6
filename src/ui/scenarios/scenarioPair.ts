// Two scenario files chosen together in "Open file…" (or dropped together) open as a compare, A
// the first and B the second (trial N11, 4): they were imported as Kubernetes manifests, and the
// importer said "Could not load 0 manifest files + gw-retry.yaml". The compare link carries both
// files packed (`#data=…&dataB=…`), the way a Branch of an opened file carries its one, so Share
// in the compare view gives a link that opens the same pair. Pure.
import type { ManifestFile } from '../../scenario/import';
import { DATA_SIDE, DATA_SIDE_B, encodeCompareLink } from '../compare/link';
import { MAX_DATA_BYTES, packScenario } from '../recipe/url';
import type { Recipe } from '../recipe/types';

/**
 * True for a scenario file's text (docs/scenario-files.md): YAML with a top-level `services:`
 * and no `kind:` (a Kubernetes or Istio manifest has one; an import's workload file has `apps:`
 * instead of `services:`), or a JSON object with `"services"`. A guess from the text only, never
 * a parse: the worker's load says what is wrong with a file that passes. Pure.
 */
export function looksLikeScenario(f: ManifestFile): boolean {
  if (/^kind:/m.test(f.text)) return false;
  if (/^\s*\{/.test(f.text)) return /"services"\s*:/.test(f.text);
  return /^services:/m.test(f.text);
}

/** The two files as A and B when exactly two are given and both are scenario files (looksLikeScenario), else null. Pure. */
export function scenarioPair(files: readonly ManifestFile[]): [ManifestFile, ManifestFile] | null {
  if (files.length !== 2 || !files.every(looksLikeScenario)) return null;
  return [files[0], files[1]];
}

/**
 * The compare link (`?compare=@data,@dataB&speed=…#data=…&dataB=…`) of A and B from time zero
 * at the speed `speedId`, each run with its own seed; one packed side (`@data` twice) when both
 * texts are the same. Refused, with why, when a file packs to more than MAX_DATA_BYTES (the most
 * a link carries). Pure.
 */
export function scenarioPairLink(a: ManifestFile, b: ManifestFile, speedId: string): { ok: true; search: string } | { ok: false; reason: string } {
  const packed = [a, b].map((f) => packScenario({ scenario: { kind: 'inline', text: f.text, fileName: f.name }, seed: null, actions: [] }));
  const big = [a, b].filter((_, i) => packed[i] === null).map((f) => f.name);
  if (big.length) return { ok: false, reason: `${big.join(' and ')} pack${big.length === 1 ? 's' : ''} to more than ${MAX_DATA_BYTES / 1024} KB, the most a link may carry, and the compare view opens two files by link; open each alone instead` };
  const same = a.text === b.text;
  const search = encodeCompareLink({ a: { id: DATA_SIDE, actions: [] }, b: { id: same ? DATA_SIDE : DATA_SIDE_B, actions: [] }, seed: null, tMs: 0, speedId, data: packed[0]!, dataB: same ? undefined : packed[1]! });
  return { ok: true, search };
}

/**
 * The compare link of the opened file the recipe runs (A, packed as `#data=`, without its live
 * actions: the file as opened) beside the shipped scenario `id` (B), from time zero, on the
 * recipe's seed (null: A's own). Refused, with why, for a recipe of a shipped scenario or a file
 * past MAX_DATA_BYTES. Pure.
 */
export function ownVsShippedLink(recipe: Recipe, id: string, speedId: string): { ok: true; search: string } | { ok: false; reason: string } {
  if (recipe.scenario.kind !== 'inline') return { ok: false, reason: 'the run is a shipped scenario, not an opened file; pick a ready-made pair' };
  const data = packScenario({ ...recipe, actions: [] });
  if (data === null) return { ok: false, reason: `your file packs to more than ${MAX_DATA_BYTES / 1024} KB, the most a link may carry, and the compare view opens by link` };
  return { ok: true, search: encodeCompareLink({ a: { id: DATA_SIDE, actions: [] }, b: { id, actions: [] }, seed: recipe.seed, tMs: 0, speedId, data }) };
}
