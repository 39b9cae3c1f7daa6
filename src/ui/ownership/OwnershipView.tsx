// The ownership view (issue 12 item 5): for the scenario on screen, who applies each L7 feature
// on each path (gateway, sidecar or the app), with every feature two layers own on one path
// flagged and its cost measured from the running simulation.
import { Fragment, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { changesMadeBy, configuredAt } from '../../models/madeChanges';
import { FEATURE_NAMES, ownershipOf, type OwnedFeature, type Overlap, type Ownership } from '../../models/ownership';
import { openingPath } from './openingPath';
import { pathKey } from './comparePath';
import { tableRows } from './tableRows';
import { LAYER_NAMES, hopsNamed, twiceItems } from './twiceLine';
import { liveChanges } from '../changes/liveChanges';
import type { Topology } from '../../models';
import { formatOfFile, parseScenarioText, type Scenario } from '../../scenario';
import type { LiveAction } from '../../workers/protocol';
import type { FrameChannel } from '../state/frameChannel';
import type { SeriesBucket } from '../../workers/series';
import { formatMoment, formatNumber, formatPercent } from '../format';
import { RetryCostMeter, causeShare, retryEdges } from './cost';
import { overlapMeaning } from './overlapMeaning';
import { useDrawerRoom } from './drawerRoom';
import { RowsBelowCue } from './RowsBelowCue';
import { FigureSchedule } from '../components/figureSchedule';
import './ownership.css';

/** The scenario of a text, or the first problem that stops reading it. Pure; memoize it. */
export function scenarioOfText(text: string, fileName?: string): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  const r = parseScenarioText(text, fileName ? formatOfFile(fileName) : 'auto');
  if (!r.ok) return { ok: false, message: r.problems.map((p) => `${p.path}: ${p.message}`).join('; ') };
  return { ok: true, scenario: r.scenario };
}

/** The ownership of a scenario's text as the file starts, or the first problem that stops reading it. Pure; memoize it. */
export function ownershipOfText(text: string, fileName?: string): { ok: true; ownership: Ownership } | { ok: false; message: string } {
  const r = scenarioOfText(text, fileName);
  return r.ok ? { ok: true, ownership: ownershipOf(r.scenario) } : r;
}

export interface OwnershipViewProps {
  /** The scenario's text (as loaded), its file name when it has one. */
  text: string;
  fileName?: string;
  topology: Topology;
  /** The run's frames (retries' cost) and per-second series (the other features' cost). */
  frames: FrameChannel;
  buckets: readonly SeriesBucket[];
  /** "A · retry-storm" in the compare view. */
  heading?: string;
  /** The run's live actions (its recipe's): the config changes among them count from when they are made. */
  actions?: readonly LiveAction[];
  /**
   * What the person is looking at, as a step's highlights write it (node names, "a->b" links):
   * the selected link, else the current story step's. The view opens on the path it names
   * (openingPath.ts) until a path is picked.
   */
  focus?: readonly string[];
  /**
   * The compare view's one path for both views (OwnershipPair; comparePath.ts's rule): `key` the
   * path by name (pathKey), or null for this view's own rule; `side` ("B") names this run in the
   * words shown when it has no such path; `onPick` gets a person's pick, so the other view follows.
   * Absent in the single view.
   */
  shared?: { key: string | null; side: string; onPick: (key: string) => void };
  /**
   * The table's row order: 'flagged-first' (default) puts the rows owned twice on the path at the
   * top, so the row that answers the question is in view without scrolling in a drawer 2 rows tall
   * (1280x720, trial N17, 6); 'features' keeps FEATURE_NAMES' order, so two views side by side line up.
   */
  rowOrder?: 'flagged-first' | 'features';
  /**
   * Features to list though no layer applies them on this path (empty rows; mTLS's reads "no mTLS:
   * plaintext"): in a compare, those the other run applies on the same path, so the rows line up.
   */
  alsoList?: readonly OwnedFeature[];
}

const NO_ACTIONS: readonly LiveAction[] = [];
const NO_FOCUS: readonly string[] = [];

