// What the colours and shapes mean, next to the picture they explain. Mesh entries appear only
// when the scenario has a mesh; the canvas view (large topologies) explains its tiles, squares
// and rings instead of the SVG's boxes; while the worker samples dots, it says how many
// messages a dot stands for.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { drawerStore } from '../charts/drawerState';
import { inspectorStore } from '../inspector/inspectorStore';
import { Meaning } from '../theme/palette';
import { useAppStore, useServices } from '../state/useAppStore';
import { LARGE_TOPOLOGY_NODES } from '../topology/groupLayout';
import { HIGHLIGHT, NODE_STATE_FILLS } from '../topology/canvasScene';
import { legendOpenByDefault } from './legendDefault';
import { MTLS_MARK_TITLE, mtlsShackle } from '../topology/mtlsMark';
import { SATURATED_WAIT_MS } from '../../workers/protocol';

/**
 * The legend's line about sampling: null when every message in flight is drawn, else what one
 * dot stands for. `every` is the frame's `dotEvery`. Pure.
 */
export function samplingText(every: number): string | null {
  return every > 1 ? `1 dot ≈ ${every.toLocaleString('en-US')} requests or answers` : null;
}

/**
 * True where the legend starts folded whatever the window and the kept choice (the compare view's
 * panes, where the open list would take a third of each picture at 1600x1000).
 */
export const LegendFoldedByDefault = createContext(false);

