// An unfolded service shows its replicas as small cards of their own under its box: each with
// its state (up, down, slow; ejected by callers), busy workers and queue (in a scenario placed in
// several zones: its zone and requests served per second, zoneText.ts). Frames carry figures
// per service only, so the cards ask the worker's inspector (`inspectNode`) twice a second while
// shown and the run plays, and once after each move while it stands still. Drawing is plain DOM (SVG) work on the drawn topology; nothing here knows React.
import { select } from 'd3';
import type { NodeInspect } from '../../workers/protocol';
import { formatCount, formatNumber, formatSimTime } from '../format';
import { CARDS_TOP, MAX_REPLICA_CARDS, REPLICA_ROW, REPLICAS_PER_ROW, replicaGrid, type ReplicaGrid } from './replicaGrid';
import { type Layout, type PlacedNode } from './layoutTypes';
import { shouldPoll } from '../charts/seriesStore';
import { hasZones, servedLine, zoneServedWords } from './zoneText';

/** How often shown cards ask the worker again, ms (as the inspector panel does). */
export const REPLICA_REFRESH_MS = 500;
const GAP = 6;
const CARD_H = REPLICA_ROW - 8;
const TOP = CARDS_TOP;

/** The worker call the cards make (the comlink proxy of the sim worker has it). */
export interface ReplicaSource {
  inspectNode(id: number): Promise<NodeInspect | null>;
}

let source: ReplicaSource | null = null;

/**
 * Where the run stands, read at each tick: its status, the number of the last frame (`stats.seq`)
 * and the scenario (`info`), as the app's store holds them. A run standing still gives the cards
 * nothing new, and every call to the worker puts its idle snapshot fill off (sim.worker.ts).
 */
export type RunMotion = () => { status: string; seq: number; info: unknown };

/** Gives the cards their worker (once, at start-up). */
export function bindReplicaSource(api: ReplicaSource): void {
  source = api;
}

/** Workers of the pictures drawn inside an element (the compare view's panes, one run each). */
const sourcesWithin = new WeakMap<Element, ReplicaSource>();

/** Gives the cards drawn inside `el` their worker, in place of the one of `bindReplicaSource`. */
export function bindReplicaSourceWithin(el: Element, api: ReplicaSource): void {
  sourcesWithin.set(el, api);
}

function sourceOf(stage: Element): ReplicaSource | null {
  for (let e: Element | null = stage; e; e = e.parentElement) if (sourcesWithin.has(e)) return sourcesWithin.get(e)!;
  return source;
}

/**
 * Where replica card `i` of a box `w` wide sits, design units from the box's top left: by
 * `grid` (see replicaGrid), or three full-size cards a row. Pure.
 */
export function replicaCardBox(i: number, w: number, h: number, grid?: ReplicaGrid): { x: number; y: number; w: number; h: number } {
  if (grid) return { x: (i % grid.perRow) * (grid.cardW + GAP), y: h + TOP + Math.floor(i / grid.perRow) * grid.rowH, w: grid.cardW, h: grid.cardH };
  const cw = (w - (REPLICAS_PER_ROW - 1) * GAP) / REPLICAS_PER_ROW;
  return { x: (i % REPLICAS_PER_ROW) * (cw + GAP), y: h + TOP + Math.floor(i / REPLICAS_PER_ROW) * REPLICA_ROW, w: cw, h: CARD_H };
}

/**
 * A folded card's words: how many replicas and how many in each state ("3 replicas", "2 up ·
 * 1 down"), and their busy workers and queue summed ("busy 5/24 · 3 queued"). Pure.
 */
export function foldedSummary(info: NodeInspect): { count: string; states: string; load: string } {
  const by = { up: 0, slow: 0, ejected: 0, down: 0 };
  let busy = 0;
  let slots = 0;
  let queued = 0;
  for (const r of info.replicas) {
    by[replicaState(r)]++;
    busy += r.busy;
    slots += r.concurrency;
    queued += r.queued;
  }
  const n = info.replicas.length;
  const states = (['up', 'slow', 'ejected', 'down'] as const).filter((k) => by[k] > 0).map((k) => `${formatCount(by[k])} ${k}`);
  return {
    count: `${formatCount(n)} replica${n === 1 ? '' : 's'}`,
    states: states.join(' · '),
    load: `busy ${formatCount(busy)}/${formatCount(slots)}${queued > 0 ? ` · ${formatCount(queued)} queued` : ''}`,
  };
}

/** A replica's state as its card says it: down, ejected (by any caller), slow, or up. Pure. */
export function replicaState(r: NodeInspect['replicas'][number]): 'down' | 'ejected' | 'slow' | 'up' {
  return r.state === 'down' ? 'down' : r.ejectedBy.length > 0 ? 'ejected' : r.state === 'slow' ? 'slow' : 'up';
}

