// A share link keeps the sender's rows (topology/linkArrangement.ts, recipe/url.ts `cols=`):
// retry-storm shared at 1600x1000 (bands of 4, payments under orders) and opened at 1366x768,
// where the stage's own choice is one bare row of 5 (session 49's B8).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { decodeLink, encodeLink } from '../../src/ui/recipe/url';
import type { Recipe } from '../../src/ui/recipe/types';
import { bandWidth } from '../../src/ui/topology/arrangement';
import { keptLayout } from '../../src/ui/topology/keptPicture';
import { computeLayout } from '../../src/ui/topology/layout';
import { NO_BANDS } from '../../src/ui/topology/layoutAt';
import type { Layout } from '../../src/ui/topology/layoutTypes';
import { linkArrangement, linkColumns, LINK_SCALE_KEPT } from '../../src/ui/topology/linkArrangement';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

/** The stage (CSS px) with Charts closed at 1600x1000 and at 1366x768, as measured on a build (retry-storm). */
const SENDER = { width: 1240, height: 630 };
const OPENER = { width: 1038, height: 463 };

/** Request-path nodes' rows: names in the same row (centres under 40 design units apart vertically), top row first. */
function rows(l: Layout): string[][] {
  const ps = l.nodes.filter((p) => p.node.kind !== 'control-plane').sort((a, b) => a.y - b.y);
  const out: { y: number; names: string[] }[] = [];
  for (const p of ps) {
    const row = out.find((r) => Math.abs(r.y - p.y) < 40);
    if (row) row.names.push(p.node.name);
    else out.push({ y: p.y, names: [p.node.name] });
  }
  return out.map((r) => r.names.sort());
}

describe('a link keeps the sender\'s rows while they fit', () => {
  const storm = topologyOf('retry-storm');

  test('retry-storm from 1600x1000 (bands of 4) opened at 1366x768 keeps payments in the second row, bare, at 81% of its own scale', () => {
    const sent = computeLayout(storm, SENDER.width, SENDER.height);
    expect(linkColumns(storm, sent.arrangement!)).toBe(4);
    expect(rows(sent)).toEqual([['api', 'orders', 'shoppers', 'web'], ['payments']]);
    // The opener's own choice: one bare row of 5, payments beside orders.
    const own = computeLayout(storm, OPENER.width, OPENER.height);
    expect(own.arrangement).toEqual({ perBand: 5, bare: true });
    expect(rows(own)).toEqual([['api', 'orders', 'payments', 'shoppers', 'web']]);
    const r = linkArrangement(storm, OPENER.width, OPENER.height, false, false, 4);
    expect(r).toEqual({ arrangement: { perBand: 4, bare: true }, kept: true });
    const opened = computeLayout(storm, OPENER.width, OPENER.height, { arrangement: r.arrangement });
    expect(rows(opened)).toEqual(rows(sent));
    expect(opened.scale / own.scale).toBeGreaterThan(LINK_SCALE_KEPT);
    expect(opened.scale / own.scale).toBeCloseTo(0.81, 2);
  });

  test('beside the open inspector the picture keeps the link\'s rows (WholeStage.arrangement), not its stage\'s own', () => {
    const sent = computeLayout(storm, SENDER.width, SENDER.height);
    const a = linkArrangement(storm, OPENER.width, OPENER.height, false, false, 4).arrangement;
    // The stage at 1366x768 with the inspector open beside it (the panel takes about 320 px).
    const beside = keptLayout(storm, 718, OPENER.height, {}, { ...OPENER, arrangement: a });
    expect(rows(beside)).toEqual(rows(sent));
    expect(rows(keptLayout(storm, 718, OPENER.height, {}, OPENER))).toEqual([['api', 'orders', 'payments', 'shoppers', 'web']]);
  });

  test('rows the stage already draws are its own arrangement, unchanged', () => {
    expect(linkArrangement(storm, SENDER.width, SENDER.height, false, false, 4)).toEqual({ arrangement: bandWidth(storm, SENDER.width, SENDER.height, false), kept: true });
    expect(linkArrangement(storm, OPENER.width, OPENER.height, false, false, 5)).toEqual({ arrangement: { perBand: 5, bare: true }, kept: true });
    // More columns than the drawing has is one row.
    expect(linkArrangement(storm, OPENER.width, OPENER.height, false, false, 40).arrangement).toEqual({ perBand: 5, bare: true });
  });

  test('rows that would shrink the picture under 75% of its own fall back to the stage\'s own, kept false', () => {
    // One row of 5 in a tall narrow stage: the own drawing stacks bands; one row is far smaller.
    const own = bandWidth(storm, 420, 700, false);
    expect(linkColumns(storm, own)).toBeLessThan(5);
    const r = linkArrangement(storm, 420, 700, false, false, 5);
    expect(r).toEqual({ arrangement: own, kept: false });
    const ownScale = computeLayout(storm, 420, 700).scale;
    const oneRow = Math.max(computeLayout(storm, 420, 700, { arrangement: { perBand: 5, bare: true } }).scale, computeLayout(storm, 420, 700, { arrangement: { perBand: NO_BANDS, bare: false } }).scale);
    expect(oneRow / ownScale).toBeLessThan(LINK_SCALE_KEPT);
  });

  test('a band count that breaks a band at a bridge is never drawn: two-meshes-via-gateway keeps its own', () => {
    const t = topologyOf('two-meshes-via-gateway');
    const own = bandWidth(t, 778, 533, false);
    expect(linkColumns(t, own)).toBe(5);
    expect(linkArrangement(t, 778, 533, false, false, 4)).toEqual({ arrangement: own, kept: false });
  });

  test('the default layout (no bands) is written as every column: one row', () => {
    const hello = topologyOf('hello-mesh');
    expect(linkColumns(hello, { perBand: NO_BANDS })).toBe(3);
    expect(linkColumns(hello, { perBand: 7 })).toBe(3);
    expect(linkColumns(hello, { perBand: 2 })).toBe(2);
  });
});

describe('cols= in a link', () => {
  const ctx = { scenarioIds: ['retry-storm'], defaultId: 'retry-storm', speedIds: ['1'] };
  const recipe: Recipe = { scenario: { kind: 'builtin', id: 'retry-storm' }, seed: null, actions: [] };

  test('a share link writes cols last and reads it back; without it, no parameter and null', () => {
    const search = encodeLink({ recipe, tMs: 30_000, speedId: '1', cols: 4 });
    expect(search).toBe('?scenario=retry-storm&t=30s&speed=1&cols=4');
    const back = decodeLink(search, ctx);
    expect(back.cols).toBe(4);
    expect(back.problems).toEqual([]);
    expect(encodeLink({ recipe, tMs: 30_000, speedId: '1' })).toBe('?scenario=retry-storm&t=30s&speed=1');
    expect(decodeLink('?scenario=retry-storm&t=30s&speed=1', ctx).cols).toBeNull();
  });

  test('a bad cols is named at cols and left out; the rest of the link is used', () => {
    for (const bad of ['0', '100', 'four', '2.5', '-3', '']) {
      const r = decodeLink(`?scenario=retry-storm&t=2s&cols=${encodeURIComponent(bad)}`, ctx);
      expect(r.cols, bad).toBeNull();
      expect(r.tMs).toBe(2000);
      expect(r.problems).toEqual([{ path: 'cols', message: `${JSON.stringify(bad)} is not a number of columns a row (a whole number from 1 to 99); the picture is arranged for this window` }]);
    }
  });
});
