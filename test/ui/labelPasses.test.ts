// placeEdgeLabels' tries on gateway-and-mesh's four clients converging on edge (the drawn geometry
// recorded from the app at 1600x1000: presenter mode, and a branch pane whose labels are presenter
// size). The far short forms, placed first on the retry, left bulk-export->edge's label out in
// presenter mode; placing the labels that met something first saved it, but put old-app's
// '10 req/s' nearer shoppers' line than its own in a branch pane (session 46's L8). Links:
// 0 shoppers, 1 old-app, 2 bulk-export, 3 scraper (clients, top to bottom, into edge), 4-6 edge's calls.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { passRank, placeEdgeLabels, type LabelLink, type LabelSpot, type Rect } from '../../src/ui/topology/edgeLabelPlace';

interface Picture { links: LabelLink[]; nodes: Rect[]; view: Rect; box: { w: number; h: number }; names: Rect[]; soft: Rect[] }
const pictures = JSON.parse(readFileSync(new URL('./labelPasses.json', import.meta.url), 'utf8')) as Record<'presenter1600' | 'branchPane', Picture>;

const place = (p: Picture, farShort: boolean | 'best') => placeEdgeLabels(p.links, p.nodes, p.view, p.box, p.names, p.soft, farShort);
const rank = (p: Picture, spots: LabelSpot[]) => passRank(spots.map((spot) => ({ spot, hits: spot.overName || spot.overNode || spot.acrossLink ? 1 : 0 })), p.links, p.box);
const leftOut = (spots: LabelSpot[]) => spots.flatMap((s, i) => (s.overName || s.overNode || s.acrossLink ? [i] : []));

describe('placeEdgeLabels with and without the far short forms', () => {
  it("presenter mode ('best'): every label of gateway-and-mesh's clients shows at 1600x1000, where placing with the far short forms left bulk-export->edge's out", () => {
    const p = pictures.presenter1600;
    expect(leftOut(place(p, true))).toEqual([2]);
    const best = place(p, 'best');
    expect(leftOut(best)).toEqual([]);
    expect(rank(p, best)).toEqual({ leftOut: 0, astray: 1, stuck: 2, hits: 0 });
    // bulk-export's label says its short form by its own line.
    expect(best[2].short).toBe(true);
  });

  it("a branch pane keeps them on: old-app's label says '10/s' where its full text would stand nearer shoppers' line than its own (the story shows bulk-export's)", () => {
    const p = pictures.branchPane;
    const spots = place(p, true);
    expect(rank(p, spots)).toMatchObject({ leftOut: 1, astray: 0 });
    expect(spots[1].short).toBe(true);
    // Without them no label is left out, but old-app's full text reads as shoppers'.
    expect(rank(p, place(p, false))).toMatchObject({ leftOut: 0, astray: 1 });
    expect(place(p, false)[1].short).toBeUndefined();
  });
});