interface Card {
  g: SVGGElement;
  title: SVGTitleElement;
  state: SVGTextElement;
  busy: SVGTextElement;
  bar: SVGRectElement;
  barW: number;
  queue: SVGTextElement;
}

/**
 * Draws the replica cards of every unfolded service of `layout` into the topology SVG inside
 * `stage`, and keeps them filled from the worker: every REPLICA_REFRESH_MS while the run plays,
 * and with `motion`, standing still, only once after it moved (a seek, a step, a change); without
 * `motion`, at every tick. Returns a function that stops asking (the cards go with the next
 * drawing). Impure.
 */
export function attachReplicaCards(stage: HTMLElement, layout: Layout, motion?: RunMotion): () => void {
  const shown = layout.nodes.filter((p) => (p.replicaRoom ?? 0) > 0);
  // Zones are named on the cards only where the scenario places hosts in more than one.
  const zoned = hasZones(motion?.().info);
  const views = new Map<number, Card[]>();
  const folds = new Map<number, Folded>();
  for (const p of shown) {
    const group = stage.querySelector<SVGGElement>(`svg [data-node="${CSS.escape(p.node.name)}"]`);
    const grid = p.replicaGrid ?? replicaGrid(p.node.replicas, p.w, layout.scale);
    if (group && grid.folded) folds.set(p.node.id, drawFolded(group, p, grid));
    else if (group) views.set(p.node.id, drawCards(group, p, grid));
  }
  let stopped = false;
  let busy = false;
  // The run as it stood at the last ask that was answered (shouldPoll: ask again while it plays or once it moved).
  const answered: { seq: number; info: unknown } = { seq: -1, info: null };
  const refresh = async () => {
    const from = sourceOf(stage);
    if (busy || !from) return;
    const now = motion?.();
    if (now && !shouldPoll(now.status, now.seq, now.info, answered)) return;
    busy = true;
    try {
      for (const p of shown) {
        const info = await from.inspectNode(p.node.id);
        if (stopped) return;
        const cards = views.get(p.node.id);
        if (info && cards) fill(cards, info, p.node.replicas, zoned);
        const folded = folds.get(p.node.id);
        if (info && folded) fillFolded(folded, info);
      }
      if (now) Object.assign(answered, { seq: now.seq, info: now.info });
    } catch {
      // The worker went away (a new scenario is opening): the next drawing asks again.
    } finally {
      busy = false;
    }
  };
  void refresh();
  const timer = setInterval(() => void refresh(), REPLICA_REFRESH_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

function drawCards(group: SVGGElement, p: PlacedNode, grid: ReplicaGrid): Card[] {
  const layer = select(group).append('g').attr('class', 'topo-replicas').attr('data-testid', 'replica-cards');
  const n = Math.min(p.node.replicas, MAX_REPLICA_CARDS);
  // At scale 1 or more the card's own sizes; below, all grown alike so the text stays readable.
  const k = grid.cardH / CARD_H;
  const cards: Card[] = [];
  for (let i = 0; i < n; i++) {
    const b = replicaCardBox(i, p.w, p.h, grid);
    const more = i === n - 1 && p.node.replicas > n ? p.node.replicas - n + 1 : 0;
    const g = layer.append('g').attr('class', 'topo-replica').attr('data-replica', i).attr('transform', `translate(${b.x},${b.y})`);
    const title = g.append('title').text(`replica ${i} of ${p.node.name}`).node() as unknown as SVGTitleElement;
    g.append('rect').attr('class', 'topo-replica-body').attr('width', b.w).attr('height', b.h).attr('rx', 6 * k);
    const state = g.append('text').attr('class', 'topo-replica-state').attr('style', `font-size:${grid.stateFont}px`).attr('x', 6 * k).attr('y', 15 * k).text(more ? `+${more} more` : `#${i} …`).node()!;
    const barW = b.w - 12 * k;
    g.append('rect').attr('class', 'topo-replica-track').attr('x', 6 * k).attr('y', 21 * k).attr('width', barW).attr('height', 6 * k).attr('rx', 2 * k);
    const bar = g.append('rect').attr('class', 'topo-replica-bar').attr('x', 6 * k).attr('y', 21 * k).attr('width', 0).attr('height', 6 * k).attr('rx', 2 * k).node()!;
    const figure = (y: number) => g.append('text').attr('class', 'topo-replica-figure').attr('style', `font-size:${grid.figureFont}px`).attr('x', 6 * k).attr('y', y * k).node()!;
    const busy = figure(39);
    const queue = figure(51);
    cards.push({ g: g.node()!, title, state, busy, bar, barW, queue });
  }
  return cards;
}

interface Folded {
  /** Room for a line of text, design units. */
  width: number;
  title: SVGTitleElement;
  states: SVGTextElement;
  load: SVGTextElement;
}

/**
 * One card across the box for replicas whose own cards would be too small to read: their count
 * now, their states and load once the worker answers. Mutates the SVG.
 */
function drawFolded(group: SVGGElement, p: PlacedNode, grid: ReplicaGrid): Folded {
  const layer = select(group).append('g').attr('class', 'topo-replicas topo-replicas-folded').attr('data-testid', 'replica-cards').attr('data-folded', p.node.replicas);
  const b = replicaCardBox(0, p.w, p.h, grid);
  const k = grid.cardH / CARD_H;
  const g = layer.append('g').attr('class', 'topo-replica').attr('transform', `translate(${b.x},${b.y})`);
  const title = g.append('title').text(`${p.node.replicas} replicas of ${p.node.name}; zoom in or widen the window to see each`).node() as unknown as SVGTitleElement;
  g.append('rect').attr('class', 'topo-replica-body').attr('width', b.w).attr('height', b.h).attr('rx', 6 * k);
  const count = g.append('text').attr('class', 'topo-replica-state').attr('style', `font-size:${grid.stateFont}px`).attr('x', 6 * k).attr('y', 17 * k).node()!;
  setFitted(count, [`${formatCount(p.node.replicas)} replicas`, `×${formatCount(p.node.replicas)}`], b.w - 12 * k);
  const line = (y: number) => g.append('text').attr('class', 'topo-replica-figure').attr('style', `font-size:${grid.figureFont}px`).attr('x', 6 * k).attr('y', y * k).node()!;
  return { width: b.w - 12 * k, title, states: line(33), load: line(48) };
}

/**
 * Sets `el`'s text, cut with an ellipsis where it is wider than `width` design units (the full
 * text stays in the card's tooltip). Mutates the SVG. NOTE: measures text, twice a second a card.
 */
function setFitted(el: SVGTextElement, text: string | readonly string[], width: number): void {
  // Shorter wordings to try, in order, before the last is cut.
  const tries = typeof text === 'string' ? [text] : text;
  for (const t of tries) {
    el.textContent = t;
    if (!el.isConnected || width <= 0 || el.getComputedTextLength() <= width) return;
  }
  text = tries[tries.length - 1];
  let n = text.length;
  while (n > 1 && el.getComputedTextLength() > width) {
    n--;
    el.textContent = `${text.slice(0, n).trimEnd()}…`;
  }
}

function fillFolded(f: Folded, info: NodeInspect): void {
  const s = foldedSummary(info);
  setFitted(f.states, s.states, f.width);
  setFitted(f.load, s.load, f.width);
  f.title.textContent = `${s.count} of ${info.name}: ${s.states}; ${s.load}. Zoom in or widen the window to see each replica.`;
}

function fill(cards: Card[], info: NodeInspect, total: number, zoned: boolean): void {
  cards.forEach((c, i) => {
    const r = info.replicas[i];
    if (!r || (i === cards.length - 1 && total > cards.length)) return;
    const state = replicaState(r);
    c.g.setAttribute('data-state', state);
    c.g.setAttribute('data-busy', String(r.busy));
    c.g.setAttribute('data-queued', String(r.queued));
    const room = c.barW;
    setFitted(c.state, `#${i} ${state}`, room);
    // In a zoned scenario the two lines say where it runs and what it serves now (the bar keeps
    // its busy workers, the tooltip their count): zone-failover's lesson is which zone serves.
    if (zoned) c.g.setAttribute('data-zone', r.zone);
    setFitted(c.busy, zoned ? r.zone : `busy ${formatCount(r.busy)}/${formatCount(r.concurrency)}`, room);
    setFitted(c.queue, zoned ? servedLine(r) : r.queued > 0 ? `${formatCount(r.queued)} queued` : 'no queue', room);
    c.bar.setAttribute('width', String((c.barW * Math.min(r.busy, r.concurrency)) / Math.max(1, r.concurrency)));
    const until = r.ejectedBy.length ? Math.max(...r.ejectedBy.map((e) => e.untilMs)) : null;
    c.title.textContent = `replica ${i} (${r.host}${zoned ? `, ${r.zone}` : ''}): ${state}${r.slowdown > 1 ? `, ${r.slowdown}× slower` : ''}; ${r.busy} of ${r.concurrency} workers busy, ${r.queued} queued, utilisation ${formatNumber(100 * r.utilization)}%${zoned ? `; ${zoneServedWords(r)}` : ''}${until !== null ? `; ejected until ${formatSimTime(until)}` : ''}`;
  });
}
