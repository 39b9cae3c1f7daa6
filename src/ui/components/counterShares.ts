// The counter strip's shares: ok and failed of the requests that ended, as a story step's lesson figure and the
// field's error rate count them; in flight of those sent.
import { percent } from '../../workers/figures';
import { formatCount } from '../format';

/** The strip's request counts at one moment (Stats: sent = ok + failed + in flight). */
export interface RequestCounts {
  sent: number;
  ok: number;
  failed: number;
  inFlight: number;
}

/** The three shares under OK, FAILED and IN FLIGHT, as the strip writes them. */
export interface CounterShares {
  /** Ok of ended: "85.9%" ("—" while none ended). */
  ok: string;
  /**
   * Failed of ended, with the count it divides: "14.1% of 64 ended", "17.9% of all 3,107 ended" where several clients
   * send ("none ended yet" while none did).
   */
  failed: string;
  /**
   * The same, short, for a strip 1280 px wide or less: "14.1% of ended", "17.9% of all ended" (the count in the
   * figure's title): "17.9% of all 3,107 ended" ran into IN FLIGHT at 1024x768.
   */
  failedShort: string;
  /** In flight of sent: "13.5% of sent" ("0%" with none sent). */
  inFlight: string;
}

/**
 * The counters' shares: ok and failed over the requests that ended (ok + failed), so ok and failed add up to 100%
 * and the failed share is the number a story's whole-run "user requests failing" figure gives at the same moment,
 * written alike ("14.1% of 64 ended", workers/figures.ts `percent`; session 53's T4 trial, 5: "14.1% of 64 ended" in
 * the story beside the counters' "12.2% of sent" read as two answers to one question). It is the field's error rate
 * too: Istio's dashboards and Kiali divide non-2xx responses by responses, and a request still in flight has none.
 * In flight keeps its share of sent ("13.5% of sent"): what has not ended yet. `clients`: how many clients send;
 * with more than one the failed share says "of all N ended", every client's, beside a story figure of one client's
 * ("4.9% of the 1,047 requests from searchers"). Negative or non-finite counts are taken as 0. Pure.
 */
export function counterShares(c: RequestCounts, clients = 1): CounterShares {
  const n = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
  const [sent, ok, failed, inFlight] = [n(c.sent), n(c.ok), n(c.failed), n(c.inFlight)];
  const ended = ok + failed;
  return {
    ok: ended > 0 ? percent(ok / ended) : '—',
    failed: ended > 0 ? `${percent(failed / ended)} of ${clients > 1 ? 'all ' : ''}${formatCount(ended)} ended` : 'none ended yet',
    failedShort: ended > 0 ? `${percent(failed / ended)} of ${clients > 1 ? 'all ' : ''}ended` : 'none ended',
    inFlight: sent > 0 ? `${percent(inFlight / sent)} of sent` : '0%',
  };
}
