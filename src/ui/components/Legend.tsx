// What the colours and shapes mean, next to the picture they explain. Mesh entries appear only
// when the scenario has a mesh.
import { Meaning } from '../theme/palette';
import { useAppStore } from '../state/useAppStore';

export function Legend() {
  const meshed = useAppStore((s) => s.info?.topology.nodes.some((n) => n.sidecar) ?? false);
  const mtls = useAppStore((s) => s.info?.topology.edges.some((e) => e.mtls) ?? false);
  return (
    <ul className="legend" aria-label="Legend" data-testid="legend">
      <li>
        <span className="legend-dot" style={{ background: Meaning.request }} /> request
      </li>
      <li>
        <span className="legend-dot" style={{ background: Meaning.response }} /> response
      </li>
      <li>
        <span className="legend-dot" style={{ background: Meaning.retry }} /> retry
      </li>
      <li>
        <span className="legend-dot legend-dot-failed" style={{ background: Meaning.failed }} /> failed
      </li>
      <li>
        <span className="legend-dash" style={{ borderColor: Meaning.request }} /> too fast to see
      </li>
      <li className="legend-sep" aria-hidden="true" />
      <li>
        <span className="legend-pip" style={{ background: Meaning.busy }} /> busy worker
      </li>
      <li>
        <span className="legend-queue" style={{ background: Meaning.queued }} /> queued request
      </li>
      <li>
        <span className="legend-cards" aria-hidden="true" /> cards = replicas
      </li>
      {meshed && (
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
        </>
      )}
      {mtls && (
        <li>
          <svg className="legend-icon" viewBox="-12 -12 24 24" aria-hidden="true">
            <path className="topo-lock-shackle" d="M-3.6,-1.5 V-4.2 A3.6,3.6 0 0 1 3.6,-4.2 V-1.5" />
            <rect className="topo-lock-body" x={-5.5} y={-1.5} width={11} height={8} rx={1.5} />
          </svg>
          mutual TLS
        </li>
      )}
    </ul>
  );
}

function Hex({ state }: { state: '' | 'stale' | 'none' }) {
  return (
    <svg className="legend-icon" viewBox="-12 -12 24 24" aria-hidden="true">
      <polygon className={`topo-hex${state ? ` topo-hex-${state}` : ''}`} points="7.8,4.5 0,9 -7.8,4.5 -7.8,-4.5 0,-9 7.8,-4.5" />
    </svg>
  );
}
