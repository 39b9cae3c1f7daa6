// The canvas view's text, in screen pixels: each tile's title in its header, fitted to its room,
// then node labels through the label grid (labelGrid.ts), never over a title or a lock.
import { Cell } from './groupLayout';
import { pickLabels, type LabelCandidate, type LabelObstacle } from './labelGrid';
import { BROKEN_LOCK_RADIUS_PX, LOCK_RADIUS_PX } from './canvasMarks';
import { humanNodeName } from '../inspector/picker';
import type { CanvasSceneState } from './canvasSceneState';
import type { CanvasFrame } from './canvasFrame';
import type { DrawnLocks } from './canvasEventMarks';
import type { LaneIndex } from './laneObstacles';

/** Screen pixels a cell must span before nodes are named. */
const NAME_PX = 20;
/** Tile titles' widths measured in a scene's draws, CSS px by `${px}|${text}`, in one font family. */
const titleWidths = new WeakMap<CanvasSceneState, { family: string; widths: Map<string, number> }>();

/**
 * Draws the tile titles, then the labels: the found node, ejected replicas' return times and saturated sidecars' backlog
 * (which may cover a square under them: they are what was asked for, or news), then, never over
 * a node's square either, highlighted and faulted nodes, then names of nodes big enough to read.
 * Every tile on screen gets a title while its header (and half the gap above it) can hold the
 * text, inside the tile (fitTileTitle), else, for a tile too narrow for its name, to the next
 * tile on its right; never past the first lock on that band or the stage's edge.
 * A node's label keeps off the lanes drawn (`lanes`, laneObstacles.ts): where its place under the
 * node meets one it goes above the node if that is clear of lanes, titles and locks; else a label
 * that was asked for or is news stays under the node, and a plain name is left out.
 * Impure: draws on `f.ctx` (at device pixels), appends to `f.marks`, sets `s.drawnTitles`.
 */
