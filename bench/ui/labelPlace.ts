// `npx tsx bench/ui/labelPlace.ts [--runs N] [--links 40,120]`: how long link-label placement
// (placeEdgeLabels) and padlock spots (lockSpots) take in Node for N clients' links into one
// service box, sampled every 6 units as renderTopology samples drawn links. A script, not a test:
// it prints medians (ms) and the load average, and checks nothing. (Session 49: 40 links into one
// box took placement 672 ms before linkPointIndex, 61 ms after, at load 16.)
import { loadavg } from 'node:os';
import { LABEL_BOX, placeEdgeLabels, type LabelLink, type Rect } from '../../src/ui/topology/edgeLabelPlace';
import { lockSpots } from '../../src/ui/topology/lockSpot';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(option('runs', '5')));
const SIZES = option('links', '40,120').split(',').map(Number).filter((n) => n > 0);

/** `n` client boxes in a column 70 units apart, each linked to one service box 440 units to their right. */
function fanIn(n: number): { links: LabelLink[]; nodes: Rect[]; view: Rect } {
  const gap = 70;
  const hub = { x: 500, y: (n * gap) / 2 };
  const links: LabelLink[] = [];
  const nodes: Rect[] = [];
  for (let i = 0; i < n; i++) {
    const a = { x: 60, y: i * gap };
    const to = { x: hub.x - 40, y: hub.y };
    const steps = Math.max(8, Math.ceil(Math.hypot(to.x - a.x, to.y - a.y) / 6));
    links.push({ points: Array.from({ length: steps + 1 }, (_, k) => ({ x: a.x + ((to.x - a.x) * k) / steps, y: a.y + ((to.y - a.y) * k) / steps })), lock: false });
    nodes.push({ x0: 0, y0: a.y - 20, x1: 60, y1: a.y + 20 });
  }
  nodes.push({ x0: hub.x - 40, y0: hub.y - 30, x1: hub.x + 40, y1: hub.y + 30 });
  return { links, nodes, view: { x0: -50, y0: -50, x1: 700, y1: n * gap + 50 } };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timed = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

for (const n of SIZES) {
  const { links, nodes, view } = fanIn(n);
  const place: number[] = [];
  const locks: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    place.push(timed(() => placeEdgeLabels(links, nodes, view, LABEL_BOX)));
    locks.push(timed(() => lockSpots(links.map((l) => l.points))));
  }
  const points = links.reduce((s, l) => s + l.points.length, 0);
  console.log(`${n} links into one box (${points} points): placeEdgeLabels ${median(place).toFixed(0)} ms, lockSpots ${median(locks).toFixed(0)} ms (median of ${RUNS})`);
}
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