export function OwnershipView({ text, fileName, topology, frames, buckets, heading, actions = NO_ACTIONS, focus = NO_FOCUS, shared, rowOrder = 'flagged-first', alsoList }: OwnershipViewProps) {
  const read = useMemo(() => scenarioOfText(text, fileName), [text, fileName]);
  const live = useMemo(() => liveChanges(actions), [actions]);
  // The design as configured now: the file, then every config change made by this moment.
  const nowMs = frames.latest?.simTime ?? 0;
  const made = read.ok ? changesMadeBy(read.scenario, live, nowMs) : [];
  const madeKey = made.map((m) => `${m.atMs}:${JSON.stringify(m.change)}`).join('|');
  const result = useMemo(() => (read.ok ? { ok: true as const, ownership: ownershipOf(configuredAt(read.scenario, made)) } : read), [read, madeKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const pending = read.ok ? changesMadeBy(read.scenario, live, Number.POSITIVE_INFINITY).length - made.length : 0;
  const asOf = made.length === 0 ? (pending > 0 ? `as the file starts; ${pending} config change${pending === 1 ? '' : 's'} to come` : 'as the file configures them') : `with the ${made.length} config change${made.length === 1 ? '' : 's'} made by ${formatMoment(nowMs)} (the last at ${formatMoment(made[made.length - 1].atMs)})${pending > 0 ? `, ${pending} to come` : ''}`;
  // Null until a path is picked: until then the path the rule of openingPath.ts names (the story's
  // or the selected link's, else one with a feature owned twice, else one leaving for a third
  // party, else the one with the most policy set). Trials N11, 9 and N13, 4: it opened on the
  // first path, not the one the story is about.
  const [picked, setPathIndex] = useState<number | null>(null);
  const meter = useRef(new RetryCostMeter());
  const overlapsRef = useRef<HTMLUListElement>(null);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    meter.current.clear();
    if (frames.latest) meter.current.sample(frames.latest);
    // The first render measured before this sample: draw again with it (a paused run sends no frames).
    redraw();
    // Figures change a few times a second at most; the table need not follow every frame, but it
    // always draws the last one (a trailing redraw): a frame within 250 ms of the last redraw (a
    // seek's last, a pause's) was left out, and the card kept an earlier moment's figures until
    // something else drew it again. As while playing, whatever the run does (it has no status here).
    const schedule = new FigureSchedule(250);
    let trailing = 0;
    const draw = () => {
      trailing = 0;
      schedule.draw(performance.now(), frames.latest, true);
      redraw();
    };
    const unsubscribe = frames.subscribe((f) => {
      meter.current.sample(f);
      const wait = schedule.wait(performance.now(), f, true);
      if (wait <= 0) draw();
      // Infinity: this very frame was drawn already (figureSchedule.ts).
      else if (wait !== Number.POSITIVE_INFINITY && !trailing) trailing = window.setTimeout(draw, wait);
    });
    return () => {
      unsubscribe();
      clearTimeout(trailing);
    };
  }, [frames, text]);
  useEffect(() => setPathIndex(null), [text]);
  // In the drawer, it grows as far as the table needs while the picture keeps 10 px names.
  const viewRef = useRef<HTMLElement>(null);
  const contentKey = `${picked}|${shared?.key}|${focus.join(',')}|${text.length}`;
  useDrawerRoom(viewRef, topology, contentKey);
  if (!result.ok) return <section className="ownership" data-testid="ownership"><p className="muted">{result.message}</p></section>;
  const o = result.ownership;
  // In a compare, the pair's path by name when it names one (-1: this run has no such path).
  const sharedIndex = shared?.key != null ? o.paths.findIndex((p) => pathKey(p) === shared.key) : null;
  const pathIndex = sharedIndex ?? picked ?? openingPath(o, read.ok ? read.scenario : null, focus);
  const path = pathIndex < 0 ? undefined : o.paths[Math.min(pathIndex, o.paths.length - 1)];
  const choose = (i: number) => (shared ? shared.onPick(pathKey(o.paths[i])) : setPathIndex(i));
  // Each feature owned twice on this path, with what that does there (the row's flag says it on hover).
  const flagged = new Map(o.overlaps.filter((x) => x.paths.includes(pathIndex)).map((x) => [x.feature, overlapMeaning({ ...x, paths: [pathIndex] }, o.paths)]));
  return (
    <section className="ownership" data-testid="ownership" ref={viewRef} aria-label={heading ? `Who owns each L7 feature: ${heading}` : 'Who owns each L7 feature'}>
      {/* Title, note, path and what is owned twice share one wrapping row, the callouts go under
          the table: at 1600x1000 the callout and the picker pushed the table below the drawer's
          fold (trial N13, 4). */}
      <header className="ownership-head">
        <h3 className="ownership-title" title="Gateway, sidecar or the app itself, on each hop of a path: the file's config with the config changes (timed and live) made by this moment, as every proxy will run it once its control plane has pushed them">
          {heading ? `${heading}: who owns each L7 feature` : 'Who owns each L7 feature'}
        </h3>
        {/* The drawer leaves out the plain note (no config changes) to give the table its row (ownership.css). */}
        <span className={`ownership-note${made.length === 0 && pending === 0 ? ' ownership-note-plain' : ''}`} data-testid="ownership-as-of">
          gateway, sidecar or the app, per hop, {asOf}
        </span>
        {o.overlaps.length === 0 ? (
          <span className="ownership-clean" data-testid="ownership-clean">
            No feature is owned by two layers on one path.
          </span>
        ) : (
          <button type="button" className="ownership-twice-line" data-testid="ownership-twice-line" title="What it does and what it costs: under the table" onClick={() => overlapsRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })}>
            ⚠ {twiceLine(o, (who) => <span className="ownership-twice-who">{who}</span>)} ↓
          </button>
        )}
        {o.paths.length > 0 && (
          <label className="ownership-path-pick">
            <span>Path</span>
            <select value={pathIndex} onChange={(e) => Number(e.target.value) >= 0 && choose(Number(e.target.value))} data-testid="ownership-path">
              {pathIndex < 0 && <option value={-1}>none like the other run's</option>}
              {o.paths.map((p, i) => (
                <option key={i} value={i}>
                  {p.nodes.join(' → ')}
                  {twiceOn(o, i)}
                </option>
              ))}
            </select>
            {o.truncated && <span className="muted"> the first {o.paths.length} paths; more are left out</span>}
          </label>
        )}
      </header>
      {shared?.key != null && !path && (
        <p className="ownership-missing" data-testid="ownership-missing">
          {shared.side} has no {shared.key} path. Pick one of its own paths above.
        </p>
      )}
      {path && (
        <>
          {path.refused && (
            <p className="ownership-refused" data-testid="ownership-refused">
              Every request on this path stops at {path.nodes[path.nodes.length - 1]} with {path.refused.status}: {path.refused.why}.
            </p>
          )}
          <div className="ownership-table-wrap">
            <table className="ownership-table" data-testid="ownership-table">
              <thead>
                <tr>
                  <th scope="col">Feature</th>
                  {path.hops.map((h, i) => (
                    <th scope="col" key={i}>
                      {h.from} → {h.to}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {tableRows(path.features, flagged, rowOrder, alsoList).map((f) => (
                  <tr key={f.feature} className={flagged.has(f.feature) ? 'ownership-twice' : ''} data-feature={f.feature} data-testid="ownership-row">
                    <th scope="row">
                      {FEATURE_NAMES[f.feature]}
                      {flagged.has(f.feature) && (
                        <span className="ownership-flag" title={flagged.get(f.feature) || undefined}>
                          {' '}
                          ⚠<span className="ownership-flag-words"> owned twice</span>
                        </span>
                      )}
                    </th>
                    {path.hops.map((h, i) => {
                      const own = h.owners[f.feature];
                      return (
                        <td key={i}>
                          {own && (
                            <>
                              <span className={`ownership-layer ownership-layer-${own.layer}`}>{LAYER_NAMES[own.layer]}</span> <span className="ownership-detail">{own.detail}</span>
                            </>
                          )}
                          {!own && f.feature === 'mtls' && (
                            // Said, not left blank: which hops are plain is the question partial
                            // adoption asks (trial N18, 8). World.route gives mTLS only between two
                            // meshed proxies; the model has no one-way TLS.
                            <span className="ownership-plain" title="no proxy in a mesh at one end, so no mutual TLS on this hop: meshsim carries it as plaintext (one-way TLS, as a gateway's HTTPS, is not modelled)">
                              no mTLS: plaintext
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <RowsBelowCue view={viewRef} contentKey={contentKey} />
          <p className="ownership-none muted" data-testid="ownership-none">
            {alsoList?.some((f) => !path.features.some((x) => x.feature === f))
              ? 'An empty row: no layer applies it on this path in this run, the other run does. Not listed: features neither run applies here.'
              : 'Not listed: features no layer applies on this path.'}
          </p>
        </>
      )}
      {o.overlaps.length > 0 && (
        <ul className="ownership-overlaps" ref={overlapsRef}>
          {o.overlaps.map((ov, i) => (
            <OverlapItem key={i} o={ov} ownership={o} topology={topology} meter={meter.current} buckets={buckets} onShow={() => choose(ov.paths[0])} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * "Retries owned twice (gateway and sidecar): web→orders, web→inventory; Timeouts owned twice
 * (…): edge→frontend", every such feature once, for the row above the table (twiceItems), its
 * hops named where the overlaps lie on more than one (one is the path menu's, beside it); `who`
 * wraps each " (…)", which a narrow drawer leaves out (ownership.css) so the line and the path
 * share the title's row. Pure.
 */
function twiceLine(o: Ownership, who: (text: string) => ReactNode): ReactNode[] {
  const items = twiceItems(o);
  const named = hopsNamed(items);
  return items.map((x, i) => (
    <Fragment key={i}>
      {i > 0 && '; '}
      <span data-testid="ownership-twice-item">
        {x.name} owned twice{who(` (${x.who})`)}
        {named && x.where.length > 0 && `: ${x.where.join(', ')}`}
      </span>
    </Fragment>
  ));
}

/** "  (timeouts owned twice)": what is owned twice on path `i`, for its entry in the path menu; "  (refused 401)" for a path no request gets past; '' for none. */
function twiceOn(o: Ownership, i: number): string {
  const refused = o.paths[i].refused;
  if (refused) return `  (refused ${refused.status})`;
  const features = o.overlaps.filter((x) => x.paths.includes(i)).map((x) => FEATURE_NAMES[x.feature].toLowerCase());
  return features.length ? `  (${[...new Set(features)].join(', ')} owned twice)` : '';
}

/** One feature owned twice: where, what that does to a request (overlapMeaning), and what it costs in this run so far. */
function OverlapItem({ o, ownership, topology, meter, buckets, onShow }: { o: Overlap; ownership: Ownership; topology: Topology; meter: RetryCostMeter; buckets: readonly SeriesBucket[]; onShow: () => void }) {
  const meaning = overlapMeaning(o, ownership.paths);
  let cost: string;
  if (o.feature === 'retries') {
    const { first, last } = retryEdges(topology, ownership.paths, o);
    const c = meter.measure(first, last, buckets);
    const n = (v: number) => formatNumber(v, 1);
    const measured: string[] = [];
    if (Number.isFinite(c.now)) measured.push(`${n(c.now)} attempts at ${o.service} per user request in the last second (${formatMoment(c.nowFromMs)} to ${formatMoment(c.nowToMs)})`);
    // The worst 5 s is the run's, from the worker's series up to this moment (it was of the frames
    // this view saw, so a link opened under load counted the seek's frames); its window is named
    // by both ends (it read "at worst (5 s to 15.5 s)", taken for a window from 5 s).
    if (Number.isFinite(c.worst)) measured.push(`${n(c.worst)} in the worst 5 s (${formatMoment(c.worstFromMs)} to ${formatMoment(c.worstAt)})`);
    if (Number.isFinite(c.run)) measured.push(`${n(c.run)} over the run so far`);
    cost = measured.length ? measured.join(', ') : 'no requests through it yet';
    // The ceiling, where the meaning above does not already end on it ("... = 27 tries at payments
    // for one request whose every try fails"): said twice, the box ran to five lines at 1024x768.
    if (!meaning.includes(`= ${o.worstTries} attempts at ${o.service} `)) cost += `; up to ${formatNumber(o.worstTries ?? NaN)} attempts at ${o.service} per user request when every attempt fails`;
    // A window counts the tries that land in it per request that came in during it, so while a
    // failure starts (retry-storm's first second of the outage reads 56.6) or in a busy window it
    // can pass the config's per-request ceiling. Said where it happens, so it does not read as a
    // contradiction.
    const ceiling = o.worstTries;
    if (ceiling !== undefined && [c.now, c.worst].some((v) => Math.round(v * 10) / 10 > ceiling)) cost += `; a window can pass ${formatNumber(ceiling)}: retries of earlier requests land in it`;
  } else if (o.causes.length) {
    const c = causeShare(buckets, o.causes);
    cost = c.ended > 0 ? `${formatPercent(c.share)} of user requests so far failed with ${o.causes.join(' or ')}` : `no requests ended yet (its cost: ${o.causes.join(', ')})`;
  } else cost = '';
  return (
    <li className="ownership-overlap" data-testid="ownership-overlap" data-feature={o.feature}>
      <strong>
        {FEATURE_NAMES[o.feature]} owned by {o.layers.map((l) => LAYER_NAMES[l]).join(' and ')}
      </strong>
      {ownership.paths.length > 1 && (
        <button type="button" className="button button-quiet button-small" onClick={onShow}>
          show path
        </button>
      )}
      <span className="ownership-where">{o.summary}</span>
      {meaning && (
        <span className="ownership-meaning" data-testid="ownership-meaning">
          {meaning}
        </span>
      )}
      {cost && (
        <span className="ownership-cost" data-testid="ownership-cost">
          Cost: {cost}
        </span>
      )}
    </li>
  );
}
