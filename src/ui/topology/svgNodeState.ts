// The SVG view's node state, updated in place from frames (renderTopology.ts's updateLoad):
// busy worker slots, queued requests, replicas down or ejected, proxies with stale or no config,
// written as state lines under each box, fitted to its width.
import { select } from 'd3';
import { countOf, formatCount, formatSimTime } from '../format';
import { faultName, faultShortName } from '../faults/faultName';
import type { MtlsView } from './mtlsMark';

/** Most queued requests drawn as bars; the label gives the exact number. */
export const QUEUE_BARS = 8;


/** A service or gateway as drawn (svgNodeShapes.ts): the elements its state changes, and what they show now. */
export interface LoadView {
  index: number;
  slots: number;
  pips: SVGRectElement[];
  bar: SVGRectElement | null;
  barWidth: number;
  queueBars: SVGRectElement[];
  queueLabel: SVGTextElement;
  /** The queue's tooltip: the count in full words, whatever form the label takes. */
  queueTitle: SVGTitleElement;
  /** Width the queue count may take, design units: from its start to the box's right edge, less a margin. */
  queueRoom: number;
  /** The queue count's font size, design units (13, or 18 where presenter mode's text is drawn). */
  queueTextUnits: number;
  busyLabel: SVGTextElement;
  card: SVGGElement;
  group: SVGGElement;
  replicas: number;
  concurrency: number;
  hexes: SVGPolygonElement[];
  stateLabel: SVGTextElement;
  /** The state lines' tooltip: every part in full, when the lines leave some out or squeeze them. */
  stateTitle: SVGTitleElement;
  /** Width the state lines may take, design units: the box's, less a margin each side. */
  stateWidth: number;
  /** Lines the state may take under the box (fewer when replica cards are unfolded below it). */
  stateLines: number;
  shown: { busy: number; queued: number; util: number };
  health: string;
  /** Types of the active faults acting on this node, listed first under it. */
  faults: string[];
  last: { down: number; stale: number; noConfig: number; ejected: number; ejectedUntil: number; backlog?: ProxyBacklog };
  /** Its mTLS chip, which follows the mode in force (mtlsMark.showMtls); null where none is drawn. */
  mtls: MtlsView | null;
}

/**
 * A service's sidecars' backlog as a frame gives it (NodeField.proxySaturated, proxyHeld, proxyWait): how many of its
 * proxies are saturated (a new pass would wait SATURATED_WAIT_MS or more), about how many messages they hold, and the
 * longest wait a new pass would have at one, ms.
 */
export interface ProxyBacklog {
  saturated: number;
  held: number;
  waitMs: number;
}

const NO_BACKLOG: ProxyBacklog = { saturated: 0, held: 0, waitMs: 0 };

/** Share of `count` out of `total` shown on `k` marks, at least one when count > 0. */
export function marks(count: number, total: number, k: number): number {
  if (count <= 0 || total <= 0) return 0;
  return Math.max(1, Math.min(k, Math.round((count * k) / total)));
}

/**
 * Replicas down greyed out (their worker slots and proxies), replicas ejected by callers'
 * outlier detection greyed (lighter, dashed) beside them with the time the first comes back,
 * proxies with stale config amber and with no config red, each named in a line under the box.
 * `ejectedUntil` is simulated ms. Saturated proxies (`backlog`) drawn as full hexagons (the queue's colour, a heavy
 * outline) and said under the box with about how many messages they hold. Mutates the SVG.
 */
