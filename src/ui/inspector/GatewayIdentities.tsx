// The inspector's lines for a gateway's own certificates (DOMAIN.md idea 4: a gateway bridging
// two meshes holds an identity in each), under its replica table.
import type { NodeInspect } from '../../workers/protocol';
import { identityLines } from './identityText';

/**
 * A gateway's identities, one line each (identityLines); nothing for a node that is not a
 * gateway or a gateway outside any mesh. Every replica holds the same ones, and the heading says so.
 */
export function GatewayIdentities({ node }: { node: NodeInspect }) {
  const ids = node.identities ?? [];
  if (ids.length === 0) return null;
  const lines = identityLines(ids, node.simTime, node.upstreams.map((u) => u.callee));
  const head = ids.length > 1 ? `Its identities (it bridges ${ids.length} meshes; each replica holds ${ids.length === 2 ? 'both' : `all ${ids.length}`}):` : 'Its identity (each replica holds it):';
  return (
    <div className="inspect-identities" data-testid="inspect-identities">
      <p className="inspect-identities-head">{head}</p>
      <ul>
        {lines.map((l) => (
          <li key={l.mesh} data-testid="inspect-identity" data-mesh={l.mesh} title={l.title}>
            {l.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
