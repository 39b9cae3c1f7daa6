// The topology as a file: the SVG on screen made standalone (its CSS resolved into attributes,
// since the page's style sheets and theme variables do not travel with it), or a PNG of what
// the stage shows, the traffic dots included. Above 60 nodes the picture is a canvas, so its
// SVG export carries that bitmap. Impure: reads the DOM of the topology stage.

/** The SVG namespace. */
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The presentation properties the topology's style sheets set (styles.css, truth.css, scale.css):
 * copied as computed into each element's `style`, so the file looks as the screen does.
 */
const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'visibility',
  'display',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'mix-blend-mode',
] as const;

/** The stage's parts, or null when no topology is drawn yet. */
export interface Stage {
  box: HTMLElement;
  /** `svg` up to 60 nodes, `canvas` above (TopologyView's `data-view`). */
  view: 'svg' | 'canvas';
  svg: SVGSVGElement;
  scene: HTMLCanvasElement | null;
  traffic: HTMLCanvasElement | null;
  width: number;
  height: number;
  /** The page background behind the picture (the theme's). */
  background: string;
}

/** The topology stage on the page (or inside `doc`: a compare pane), or null before a topology is drawn. */
export function findStage(doc: ParentNode = document): Stage | null {
  const box = doc.querySelector<HTMLElement>('.topology-stage[data-view]');
  const svg = box?.querySelector<SVGSVGElement>('svg[data-testid="topology"]');
  if (!box || !svg) return null;
  const r = box.getBoundingClientRect();
  let background = getComputedStyle(box).backgroundColor;
  for (let el: Element | null = box; el && /rgba\(0, 0, 0, 0\)|transparent/.test(background); el = el.parentElement) background = getComputedStyle(el).backgroundColor;
  if (/rgba\(0, 0, 0, 0\)|transparent/.test(background)) background = '#ffffff';
  return {
    box,
    view: box.dataset.view === 'canvas' ? 'canvas' : 'svg',
    svg,
    scene: box.querySelector<HTMLCanvasElement>('canvas[data-testid="topology-canvas"]'),
    traffic: box.querySelector<HTMLCanvasElement>('canvas[data-testid="traffic"]'),
    width: Math.max(1, Math.round(r.width)),
    height: Math.max(1, Math.round(r.height)),
    background,
  };
}

/** Copies the computed presentation of `from` and its descendants onto the clone `to` (same shape). */
function inlineStyles(from: Element, to: Element): void {
  const cs = getComputedStyle(from);
  const style = PROPS.map((p) => {
    const v = cs.getPropertyValue(p);
    return v ? `${p}:${v}` : '';
  })
    .filter(Boolean)
    .join(';');
  if (style) to.setAttribute('style', style);
  to.removeAttribute('class');
  const a = from.children;
  const b = to.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i], b[i]);
}

/**
 * The picture on the stage as the text of a standalone SVG file, `width` x `height` CSS px with
 * the page's background. The SVG view is cloned with its styles resolved; the canvas view (above
 * 60 nodes) has no vector form, so the file holds its bitmap (`pngDataUrl`). With `crop`, the
 * SVG view's file is cut to the drawing's bounds (getBBox, 12 px margin) rather than the stage.
 */
export async function topologySvgText(stage: Stage, title: string, crop = false): Promise<string> {
  const { width, height } = stage;
  // Cropped (for the report), the file shows the drawing's bounds with a margin, not the stage's empty room.
  let box = { x: 0, y: 0, width, height };
  if (crop && stage.view === 'svg') {
    const b = stage.svg.getBBox();
    const pad = 12;
    if (b.width > 0 && b.height > 0) {
      const x = Math.max(0, b.x - pad);
      const y = Math.max(0, b.y - pad);
      box = { x, y, width: Math.min(width, b.x + b.width + pad) - x, height: Math.min(height, b.y + b.height + pad) - y };
    }
  }
  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('width', String(Math.round(box.width)));
  out.setAttribute('height', String(Math.round(box.height)));
  out.setAttribute('viewBox', `${box.x} ${box.y} ${box.width} ${box.height}`);
  const t = document.createElementNS(SVG_NS, 'title');
  t.textContent = title;
  out.append(t);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', stage.background);
  out.append(bg);
  if (stage.view === 'svg') {
    const clone = stage.svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(stage.svg, clone);
    clone.removeAttribute('style');
    clone.setAttribute('width', String(width));
    clone.setAttribute('height', String(height));
    out.append(clone);
  } else {
    const img = document.createElementNS(SVG_NS, 'image');
    img.setAttribute('width', String(width));
    img.setAttribute('height', String(height));
    img.setAttribute('href', await pngDataUrl(stage, 2, false));
    out.append(img);
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out);
}

/** Loads an image from a URL, rejecting with a message when the browser cannot decode it. */
function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the browser could not draw the topology as an image'));
    img.src = url;
  });
}

/**
 * Draws the stage into a new canvas at `scale` device px per CSS px: the background, the picture
 * (the SVG rasterised, or the canvas view's scene), and the traffic dots over it when `dots`.
 */
export async function renderStage(stage: Stage, scale = 2, dots = true): Promise<HTMLCanvasElement> {
  const c = document.createElement('canvas');
  c.width = Math.round(stage.width * scale);
  c.height = Math.round(stage.height * scale);
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = stage.background;
  ctx.fillRect(0, 0, c.width, c.height);
  if (stage.view === 'svg') {
    const text = await topologySvgText(stage, '');
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    try {
      ctx.drawImage(await loadImage(url), 0, 0, c.width, c.height);
    } finally {
      URL.revokeObjectURL(url);
    }
  } else if (stage.scene) {
    ctx.drawImage(stage.scene, 0, 0, c.width, c.height);
  }
  if (dots && stage.traffic && stage.traffic.width > 0) ctx.drawImage(stage.traffic, 0, 0, c.width, c.height);
  return c;
}

/** The stage as a PNG data URL (see `renderStage`). */
export async function pngDataUrl(stage: Stage, scale = 2, dots = true): Promise<string> {
  return (await renderStage(stage, scale, dots)).toDataURL('image/png');
}

/** The stage as a PNG file's bytes (see `renderStage`). */
export async function pngBlob(stage: Stage, scale = 2): Promise<Blob> {
  return canvasPng(await renderStage(stage, scale));
}

/** A canvas as a PNG file's bytes. */
export function canvasPng(c: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser refused to encode the PNG'))), 'image/png'));
}
