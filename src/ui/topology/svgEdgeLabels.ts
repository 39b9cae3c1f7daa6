// The SVG drawing's link labels: the glue between renderTopology's drawing and edgeLabelPlace's
// pure placers. Each link's quiet label (calls per second) sits at the spot placeEdgeLabels found,
// says all its figures while the pointer is on its link, and shows wherever the story points at
// its link (placeStoryLabel), even where the placer left it out.
import { select, type Selection } from 'd3';
import { edgeLabelParts, edgeShortLabel, type EdgeRate } from './edgeRates';
import { leftOutGroups, leftOutSpot, leftOutWords, wordsBox } from './leftOutCount';
import { byItsLink, LABEL_BOX, labelRect, placeEdgeLabels, placeHoverLabel, placeStoryLabel, readsAsOther, SHORT_LABEL_SHARE, storyLabelSpot, type LabelLink, type LabelSpot, type Rect } from './edgeLabelPlace';

/** A link label's size, design units (styles.css `.topo-edge-label`, the size LABEL_BOX fits). */
export const LABEL_UNITS = 12;
/**
 * A link label's size in presenter mode, design units: 13.4 px or more on screen, as presenter
 * mode draws at 0.81 CSS px a unit or more (layout.ts), beside node text of 18 units.
 */
export const PRESENTER_LABEL_UNITS = 16.5;

/** What drawEdgeLabels needs of the drawing: design units throughout. */
export interface EdgeLabelInput {
  /** The group the labels are drawn into (above the boxes), and the links' groups (`[data-edge]`, in `edges` order). */
  view: Selection<SVGGElement, unknown, null, undefined>;
  edgeLayer: Selection<SVGGElement, unknown, null, undefined>;
  /** Each link's edge id, in drawing order. */
  edges: readonly number[];
  /** Each link's points and lock, in drawing order (renderTopology samples them from the drawn paths). */
  links: readonly LabelLink[];
  /** What labels keep off: nodes (nodeRect), names, mesh tabs and badges as drawn. */
  nodeRects: readonly Rect[];
  /** The nodes' names as drawn (a quiet label over one is left out). */
  names: readonly Rect[];
  /** The boxes' queue glyphs (queueGlyphRect): kept clear where a free spot allows (placeEdgeLabels' `soft`). */
  queues: readonly Rect[];
  /** The part of the drawing the stage shows. */
  labelView: Rect;
  /** Labels at presenter size (PRESENTER_LABEL_UNITS rather than LABEL_UNITS). */
  presenter: boolean;
  /**
   * Presenter mode (the single view's or the compare view's): one unit style a picture, so once a
   * quiet label says its short form ("33/s") every quiet rate does, where "317 req/s" beside "33/s"
   * read as two units in one picture (session 36's review). Not elsewhere: the normal view, a
   * compare pane and large text keep "N req/s" wherever it fits (session 37's try for every view,
   * 67bfea3, left no 'req/s' label in gateway-and-mesh or compare's ready-made pairs; ad3f841).
   */
  oneUnit?: boolean;
  /**
   * For the quiet counts by a node of the labels left out round it ("+2 rates on hover",
   * leftOutCount.ts): each link's ends by name (in `edges` order), each node's box (nodeRect) by
   * name, and what else a count keeps off (the boxes' queue glyphs). None: no counts.
   */
  counts?: { ends: readonly (readonly [string, string])[]; boxes: ReadonlyMap<string, Rect>; keepOff: readonly Rect[] };
}

/** The drawn labels, updated in place. */
export interface EdgeLabels {
  /** Shows each label's figures from `rate` (by edge id; null: none yet). Impure: mutates the labels' text. */
  update(rate: (edge: number) => EdgeRate | null): void;
  /** The labels of the links in `keys` ('from->to') show as the story's, those the placer left out at a spot found now. */
  highlight(keys: ReadonlySet<string>): void;
  /** Hides edge `edge`'s label (its link moved under a drag; the drawing after the drop places it again). */
  hide(edge: number): void;
  /**
   * The box of each label on show, design units, for the traffic canvas to keep clear (its dots
   * passed over the figures: gateway-and-mesh's '43 req/s' in presenter mode at 1024x768).
   * Measured again only after a label's words, place or visibility changed. NOTE: a layout read then.
   */
  holes(): readonly Rect[];
}

/**
 * Draws a label for each link into `input.view` and wires hovering its link (`input.edgeLayer`'s
 * `[data-edge]` groups) to the full label. Impure: appends to the SVG and adds listeners.
 */
