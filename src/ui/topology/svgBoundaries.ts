// Draws the boundaries a control plane denies (boundaryRegions.ts) into the SVG: a dashed
// sub-region inside the mesh's region, and its words above its top-left corner.
import type { Selection } from 'd3';
import { boundaryText, LINE_EM, type BoundaryRegion } from './boundaryRegions';

/** What was drawn: the words (for link labels to keep off) and how to move it after a drag. */
export interface BoundaryView {
  readonly labels: readonly SVGTextElement[];
  /** Puts each outline and its words where `next` has them (same order as drawn). Mutates the SVG. */
  move(next: readonly BoundaryRegion[]): void;
}

/**
 * Appends one `g.topo-boundary[data-boundary]` per region to `layer` (design units): the outline
 * (`.topo-boundary-area`), its words (`.topo-boundary-label`) and a tooltip. Impure: mutates `layer`.
 */
export function drawBoundaries(layer: Selection<SVGGElement, unknown, null, undefined>, regions: readonly BoundaryRegion[]): BoundaryView {
  const paths: SVGPathElement[] = [];
  const labels: SVGTextElement[] = [];
  for (const r of regions) {
    const words = boundaryText({ boundary: r.name, mesh: r.mesh });
    const g = layer.append('g').attr('class', 'topo-boundary').attr('data-boundary', r.name).attr('data-boundary-of', r.mesh);
    g.append('title').text(`${words}: its proxies get no routes, endpoints or certificate`);
    paths.push(g.append('path').attr('class', 'topo-boundary-area').attr('d', r.path).node()!);
    const text = g.append('text').attr('class', 'topo-boundary-label').style('font-size', `${r.fontUnits}px`);
    for (const line of r.lines) text.append('tspan').text(line);
    place(text.node()!, r);
    labels.push(text.node()!);
  }
  return {
    labels,
    move(next) {
      next.forEach((r, i) => {
        paths[i]?.setAttribute('d', r.path);
        if (labels[i]) place(labels[i], r);
      });
    },
  };
}

/** Puts a boundary's lines (its text's tspans) at their baselines, the last at `r.label`. Mutates `text`. */
function place(text: SVGTextElement, r: BoundaryRegion): void {
  const spans = text.querySelectorAll('tspan');
  spans.forEach((t, i) => {
    t.setAttribute('x', String(r.label.x));
    t.setAttribute('y', String(r.label.y - (spans.length - 1 - i) * LINE_EM * r.fontUnits));
  });
}