export function showHealth(v: LoadView, down: number, stale: number, noConfig: number, ejectedRaw = 0, ejectedUntil = 0, backlog: ProxyBacklog = NO_BACKLOG): void {
  // A replica both down and ejected counts as down.
  const ejected = Math.max(0, Math.min(ejectedRaw, v.replicas - Math.min(down, v.replicas)));
  v.last = { down, stale, noConfig, ejected, ejectedUntil, backlog };
  const back = ejected > 0 ? formatSimTime(ejectedUntil) : '';
  // The held count as its state line shows it (two significant figures past 10,000), so a growing backlog redraws
  // the line a few times a second at most, not every frame.
  const heldShown = backlog.saturated > 0 ? roughCount(backlog.held) : 0;
  const key = `${down}|${stale}|${noConfig}|${ejected}|${back}|${v.faults.join(',')}|${backlog.saturated}|${heldShown}`;
  if (key === v.health) return;
  v.health = key;
  const r = v.replicas;
  const k = v.hexes.length;
  const hexDown = marks(down, r, k);
  const hexEjected = Math.min(k - hexDown, marks(ejected, r, k));
  const hexNone = Math.min(k - hexDown - hexEjected, marks(noConfig, r, k));
  const hexStale = Math.min(k - hexDown - hexNone, marks(stale, r, k));
  const hexSaturated = Math.min(k - hexDown - hexEjected - hexNone - hexStale, marks(backlog.saturated, r, k));
  v.hexes.forEach((h, i) => {
    // Down replicas from the right, like their worker slots; config states, then saturation, from the left.
    const state =
      i >= k - hexDown ? 'down' : i >= k - hexDown - hexEjected ? 'ejected' : i < hexNone ? 'none' : i < hexNone + hexStale ? 'stale' : i < hexNone + hexStale + hexSaturated ? 'saturated' : '';
    h.classList.toggle('topo-hex-down', state === 'down');
    h.classList.toggle('topo-hex-ejected', state === 'ejected');
    h.classList.toggle('topo-hex-none', state === 'none');
    h.classList.toggle('topo-hex-stale', state === 'stale');
    h.classList.toggle('topo-hex-saturated', state === 'saturated');
  });
  const firstDown = (r - Math.min(down, r)) * v.concurrency;
  const firstEjected = firstDown - ejected * v.concurrency;
  v.pips.forEach((pip, i) => {
    pip.classList.toggle('topo-pip-down', i >= firstDown);
    pip.classList.toggle('topo-pip-ejected', i >= firstEjected && i < firstDown);
  });
  v.group.classList.toggle('topo-some-ejected', ejected > 0);
  if (ejected > 0) v.group.setAttribute('data-ejected', String(ejected));
  else v.group.removeAttribute('data-ejected');
  v.group.classList.toggle('topo-all-down', down >= r && r > 0);
  v.group.classList.toggle('topo-some-down', down > 0);
  const { shown, titled } = healthParts(v.faults, r, down, stale, noConfig, ejected, back, v.stateLines, backlog);
  showStateLines(v, shown, titled);
}

/**
 * The state parts under a box of `r` replicas, in order: its active faults (`faults`, kinds),
 * replicas down, ejected (back at `back`), proxies with no config ("no config" when all have
 * none, at any width), with stale config; `shown`
 * for `lines` lines, `titled` in full for the tooltip. Each part has the shorter form a narrow box
 * shows rather than cutting the long one mid-way (presenter mode at 1024x768 showed "stale config
 * (…"); a fault by the inject form's words ("⚡ HTTP errors" for http-abort), its short form one
 * or two of them ("⚡ HTTP"): "⚡… +2 more" said nothing. Where the lines are fewer than the
 * parts (one line on a wide stage, presenter mode), a fault and the count it causes are said at
 * once: a killed service's "all 2 down" is left to the tooltip, so the fault reads whole (at
 * 1024x768 two-meshes-via-gateway's ledger read "⚡ kill +1"), and a killed replica's fault and
 * count become one part, "⚡ 1 of 3 replicas killed" ("⚡ 1 of 3 killed"): control-plane-outage's
 * orders read "⚡ kill +2" in presenter mode. More than one replica killed is always said that
 * way, tooltip included: "⚡ kill one replica" over "2 of 4 down" read as a contradiction. Pure.
 */
export function healthParts(
  faults: readonly string[],
  r: number,
  down: number,
  stale: number,
  noConfig: number,
  ejected: number,
  back: string,
  lines: number,
  backlog: ProxyBacklog = NO_BACKLOG,
): { shown: StatePart[]; titled: StatePart[] } {
  const titled: StatePart[] = faults.map((f) => ['topo-state-fault', `⚡ ${faultName(f)}`, `⚡ ${faultShortName(f)}`]);
  const downPart: StatePart = ['topo-state-down', down >= r ? `all ${r} down` : `${down} of ${r} down`, down >= r ? 'all down' : `${down}/${r} down`];
  if (down > 0) titled.push(downPart);
  if (ejected > 0) titled.push(['topo-state-ejected', `${ejected} of ${r} ejected · back at ${back}`, `${ejected} of ${r} ejected`]);
  // Every proxy without config reads "no config" whatever the box's width: control-plane-boundary's
  // ledger said "no config" and fraud-check "no config (2 of 2)" for the same state (N6's trial,
  // F4). Some of them keep their count in both forms.
  if (noConfig > 0) titled.push(noConfig >= r ? ['topo-state-none', 'no config'] : ['topo-state-none', `no config (${noConfig} of ${r})`, `no config ${noConfig}/${r}`]);
  if (stale > 0) titled.push(['topo-state-stale', `stale config (${stale} of ${r})`, 'stale config']);
  if (backlog.saturated > 0) titled.push(backlogPart(backlog, r));
  if (down <= 0) return { shown: titled, titled };
  const kill = faults.indexOf('kill-replica');
  const killed: StatePart = ['topo-state-fault', `⚡ ${down} of ${countOf(r, 'replica')} killed`, `⚡ ${down} of ${r} killed`];
  const merged = () => titled.filter((p) => p !== downPart).map((p, i) => (i === kill ? killed : p));
  // Several kill-replica faults in force: "kill one replica" beside "2 of 4 down" contradicted
  // itself (zone-failover, N-report 6), so the kills are said once with their count, tooltip too.
  if (kill >= 0 && down > 1 && down < r) return { shown: merged(), titled: merged() };
  if (titled.length <= lines) return { shown: titled, titled };
  if (down >= r && faults.includes('kill-service')) return { shown: titled.filter((p) => p !== downPart), titled };
  if (down >= r || kill < 0) return { shown: titled, titled };
  return { shown: merged(), titled };
}

