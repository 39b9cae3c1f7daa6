// The canvas view's text, in screen pixels: each tile's title in its header, fitted to its room,
// then node labels through the label grid (labelGrid.ts), never over a title or a lock.
import { Cell } from './groupLayout';
import { pickLabels, type LabelCandidate, type LabelObstacle } from './labelGrid';
import { BROKEN_LOCK_RADIUS_PX, LOCK_RADIUS_PX } from './canvasMarks';
import { humanNodeName } from '../inspector/picker';
import type { CanvasSceneState } from './canvasSceneState';
import type { CanvasFrame } from './canvasFrame';
import type { DrawnLocks } from './canvasEventMarks';

/** Screen pixels a cell must span before nodes are named. */
const NAME_PX = 20;

/**
 * Draws the tile titles, then the labels: the found node and ejected replicas' return times
 * (which may cover a square under them: they are what was asked for, or news), then, never over
 * a node's square either, highlighted and faulted nodes, then names of nodes big enough to read.
 * Every tile on screen gets a title while its header (and half the gap above it) can hold the
 * text, to the next tile on its right, the first lock on that band, and the stage's edge.
 * Impure: draws on `f.ctx` (at device pixels), appends to `f.marks`, sets `s.drawnTitles`.
 */
export function drawLabels(s: CanvasSceneState, f: CanvasFrame, drawnLocks: DrawnLocks): void {
  const { topology, layout, n, hidden, ejectedOf, backOf, lit, faulted, clearBelow, groupParts, groupText, titleRight, found } = s;
  const { ctx, dpr, k, sx, sy, colours, font, family, marks } = f;
  const { locks, broken } = drawnLocks;
  const half = Cell.size / 2;
  const side = Cell.size * k;
  ctx.textBaseline = 'top';
  ctx.lineJoin = 'round';
  const stageW = ctx.canvas.width / dpr;
  const stageH = ctx.canvas.height / dpr;
  const titleH = font + 6;
  const taken: LabelObstacle[] = [];
  const lockBoxes = [...locks.map((l) => ({ ...l, r: LOCK_RADIUS_PX })), ...broken.map((l) => ({ ...l, r: BROKEN_LOCK_RADIUS_PX }))].map((l) => ({ x: l.x - l.r, y: l.y - l.r, w: 2 * l.r, h: 2 * l.r }));
  taken.push(...lockBoxes);
  ctx.font = `500 ${font}px ${family}`;
  const measure = (t: string) => ctx.measureText(t).width;
  s.drawnTitles = [];
  for (const g of layout.groups) {
    if (hidden[g.index]) continue;
    const tile = { x: sx(g.x), y: sy(g.y), w: g.w * k, h: g.h * k };
    if (tile.x > stageW || tile.x + tile.w < 8 || tile.y > stageH || tile.y + tile.h < 0) continue;
    const headerPx = layout.header * k;
    const nodesTop = sy(g.y + layout.header + (Cell.step - Cell.size) / 2);
    const top = headerPx >= titleH ? tile.y + Math.min(8, (headerPx - titleH) / 2) : sy(g.y + layout.header) - titleH;
    // Zoomed out past the room for text: the tooltip still names the tile.
    if (top < tile.y - (Cell.gapY * k) / 2) continue;
    const left = Math.max(tile.x + 4, 2);
    let right = Math.min(stageW - 2, Number.isFinite(titleRight[g.index]) ? sx(titleRight[g.index]) - 6 : Number.POSITIVE_INFINITY);
    for (const l of lockBoxes) if (l.x > left && l.x < right && l.y < top + titleH && top < l.y + l.h) right = l.x - 2;
    const runs = fitTitleRuns(groupParts[g.index], right - left - 8, measure);
    const text = runs.map((r) => r.text).join('');
    const w = Math.min(right - left, measure(text) + 8);
    const full = groupText[g.index];
    s.drawnTitles.push({ x: left, y: top, w, h: titleH, full, tile });
    taken.push({ x: left, y: top, w, h: titleH });
    marks.push({ kind: 'title', x: left, y: top, w, h: titleH, text, full, group: g.name, px: font, tile, nodesTop });
    ctx.lineWidth = 4;
    ctx.strokeStyle = colours.stage;
    ctx.strokeText(text, left + 4, top + 3);
    // Each run in the colour of what it says (the share failed in the failure colour), never by
    // its words: a name may hold "% failed", and the share's wording may change.
    let x = left + 4;
    for (const r of runs) {
      ctx.fillStyle = r.kind === 'failed' ? colours.failed : colours.ink;
      ctx.fillText(r.text, x, top + 3);
      x += measure(r.text);
    }
  }

  const squares: LabelObstacle[] = [];
  for (const node of topology.nodes) {
    if (hidden[layout.groupOf[node.id]]) continue;
    const x = sx(layout.x[node.id] - half);
    const y = sy(layout.y[node.id] - half);
    if (x + side < 0 || x > stageW || y + side < 0 || y > stageH) continue;
    squares.push({ x, y, w: side, h: side });
  }
  const cands: LabelCandidate[] = [];
  const texts: string[] = [];
  const bold: boolean[] = [];
  const add = (text: string, x: number, y: number, priority: number, strong: boolean) => {
    ctx.font = `${strong ? 600 : 500} ${font}px ${family}`;
    const w = measure(text) + 8;
    if (x + w < 0 || x > layout.width || y + font + 4 < 0 || y > layout.height) return;
    cands.push({ x, y, w, h: font + 6, priority, key: texts.length });
    texts.push(text);
    bold.push(strong);
  };
  const human = (id: number) => humanNodeName(topology.nodes[id]);
  const nameBelow = (id: number, priority: number, text = human(id)) => add(text, sx(layout.x[id] - half), sy(layout.y[id] + half) + 3, priority, true);
  if (found !== null && !hidden[layout.groupOf[found]]) nameBelow(found, 0);
  for (let i = 0; i < n; i++) {
    if (ejectedOf[i] > 0 && !hidden[layout.groupOf[i]]) nameBelow(i, 1, `${human(i)}: ${ejectedText(ejectedOf[i], topology.nodes[i].replicas, backOf[i])}`);
  }
  for (let i = 0; i < n; i++) if ((lit[i] || faulted[i]) && !hidden[layout.groupOf[i]]) nameBelow(i, 2);
  if (Cell.step * k >= NAME_PX) {
    // A name sits in the gap under its node; where the gap is narrower than the text, only
    // nodes with nothing under them are named, so no label hides a node's state.
    const roomy = (Cell.step - Cell.size) * k >= font + 9;
    for (const node of topology.nodes) {
      if (hidden[layout.groupOf[node.id]] || (!roomy && !clearBelow[node.id])) continue;
      const x = sx(layout.x[node.id]);
      const y = sy(layout.y[node.id]);
      if (x < -50 || x > layout.width + 50 || y < -20 || y > layout.height + 20) continue;
      nameBelow(node.id, 3);
    }
  }
  const first = cands.filter((c) => c.priority < 2);
  const kept = pickLabels(first, 3, taken);
  const keptBoxes = kept.map((key) => cands[key]);
  kept.push(...pickLabels(cands.filter((c) => c.priority >= 2), 3, [...taken, ...squares, ...keptBoxes]));
  for (const key of kept) {
    const c = cands[key];
    marks.push({ kind: 'label', x: c.x, y: c.y, w: c.w, h: c.h, text: texts[key], px: font });
    ctx.font = `${bold[key] ? 600 : 500} ${font}px ${family}`;
    ctx.lineWidth = 4;
    ctx.strokeStyle = colours.stage;
    ctx.strokeText(texts[key], c.x + 4, c.y + 3);
    ctx.fillStyle = colours.ink;
    ctx.fillText(texts[key], c.x + 4, c.y + 3);
  }
}

