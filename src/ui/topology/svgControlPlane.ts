// The SVG view's control planes: the icon with its name and state line, drawn once per layout,
// and its lines to the proxies it configures pulsing when it pushes config or certificates.
import { NodeSize, type PlacedNode } from './layoutTypes';
import { controlLabel } from './nodeTraits';
import { hexPoints, type G } from './marks';

/** A control plane as drawn: its icon's group, its lines to proxies, its state line, and what they show. */
export interface ControlView {
  index: number;
  group: SVGGElement;
  links: SVGGElement | null;
  state: SVGTextElement;
  shown: string;
  /** Config streams opened plus pushes made, as last seen: when it grows, the lines pulse. */
  activity: number;
  pulses: number;
}

/** Draws a control plane's icon, name and state line into `g`; its lines come later. Mutates the SVG. */
export function drawControlPlane(g: G, p: PlacedNode): Omit<ControlView, 'links'> {
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
  g.append('text').attr('class', 'topo-name topo-name-small').attr('x', 2 * r + 14).attr('y', r - 4).text(name);
  const state = g.append('text').attr('class', 'topo-caption topo-cp-state').attr('x', 2 * r + 14).attr('y', r + 14).text('control plane + CA').node()!;
  return { index: p.node.id, group: g.node()!, state, shown: '', activity: -1, pulses: 0 };
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

/** Shows the control plane and its CA as up or down, in its state line and its lines' style. Mutates the SVG. */
export function showControl(v: ControlView, down: boolean, caDown: boolean): void {
  const key = `${down}|${caDown}`;
  if (key === v.shown) return;
  v.shown = key;
  v.group.classList.toggle('topo-cp-down', down);
  v.group.classList.toggle('topo-ca-down', caDown);
  v.links?.classList.toggle('topo-cp-links-down', down);
  v.state.textContent = down && caDown ? 'control plane + CA DOWN' : down ? 'control plane DOWN' : caDown ? 'CA DOWN' : 'control plane + CA';
}