/**
 * The state part of saturated sidecars: "proxies saturated · ≈150,000 waiting", its short form "saturated · ≈150,000
 * waiting" (the count kept: a 2-replica box at 1600x1000 had room for "proxies saturated" alone). Pure.
 */
export function backlogPart(b: ProxyBacklog, r: number): StatePart {
  const who = b.saturated >= r ? (r === 1 ? 'proxy saturated' : 'proxies saturated') : `${b.saturated} of ${r} proxies saturated`;
  return ['topo-state-saturated', `${who} · ≈${roughCount(b.held)} waiting`, `saturated · ≈${roughCount(b.held)} waiting`];
}

/** A count to two significant figures past 10,000 ("9,849", "15,000", "1,200,000"), grouped. Pure. */
export function roughCount(n: number): string {
  const x = Math.round(n);
  if (x < 10_000) return formatCount(x);
  const step = 10 ** (Math.floor(Math.log10(x)) - 1);
  return formatCount(Math.round(x / step) * step);
}

/** A state line: its class, its text, and optionally a shorter text for a box too narrow for it. */
export type StatePart = readonly [cls: string, text: string, short?: string];

/** Margin of the state lines from each side of the box, design units. */
export const STATE_INSET = 4;
/** Most state lines under a box: two fit in the room its mesh region keeps below it (meshRegions' REGION_PAD.bottom); one in presenter mode (STAGE_REGION_PAD). */
export const STATE_LINES = 2;
/** A line may be squeezed to this share of its natural width before it is cut short. */
const MIN_SQUEEZE = 0.78;

/**
 * Writes the state parts one a line, at most `v.stateLines` lines, each within the box's width,
 * so no annotation leaves its node's mesh region or reaches a neighbour (issue 11's new-user
 * pass: "stale config (3 of 3)" hung out of the mesh). Parts left over are counted at the end of
 * the last line ("+2 more") where the words leave room (fitLine); a line too wide is squeezed a
 * little, then takes its short form when it has one, then is cut with an ellipsis; the tooltip,
 * and the label's aria-label, list every part of `titled` (the parts, and any left out as saying
 * one again) in full. Mutates the SVG.
 */
export function showStateLines(v: LoadView, parts: readonly StatePart[], titled: readonly StatePart[] = parts): void {
  const label = select(v.stateLabel);
  label.selectAll('*').remove();
  const x = v.stateLabel.getAttribute('x') ?? '0';
  const shown = parts.length > v.stateLines ? v.stateLines : parts.length;
  const more = parts.length - shown;
  v.stateTitle.textContent = titled.length > 0 ? titled.map(([, t]) => t).join('\n') : '';
  if (titled.length > 0) v.stateLabel.setAttribute('aria-label', titled.map(([, t]) => t).join('; '));
  else v.stateLabel.removeAttribute('aria-label');
  for (let i = 0; i < shown; i++) {
    const [cls, text, short] = parts[i];
    const line = label.append('tspan').attr('class', cls).attr('x', x).attr('dy', i === 0 ? 0 : 17).text(text).node()!;
    const extra = i === shown - 1 && more > 0 ? label.append('tspan').attr('class', 'topo-state-more').attr('dx', 6).text(`+${more} more`).node()! : null;
    fitLine(line, extra, v.stateWidth, short);
  }
}

/**
 * Fits a state line (and its "+N more") into `width` design units, trying in turn: its text,
 * squeezed as far as MIN_SQUEEZE; the same with "+N more" cut to "+N"; its `short` text when it
 * has one beside "+N more"; then, words before counts, the count left out (removed from the SVG;
 * the tooltip lists every part) and its text alone, then its short text alone, squeezed likewise;
 * and last its text cut with an ellipsis until it fits. A short form beside a bare "+N" read as
 * symbols: "⚡ kill +2" (presenter mode, control-plane-outage's orders). Mutates the SVG.
 * NOTE: measures text (a layout read); called only when a node's state changes.
 */
