// Group tile titles in the canvas view (issue 11's new-user pass): every tile's header holds its
// title at TITLE_PX on screen, a title too long for its room is shortened with "…" (the share
// failed kept longest), and the label grid keeps other labels off titles, locks and squares.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { readScenarioText, validateScenario } from '../../src/scenario';
import { Cell, computeGroupLayout, TITLE_PX } from '../../src/ui/topology/groupLayout';
import { pickLabels } from '../../src/ui/topology/labelGrid';
import { fitTitle, fitTitleRuns, type TitleKind, type TitlePart } from '../../src/ui/topology/canvasLabels';

const full = () => {
  const r = readScenarioText(readFileSync(new URL('../../scenarios/istio-load-test-full.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('unreadable');
  const v = validateScenario(r.data);
  if (!v.ok) throw new Error('invalid');
  return new World(v.scenario, 1).topology;
};

/** A title's parts as canvasSceneState builds them: name, member count, then the rate and the share failed when given. */
const title = (name: string, count: string, rate?: string, failed?: string): TitlePart[] => [
  { text: name, kind: 'name' },
  { text: count, kind: 'count' },
  ...(rate ? [{ text: rate, kind: 'rate' as const }] : []),
  ...(failed ? [{ text: failed, kind: 'failed' as const }] : []),
];

/** 7 px a character: a stand-in for the canvas's measureText. */
const measure = (t: string) => 7 * t.length;

describe('group tile titles', () => {
  const topology = full();

  it('grows the tile header to hold a 20 px title where 34 units would be too short on screen (1024x768), and keeps 34 where they are not', () => {
    // The stage left at 1024x768 with the story column, as in the new-user pass: 34 units are
    // under 20 px there.
    const small = computeGroupLayout(topology, 778, 480);
    expect(Cell.header * small.scale).toBeLessThan(TITLE_PX);
    expect(small.header * small.scale).toBeGreaterThanOrEqual(TITLE_PX - 0.01);
    // Every node's square starts below the header, inside its tile.
    for (const n of topology.nodes) {
      const g = small.groups[small.groupOf[n.id]];
      expect(small.y[n.id] - Cell.size / 2).toBeGreaterThanOrEqual(g.y + small.header);
      expect(small.y[n.id] + Cell.size / 2).toBeLessThanOrEqual(g.y + g.h);
    }
    // A roomy stage keeps the least header.
    const big = computeGroupLayout(topology, 4000, 3000);
    expect(big.header).toBe(Cell.header);
  });

  it('keeps a title whole when it fits, and otherwise drops the rate, then the count, keeping the share failed, with " …"', () => {
    const parts = title('svc 800–899', '100', '7,012 req/s', '3.5% failed');
    expect(fitTitle(parts, 1000, measure)).toBe('svc 800–899 · 100 · 7,012 req/s · 3.5% failed');
    expect(fitTitle(parts, 7 * 33, measure)).toBe('svc 800–899 · 100 · 3.5% failed …');
    expect(fitTitle(parts, 7 * 27, measure)).toBe('svc 800–899 · 3.5% failed …');
    expect(fitTitle(parts, 7 * 14, measure)).toBe('svc 800–899 …');
    expect(fitTitle(title('fortio 000–099', '100', '6,812 req/s'), 7 * 23, measure)).toBe('fortio 000–099 · 100 …');
  });

  it('cuts a name too long for its room with "…", never past the room', () => {
    const text = fitTitle(title('fortio 000–099', '100'), 7 * 9, measure);
    expect(text).toBe('fortio 0…');
    expect(measure(text)).toBeLessThanOrEqual(7 * 9);
    expect(fitTitle(title('payments-bridge', '1'), 3, measure)).toBe('…');
  });

  it('colours a title by the kind its parts carry: only the share failed in the failure colour, whatever the words', () => {
    const coloured = (runs: TitlePart[]) => runs.filter((r) => r.kind === 'failed').map((r) => r.text);
    const kinds = (runs: TitlePart[]) => runs.map((r) => `${r.kind}:${r.text}`);
    // Whole: the share failed is one run of its own; the name, count and rate are not coloured.
    expect(kinds(fitTitleRuns(title('svc 800–899', '100', '7,012 req/s', '3.5% failed'), 1000, measure))).toEqual(['name:svc 800–899', 'plain: · ', 'count:100', 'plain: · ', 'rate:7,012 req/s', 'plain: · ', 'failed:3.5% failed']);
    // Shortened: the share failed is kept and still coloured.
    expect(coloured(fitTitleRuns(title('svc 800–899', '100', '7,012 req/s', '3.5% failed'), 7 * 27, measure))).toEqual(['3.5% failed']);
    // A group whose name holds the words is not a failure (the text match coloured it: '% failed' in it).
    const named = fitTitleRuns(title('retry 100% failed-over', '4', '12 req/s'), 1000, measure);
    expect(named.map((r) => r.text).join('')).toBe('retry 100% failed-over · 4 · 12 req/s');
    expect(coloured(named)).toEqual([]);
    // A share failed worded otherwise (no '% failed' in it) is coloured all the same, and kept when shortened.
    const worded: TitlePart[] = [...title('svc 800–899', '100', '7,012 req/s'), { text: '<0.1% lost', kind: 'failed' }];
    expect(coloured(fitTitleRuns(worded, 1000, measure))).toEqual(['<0.1% lost']);
    expect(fitTitle(worded, 7 * 26, measure)).toBe('svc 800–899 · <0.1% lost …');
    const k: TitleKind[] = fitTitleRuns(worded, 7 * 26, measure).map((r) => r.kind);
    expect(k).toEqual(['name', 'plain', 'failed', 'plain']);
  });

  it('keeps a label off a box already taken (a title, a lock or a square), and keeps it when apart', () => {
    const title = { x: 100, y: 100, w: 150, h: 20 };
    const over = { x: 200, y: 110, w: 80, h: 18, priority: 0, key: 1 };
    const apart = { x: 300, y: 110, w: 80, h: 18, priority: 3, key: 2 };
    expect(pickLabels([over, apart], 3, [title])).toEqual([2]);
    expect(pickLabels([over, apart])).toEqual([1, 2]);
  });
});
