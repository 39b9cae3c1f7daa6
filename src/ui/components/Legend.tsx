// What the colours and shapes mean, next to the picture they explain.
import { Meaning } from '../theme/palette';

export function Legend() {
  return (
    <ul className="legend" aria-label="Legend" data-testid="legend">
      <li>
        <span className="legend-dot" style={{ background: Meaning.request }} /> request
      </li>
      <li>
        <span className="legend-dot" style={{ background: Meaning.response }} /> response
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
    </ul>
  );
}
