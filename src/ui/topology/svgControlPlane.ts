// The SVG view's control planes: the icon with its name and state line, drawn once per layout,
// and its lines to the proxies it configures pulsing when it pushes config or certificates.
import { NodeSize, type Layout, type PlacedNode } from './layoutTypes';
import { regionRightAt } from './meshRegions';
import { controlLabel } from './nodeTraits';
import { hexPoints, type G } from './marks';
import { NODE_STRIDE, NodeField } from '../../workers/protocol';

/** A control plane as drawn: its icon's group, its lines to proxies, its state line, and what they show. */
export interface ControlView {
  index: number;
  group: SVGGElement;
  links: SVGGElement | null;
  state: SVGTextElement;
  /** The state line's tooltip: its words in full where the line shows them short. */
  stateTitle: SVGTitleElement;
  /** Room right of the icon for its name and state line, design units, to its mesh region's border. */
  room: number;
  /** How the drawing's control planes say their state line, shared by all of them (ControlWords). */
  words: ControlWords;
  shown: string;
  /** Config streams opened plus pushes made, as last seen: when it grows, the lines pulse. */
  activity: number;
  pulses: number;
}

/**
 * Whether a drawing's control planes say their state line short ('CP + CA'), one object shared by
 * every control plane of the drawing: once one must say it short, all do, so two meshes side by side
 * say it the same way (session 51's T2 trial, 11: "payments CP + CA" beside "retail control plane + CA"
 * at 1024x768). It stays short for the drawing's life (a redraw starts afresh). Plain data.
 */
export interface ControlWords {
  short: boolean;
}

/** Where a control plane's name and state line start, right of its icon, design units from its left. */
export const CONTROL_TEXT_X = 2 * NodeSize.controlR + 14;

/**
 * Units kept between a control plane's text and its mesh region's border: 12, about 9 px in a
 * compare pane at 1024x768, where 6 (4.5 px) read as "payments CP + CA" touching the border.
 */
const TEXT_BORDER_GAP = 12;

/**
 * Room for control plane `p`'s name and state line in `layout`, design units: from CONTROL_TEXT_X
 * to its mesh region's right border where the region holds both lines (the name's top, 22 units
 * over the icon's middle, to the state line's foot, 20 under it), less TEXT_BORDER_GAP; Infinity
 * where no region of its mesh is there (a control plane outside its mesh, moved by hand). Pure.
 */
export function controlTextRoom(layout: Pick<Layout, 'meshes'>, p: PlacedNode): number {
  const x = p.x - p.w / 2 + CONTROL_TEXT_X;
  const region = layout.meshes.find((m) => m.name === p.node.mesh);
  const right = region ? regionRightAt(region, x, p.y - 22, p.y + 20) : null;
  return right === null ? Number.POSITIVE_INFINITY : right - x - TEXT_BORDER_GAP;
}

/**
 * A control plane's state line, in full or short: 'control plane + CA' or 'CP + CA', and 'DOWN'
 * after what is down. The short form is for a mesh region too narrow for the words (a compare
 * pane's one-column mesh at 1024x768: about 70 units where the words take 170). Pure.
 */
export function controlStateText(down: boolean, caDown: boolean, short: boolean): string {
  const cp = short ? 'CP' : 'control plane';
  return down && caDown ? `${cp} + CA DOWN` : down ? `${cp} DOWN` : caDown ? 'CA DOWN' : `${cp} + CA`;
}

/**
 * Fits `text` into `room` design units: as it is when its drawn width fits, else squeezed to the
 * room (textLength); returns whether it fit. Reads the drawn width (a layout) only when `room` is
 * finite. Mutates the SVG.
 */
function fitText(text: SVGTextElement, room: number, squeeze: boolean): boolean {
  text.removeAttribute('textLength');
  if (!Number.isFinite(room) || !text.isConnected || text.getComputedTextLength() <= room) return true;
  if (squeeze) {
    text.setAttribute('textLength', String(Math.max(1, room)));
    text.setAttribute('lengthAdjust', 'spacingAndGlyphs');
  }
  return false;
}

/**
 * Draws a control plane's icon, name and state line into `g`; its lines come later. `room`:
 * design units from CONTROL_TEXT_X to its mesh region's right border (Infinity outside a mesh);
 * a name wider than that is squeezed into it, a state line shortened (see showControl). `words`:
 * the drawing's ControlWords, shared by its control planes (a fresh one when not given). Mutates
 * the SVG.
 */
