// A gateway's CPU since the start and the share its retries cost, under its replica table: the figures of `run`'s
// gateway table (cpu, retry cpu; src/cli/table.ts), which the app did not show (session 43).
import type { NodeInspect } from '../../workers/protocol';
import { formatCount } from '../format';
// The same words for the same number as `run` prints it ("17.6%", "-" when it used no CPU).
import { shareText } from '../../models/shareText';

/**
 * A gateway's CPU in all since the start (its replicas' busy time, "0.53 s" as `run` prints it) and its upstream
 * retries' share of it with how many it made ("17.6% of it, 347 retries"); nothing for a node that is not a gateway.
 * The replica table's util beside it is each replica's share of its workers over the last simulated second.
 */
export function GatewayCpu({ node }: { node: NodeInspect }) {
  const g = node.gatewayCpu;
  if (!g) return null;
  const share = g.cpuMs > 0 ? g.retryCpuMs / g.cpuMs : null;
  return (
    <dl className="inspect-figures" data-testid="gateway-cpu">
      <dt title="its replicas' workers' busy time since the start, in CPU seconds: run's gateway cpu column">CPU since the start</dt>
      <dd data-testid="gateway-cpu-total" data-ms={g.cpuMs}>{`${(g.cpuMs / 1000).toFixed(2)} s`}</dd>
      <dt title="the part of that CPU its upstream retries cost (each retryCpuShare × its mean cpuPerRequest): run's gateway retry cpu column">of it for retries</dt>
      <dd data-testid="gateway-retry-cpu" data-share={share ?? undefined}>
        {shareText(share)}
        {g.retries > 0 ? `, ${formatCount(g.retries)} ${g.retries === 1 ? 'retry' : 'retries'}` : ', no retry'}
      </dd>
    </dl>
  );
}
