// An unfolded service's replica cards: how many a row, how large at a scale (their text stays
// readable), and the room they take under the service in the layout.
import type { PlacedNode, TopologyNode } from './layoutTypes';

/** Height of one row of replica cards under an unfolded service, design units. */
export const REPLICA_ROW = 62;
/** Where the cards start under the box, design units: clear of the state line. */
export const CARDS_TOP = 34;
/** Least air between an unfolded service's cards and a node placed by hand under them, design units. */
const CARDS_AIR = 12;
/** Replica cards in a row. */
export const REPLICAS_PER_ROW = 3;
/** Most replica cards drawn; the last says how many more there are. */
export const MAX_REPLICA_CARDS = 12;

/** Rows of replica cards an unfolded service of `replicas` replicas shows at full size (scale 1 or more). Pure. */
export function replicaRows(replicas: number): number {
  return Math.ceil(Math.min(replicas, MAX_REPLICA_CARDS) / REPLICAS_PER_ROW);
}

/**
 * How an unfolded service's replicas are drawn at a scale: `perRow` cards a row, `rows` rows,
 * each card `cardW` x `cardH` and a row `rowH` tall, text `stateFont` and `figureFont` high
 * (design units); or `folded`: one card across the box that counts them by state, when their
 * own cards would not be readable in two rows.
 */
export interface ReplicaGrid {
  folded: boolean;
  perRow: number;
  rows: number;
  cardW: number;
  cardH: number;
  rowH: number;
  stateFont: number;
  figureFont: number;
}

/**
 * Least on-screen size of a replica card's text, CSS px (the new-user pass of issue 11 found
 * 6 px text on 5 px cards; the brief asks text of 11 px or more at 1600x1000). A little over,
 * as the drawing's final fit may come out a hair smaller than the one its cards were sized at.
 */
export const REPLICA_TEXT_PX = { state: 12.5, figure: 11.5 };
/** Least width of a replica card's text, in figure-text heights ("busy 8/8", "12 queued"), plus its 6-unit margins. */
const CARD_W_EM = 4.4;
/**
 * Most rows of grown replica cards (below scale 1); more are folded into one card with their
 * count. At full size the 12 cards drawn take their four rows, as before.
 */
const MAX_REPLICA_ROWS = 2;
const CARD_GAP = 6;

/**
 * The replica cards of a service `w` units wide with `replicas` replicas, drawn at `scale` CSS
 * px per unit: at scale 1 or more three 54-unit cards a row, as before; below it the cards
 * grow by 1/scale so their text stays REPLICA_TEXT_PX on screen, fewer to a row; when two rows
 * cannot hold them all, folded into one card. Pure.
 */
export function replicaGrid(replicas: number, w: number, scale: number): ReplicaGrid {
  const k = Math.max(1, 1 / Math.max(scale, 1e-6));
  const figureFont = Math.max(11, REPLICA_TEXT_PX.figure / scale);
  const stateFont = Math.max(12, REPLICA_TEXT_PX.state / scale);
  const cardH = (REPLICA_ROW - 8) * k;
  const rowH = REPLICA_ROW * k;
  const perRow = Math.max(0, Math.min(REPLICAS_PER_ROW, Math.floor((w + CARD_GAP) / (CARD_W_EM * figureFont + 12 * k + CARD_GAP))));
  const n = Math.min(replicas, MAX_REPLICA_CARDS);
  const rows = perRow > 0 ? Math.ceil(n / perRow) : Number.POSITIVE_INFINITY;
  if (rows <= (k === 1 ? replicaRows(n) : MAX_REPLICA_ROWS)) return { folded: false, perRow, rows, cardW: (w - (perRow - 1) * CARD_GAP) / perRow, cardH, rowH, stateFont, figureFont };
  return { folded: true, perRow: 1, rows: 1, cardW: w, cardH, rowH, stateFont, figureFont };
}

/**
 * Makes room under each unfolded service for its replica cards: the nodes below it in its
 * column move down by that much. Impure: mutates `placed` (y, replicaRoom).
 */
export function unfoldReplicas(placed: PlacedNode[], unfolded: ReadonlySet<string> | undefined, scale: number): void {
  if (!unfolded || unfolded.size === 0) return;
  for (const p of placed) {
    if (!unfolded.has(p.node.name) || !canUnfold(p.node)) continue;
    const grid = replicaGrid(p.node.replicas, p.w, scale);
    // A row of cards each, under the state line (replicaCards' TOP), and 8 units after.
    const room = grid.rows * grid.rowH + 8;
    p.replicaRoom = room;
    p.replicaGrid = grid;
    for (const q of placed) if (q !== p && q.col === p.col && q.y > p.y) q.y += room;
  }
}

/**
 * Moves each node placed by hand (`byHand`) that stands under an unfolded service's replica cards
 * down until its box is CARDS_AIR units clear of their last row; a hand spot the cards leave room
 * for stays. unfoldReplicas moves only the nodes of the service's own column, by their automatic
 * spots: control-plane-boundary-fixed's shoppers, set under storefront by its file's layout, lay
 * under storefront's cards at 1600x1000 (all-scenarios.spec, session 45). Impure: mutates
 * `placed` (y).
 */
export function clearOfCards(placed: readonly PlacedNode[], byHand: (p: PlacedNode) => boolean): void {
  const open = placed.filter((p) => p.replicaGrid !== undefined).sort((a, b) => a.y - b.y);
  for (const u of open) {
    const g = u.replicaGrid!;
    const top = u.y + u.h / 2;
    const bottom = top + CARDS_TOP + (g.rows - 1) * g.rowH + g.cardH + CARDS_AIR;
    for (const q of placed) {
      if (q === u || !byHand(q) || q.y <= u.y) continue;
      if (Math.abs(q.x - u.x) >= (q.w + u.w) / 2) continue;
      if (q.y - q.h / 2 < bottom) q.y = bottom + q.h / 2;
    }
  }
}

/** A node whose replicas can be shown one by one: a service or gateway with more than one. Pure. */
export function canUnfold(n: TopologyNode): boolean {
  return (n.kind === 'service' || n.kind === 'gateway') && n.replicas > 1;
}
