// Where each node and edge of a topology goes on screen. Pure geometry, no DOM: clients in
// the left column, services in columns by call depth (breadth-first from the clients), then
// the whole drawing scaled and centred to fit the viewport.
import { bandWidth } from './arrangement';
import { layoutAt } from './layoutAt';
import type { Layout, LayoutOptions, Topology } from './layoutTypes';

/**
 * Lays a topology out and fits it, centred, into a viewport of `width` x `height` CSS
 * pixels: the whole drawing (nodes, queues, labels, curves) stays visible. `options.unfolded`
 * services take room for their replica cards (the nodes below them in their column move down),
 * then each node named in `options.positions` is put at its centre there. Arranged as
 * `options.arrangement` when given, else as bandWidth chooses for the viewport; the result
 * carries its arrangement (Layout.arrangement). Pure.
 */
export function computeLayout(topology: Topology, width: number, height: number, options: LayoutOptions = {}): Layout {
  const arrangement = options.arrangement ?? bandWidth(topology, width, height, options.presenter === true, options.presenter === true && options.roomy === true);
  const { perBand, bare, beside = false, wide = false } = arrangement;
  if (!options.unfolded || options.unfolded.size === 0) return { ...layoutAt(topology, width, height, options, 1, perBand, bare, beside, wide), arrangement };
  // Unfolded cards are sized for the drawing's scale, which their room changes: size them at the
  // scale without them, then again at the scale they give, until it holds (it only shrinks).
  let scale = options.fit?.scale ?? layoutAt(topology, width, height, { ...options, unfolded: undefined }, 1, perBand, bare, beside, wide).scale;
  let layout = layoutAt(topology, width, height, options, scale, perBand, bare, beside, wide);
  for (let i = 0; i < 4 && layout.scale < scale * 0.995; i++) {
    scale = layout.scale;
    layout = layoutAt(topology, width, height, options, scale, perBand, bare, beside, wide);
  }
  return { ...layout, arrangement };
}
