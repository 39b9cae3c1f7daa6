import { describe, expect, it } from 'vitest';
import { ownershipOf } from '../../src/models/ownership';
import { clientFailedShares, comparePath, pathDifference, pathKey, type ComparePathSide } from '../../src/ui/ownership/comparePath';
import type { SeriesBucket } from '../../src/workers/series';
import { tableRows } from '../../src/ui/ownership/tableRows';
import { scenarioFile } from '../models/helpers';

/** One side of a compare: a shipped scenario's ownership, a story's highlights and its clients' failed shares. */
const side = (name: string, focus: readonly string[] = [], failed: Record<string, number> = {}): ComparePathSide => ({
  ownership: ownershipOf(scenarioFile(`${name}.json`)),
  focus,
  failed: new Map(Object.entries(failed)),
});

// The failed shares at 30 s of partial-adoption against its fix (the app's compare, trial N18):
// analysts 100% refused against none, searchers 5% against under 0.1%, shoppers under 0.1% in both.
const FAILED_A = { analysts: 1, searchers: 0.052, shoppers: 0.0003 };
const FAILED_B = { analysts: 0, searchers: 0.0004, shoppers: 0.0002 };

describe('comparePath: one path for both ownership views of a compare', () => {
  it('with no story naming a path, the path the runs differ on most: partial-adoption against its fix opens both on analysts → reports → orders (100% refused against none), not searchers (5% against 0.04%)', () => {
    const a = side('partial-adoption', [], FAILED_A);
    const b = side('partial-adoption-fixed', [], FAILED_B);
    expect(comparePath(a, b)).toBe('analysts → reports → orders');
    const pa = (s: ComparePathSide, client: string) => s.ownership.paths.find((p) => p.nodes[0] === client)!;
    const analysts = pathDifference(pa(a, 'analysts'), pa(b, 'analysts'), a.failed, b.failed);
    const searchers = pathDifference(pa(a, 'searchers'), pa(b, 'searchers'), a.failed, b.failed);
    // 100 points plus the cells that differ, against 5.2 - 0.04 points plus theirs.
    expect(analysts).toBeGreaterThan(100);
    expect(searchers).toBeGreaterThan(5.16);
    expect(searchers).toBeLessThan(analysts);
  });
  it("with no run figures yet, the table's cells decide: the sidecar-less callers' paths differ in 6 cells each (mTLS, retries, balancing, observability), the shoppers' in 2 and 1; the tie goes to A's order (analysts)", () => {
    const a = side('partial-adoption');
    const b = side('partial-adoption-fixed');
    const cellsDiffer = a.ownership.paths.map((p) => [pathKey(p), pathDifference(p, b.ownership.paths.find((q) => pathKey(q) === pathKey(p))!, a.failed, b.failed)]);
    expect(Object.fromEntries(cellsDiffer)).toEqual({
      'shoppers → storefront → catalog': 2,
      'shoppers → storefront → orders': 1,
      'analysts → reports → orders': 6,
      'searchers → search → catalog': 6,
    });
    expect(comparePath(a, b)).toBe('analysts → reports → orders');
  });
  it("the stories' path first: at 30 s A's step names shoppers and B's searchers (a tie), and the one the runs differ on more wins; a step both stories name wins over a bigger difference", () => {
    const a = side('partial-adoption', ['storefront->catalog', 'shoppers'], FAILED_A);
    const b = side('partial-adoption-fixed', ['search->catalog', 'searchers'], FAILED_B);
    expect(comparePath(a, b)).toBe('searchers → search → catalog');
    // Both at the step on the meshed callers: shoppers, though analysts differ by 100 points.
    expect(comparePath(side('partial-adoption', ['storefront->catalog', 'shoppers'], FAILED_A), side('partial-adoption-fixed', ['storefront->catalog'], FAILED_B))).toBe('shoppers → storefront → catalog');
  });
  it('only a path both runs have can be shared; none shared gives null, and an empty side too', () => {
    const a = side('partial-adoption');
    const none: ComparePathSide = { ownership: { paths: [] }, focus: [], failed: new Map() };
    expect(comparePath(a, none)).toBeNull();
    expect(comparePath(none, a)).toBeNull();
    // retry-storm's paths are not partial-adoption's: nothing by the same names.
    expect(comparePath(a, side('retry-storm'))).toBeNull();
    // A run against itself differs nowhere: A's order decides, after the story.
    expect(comparePath(a, side('partial-adoption'))).toBe(pathKey(a.ownership.paths[0]));
  });
  it("clientFailedShares: each client's failed share of its ended requests over the buckets, a client with none ended left out", () => {
    const bucket = (clients: SeriesBucket['clients']) => ({ clients }) as SeriesBucket;
    const c = (ok: number, failed: number) => ({ ok, failed }) as SeriesBucket['clients'][string];
    const shares = clientFailedShares([bucket({ analysts: c(0, 20), searchers: c(38, 2) }), bucket({ analysts: c(0, 20), searchers: c(40, 0), idle: c(0, 0) })]);
    expect(Object.fromEntries(shares)).toEqual({ analysts: 1, searchers: 0.025 });
    expect(clientFailedShares([]).size).toBe(0);
  });
});

describe('tableRows: the ownership table rows and their order', () => {
  const path = (name: string, end: string) => ownershipOf(scenarioFile(`${name}.json`)).paths.find((p) => p.nodes.at(-1) === end)!;
  it("the drawer lists the rows owned twice first: gateway-and-mesh's inventory path opens on Timeouts, then Routing, Retries as before", () => {
    const p = path('gateway-and-mesh', 'inventory');
    const flagged = new Map([['timeouts', '']] as const);
    const rows = tableRows(p.features, flagged, 'flagged-first').map((f) => f.feature);
    expect(rows.slice(0, 3)).toEqual(['timeouts', 'routing', 'retries']);
    expect(rows).toHaveLength(p.features.length);
    expect(tableRows(p.features, flagged, 'features').map((f) => f.feature)).toEqual(p.features.map((f) => f.feature));
  });
  it("a compare lists the other run's features too, in FEATURE_NAMES' order: partial-adoption's sidecar-less searchers path gets the mTLS row its fix has (empty here)", () => {
    const searchA = ownershipOf(scenarioFile('partial-adoption.json')).paths.find((p) => p.nodes[0] === 'searchers')!;
    const searchB = ownershipOf(scenarioFile('partial-adoption-fixed.json')).paths.find((p) => p.nodes[0] === 'searchers')!;
    expect(searchA.features.map((f) => f.feature)).not.toContain('mtls');
    const rows = tableRows(searchA.features, new Map(), 'features', searchB.features.map((f) => f.feature));
    expect(rows.map((f) => f.feature)).toEqual(searchB.features.map((f) => f.feature));
    expect(rows.find((f) => f.feature === 'mtls')).toEqual({ feature: 'mtls', at: [], layers: [], overlap: false });
  });
});