export function drawEdgeLabels(input: EdgeLabelInput): EdgeLabels {
  const { view, edgeLayer, edges, links: labelLinks, nodeRects, names: nameRects, queues, labelView, presenter, oneUnit = false, counts } = input;
  const grow = presenter ? PRESENTER_LABEL_UNITS / LABEL_UNITS : 1;
  // `story`: a narrative step highlights the link, so its quiet label shows even where the placer
  // left it out, at `storyAt` (placeStoryLabel), over other lines with its halo if it must.
  // `storyPlaced`: its story spot was looked for, with the text as drawn (once it has figures).
  // `storyShort`: the story's full text found room only far from its link, so the label keeps its
  // short form at its quiet spot, by its link; or only where it reads as another link's, so the
  // short form goes to a story spot (`storyAt`) where it reads as its own.
  const edgeLabels: { edge: number; key: string; text: SVGTextElement; shown: string; hovered: boolean; link: LabelLink; quiet: LabelSpot; at: LabelSpot | null; story: boolean; storyAt: LabelSpot | null; storyPlaced: boolean; storyShort: boolean }[] = [];
  const labelAt = placeEdgeLabels(labelLinks, nodeRects, labelView, { w: Math.ceil(LABEL_BOX.w * grow), h: Math.ceil(LABEL_BOX.h * grow) }, nameRects, queues, oneUnit ? 'best' : true);

  // Link figures above the boxes, so a hovered link's full label is never hidden: quiet (calls
  // per second only) until the pointer is on the link.
  const labelLayer = view.append('g').attr('class', 'topo-edge-labels');
  edgeLayer.selectAll<SVGGElement, unknown>('[data-edge]').each(function (_, i) {
    const at = labelAt[i];
    const text = labelLayer.append('text').attr('class', 'topo-edge-label').attr('data-label-edge', this.getAttribute('data-edge')).attr('x', at.x).attr('y', at.y).attr('text-anchor', at.anchor).node()!;
    if (presenter) text.style.fontSize = `${PRESENTER_LABEL_UNITS}px`;
    const label = { edge: edges[i], key: this.getAttribute('data-edge') ?? '', text, shown: '', hovered: false, link: labelLinks[i], quiet: at, at: null, story: false, storyAt: null, storyPlaced: false, storyShort: false };
    edgeLabels.push(label);
    this.addEventListener('mouseenter', () => {
      label.hovered = true;
      text.classList.add('topo-edge-label-hover');
      labelLayer.node()!.appendChild(text);
      showLabel(label, true);
    });
    this.addEventListener('mouseleave', () => {
      label.hovered = false;
      label.at = null;
      text.classList.remove('topo-edge-label-hover');
      showLabel(label, true);
      moveLabel(text, quietSpot(label));
    });
  });
  /** The labels' boxes as last measured (holes), null once a label changed. */
  let holes: Rect[] | null = null;
  const moveLabel = (t: SVGTextElement, at: LabelSpot) => {
    holes = null;
    t.setAttribute('x', String(at.x));
    t.setAttribute('y', String(at.y));
    t.setAttribute('text-anchor', at.anchor);
  };
  /** A label left out by the placer (over a name or a node, or across another link). */
  const leftOut = (l: (typeof edgeLabels)[number]) => l.quiet.overName === true || l.quiet.acrossLink === true || l.quiet.overNode === true || l.quiet.overLabel === true;
  /** Where a label sits when not hovered: its quiet spot, or its story spot when the story shows it. */
  const quietSpot = (l: (typeof edgeLabels)[number]) => (l.story && l.storyAt ? l.storyAt : l.quiet);
  const quietBox = { w: Math.ceil(LABEL_BOX.w * grow), h: Math.ceil(LABEL_BOX.h * grow) };
  /** The box a short-form label ("68/s") was placed for (placeEdgeLabels' `short`). */
  const shortBox = { w: Math.ceil(quietBox.w * SHORT_LABEL_SHARE), h: quietBox.h };
  let lastRate: (edge: number) => EdgeRate | null = () => null;
  /** With `oneUnit`: true while some quiet label was placed for the short form only, so every quiet label says its short form. */
  let shortStyle = false;
  const someShort = () => oneUnit && edgeLabels.some((l) => (l.story ? l.storyShort : l.quiet.short === true && !leftOut(l)));
  /** Every label drawn again when the picture's unit style changed (a story label placed late finds room only for "68/s"). */
  const restyle = () => {
    if (someShort() === shortStyle) return;
    shortStyle = !shortStyle;
    for (const l of edgeLabels) showLabel(l, true);
  };
  /** Draws `l`'s label for the figures on show; `redraw` draws it even when its words have not changed (hovered or not, lit or not by the story). */
  function showLabel(l: (typeof edgeLabels)[number], redraw = false): void {
    const r = lastRate(l.edge);
    const all = r ? edgeLabelParts(r) : [];
    // A quiet label with no spot clear of the nodes is left out: a node's name comes first; so is
    // one with no spot off other links' lines (read across one, it reads as that link's).
    // A label the story points at (its link highlighted) always shows, in full (at a story spot
    // where the placer found room only for the short form).
    // One placed for the short form says "68/s", or nothing where even that is wider than its box.
    const ownShort = !l.hovered && (l.story ? l.storyShort : l.quiet.short === true) && r !== null;
    // In presenter mode, once one label of the picture says the short form, every quiet one does.
    // Not a label the placer left out (over a node or a name, or across a link): the short style
    // drew gateway-and-mesh's left-out bulk-export->edge as '42/s' over edge (session 44).
    const short = ownShort || (shortStyle && !l.hovered && r !== null && (!leftOut(l) || l.story));
    // The rate (every try: retry-storm's lesson counts tries, trial N17, 1); the failures and the
    // retries' share wait for the pointer. A lit label with its retries' share beside ("828 req/s
    // · 67% retries") grew after its story spot was found and covered a neighbour's label at
    // 1024x768 (control-plane-boundary's storefront->checkout): the pointer says it.
    const parts = short ? [{ text: edgeShortLabel(r), kind: 'rate' as const }] : l.hovered ? all : leftOut(l) && !l.story ? [] : all.slice(0, 1);
    const key = parts.map((p) => p.text).join(' · ');
    if (key === l.shown && !redraw) return;
    l.shown = key;
    holes = null;
    l.text.textContent = '';
    parts.forEach((part, i) => {
      const t = select(l.text).append('tspan').text(i === 0 ? part.text : ` · ${part.text}`);
      // Coloured by what the part means, not by its words.
      if (part.kind === 'failed') t.attr('class', 'topo-edge-label-failed');
      else if (part.kind === 'tries') t.attr('class', 'topo-edge-label-tries');
    });
    if (ownShort && l.text.getComputedTextLength() > shortBox.w) l.text.textContent = '';
    if (l.story && !l.storyPlaced && !l.hovered && key !== '') {
      placeStory(l);
      moveLabel(l.text, quietSpot(l));
      if (l.storyShort) return showLabel(l, true);
    }
    if (l.hovered) {
      // The full label is longer and larger than the quiet one its spot was found for: placed
      // again, clear of every node's drawing (name, state line), off its link's line.
      const b = l.text.getBBox();
      l.at = placeHoverLabel(l.link, { w: b.width + 8, h: b.height + 4 }, nodeRects, labelView, l.at);
      moveLabel(l.text, l.at);
    }
  }

  /**
   * A highlighted link's label, once its figures are drawn: where the placer left it out, found
   * room only for its short form ("68/s": the story's label says it in full), or
   * placed it where its text reads as another link's (its middle nearer that link's line), a
   * story spot (placeStoryLabel) for the text as drawn, clear of nodes and of the other labels
   * shown, across other lines only if it must.
   */
  function placeStory(l: (typeof edgeLabels)[number]): void {
    l.storyPlaced = true;
    const w = l.text.getBBox().width;
    const box = w > 0 ? { w: Math.ceil(w) + 2, h: quietBox.h } : quietBox;
    if (!leftOut(l) && l.quiet.short !== true && !readsAsOther(l.link, labelLinks, l.quiet, box)) return;
    const shownRects = edgeLabels.filter((o) => o !== l && (!leftOut(o) || o.story)).map((o) => labelRect(quietSpot(o), !o.story && o.quiet.short ? shortBox : quietBox));
    l.storyAt = placeStoryLabel(l.link, labelLinks, box, nodeRects, shownRects, labelView, queues);
    // The full text far off its link (below the boxes and the mesh's region: retry-storm's step 3
    // lit api->web and web->orders, whose '29 req/s' stood 70-90 units off their lines, read as
    // nobody's; session 26): the short form at its quiet spot, by its link, says it instead.
    if (l.quiet.short === true && !byItsLink(l.link, l.storyAt, box)) {
      l.storyAt = null;
      l.storyShort = true;
      return;
    }
    // The full text only where it reads as another link's: the short form ("38/s") where it reads
    // as its own, if it has such a spot. gateway-and-mesh's branch panes at 1024x768 lit
    // bulk-export->edge, whose '38 req/s' lay 43 px from scraper's line and 77 from its own,
    // among four clients' lines converging on the gateway (branchlabels.spec).
    if (readsAsOther(l.link, labelLinks, l.storyAt, box)) {
      const shortAt = storyLabelSpot(l.link, labelLinks, shortBox, nodeRects, shownRects, labelView, queues);
      if (shortAt.cost < 100) {
        l.storyAt = shortAt.spot;
        l.storyShort = true;
      }
    }
  }

  /**
   * Quiet counts by a node of the labels left out round it (leftOutCount.ts), placed once, clear
   * of the nodes, the labels shown, the lines and each other. Impure: appends to the SVG.
   */
  function drawCounts(): { text: SVGTextElement; title: SVGTitleElement; links: number[]; shown: string; short: boolean }[] {
    if (!counts || counts.ends.length !== edgeLabels.length) return [];
    const groups = leftOutGroups(counts.ends, edgeLabels.map((l) => leftOut(l)));
    if (groups.length === 0) return [];
    const taken = [...counts.keepOff, ...edgeLabels.filter((l) => !leftOut(l)).map((l) => labelRect(l.quiet, l.quiet.short ? shortBox : quietBox))];
    return groups.flatMap((g) => {
      const box = counts.boxes.get(g.node);
      if (!box) return [];
      const n = g.links.length;
      const sizes = { long: wordsBox(leftOutWords(n), grow), short: wordsBox(leftOutWords(n, true), grow) };
      const { spot, short } = leftOutSpot(box, sizes, { nodes: nodeRects, labels: taken, links: labelLinks, view: labelView });
      taken.push(labelRect(spot, short ? sizes.short : sizes.long));
      // Its words in a text of their own (read by tests as the label's are), its tooltip beside.
      const mark = labelLayer.append('g').attr('class', 'topo-left-out-count').attr('data-left-out-node', g.node).attr('data-left-out-links', g.links.map((i) => edgeLabels[i].key).join(' '));
      const title = mark.append<SVGTitleElement>('title').node()!;
      const text = mark.append('text').attr('x', spot.x).attr('y', spot.y).attr('text-anchor', spot.anchor).node()!;
      if (presenter) text.style.fontSize = `${PRESENTER_LABEL_UNITS}px`;
      return [{ text, title, links: g.links, shown: '', short }];
    });
  }

  /**
   * Each count's words for the figures on show: the left-out labels its node counts that the
   * story does not show, once any of them has figures; blank otherwise. Impure: mutates the counts.
   */
  function showCounts(): void {
    for (const c of countMarks) {
      const rest = c.links.filter((i) => !edgeLabels[i].story);
      const words = rest.length > 0 && c.links.some((i) => lastRate(edgeLabels[i].edge) !== null) ? leftOutWords(rest.length, c.short) : '';
      if (words === c.shown) continue;
      c.shown = words;
      holes = null;
      c.text.textContent = words;
      c.title.textContent = words === '' ? '' : `${rest.length} of the links here have no room for their rates: point at a link to read its figures`;
    }
  }

  const countMarks = drawCounts();

  return {
    update(rate) {
      lastRate = rate;
      for (const l of edgeLabels) showLabel(l);
      restyle();
      showCounts();
    },
    highlight(set) {
      // Labels of highlighted links show, at a story spot where they need one (placeStory, once
      // their figures are drawn).
      for (const l of edgeLabels) {
        const story = set.has(l.key);
        if (story === l.story) continue;
        l.story = story;
        l.text.classList.toggle('topo-edge-label-story', story);
        // Drawn again whatever it says, blank included: a label lit while its figure was going
        // (a seek back to 0 s) kept the old figure when its new words were none.
        showLabel(l, true);
        if (!l.hovered) moveLabel(l.text, quietSpot(l));
      }
      restyle();
      showCounts();
    },
    hide(edge) {
      holes = null;
      edgeLabels.find((l) => l.edge === edge)?.text.setAttribute('visibility', 'hidden');
      // A count by a node whose link moved: the drawing after the drop counts again.
      for (const c of countMarks) if (c.links.some((i) => edgeLabels[i].edge === edge)) c.text.setAttribute('visibility', 'hidden');
    },
    holes() {
      if (holes) return holes;
      holes = [];
      for (const l of edgeLabels) {
        if (l.shown === '' || l.text.getAttribute('visibility') === 'hidden') continue;
        const b = l.text.getBBox();
        if (b.width > 0) holes.push({ x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height });
      }
      for (const c of countMarks) {
        if (c.shown === '' || c.text.getAttribute('visibility') === 'hidden') continue;
        const b = c.text.getBBox();
        if (b.width > 0) holes.push({ x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height });
      }
      return holes;
    },
  };
}