export function drawLabels(s: CanvasSceneState, f: CanvasFrame, drawnLocks: DrawnLocks, lanes: LaneIndex | null = null): void {
  const { topology, layout, n, hidden, ejectedOf, backOf, backlogOf, lit, faulted, clearBelow, groupParts, groupText, titleRight, found } = s;
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
  // NOTE: a title is measured at each size it may take, in two passes, and a width once measured
  // is kept for the scene: the first draw of 1,000 services measured some 2,000 strings (35 ms).
  let measured = titleWidths.get(s);
  if (!measured || measured.family !== family || measured.widths.size > 4096) titleWidths.set(s, (measured = { family, widths: new Map() }));
  const { widths } = measured;
  let fontPx = font;
  const measureAt = (t: string, px: number) => {
    const key = `${px}|${t}`;
    let w = widths.get(key);
    if (w === undefined) {
      if (fontPx !== px) ctx.font = `500 ${(fontPx = px)}px ${family}`;
      w = ctx.measureText(t).width;
      widths.set(key, w);
    }
    return w;
  };
  s.drawnTitles = [];
  // First each tile's room and the size its title fits at; then every title at the smallest of
  // those sizes, so the tiles read alike (presenter mode at 1024x768 had fortio's at 12 px beside
  // svc's at 11).
  const plans = [];
  for (const g of layout.groups) {
    if (hidden[g.index]) continue;
    const tile = { x: sx(g.x), y: sy(g.y), w: g.w * k, h: g.h * k };
    if (tile.x > stageW || tile.x + tile.w < 8 || tile.y > stageH || tile.y + tile.h < 0) continue;
    const headerPx = layout.header * k;
    const left = Math.max(tile.x + 4, 2);
    let right = Math.min(stageW - 2, Number.isFinite(titleRight[g.index]) ? sx(titleRight[g.index]) - 6 : Number.POSITIVE_INFINITY);
    // Where the title band meets a lock, at the largest size the title may take.
    const bandTop = headerPx >= titleH ? tile.y + Math.min(8, (headerPx - titleH) / 2) : sy(g.y + layout.header) - titleH;
    for (const l of lockBoxes) if (l.x > left && l.x < right && l.y < bandTop + titleH && bandTop < l.y + l.h) right = l.x - 2;
    const tileRoom = Math.min(right, tile.x + tile.w - 1) - left - 8;
    plans.push({ g, tile, headerPx, left, right, tileRoom, px: fitTileTitle(groupParts[g.index], tileRoom, right - left - 8, font, measureAt).px });
  }
  const common = Math.min(font, ...plans.map((p) => p.px));
  for (const { g, tile, headerPx, left, right, tileRoom } of plans) {
    const nodesTop = sy(g.y + layout.header + (Cell.step - Cell.size) / 2);
    const fit = fitTileTitle(groupParts[g.index], tileRoom, right - left - 8, common, measureAt);
    const px = fit.px;
    const h = px + 6;
    const top = headerPx >= h ? tile.y + Math.min(8, (headerPx - h) / 2) : sy(g.y + layout.header) - h;
    // Zoomed out past the room for text: the tooltip still names the tile.
    if (top < tile.y - (Cell.gapY * k) / 2) continue;
    // A title keeps inside the stage or is not drawn (a header above the stage's top was cut).
    if (top < 0 || top + h > stageH) continue;
    const runs = fit.runs;
    ctx.font = `500 ${px}px ${family}`;
    const text = runs.map((r) => r.text).join('');
    const w = Math.min(right - left, measure(text) + 8);
    const full = groupText[g.index];
    s.drawnTitles.push({ x: left, y: top, w, h, full, tile });
    taken.push({ x: left, y: top, w, h });
    marks.push({ kind: 'title', x: left, y: top, w, h, text, full, group: g.name, px, tile, nodesTop });
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
  const named: number[] = [];
  const add = (text: string, x: number, y: number, priority: number, strong: boolean, inside: LabelObstacle | null, node: number) => {
    ctx.font = `${strong ? 600 : 500} ${font}px ${family}`;
    const w = measure(text) + 8;
    const h = font + 6;
    // A plain name keeps clear of its tile's border (canvas-truth at 1024x768 had svc's bottom
    // names on the tile's border line): moved in from the right edge where the tile is wide
    // enough for it, and under the bottom row, where the room inside is less than the text, just
    // below the tile's bottom line rather than across it.
    if (inside) {
      const bottom = inside.y + inside.h;
      if (y + h > bottom - 2 && y < bottom + 2) y = bottom + 2;
      if (w <= inside.w - 4) x = Math.max(inside.x + 2, Math.min(x, inside.x + inside.w - 2 - w));
    }
    // A label keeps inside the stage or is not drawn. A node whose square is on the stage keeps its
    // label on it, moved in from the edge: "web: proxies saturated · ≈6,600 waiting" under a node
    // at the right edge ran off it, and "o-099" and "ol plane of the mesh" were cut at the left
    // edge (N18's trial, 7); a label whose node is off the stage, or that the stage cannot hold, is
    // left out.
    if (x + side <= 0 || x >= stageW || w > stageW || y < 0 || y + h > stageH) return;
    x = Math.min(Math.max(x, 0), stageW - w);
    // Off the lanes (session 50: web's saturated label on the c -> web lane at 1024x768).
    if (lanes?.meets(x, y, w, h)) {
      const above = sy(layout.y[node] - half) - 3 - h;
      const meets = (o: LabelObstacle) => x < o.x + o.w && o.x < x + w && above < o.y + o.h && o.y < above + h;
      if (above >= 0 && !lanes.meets(x, above, w, h) && !taken.some(meets)) y = above;
      else if (priority >= 2) return;
    }
    cands.push({ x, y, w, h, priority, key: texts.length });
    texts.push(text);
    bold.push(strong);
    named.push(node);
  };
  const human = (id: number) => humanNodeName(topology.nodes[id]);
  const tileOf = (id: number): LabelObstacle | null => {
    const g = layout.groups[layout.groupOf[id]];
    return g ? { x: sx(g.x), y: sy(g.y), w: g.w * k, h: g.h * k } : null;
  };
  // The found node's ring (renderCanvasTopology: 5 + 3 px out, max(3, 3 px) wide, design units) is below its square: its
  // labels under the ring, not on it, its state line (ejected, saturated) a line under its found label; named once.
  const ringBelow = 5 + 3 / k + Math.max(3, 3 / k) / 2;
  const nameBelow = (id: number, priority: number, text = human(id)) => {
    if (priority >= 2 && id === found) return;
    const below = id === found ? ringBelow + (priority === 0 ? 0 : (font + 6) / k) : 0;
    add(text, sx(layout.x[id] - half), sy(layout.y[id] + half + below) + 3, priority, true, tileOf(id), id);
  };
  // The found node's name says its rates, as hovering it does: "svc-042 · 70 req/s in · 70 req/s out".
  if (found !== null && !hidden[layout.groupOf[found]]) nameBelow(found, 0, s.foundRates ? `${human(found)} · ${s.foundRates}` : human(found));
  for (let i = 0; i < n; i++) {
    if (hidden[layout.groupOf[i]]) continue;
    // As the SVG view's state lines: ejected replicas with their return, saturated sidecars with about how many wait.
    const said = [ejectedOf[i] > 0 ? ejectedText(ejectedOf[i], topology.nodes[i].replicas, backOf[i]) : '', backlogOf[i]].filter(Boolean);
    if (said.length > 0) nameBelow(i, 1, `${human(i)}: ${said.join(' · ')}`);
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
    const id = named[key];
    marks.push({ kind: 'label', x: c.x, y: c.y, w: c.w, h: c.h, text: texts[key], px: font, cx: sx(layout.x[id]), cy: sy(layout.y[id]) });
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
  /** A shorter form a tile's title may take where `text` does not fit ("7.0k/s" for "7,028 req/s"). */
  short?: string;
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

/** The smallest size a tile's title steps down to before it is shortened, CSS px (N3's trial: 10). */
export const TITLE_MIN_PX = 10;

/**
 * A tile's title fitted inside its tile: at `px`, else a pixel smaller at a time down to
 * TITLE_MIN_PX, the first size at which the group's name shows whole, with as much of the rest as
 * fits in `tileRoom` CSS px: the whole title; else with each part's short form ("svc 000–099 ·
 * 7.0k/s"); else parts dropped as fitTitleRuns drops them. A count the name's range already says
 * ("svc 000–099" of 100) is left out first (withoutImpliedCount). What is dropped leaves no "…"
 * behind a whole name: the title reads whole, its tooltip has the rest (N9's trial: "svc 000–099
 * …" at 1600x1000 read as a name cut short). A name that does not fit whole even then (a one-node
 * tile, "control planes") runs over the gap beside its tile as before, in `gapRoom` at `px`, and so
 * does a title whose share failed (the alarm) would not fit inside. At 1024x768 the full load
 * test's "svc 000–099 · 100" ran 20 px past its 90 px tile, and "fortio 000–099 …" 21 px (N3's
 * trial, 6a). `measureAt(text, px)` gives a width in CSS px. Pure but for what `measureAt` does.
 */
export function fitTileTitle(parts: readonly TitlePart[], tileRoom: number, gapRoom: number, px: number, measureAt: (text: string, px: number) => number): { runs: TitlePart[]; px: number } {
  const shown = withoutImpliedCount(parts);
  const short = shown.some((p) => p.short) ? shown.map((p) => (p.short ? { text: p.short, kind: p.kind } : p)) : null;
  const name = shown[0]?.text ?? '';
  const alarm = (runs: readonly TitlePart[]) => runs.some((r) => r.kind === 'failed');
  const hasAlarm = alarm(shown);
  // Runs fitted to `room` at `p`: the whole title, else its short form whole, else shortened.
  const fit = (room: number, p: number): TitlePart[] => {
    const m = (t: string) => measureAt(t, p);
    const runs = fitTitleRuns(shown, room, m);
    if (!short || !dropped(runs)) return noMore(runs, name);
    const shortRuns = fitTitleRuns(short, room, m);
    return noMore(dropped(shortRuns) ? runs : shortRuns, name);
  };
  let nameWhole: { runs: TitlePart[]; px: number } | null = null;
  for (let p = px; p >= Math.min(px, TITLE_MIN_PX); p--) {
    const runs = fit(tileRoom, p);
    if (runs[0]?.text !== name) continue;
    if (!hasAlarm || alarm(runs)) return { runs, px: p };
    nameWhole ??= { runs, px: p };
  }
  // The share failed is never dropped to keep a title inside its tile: it runs over the gap
  // beside the tile, as every title did before (polish2.spec's failing api tile lost its "· 100%
  // failed" to the in-tile fit).
  const overGap = fit(gapRoom, px);
  if (hasAlarm && alarm(overGap)) return { runs: overGap, px };
  return nameWhole ?? { runs: overGap, px };
}

/** Whether fitTitleRuns dropped parts or cut the name: its runs end in "…". Pure. */
function dropped(runs: readonly TitlePart[]): boolean {
  return runs.length > 0 && runs[runs.length - 1].text.endsWith('…');
}

/** `runs` without fitTitleRuns' closing " …" where the name in them is whole (`name`). Pure. */
function noMore(runs: TitlePart[], name: string): TitlePart[] {
  return runs[0]?.text === name && runs.length > 1 && runs[runs.length - 1].text === ' …' ? runs.slice(0, -1) : runs;
}

/**
 * `parts` without a `count` part that the name's closing range already says: "svc 000–099" with
 * 100 members (the range's span, both ends counted). Any other count stays. Pure.
 */
export function withoutImpliedCount(parts: readonly TitlePart[]): readonly TitlePart[] {
  const m = /(\d+)\s*[–-]\s*(\d+)$/.exec(parts[0]?.text ?? '');
  if (!m) return parts;
  const span = Number(m[2]) - Number(m[1]) + 1;
  return parts.filter((p) => !(p.kind === 'count' && Number(p.text.replace(/,/g, '')) === span));
}