export function fitLine(line: SVGTSpanElement, extra: SVGTSpanElement | null, width: number, short?: string): void {
  const length = (t: SVGTSpanElement | null) => (t && t.isConnected ? t.getComputedTextLength() : 0);
  const room = () => width - (extra && extra.isConnected ? length(extra) + 6 : 0);
  const full = line.textContent ?? '';
  let natural = length(line);
  // Not laid out (a hidden stage): nothing to measure yet.
  if (natural <= 0 || natural <= room()) return;
  const fits = () => natural * MIN_SQUEEZE <= room();
  const say = (text: string) => {
    line.textContent = text;
    natural = length(line);
  };
  if (extra) {
    // The whole text beside "+N" before a short form beside "+N more": "⚡ kill a service +1" says
    // what "⚡ kill +1 more" left out (a teacher read "⚡ kill +1" at 1024x768 as cut short).
    const more = extra.textContent ?? '';
    if (!fits()) extra.textContent = more.replace(/ more$/, '');
    if (!fits() && short !== undefined) {
      extra.textContent = more;
      say(short);
    }
    if (!fits()) {
      extra.remove();
      say(full);
    }
  }
  if (!fits() && short !== undefined) say(short);
  if (!fits()) {
    const text = line.textContent ?? '';
    let n = text.length;
    while (n > 1 && !fits()) {
      n--;
      say(`${text.slice(0, n).trimEnd()}…`);
    }
  }
  if (natural > room()) {
    line.setAttribute('textLength', String(room()));
    line.setAttribute('lengthAdjust', 'spacingAndGlyphs');
  }
}

/** Width of `chars` characters of bold text `units` high, design units: an upper estimate (0.7 em each). */
function textUnits(chars: number, units: number): number {
  return chars * 0.7 * units;
}

/**
 * The queue count beside a box's lowest queue bar: "88 queued" where it fits in `room` design
 * units at `units` font size, else "88 q" (a narrow box, or presenter mode's 18-unit text: the
 * long form ran past the box and its mesh region's border), '' with no queue. Pure.
 */
export function queueText(queued: number, room: number, units: number): string {
  if (queued <= 0) return '';
  const long = `${formatCount(queued)} queued`;
  return textUnits(long.length, units) <= room ? long : `${formatCount(queued)} q`;
}

/** Shows busy worker slots, queued requests (up to QUEUE_BARS bars) and utilisation, rounded; only what changed. Mutates the SVG. */
export function showLoad(v: LoadView, busyRaw: number, queuedRaw: number, utilRaw: number): void {
  const busy = Math.round(busyRaw);
  const queued = Math.round(queuedRaw);
  const util = Math.round(utilRaw * 100);
  if (busy === v.shown.busy && queued === v.shown.queued && util === v.shown.util) return;
  if (busy !== v.shown.busy) {
    for (let i = 0; i < v.pips.length; i++) v.pips[i].classList.toggle('topo-pip-busy', i < busy);
    if (v.bar) v.bar.setAttribute('width', String((v.barWidth * Math.min(busy, v.slots)) / v.slots));
  }
  if (queued !== v.shown.queued) {
    const shownBars = Math.min(queued, QUEUE_BARS);
    for (let i = 0; i < QUEUE_BARS; i++) v.queueBars[i].setAttribute('visibility', i < shownBars ? 'visible' : 'hidden');
    v.queueLabel.textContent = queueText(queued, v.queueRoom, v.queueTextUnits);
    const chars = v.queueLabel.textContent.length;
    // Squeezed into its room where even the short form is wider (a long count at presenter size):
    // measured only then, never stretched.
    v.queueLabel.removeAttribute('textLength');
    if (queued > 0 && textUnits(chars, v.queueTextUnits) > v.queueRoom && v.queueLabel.getComputedTextLength() > v.queueRoom) {
      v.queueLabel.setAttribute('textLength', String(v.queueRoom));
      v.queueLabel.setAttribute('lengthAdjust', 'spacingAndGlyphs');
    }
    v.queueTitle.textContent = queued > 0 ? `${formatCount(queued)} request${queued > 1 ? 's' : ''} queued` : '';
    v.card.classList.toggle('topo-card-queued', queued > 0);
  }
  v.busyLabel.textContent = `busy ${formatCount(busy)} of ${formatCount(v.slots)} · util ${util}%`;
  v.shown = { busy, queued, util };
}