/**
 * What an ejected node's label says after its name, as the SVG view's state line: "1 of 3
 * ejected · back at 51.2 s" (`back` is formatSimTime of the first return). Pure.
 */
export function ejectedText(ejected: number, replicas: number, back: string): string {
  return `${ejected} of ${replicas} ejected · back at ${back}`;
}

/**
 * What a part of a tile's title says, which is what colours it: the group's `name`, its member
 * `count`, its calls per second (`rate`), its share `failed` (the failure colour, UI.md "Colour
 * says what happened"); `plain` for the " · " between parts and the "…" of a shortened title.
 */
export type TitleKind = 'name' | 'count' | 'rate' | 'failed' | 'plain';

/** One part of a tile's title: its words and what they mean (canvasSceneState builds them). */
export interface TitlePart {
  text: string;
  kind: TitleKind;
}

/**
 * A tile's title fitted to `room` CSS px (as `measure` says), as runs to draw one after another
 * (their texts joined are the title): the parts joined by " · " when they fit; else parts dropped
 * from the end, though the share failed (the alarm) goes last, with " …" where parts were
 * dropped; else the name alone cut short with "…". The share failed is the part whose kind is
 * `failed`, wherever it stands and whatever it reads. The full text is the tile's tooltip (issue
 * 11's new-user pass: titles ran past their tiles and the stage). Pure.
 */
export function fitTitleRuns(parts: readonly TitlePart[], room: number, measure: (text: string) => number): TitlePart[] {
  const sep: TitlePart = { text: ' · ', kind: 'plain' };
  const join = (ps: readonly TitlePart[], more: boolean): TitlePart[] => [...ps.flatMap((p, i) => (i === 0 ? [p] : [sep, p])), ...(more ? [{ text: ' …', kind: 'plain' as const }] : [])];
  const width = (runs: readonly TitlePart[]) => measure(runs.map((r) => r.text).join(''));
  const all = join(parts, false);
  if (width(all) <= room) return all;
  const failed = parts.length > 1 ? parts.find((p) => p.kind === 'failed') ?? null : null;
  const rest = parts.filter((p) => p !== failed);
  // Drop the rate, then the count; then the share failed.
  for (let keep = rest.length - 1; keep >= 1; keep--) {
    const runs = join([...rest.slice(0, keep), ...(failed ? [failed] : [])], true);
    if (width(runs) <= room) return runs;
  }
  if (failed && width(join([rest[0]], true)) <= room) return join([rest[0]], true);
  const name = rest[0];
  for (let n = name.text.length - 1; n >= 1; n--) {
    const text = `${name.text.slice(0, n).trimEnd()}…`;
    if (measure(text) <= room) return [{ text, kind: name.kind }];
  }
  return [{ text: '…', kind: 'plain' }];
}

/** fitTitleRuns as one string: the title as drawn. Pure. */
export function fitTitle(parts: readonly TitlePart[], room: number, measure: (text: string) => number): string {
  return fitTitleRuns(parts, room, measure)
    .map((r) => r.text)
    .join('');
}