export function Legend() {
  const meshed = useAppStore((s) => s.info?.topology.nodes.some((n) => n.sidecar) ?? false);
  const mtls = useAppStore((s) => s.info?.topology.edges.some((e) => e.mtls) ?? false);
  // The peer-authentication modes some box's chip shows (mtlsMark.ts), listed when both are drawn.
  const strict = useAppStore((s) => s.info?.topology.nodes.some((n) => n.mtls === 'STRICT') ?? false);
  const permissive = useAppStore((s) => s.info?.topology.nodes.some((n) => n.mtls === 'PERMISSIVE') ?? false);
  const large = useAppStore((s) => (s.info?.topology.nodes.length ?? 0) > LARGE_TOPOLOGY_NODES);
  // Only while some sidecar is saturated, as the picture marks it: always listed, it took the open
  // legend to a third row at 1600x1000 (firstrun.spec), for a state most runs never reach.
  const saturated = useAppStore((s) => (s.stats.proxyWaitMs ?? 0) >= SATURATED_WAIT_MS);
  const every = useDotEvery();
  const sampled = samplingText(every);
  const presenter = useAppStore((s) => s.presenter);
  const folded = useContext(LegendFoldedByDefault);
  const [choice, setChoice] = useState<boolean | null>(() => (folded ? false : keptChoice()));
  // Folded or open by default follows the window's size.
  const [, setWindowSize] = useState('');
  useEffect(() => {
    const onResize = () => setWindowSize(`${window.innerWidth}x${window.innerHeight}`);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const drawerOpen = useStore(drawerStore, (s) => s.open);
  // A request's waterfall in the inspector: the picture is 60% wide, where the open legend took 5 rows.
  const requestInspected = useStore(inspectorStore, (s) => s.open && s.target?.kind === 'request');
  const open = choice ?? legendOpenByDefault(window.innerWidth, window.innerHeight, presenter, drawerOpen, requestInspected);
  const toggle = () => {
    setChoice(!open);
    try {
      window.localStorage.setItem(LEGEND_KEY, open ? 'closed' : 'open');
    } catch {
      // Storage refused (private mode): the choice lasts this page only.
    }
  };
  const sampling = sampled && (
    <li className="legend-sampled" data-testid="legend-sampling" title={`more messages are in flight than can be drawn: every ${every}th one (by the order they were sent) is drawn`}>
      {sampled}
    </li>
  );
  // The bar (the button, and while folded the sampling line) beside the topology's tools; the
  // open list on a row of its own under them, the whole width of the picture (styles.css).
  return (
    <>
      <div className={`legend-bar${open ? ' legend-bar-open' : ''}`} data-testid="legend-bar">
        <button
          type="button"
          className="legend-toggle button button-quiet button-small"
          data-testid="legend-toggle"
          aria-expanded={open}
          aria-controls="topology-legend"
          title={open ? 'Fold the legend away, for more room for the picture' : 'What the colours and shapes of the picture mean'}
          onClick={toggle}
        >
          Legend <span aria-hidden="true">{open ? '▴' : '▾'}</span>
        </button>
        {!open && sampling && <ul className="legend legend-folded">{sampling}</ul>}
      </div>
      {open && <LegendList large={large} meshed={meshed} mtls={mtls} modes={{ strict, permissive }} saturated={saturated} sampling={sampling} />}
    </>
  );
}

/** Where the legend's open or folded state is kept in this browser. */
const LEGEND_KEY = 'meshsim.legend';

/** The open or folded state a person chose last in this browser, or null for the default. */
function keptChoice(): boolean | null {
  try {
    const kept = window.localStorage?.getItem(LEGEND_KEY);
    return kept === 'open' ? true : kept === 'closed' ? false : null;
  } catch {
    return null;
  }
}

function LegendList({ large, meshed, mtls, modes, saturated, sampling }: { large: boolean; meshed: boolean; mtls: boolean; modes: { strict: boolean; permissive: boolean }; saturated: boolean; sampling: ReactNode }) {
  return (
    <ul className="legend" id="topology-legend" aria-label="Legend" data-testid="legend">
      <li title="a request on its way to the callee">
        <span className="legend-dot" style={{ background: Meaning.request }} /> request
      </li>
      <li title="an answer on its way back to the caller">
        <span className="legend-dot" style={{ background: Meaning.response }} /> response
      </li>
      <li title="a retry, or the answer of a failed try that its router will retry: the call may still end ok">
        <span className="legend-dot" style={{ background: Meaning.retry }} /> retry (try failed, call goes on)
      </li>
      <li title="the answer that fails the call: no retry follows it">
        <span className="legend-dot legend-dot-failed" style={{ background: Meaning.failed }} /> call failed
      </li>
      <li title="a request the inspector keeps for sure (one in 20 sent): a click on its dot, even in flight, opens its waterfall in the inspector" data-legend="ringed">
        <span className="legend-dot legend-dot-ringed" style={{ background: Meaning.request }} /> ringed: click to follow
      </li>
      <li title="playing, messages faster than a screen frame at this speed light up their lane instead; paused, a lane is lit when the link carried traffic in the last second and has none on the wire now (the same at a moment however it was reached)">
        <span className="legend-dash" style={{ borderColor: Meaning.request }} /> too fast to see
      </li>
      <li title="a link's figure: requests sent per second over the last second of simulated time, to the tenth: every attempt, retries included, answered yet or not, as Envoy's upstream_rq_total counts them (a flood into a saturated service reads as the flood; the inspector's calls ended/s, a retried call once, beside it); its N% retries says the share of the calls ended's attempts that were retries. The same at a moment however it was reached" data-testid="legend-rate">
        req/s: attempts sent, last 1 s
      </li>
      <li title="what the story's step points at: a yellow halo round a node, a yellow band under a link (not a state: a highlighted node may be doing well)" data-legend="highlight">
        <span className="legend-square" style={{ background: HIGHLIGHT.fill, border: `1.5px solid ${HIGHLIGHT.stroke}` }} /> story points here
      </li>
      {sampling}
      <li className="legend-sep" aria-hidden="true" />
      {large ? (
        <>
          <li title="a group: a mesh's services of one name family (svc-042 is in family svc), in blocks of 100">
            <span className="legend-tile" /> group
          </li>
          <li title="a group tile turns red when over 1% of the calls into it fail">
            <span className="legend-tile" style={{ borderColor: Meaning.failed }} /> group failing
          </li>
          <li title="a node, its fill darker as more of its workers are busy">
            <span className="legend-square" style={{ background: NODE_STATE_FILLS[3] }} /> busy node
          </li>
          <li title="proxies with stale config">
            <span className="legend-square" style={{ background: 'var(--queued)' }} /> stale config
          </li>
          <li title="proxies with no config">
            <span className="legend-square" style={{ background: 'var(--failed)' }} /> no config
          </li>
          {saturated && (
            <li title="a node whose sidecars cannot keep up: a new message would wait 50 ms or more; its label says about how many wait" data-legend="saturated">
              <span className="legend-square" style={{ background: NODE_STATE_FILLS[8], border: '2.5px solid var(--queued)' }} /> saturated
            </li>
          )}
          <li title="some replicas down (grey), or all of them (light grey)">
            <span className="legend-square" style={{ background: NODE_STATE_FILLS[6] }} /> replicas down
          </li>
          <li title="replicas its callers' outlier detection has ejected: a dashed grey ring, or grey dashed folds when zoomed in; the label says when the first comes back">
            <span className="legend-square" data-legend="ejected" style={{ background: 'var(--down)', border: '1.5px dashed var(--muted)' }} /> ejected
          </li>
          <li title="a red ring: over 1% of the calls into this node fail, or a fault acts on it">
            <span className="legend-ring" /> failing / faulted
          </li>
        </>
      ) : (
        <>
          <li>
            <span className="legend-pip" style={{ background: Meaning.busy }} /> busy worker
          </li>
          <li>
            <span className="legend-queue" style={{ background: Meaning.queued }} /> queued request
          </li>
          <li>
            <span className="legend-cards" aria-hidden="true" /> cards = replicas
          </li>
        </>
      )}
      {meshed && !large && (
        <>
          <li className="legend-sep" aria-hidden="true" />
          <li>
            <Hex state="" /> sidecar proxy
          </li>
          <li>
            <Hex state="stale" /> stale config
          </li>
          <li>
            <Hex state="none" /> no config
          </li>
          {saturated && (
            <li title="a sidecar whose workers cannot keep up: a new message would wait 50 ms or more; the line under the service says about how many wait">
              <Hex state="saturated" /> saturated
            </li>
          )}
          <li title="a replica its callers' outlier detection has ejected; the box says when it comes back">
            <Hex state="ejected" /> ejected
          </li>
        </>
      )}
      {mtls && (
        // The lock and the broken lock as one item, so they wrap together: at 1024x768
        // 'handshake failed' took the last row alone (session 26).
        <li className="legend-pair">
          <span title="a link with a lock carries mutual TLS between two proxies in a mesh; a link without one carries plaintext (the Ownership tab's mTLS row says 'no mTLS: plaintext' there)">
            <svg className="legend-icon" viewBox="-12 -12 24 24" aria-hidden="true">
              <path className="topo-lock-shackle" d="M-3.6,-1.5 V-4.2 A3.6,3.6 0 0 1 3.6,-4.2 V-1.5" />
              <rect className="topo-lock-body" x={-5.5} y={-1.5} width={11} height={8} rx={1.5} />
            </svg>
            mutual TLS
          </span>
          <span title="TLS handshakes on this link failed in the last second of simulated time (unknown CA, expired or missing certificate, plaintext refused)">
            <svg className="legend-icon" viewBox="-13 -13 26 26" aria-hidden="true">
              <circle className="topo-lock-back topo-lock-broken-back" r={12} />
              <path className="topo-lock-shackle topo-lock-broken-shackle" d="M-3.6,-1.5 V-4.2 A3.6,3.6 0 0 1 3.6,-4.2 V-6.5" />
              <rect className="topo-lock-body topo-lock-broken-body" x={-5.5} y={-1.5} width={11} height={8} rx={1.5} />
              <path className="topo-lock-crack" d="M-1,-1.5 L1.2,1.6 L-0.8,3.4 L1,6.5" />
            </svg>
            handshake failed
          </span>
        </li>
      )}
      {/* Only where boxes differ: a legend line for one mode told nothing the chips' tooltips don't, and its third row
          shortened the stage at 1600x1000 until retry-storm's bands of 4 became one row (recipe.spec, session 53's CI). */}
      {modes.strict && modes.permissive && (
        // A box's mTLS chip: the mode its sidecars hold (Istio PeerAuthentication); none without sidecars.
        <li className="legend-pair" data-legend="mtls-mode">
          {modes.strict && (
            <span title={MTLS_MARK_TITLE.STRICT}>
              <ModeChip mode="STRICT" /> STRICT: mTLS only
            </span>
          )}
          {modes.permissive && (
            <span title={MTLS_MARK_TITLE.PERMISSIVE}>
              <ModeChip mode="PERMISSIVE" /> PERMISSIVE: plaintext too
            </span>
          )}
        </li>
      )}
    </ul>
  );
}

/** The lock chip a box wears for its mTLS mode (mtlsMark.ts), without its word. */
function ModeChip({ mode }: { mode: 'STRICT' | 'PERMISSIVE' }) {
  return (
    <svg className={`legend-mtls-chip topo-mtls topo-mtls-${mode.toLowerCase()}`} viewBox="-1 -8 20 16" aria-hidden="true">
      <rect className="topo-mtls-chip" y={-7} width={18} height={14} rx={7} />
      <g transform="translate(9,1)">
        <path className="topo-mtls-shackle" d={mtlsShackle(mode)} />
        <rect className="topo-mtls-body" x={-4} y={-1.5} width={8} height={6} rx={1} />
      </g>
    </svg>
  );
}

/** The latest frame's `dotEvery`, re-rendering only when it changes. */
function useDotEvery(): number {
  const { frames } = useServices();
  const [every, setEvery] = useState(frames.latest?.dotEvery ?? 1);
  useEffect(() => frames.subscribe((f) => setEvery(f.dotEvery ?? 1)), [frames]);
  return every;
}

function Hex({ state }: { state: '' | 'stale' | 'none' | 'ejected' | 'saturated' }) {
  return (
    <svg className="legend-icon" viewBox="-12 -12 24 24" aria-hidden="true">
      <polygon className={`topo-hex${state ? ` topo-hex-${state}` : ''}`} points="7.8,4.5 0,9 -7.8,4.5 -7.8,-4.5 0,-9 7.8,-4.5" />
    </svg>
  );
}