export function drawControlPlane(g: G, p: PlacedNode, room = Number.POSITIVE_INFINITY, words: ControlWords = { short: false }): Omit<ControlView, 'links'> {
  const r = NodeSize.controlR;
  const name = controlLabel(p.node);
  g.append('title').text(`control plane of ${name}: configures the proxies and relays certificates from its CA`);
  // A hexagon, like the proxies it configures.
  const hex = Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return `${r + r * Math.cos(a)},${r + r * Math.sin(a)}`;
  }).join(' ');
  g.append('polygon').attr('class', 'topo-hl-halo').attr('points', hexPoints(r, r, r + 12));
  g.append('polygon').attr('class', 'topo-control-body').attr('points', hex);
  // Three sliders: configuration.
  const icon = g.append('g').attr('class', 'topo-control-icon').attr('transform', `translate(${r},${r})`);
  [-8, 0, 8].forEach((y, i) => {
    icon.append('line').attr('x1', -11).attr('x2', 11).attr('y1', y).attr('y2', y);
    icon.append('circle').attr('cx', [-4, 5, -1][i]).attr('cy', y).attr('r', 3);
  });
  // Its CA: a seal on the hexagon's lower right.
  const ca = g.append('g').attr('class', 'topo-ca').attr('transform', `translate(${2 * r - 4},${2 * r - 6})`);
  ca.append('title').text(`certificate authority of ${name}: signs every workload's certificate`);
  ca.append('circle').attr('r', 11);
  ca.append('text').attr('text-anchor', 'middle').attr('y', 3.5).text('CA');
  const nameText = g.append('text').attr('class', 'topo-name topo-name-small').attr('x', CONTROL_TEXT_X).attr('y', r - 4).text(name).node()!;
  fitText(nameText, room, true);
  // The state line's words in a group of their own, whose title says them in full.
  const line = g.append('g').attr('class', 'topo-cp-words');
  const stateTitle = line.append<SVGTitleElement>('title').node()!;
  const state = line.append('text').attr('class', 'topo-caption topo-cp-state').attr('x', CONTROL_TEXT_X).attr('y', r + 14).node()!;
  const v = { index: p.node.id, group: g.node()!, state, stateTitle, room, words, shown: '', activity: -1, pulses: 0 };
  showControl(v, false, false);
  return v;
}

/**
 * Pulses a control plane's lines to its proxies when it opened a config stream or pushed config
 * since the last update (the counts are cumulative). Mutates the SVG.
 */
/**
 * A redraw (the view resized, say) keeps counting where the last drawing was: a push that
 * landed just before it is neither lost nor pulsed twice.
 */
export function carryControl(v: ControlView, was: { activity: number; pulses: number } | undefined): ControlView {
  if (!was) return v;
  v.activity = was.activity;
  v.pulses = was.pulses;
  if (v.pulses > 0) v.links?.setAttribute('data-pulses', String(v.pulses));
  return v;
}

/** Pulses the control plane's lines when its config streams plus pushes (`activity`) grew since last seen. Mutates the SVG and `v`. */
export function pulseControl(v: ControlView, activity: number): void {
  const grew = v.activity >= 0 && activity > v.activity;
  // A new run counts from zero again.
  v.activity = activity;
  if (!grew || !v.links) return;
  v.pulses++;
  v.links.setAttribute('data-pulses', String(v.pulses));
  // Restart the animation: off, a reflow, on.
  v.links.classList.remove('topo-cp-pulse');
  void v.links.getBoundingClientRect();
  v.links.classList.add('topo-cp-pulse');
}

/**
 * Shows the control plane and its CA as up or down, in its state line and its lines' style. The
 * line's words are shortened ('CP + CA'), then squeezed, where they would run past `v.room`, or
 * where another control plane of the drawing already says them short (`v.words`); its title always
 * says them in full. Returns true when this line turned the drawing's words short (the others then
 * need showing again: their words changed). Mutates the SVG and `v.words`.
 */
export function showControl(v: Omit<ControlView, 'links'> & { links?: SVGGElement | null }, down: boolean, caDown: boolean): boolean {
  const key = `${down}|${caDown}|${v.words.short}`;
  if (key === v.shown) return false;
  v.shown = key;
  v.group.classList.toggle('topo-cp-down', down);
  v.group.classList.toggle('topo-ca-down', caDown);
  v.links?.classList.toggle('topo-cp-links-down', down);
  const full = controlStateText(down, caDown, false);
  v.stateTitle.textContent = full;
  v.state.textContent = full;
  if (!v.words.short && fitText(v.state, v.room, false)) return false;
  const turned = !v.words.short;
  v.words.short = true;
  v.shown = `${down}|${caDown}|true`;
  v.state.textContent = controlStateText(down, caDown, true);
  fitText(v.state, v.room, true);
  return turned;
}

/**
 * A frame's control planes: each one's state (showControl: down when its frame's `down` field is
 * set, its CA when `stale` is) and its lines' pulse (pulseControl: its first two fields count
 * config streams opened and pushes made), from `nodes`, the frame's node fields (NODE_STRIDE per
 * node; null or short: up, no pulse); and when one turned the drawing's words short, every one
 * shown again so all say them so (ControlWords). Mutates the SVG and the views.
 */
export function showControls(controls: readonly ControlView[], nodes: ArrayLike<number> | null): void {
  const show = (v: ControlView) => {
    const i = v.index * NODE_STRIDE;
    const ok = nodes !== null && nodes.length >= i + NODE_STRIDE;
    return { ok, i, turned: showControl(v, ok && nodes[i + NodeField.down] > 0, ok && nodes[i + NodeField.stale] > 0) };
  };
  let turned = false;
  for (const v of controls) {
    const s = show(v);
    turned = s.turned || turned;
    if (s.ok) pulseControl(v, nodes![s.i + NodeField.busy] + nodes![s.i + NodeField.queued]);
  }
  if (turned) for (const v of controls) show(v);
}
