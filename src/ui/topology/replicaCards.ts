// An unfolded service shows its replicas as small cards of their own under its box: each with
// its state (up, down, slow; ejected by callers), busy workers and queue. Frames carry figures
// per service only, so the cards ask the worker's inspector (`inspectNode`) twice a second while
// shown. Drawing is plain DOM (SVG) work on the drawn topology; nothing here knows React.
import { select } from 'd3';
import type { NodeInspect } from '../../workers/protocol';
import { formatCount, formatNumber, formatSimTime } from '../format';
import { MAX_REPLICA_CARDS, REPLICA_ROW, REPLICAS_PER_ROW, type Layout, type PlacedNode } from './layout';

/** How often shown cards ask the worker again, ms (as the inspector panel does). */
export const REPLICA_REFRESH_MS = 500;
const GAP = 6;
const CARD_H = REPLICA_ROW - 8;
/** Where the cards start under the box, design units: clear of the state line. */
const TOP = 34;

/** The worker call the cards make (the comlink proxy of the sim worker has it). */
export interface ReplicaSource {
  inspectNode(id: number): Promise<NodeInspect | null>;
}

let source: ReplicaSource | null = null;

/** Gives the cards their worker (once, at start-up). */
export function bindReplicaSource(api: ReplicaSource): void {
  source = api;
}

/** Where replica card `i` of a box `w` wide sits, design units from the box's top left. Pure. */
export function replicaCardBox(i: number, w: number, h: number): { x: number; y: number; w: number; h: number } {
  const cw = (w - (REPLICAS_PER_ROW - 1) * GAP) / REPLICAS_PER_ROW;
  return { x: (i % REPLICAS_PER_ROW) * (cw + GAP), y: h + TOP + Math.floor(i / REPLICAS_PER_ROW) * REPLICA_ROW, w: cw, h: CARD_H };
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
 * `stage`, and keeps them filled from the worker. Returns a function that stops asking (the
 * cards go with the next drawing). Impure.
 */
export function attachReplicaCards(stage: HTMLElement, layout: Layout): () => void {
  const shown = layout.nodes.filter((p) => (p.replicaRoom ?? 0) > 0);
  const views = new Map<number, Card[]>();
  for (const p of shown) {
    const group = stage.querySelector<SVGGElement>(`svg [data-node="${CSS.escape(p.node.name)}"]`);
    if (group) views.set(p.node.id, drawCards(group, p));
  }
  let stopped = false;
  let busy = false;
  const refresh = async () => {
    if (busy || !source) return;
    busy = true;
    try {
      for (const p of shown) {
        const info = await source.inspectNode(p.node.id);
        if (stopped) return;
        const cards = views.get(p.node.id);
        if (info && cards) fill(cards, info, p.node.replicas);
      }
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

function drawCards(group: SVGGElement, p: PlacedNode): Card[] {
  const layer = select(group).append('g').attr('class', 'topo-replicas').attr('data-testid', 'replica-cards');
  const n = Math.min(p.node.replicas, MAX_REPLICA_CARDS);
  const cards: Card[] = [];
  for (let i = 0; i < n; i++) {
    const b = replicaCardBox(i, p.w, p.h);
    const more = i === n - 1 && p.node.replicas > n ? p.node.replicas - n + 1 : 0;
    const g = layer.append('g').attr('class', 'topo-replica').attr('data-replica', i).attr('transform', `translate(${b.x},${b.y})`);
    const title = g.append('title').text(`replica ${i} of ${p.node.name}`).node() as unknown as SVGTitleElement;
    g.append('rect').attr('class', 'topo-replica-body').attr('width', b.w).attr('height', b.h).attr('rx', 6);
    const state = g.append('text').attr('class', 'topo-replica-state').attr('x', 6).attr('y', 15).text(more ? `+${more} more` : `#${i} …`).node()!;
    const barW = b.w - 12;
    g.append('rect').attr('class', 'topo-replica-track').attr('x', 6).attr('y', 21).attr('width', barW).attr('height', 6).attr('rx', 2);
    const bar = g.append('rect').attr('class', 'topo-replica-bar').attr('x', 6).attr('y', 21).attr('width', 0).attr('height', 6).attr('rx', 2).node()!;
    const busy = g.append('text').attr('class', 'topo-replica-figure').attr('x', 6).attr('y', 39).node()!;
    const queue = g.append('text').attr('class', 'topo-replica-figure').attr('x', 6).attr('y', 51).node()!;
    cards.push({ g: g.node()!, title, state, busy, bar, barW, queue });
  }
  return cards;
}

function fill(cards: Card[], info: NodeInspect, total: number): void {
  cards.forEach((c, i) => {
    const r = info.replicas[i];
    if (!r || (i === cards.length - 1 && total > cards.length)) return;
    const state = replicaState(r);
    c.g.setAttribute('data-state', state);
    c.g.setAttribute('data-busy', String(r.busy));
    c.g.setAttribute('data-queued', String(r.queued));
    c.state.textContent = `#${i} ${state}`;
    c.busy.textContent = `busy ${formatCount(r.busy)}/${formatCount(r.concurrency)}`;
    c.queue.textContent = r.queued > 0 ? `${formatCount(r.queued)} queued` : 'no queue';
    c.bar.setAttribute('width', String((c.barW * Math.min(r.busy, r.concurrency)) / Math.max(1, r.concurrency)));
    const until = r.ejectedBy.length ? Math.max(...r.ejectedBy.map((e) => e.untilMs)) : null;
    c.title.textContent = `replica ${i} (${r.host}): ${state}${r.slowdown > 1 ? `, ${r.slowdown}× slower` : ''}; ${r.busy} of ${r.concurrency} workers busy, ${r.queued} queued, utilisation ${formatNumber(100 * r.utilization)}%${until !== null ? `; ejected until ${formatSimTime(until)}` : ''}`;
  });
}
